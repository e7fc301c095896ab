"""Benchmark: the member directory and suggestions over 100,000 profiles.

    .venv/bin/python bench/members.py [--rebuild] [--requests 200]

PostgreSQL only (``DATABASE_URL``, default
``postgres://postgres@127.0.0.1:5432/velkomst_bench``; the database is created if
missing and migrated). The first run generates 100,000 members with realistic tag
distributions with COPY; later runs reuse them (``--rebuild`` starts afresh).

It then requests, in-process with Django's test client as signed-in members, the
first page of ``/members/`` filtered by a language and the member's region and
ranked by score, and ``/members/suggested/``; and, for the same members, taggit's
``profile.interests.similar_objects()``, the naive way to find "members like me".
Suggestions are measured warm (each member's shortlist stored beforehand, as
the scheduled job keeps it; the time to work one out is printed too) and cold
(nothing stored: worked out within the request, as on a first visit). It prints
p50/p95 in milliseconds, queries per request, the load average around the runs
(other work on the machine skews them) and the ratio of medians, and a one-line
summary last.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import statistics
import sys
import time
import warnings
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/velkomst_bench"
PROFILES = 100_000
EMAIL_DOMAIN = "bench.velkomst.example"
SEED = 20_260_101
BASELINE_BUDGET_S = 90.0  # similar_objects() is slow by design; cap its runs

os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ["DEBUG"] = "0"  # measure what production does: no debug cursor
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")


def fail(message: str) -> None:
    print(f"members: ERROR {message}", file=sys.stderr)
    sys.exit(1)


# --- The database ------------------------------------------------------------------


def database_ensure(url: str, *, rebuild: bool) -> None:
    """Create the benchmark database if it is missing (drop it first on rebuild)."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    maintenance = parts._replace(path="/postgres").geturl()
    with psycopg.connect(maintenance, autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if exists and rebuild:
            conn.execute(
                sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name))
            )
            exists = None
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"Created database {name}.")


# --- Realistic members -------------------------------------------------------------

# Rough populations (thousands) of the larger municipalities; the rest weigh 45.
# Drawing municipalities by these weights also weights the regions by population.
POPULATION = {
    "København": 650, "Aarhus": 370, "Aalborg": 220, "Odense": 210, "Vejle": 120,
    "Esbjerg": 115, "Frederiksberg": 105, "Randers": 100, "Viborg": 97,
    "Silkeborg": 95, "Kolding": 95, "Horsens": 92, "Herning": 90, "Roskilde": 90,
    "Næstved": 84, "Slagelse": 80, "Gentofte": 75, "Sønderborg": 73, "Holbæk": 73,
    "Gladsaxe": 70, "Hjørring": 64, "Helsingør": 63, "Guldborgsund": 60,
    "Køge": 62, "Frederikshavn": 59, "Svendborg": 59, "Holstebro": 59,
    "Læsø": 2, "Fanø": 3.5, "Samsø": 3.7, "Ærø": 6,
}  # fmt: skip
FREE_INTERESTS = [
    "Padel", "Bouldering", "Climbing", "Cricket", "Badminton", "Handball",
    "Kayaking", "Podcasts", "Anime", "Vegan food", "Meditation", "Astronomy",
]  # fmt: skip


def zipf_weights(n: int, s: float = 1.0) -> list[float]:
    return [1 / (rank**s) for rank in range(1, n + 1)]


class Generator:
    """Draws one member at a time; facet tags are lists of (tag id, bit)."""

    def __init__(self, rng: random.Random) -> None:
        from community.models import (
            HopeTag,
            InterestTag,
            LanguageTag,
            Municipality,
            ProfessionTag,
        )
        from community.services.tags import tag_get_or_create

        self.rng = rng
        self.municipalities = list(Municipality.objects.order_by("code"))
        self.municipality_weights = [
            POPULATION.get(m.name, 45) for m in self.municipalities
        ]
        languages = list(LanguageTag.objects.exclude(bit=None).order_by("bit"))
        self.language = {tag.code: (tag.pk, tag.bit) for tag in languages}
        # Mother tongues of newcomers: every language but Danish, most common first.
        self.native = [(t.pk, t.bit) for t in languages if t.code not in ("da",)]
        self.native_weights = zipf_weights(len(self.native), 0.9)
        self.extra = [(t.pk, t.bit) for t in languages if t.code in EXTRA_LANGUAGES]
        for name in FREE_INTERESTS:
            tag_get_or_create(InterestTag, name=name)
        interests = list(InterestTag.objects.order_by("-curated", "bit", "pk"))
        self.interests = [(t.pk, t.bit) for t in interests]
        self.interest_weights = zipf_weights(len(self.interests), 0.8)
        professions = list(ProfessionTag.objects.order_by("bit", "pk"))
        self.professions = [(t.pk, t.bit) for t in professions]
        self.profession_weights = zipf_weights(len(self.professions), 0.8)
        hopes = list(HopeTag.objects.order_by("bit", "pk"))
        self.hopes = [(t.pk, t.bit) for t in hopes]
        self.hope_weights = zipf_weights(len(self.hopes), 0.7)

    def _sample(self, population, weights, k: int) -> list:
        chosen: dict = {}
        while len(chosen) < k:
            for item in self.rng.choices(population, weights, k=k - len(chosen)):
                chosen[item] = None
        return list(chosen)

    def languages(self, is_host: bool) -> dict[tuple[int, int], str]:
        """(tag id, bit) → level. Most speak English and Danish at some level."""
        rng = self.rng
        da, en = self.language["da"], self.language["en"]
        levels: dict[tuple[int, int], str] = {}
        if is_host:
            if rng.random() < 0.93:
                levels[da] = "native"
            else:
                levels[rng.choice(self.native)] = "native"
                levels[da] = "fluent"
            roll = rng.random()
            if roll < 0.8:
                levels[en] = "fluent"
            elif roll < 0.96:
                levels[en] = "conversational"
            if rng.random() < 0.35:
                levels.setdefault(rng.choice(self.extra), "conversational")
        else:
            native = rng.choices(self.native, self.native_weights)[0]
            levels[native] = "native"
            roll = rng.random()
            levels.setdefault(
                en, "fluent" if roll < 0.85 else "conversational" if roll < 0.95 else ""
            )
            roll = rng.random()
            levels[da] = (
                "learning" if roll < 0.6 else "conversational" if roll < 0.72 else ""
            )
            if rng.random() < 0.3:
                levels.setdefault(rng.choice(self.extra), "conversational")
        return {tag: level for tag, level in levels.items() if level}

    def member(self, *, pk: int, user_id: int, now) -> tuple[dict, dict]:
        rng = self.rng
        is_host = rng.random() < 0.45
        municipality = rng.choices(self.municipalities, self.municipality_weights)[0]
        household = rng.choices(["single", "couple", "family"], [35, 30, 35])[0]
        family = household == "family"
        languages = self.languages(is_host)
        # A few members stopped half-way through the profile set-up.
        n_interests = rng.choice([0, 1, 2]) if rng.random() < 0.03 else None
        if n_interests is None:
            n_interests = rng.randint(3, 8)
        interests = self._sample(self.interests, self.interest_weights, n_interests)
        professions = self._sample(
            self.professions, self.profession_weights, rng.choice([1, 1, 1, 2])
        )
        hopes = self._sample(self.hopes, self.hope_weights, rng.randint(1, 3))
        capacity = rng.choices([1, 2, 3], [55, 35, 10])[0] if is_host else 1
        joined = now - timedelta(days=rng.randint(0, 720), minutes=rng.randint(0, 1440))
        spoken = [bit for (_pk, bit), lvl in languages.items() if lvl != "learning"]
        learning = [bit for (_pk, bit), lvl in languages.items() if lvl == "learning"]
        profile = {
            "id": pk,
            "user_id": user_id,
            "role": "host" if is_host else "newcomer",
            "display_name": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            "about": rng.choice(ABOUTS),
            "age_group": rng.choices(
                [1, 2, 3, 4, 5, 6],
                [10, 22, 24, 20, 16, 8] if is_host else [22, 46, 22, 7, 2, 1],
            )[0],
            "household": household,
            "children_0_5": family and rng.random() < 0.5,
            "children_6_12": family and rng.random() < 0.55,
            "children_13_17": family and rng.random() < 0.3,
            "municipality_id": municipality.pk,
            "time_per_month": rng.choice(["1", "1-2", "1-2", "2-4"]) if is_host else "",
            "capacity": capacity,
            "active_match_count": rng.randint(0, capacity) if is_host else 0,
            "arrival_date": None
            if is_host
            else (now - timedelta(days=rng.randint(0, 365))).date(),
            "is_available": rng.random() < 0.95,
            "guidelines_version": 1,
            "guidelines_accepted_at": joined,
            "expectations_version": 1 if rng.random() < 0.8 else None,
            "expectations_confirmed_at": joined,
            "spoken_mask": mask_of(spoken),
            "learning_mask": mask_of(learning),
            "profession_mask": mask_of(bit for _pk, bit in professions),
            "interest_mask": mask_of(bit for _pk, bit in interests),
            "hope_mask": mask_of(bit for _pk, bit in hopes),
            # services.tags.profile_masks_refresh: complete and not deleted.
            "is_listed": bool(languages) and len(interests) >= 3,
            "created_at": joined,
            "updated_at": joined,
            "last_active_at": now - timedelta(minutes=rng.randint(1, 60 * 24 * 60)),
        }
        if profile["expectations_version"] is None:
            profile["expectations_confirmed_at"] = None
        tags = {
            "languages": [(pk, tag, level) for (tag, _b), level in languages.items()],
            "interests": [(pk, tag) for tag, _b in interests],
            "professions": [(pk, tag) for tag, _b in professions],
            "hopes": [(pk, tag) for tag, _b in hopes],
        }
        return profile, tags


EXTRA_LANGUAGES = ("de", "sv", "no", "fr", "es", "it", "nl", "pl")
FIRST_NAMES = [
    "Anne", "Mette", "Lars", "Jens", "Sofie", "Henrik", "Camilla", "Peter", "Ida",
    "Rasmus", "Line", "Søren", "Maja", "Anders", "Louise", "Mikkel", "Priya",
    "Arjun", "Lucía", "Carlos", "Anna", "Wei", "Yuki", "Mohammed", "Fatima", "Elena",
    "Marco", "Sophie", "David", "Ingrid", "Oleksandra", "Ahmet", "Linh", "Maria",
    "Pieter", "Ji-soo", "Amara", "Thomas", "Hana", "Daniel", "Sara", "Tom", "Julie",
    "Emil", "Freja", "Oscar", "Noah", "Clara", "Aisha", "Ravi",
]  # fmt: skip
LAST_NAMES = [
    "Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen",
    "Sørensen", "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen",
    "Olsen", "Thomsen", "Poulsen", "Holm", "Dahl", "Kowalska", "Müller", "Fernández",
    "Santos", "Zhang", "Tanaka", "Al-Sayed", "Popescu", "Rossi", "Martin", "Okafor",
    "Nair", "Yılmaz", "Nguyen", "Kim", "Shevchenko", "Bekele", "Haddad", "Cohen",
]  # fmt: skip
ABOUTS = [
    "We love long walks, good food and meeting new people.",
    "New in Denmark and curious about everything, especially the weather.",
    "Happy to show you the best bakery in town and the forest behind it.",
    "Our children would love new friends; we would too.",
    "Retired, with time on my hands and a kettle always on.",
    "I moved here for work and would like to see Denmark beyond the office.",
]


def mask_of(bits) -> int:
    """Exactly community.services.tags.mask_of: the OR of the bits, None skipped."""
    mask = 0
    for bit in bits:
        if bit is not None:
            mask |= 1 << bit
    return mask


def members_generate(count: int) -> float:
    """Insert ``count`` users and profiles with their tags by COPY; seconds taken."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction
    from django.db.models import Max
    from django.utils import timezone

    from community.models import (
        Profile,
        ProfileHope,
        ProfileInterest,
        ProfileLanguage,
        ProfileProfession,
    )

    started = time.perf_counter()
    rng = random.Random(SEED)
    now = timezone.now()
    user_model = get_user_model()
    with transaction.atomic():
        generator = Generator(rng)
        first_user = (user_model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
        first_profile = (Profile.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
        unusable = make_password(None)
        users, profiles = [], []
        through_rows: dict[str, list] = {
            "languages": [],
            "interests": [],
            "professions": [],
            "hopes": [],
        }
        for n in range(count):
            user_id, profile_id = first_user + n, first_profile + n
            users.append(
                {
                    "id": user_id,
                    "username": f"bench-{n:06d}@{EMAIL_DOMAIN}",
                    "email": f"bench-{n:06d}@{EMAIL_DOMAIN}",
                    "password": unusable,
                    "date_joined": now,
                }
            )
            profile, tags = generator.member(pk=profile_id, user_id=user_id, now=now)
            profiles.append(profile)
            for facet, rows in tags.items():
                through_rows[facet].extend(rows)
        print(f"  drew {count:,} members in {time.perf_counter() - started:.1f} s")

        with connection.cursor() as cursor:
            copy_model(cursor, user_model, users)
            copy_model(cursor, Profile, profiles)
            for facet, model, columns in (
                (
                    "languages",
                    ProfileLanguage,
                    ("content_object_id", "tag_id", "level"),
                ),
                ("interests", ProfileInterest, ("content_object_id", "tag_id")),
                ("professions", ProfileProfession, ("content_object_id", "tag_id")),
                ("hopes", ProfileHope, ("content_object_id", "tag_id")),
            ):
                copy_rows(cursor, model._meta.db_table, columns, through_rows[facet])
            for model in (user_model, Profile):
                table = model._meta.db_table
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"
                )
        rows = sum(len(r) for r in through_rows.values())
        print(f"  copied {count:,} users, {count:,} profiles, {rows:,} tag rows")
    with connection.cursor() as cursor:
        # As autovacuum would soon: statistics for the planner, and the visibility
        # map that lets the ranking read the candidates index alone (a table
        # just filled by COPY has none, so every row would be checked in the
        # table as well).
        cursor.execute("VACUUM (ANALYZE)")
    return time.perf_counter() - started


def copy_model(cursor, model, rows: list[dict]) -> None:
    """COPY rows into the model's table; columns missing from a row get the
    field's default, so a field added later does not break the benchmark."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    columns = ["id", *[f.column for f in fields]]
    defaults = {f.column: f.get_default() for f in fields}
    values = []
    for row in rows:
        values.append(
            [row["id"]]
            + [
                row.get(f.attname, row.get(f.column, defaults[f.column]))
                for f in fields
            ]
        )
    for field, value in zip(fields, values[0][1:], strict=True):
        if value is None and not field.null:
            fail(f"no value for {model.__name__}.{field.name}: update bench/members.py")
    copy_rows(cursor, model._meta.db_table, columns, values)


def copy_rows(cursor, table: str, columns, rows) -> None:
    names = ", ".join(f'"{c}"' for c in columns)
    with cursor.cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)


# --- Measuring ---------------------------------------------------------------------


def load_average() -> str:
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    index = max(0, math.ceil(q / 100 * len(ordered)) - 1)
    return ordered[index]


def measure_view(client, viewers, url_for, runs: int, label: str, before=None):
    """Time ``runs`` GETs (after a warm-up), one signed-in viewer after another;
    ``before(viewer)``, if given, runs before each GET, untimed."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    timings, queries, sql_seconds = [], [], []
    for i in range(runs + 10):
        viewer = viewers[i % len(viewers)]
        client.force_login(viewer.user)
        url = url_for(viewer)
        if before is not None:
            before(viewer)
        reset_queries()  # the query log is capped; start each request empty
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            fail(
                f"GET {url} as {viewer.user.email} answered "
                f"{response.status_code}, not 200: is {label} implemented "
                "(community/views/directory.py)?"
            )
        if i >= 10:  # the first ten warm caches and templates
            timings.append(elapsed)
            queries.append(len(captured))
            sql_seconds.append(sum(float(q["time"]) for q in captured.captured_queries))
    return timings, queries, sql_seconds


def measure_similar_objects(viewers, runs: int):
    """taggit's similar_objects() for the same members, within a time budget."""
    timings = []
    started = time.perf_counter()
    for i in range(runs):
        viewer = viewers[i % len(viewers)]
        t0 = time.perf_counter()
        similar = viewer.interests.similar_objects()[:20]
        timings.append((time.perf_counter() - t0) * 1000)
        assert similar is not None
        if time.perf_counter() - started > BASELINE_BUDGET_S and len(timings) >= 10:
            break
    return timings


def report(label: str, timings: list[float], queries=None, sql_s=None) -> None:
    line = (
        f"{label:<28} n={len(timings):<4} p50={statistics.median(timings):8.1f} ms  "
        f"p95={percentile(timings, 95):8.1f} ms"
    )
    if queries:
        line += f"  queries/request={min(queries)}-{max(queries)}"
    if sql_s:
        line += f"  SQL p50={statistics.median(sql_s) * 1000:.1f} ms"
    print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rebuild", action="store_true", help="regenerate the data")
    parser.add_argument("--requests", type=int, default=200, help="per view (≥200)")
    parser.add_argument(
        "--generate-only", action="store_true", help="build the data, measure nothing"
    )
    args = parser.parse_args()
    runs = max(200, args.requests)

    url = os.environ["DATABASE_URL"]
    if not url.startswith(("postgres://", "postgresql://", "pgsql://")):
        fail(
            f"needs PostgreSQL, not {url.split(':', 1)[0]}: set DATABASE_URL to a "
            f"postgres:// URL (default {DEFAULT_DATABASE_URL}). SQLite cannot "
            "show how the directory scales."
        )
    try:
        database_ensure(url, rebuild=args.rebuild)
    except Exception as exc:  # any connection problem: say so and stop
        fail(f"cannot reach PostgreSQL at {url}: {exc}")

    import django

    warnings.filterwarnings("ignore", message="No directory at", module="django")
    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from community.models import MemberSuggestions, Profile
    from community.services.suggestions import member_suggestions_compute

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        fail("the settings do not use PostgreSQL")
    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0, skip_checks=True)
    print(f"Migrated in {time.perf_counter() - started:.1f} s.")

    bench_profiles = Profile.objects.filter(user__email__endswith=f"@{EMAIL_DOMAIN}")
    existing = bench_profiles.count()
    if existing == PROFILES:
        print(f"Reusing {PROFILES:,} generated profiles (--rebuild to regenerate).")
    else:
        if existing:
            fail(
                f"found {existing:,} benchmark profiles, expected 0 or {PROFILES:,}: "
                "run with --rebuild"
            )
        print(f"Generating {PROFILES:,} profiles...")
        print(f"Generated in {members_generate(PROFILES):.1f} s.")
    if args.generate_only:
        return

    rng = random.Random(SEED + 1)
    listed = bench_profiles.filter(is_listed=True, is_available=True)
    ids = list(listed.values_list("pk", flat=True))
    viewers = list(
        Profile.objects.filter(pk__in=rng.sample(ids, min(len(ids), runs)))
        .select_related("user", "municipality")
        .order_by("?")
    )
    client = Client()
    directory = reverse("community:directory")
    suggested = reverse("community:suggested")

    def directory_url(viewer) -> str:
        return f"{directory}?languages=en&region={viewer.municipality.region}"

    print(f"\nMeasuring {runs} requests per view, {len(viewers)} different members")
    print(f"(load average before: {load_average()}):")
    d_times, d_queries, d_sql = measure_view(
        client, viewers, directory_url, runs, "the directory"
    )
    report("/members/ (en + region)", d_times, d_queries, d_sql)
    # Suggestions: each member's shortlist worked out and stored first (timed:
    # what the scheduled job or a first visit pays), then the page as members
    # see it nearly always (warm), then as on a first visit, with nothing
    # stored (cold: worked out within the request).
    MemberSuggestions.objects.filter(profile__in=viewers).delete()
    c_times = []
    for viewer in viewers:
        started = time.perf_counter()
        member_suggestions_compute(profile=viewer)
        c_times.append((time.perf_counter() - started) * 1000)
    report("  work out a shortlist", c_times)
    s_times, s_queries, s_sql = measure_view(
        client, viewers, lambda _v: suggested, runs, "the suggestions page"
    )
    report("/members/suggested/ (warm)", s_times, s_queries, s_sql)
    cold_times, cold_queries, cold_sql = measure_view(
        client,
        viewers,
        lambda _v: suggested,
        runs,
        "the suggestions page",
        before=lambda v: MemberSuggestions.objects.filter(profile=v).delete(),
    )
    report("/members/suggested/ (cold)", cold_times, cold_queries, cold_sql)
    b_times = measure_similar_objects(viewers, runs)
    report("similar_objects() baseline", b_times)

    speedup = statistics.median(b_times) / statistics.median(s_times)
    speedup_directory = statistics.median(b_times) / statistics.median(d_times)
    print(f"Load average after: {load_average()} (other work on the machine skews")
    print("the figures; compare runs made side by side).")
    speedup_cold = statistics.median(b_times) / statistics.median(cold_times)
    print(
        f"Ratio of medians, similar_objects() / view: suggested {speedup:.1f}x "
        f"(cold {speedup_cold:.1f}x), directory {speedup_directory:.1f}x"
    )
    print(
        f"members: directory_p95_ms={percentile(d_times, 95):.1f} "
        f"suggested_p95_ms={percentile(s_times, 95):.1f} "
        f"suggested_cold_p95_ms={percentile(cold_times, 95):.1f} "
        f"queries={max(d_queries + s_queries)} "
        f"speedup_vs_similar_objects={speedup:.1f}x"
    )


if __name__ == "__main__":
    main()
