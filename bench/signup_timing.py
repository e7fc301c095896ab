"""Benchmark: can the time a sign-up or a password reset takes tell whether an
address has an account?

    .venv/bin/python bench/signup_timing.py [--requests 30] [--postgres URL]

In-process with Django's test client, on a fresh SQLite database in a temporary
folder (migrated, then removed) or, with ``--postgres postgres://user@host:5432``,
a fresh database ``velkomst_signup_bench`` on that server (dropped at the end),
with what a server runs: the dev settings without
DEBUG, Django's real password hasher (PBKDF2) and the configured task queue. The
mail server is simulated: it takes MAIL_SERVER_MS per message, as a remote SMTP
server would, so e-mail sent inside the request shows in the request's time.

It posts, alternating the two kinds so that drift hits both alike, N sign-ups with
an address that has an account and N with a new one, then N password resets for
an address with an account and N for an unknown one; every request from its own
IP address (the rate limits are not what is measured). Between requests it waits
for the previous request's e-mail, so a send in the background does not slow the
next measurement. It prints the median and the 10th/90th percentiles in
milliseconds per kind, how many e-mails the request sent itself (rather than a
worker thread) and when they reached the mail server, and a one-line summary last.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MAIL_SERVER_MS = 30
PASSWORD = "a-long-bench-password-1"
WARM_UP = 3


POSTGRES_DATABASE = "velkomst_signup_bench"


def postgres_database(server: str, *, create: bool) -> str:
    """Create (or drop) the benchmark's own database; its URL."""
    import psycopg
    from psycopg import sql

    server = server.rstrip("/")
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        name = sql.Identifier(POSTGRES_DATABASE)
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        if create:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(name))
    return f"{server}/{POSTGRES_DATABASE}"


def settings_prepare(folder: Path, database_url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["DEBUG"] = "0"  # measure what production does
    os.environ["DATABASE_URL"] = database_url
    os.environ["REDIS_URL"] = ""  # this process's own cache, nobody else's limits
    os.environ["EMAIL_OUTBOX_DIR"] = str(folder / "outbox")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    # whitenoise warns that nothing was collected: static files are not measured.
    warnings.filterwarnings("ignore", message="No directory at")


class SlowMailServer:
    """An e-mail backend that keeps what it is given (Django's locmem outbox)
    after MAIL_SERVER_MS, and notes when each message arrived."""

    arrivals: list[float] = []
    in_request_thread = 0  # messages sent by the thread that runs the requests

    def __init__(self, *args, **kwargs):
        from django.core.mail.backends.locmem import EmailBackend

        self._backend = EmailBackend(*args, **kwargs)

    def open(self):
        return True

    def close(self):
        return None

    def send_messages(self, messages):
        time.sleep(MAIL_SERVER_MS / 1000 * len(messages))
        sent = self._backend.send_messages(messages)
        SlowMailServer.arrivals.extend([time.perf_counter()] * len(messages))
        if threading.current_thread() is threading.main_thread():
            SlowMailServer.in_request_thread += len(messages)
        return sent


def accounts_make(count: int) -> list[str]:
    """``count`` verified accounts sharing one password hash (hashing each would
    take as long as the measurement)."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    password = make_password(PASSWORD)
    addresses = [f"member{n}@bench.velkomst.example" for n in range(count)]
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"bench-{n}", email=address, password=password)
        for n, address in enumerate(addresses)
    )
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True)
        for user in users
    )
    return addresses


class Runner:
    def __init__(self) -> None:
        self.requests = 0
        self.handed_over: list[float] = []  # ms from the request's start

    def post(self, url: str, data: dict) -> float:
        """Milliseconds for one POST from a new visitor at a new IP address."""
        from django.core import mail
        from django.test import Client

        self.requests += 1
        ip = f"10.{self.requests // 250}.{self.requests % 250}.1"
        client = Client(REMOTE_ADDR=ip)
        expected = len(mail.outbox) + 1
        started = time.perf_counter()
        response = client.post(url, data)
        elapsed = time.perf_counter() - started
        if response.status_code != 302:
            sys.exit(f"signup_timing: ERROR {url} answered {response.status_code}")
        deadline = time.monotonic() + 10
        while len(mail.outbox) < expected:
            if time.monotonic() > deadline:
                sys.exit(f"signup_timing: ERROR no e-mail after {url}")
            time.sleep(0.002)
        self.handed_over.append((SlowMailServer.arrivals[-1] - started) * 1000)
        return elapsed * 1000


def figures(label: str, times: list[float]) -> float:
    deciles = statistics.quantiles(times, n=10)
    median = statistics.median(times)
    print(
        f"  {label:<34} median {median:7.1f} ms   "
        f"p10 {deciles[0]:7.1f}   p90 {deciles[-1]:7.1f}   (n={len(times)})"
    )
    return median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30, metavar="N")
    parser.add_argument("--postgres", metavar="URL", help="a PostgreSQL server")
    args = parser.parse_args()
    try:
        run(args.requests, args.postgres)
    finally:
        if args.postgres:
            from django.db import connections

            connections.close_all()
            postgres_database(args.postgres, create=False)


def run(n: int, postgres: str | None) -> None:
    with tempfile.TemporaryDirectory(prefix="velkomst-signup-bench-") as folder:
        if postgres:
            database_url = postgres_database(postgres, create=True)
        else:
            database_url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        settings_prepare(Path(folder), database_url)
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.test.utils import override_settings, setup_test_environment
        from django.urls import reverse

        setup_test_environment()  # the locmem outbox
        engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        print(f"signup_timing: migrating a fresh {engine} database ...", flush=True)
        call_command("migrate", verbosity=0, interactive=False)

        existing = accounts_make(2 * n + 2 * WARM_UP)
        fresh = (f"new{i}@bench.velkomst.example" for i in range(10 * n))
        unknown = (f"nobody{i}@bench.velkomst.example" for i in range(10 * n))
        signup_url = reverse("account_signup")
        reset_url = reverse("account_reset_password")

        def signup(address: str) -> dict:
            return {
                "display_name": "Bench",
                "email": address,
                "password1": PASSWORD,
                "password2": PASSWORD,
                "accept_guidelines": "on",
            }

        runner = Runner()
        times: dict[str, list[float]] = {
            "sign-up, address has an account": [],
            "sign-up, new address": [],
            "reset, address has an account": [],
            "reset, unknown address": [],
        }
        labels = list(times)
        with override_settings(EMAIL_BACKEND=f"{__name__}.SlowMailServer"):
            hasher = settings.PASSWORD_HASHERS[0].rsplit(".", 1)[-1]
            for i in range(WARM_UP + n):
                pairs = [
                    (labels[0], signup_url, signup(existing.pop())),
                    (labels[1], signup_url, signup(next(fresh))),
                    (labels[2], reset_url, {"email": existing.pop()}),
                    (labels[3], reset_url, {"email": next(unknown)}),
                ]
                if i % 2:  # alternate which kind goes first
                    pairs = [pairs[1], pairs[0], pairs[3], pairs[2]]
                for label, url, data in pairs:
                    elapsed = runner.post(url, data)
                    if i >= WARM_UP:
                        times[label].append(elapsed)

        print(
            f"Sign-up and password reset on {engine}, {n} requests per kind, "
            f"hasher {hasher}, "
            f"mail server {MAIL_SERVER_MS} ms per message, "
            f"tasks {settings_tasks_backend(settings)}:"
        )
        medians = {label: figures(label, values) for label, values in times.items()}
        handed = statistics.median(runner.handed_over)
        inside = SlowMailServer.in_request_thread
        print(
            f"  e-mail sent by the request itself: {inside} of "
            f"{len(runner.handed_over)}; it reached the mail server a median "
            f"{handed:.1f} ms after the request started"
        )
        signup_gap = medians[labels[1]] - medians[labels[0]]
        reset_gap = medians[labels[2]] - medians[labels[3]]
        print(
            f"signup_timing: sign-up {medians[labels[0]]:.1f} ms (has account) vs "
            f"{medians[labels[1]]:.1f} ms (new), gap {signup_gap:+.1f} ms; "
            f"reset {medians[labels[2]]:.1f} ms (has account) vs "
            f"{medians[labels[3]]:.1f} ms (unknown), gap {reset_gap:+.1f} ms"
        )


def settings_tasks_backend(settings) -> str:
    backends = getattr(settings, "TASKS", None) or {}
    backend = backends.get("email") or backends.get("default") or {}
    return backend.get("BACKEND", "none configured").rsplit(".", 1)[-1]


if __name__ == "__main__":
    main()
