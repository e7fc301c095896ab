"""Benchmark: public pages for an anonymous visitor, with and without the page
cache (cms_pages/page_cache.py).

    .venv/bin/python bench/pages.py [--requests 200]

Uses ``DATABASE_URL`` when set, else its own SQLite file (var/bench-pages.sqlite3),
migrated and loaded with the demo content on the first run. One visitor asks for
each page in sequence, in-process through Django's test client with DEBUG off
(what production runs, less the network). Rounds alternate between the cache
turned off (every visit draws the page) and on (the first visit draws and keeps
it), so machine noise hits both alike. Prints p50/p95 per page and the ratio of
medians, and a summary line last:
``pages: home_p50_ms=… information_p50_ms=… ideas_p50_ms=… events_p50_ms=…``
(with the cache).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault(
    "DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench-pages.sqlite3'}"
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ["DEBUG"] = "0"
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")

ROUNDS = 10


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=200, help="per page and mode")
    args = parser.parse_args()
    (ROOT / "var").mkdir(exist_ok=True)

    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import override_settings

    from cms_pages.models import (
        ActivityIdeaIndexPage,
        EventIndexPage,
        HomePage,
        InformationPage,
    )

    call_command("migrate", verbosity=0, interactive=False)
    if not HomePage.objects.exists():
        call_command("seed_demo", verbosity=0)
    english = {"locale__language_code": "en"}
    pages = {
        "home": HomePage.objects.live().filter(**english).first().url,
        "information": InformationPage.objects.live().filter(**english).first().url,
        "ideas": ActivityIdeaIndexPage.objects.live().filter(**english).first().url,
        "events": EventIndexPage.objects.live().filter(**english).first().url,
    }
    client = Client()
    times: dict[tuple[str, str], list[float]] = {}
    per_round = max(args.requests // ROUNDS, 1)
    for _round in range(ROUNDS):
        for mode, seconds in (("drawn", 0), ("cached", 300)):
            with override_settings(VELKOMST_PAGE_CACHE_SECONDS=seconds):
                cache.clear()
                for name, url in pages.items():
                    for _ in range(per_round):
                        started = time.perf_counter()
                        response = client.get(url)
                        elapsed = (time.perf_counter() - started) * 1000
                        if response.status_code != 200:
                            sys.exit(
                                f"pages: ERROR {url} answered {response.status_code}"
                            )
                        times.setdefault((name, mode), []).append(elapsed)
    print(
        f"database {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}, "
        f"{per_round * ROUNDS} visits per page and mode, load average "
        f"{os.getloadavg()[0]:.2f}"
    )
    columns = (("drawn p50", 10), ("p95", 8), ("cached p50", 12), ("p95", 8))
    print(f"{'page':<12}" + "".join(f"{h:>{w}}" for h, w in columns) + "   ratio")
    summary = []
    for name in pages:
        drawn, cached = times[(name, "drawn")], times[(name, "cached")]
        drawn_p50, cached_p50 = statistics.median(drawn), statistics.median(cached)
        print(
            f"{name:<12}{drawn_p50:>10.2f}{_p95(drawn):>8.2f}"
            f"{cached_p50:>12.2f}{_p95(cached):>8.2f}{drawn_p50 / cached_p50:>7.1f}x"
        )
        summary.append(f"{name}_p50_ms={cached_p50:.2f}")
    print("pages: " + " ".join(summary))


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


if __name__ == "__main__":
    main()
