"""Soak: matched pairs chat for minutes through two daphne processes while
Redis, the database's connections and one daphne process are killed on a
schedule; every message written must be stored once and reach the partner once.

    .venv/bin/python bench/soak.py [--minutes 10] [--pairs 20] [--interval 2]

Needs PostgreSQL and ``redis-server``. It uses a database of its own
(``SOAK_DATABASE_URL``, default
``postgres://postgres@127.0.0.1:5432/velkomst_soak``, created and migrated if
missing) and starts a Redis of its own on a free port, which it kills and starts
again. The clients behave as the page does (tests/chaos.py: outbox, retry with
the same client_id, reconnect with backoff to the other server, a ping every
25 s). Every minute: Redis killed for 5 s at 0:10, every database connection
terminated at 0:25 and 0:35, one daphne process (in turn) killed at 0:45 and
started again 3 s later.

The last line is the summary:
``soak: minutes=… pairs=… sent=… stored=… delivered=… lost=0 dup=0
faults=redis,db,daphne``; it exits non-zero on any loss, duplicate or crashed
consumer.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATABASE_URL = os.environ.get(
    "SOAK_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/velkomst_soak"
)
EMAIL_DOMAIN = "soak.velkomst.example"
SETTINGS = "config.settings.dev"
os.environ.update(
    {"DJANGO_SETTINGS_MODULE": SETTINGS, "DATABASE_URL": DATABASE_URL, "DEBUG": "0"}
)
os.environ.pop("REDIS_URL", None)  # this process needs none; the servers get theirs


def fail(message: str) -> None:
    print(f"soak: ERROR {message}", file=sys.stderr)
    sys.exit(1)


def database_ensure() -> None:
    import psycopg
    from psycopg import sql

    parts = urlsplit(DATABASE_URL)
    name = parts.path.lstrip("/")
    maintenance = parts._replace(path="/postgres").geturl()
    try:
        with psycopg.connect(maintenance, autocommit=True, connect_timeout=5) as conn:
            if not conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [name]
            ).fetchone():
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.OperationalError as error:
        fail(f"PostgreSQL is not reachable at {maintenance}: {error}")
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        check=True,
    )


def pairs_ensure(count: int) -> list[tuple[int, int, int]]:
    """(conversation, host profile, newcomer profile) of ``count`` matched
    pairs, made through the services once and kept for later runs."""
    from django.db import transaction
    from django.test import override_settings

    from bench.stored import active_pairs
    from tests.factories import make_match, make_member

    pairs = active_pairs(EMAIL_DOMAIN)
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
    ):
        for n in range(len(pairs), count):
            with transaction.atomic():
                host = make_member(
                    role="host",
                    email=f"host-{n:04d}@{EMAIL_DOMAIN}",
                    password=None,
                    display_name=f"Soak host {n}",
                )
                newcomer = make_member(
                    role="newcomer",
                    email=f"newcomer-{n:04d}@{EMAIL_DOMAIN}",
                    password=None,
                    display_name=f"Soak newcomer {n}",
                )
                make_match(newcomer, host)
    return active_pairs(EMAIL_DOMAIN)[:count]


def cookies_for(profile_ids) -> dict[int, str]:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from community.models import Profile

    user_of = dict(
        Profile.objects.filter(pk__in=profile_ids).values_list("pk", "user_id")
    )
    users = get_user_model().objects.in_bulk(list(user_of.values()))
    cookies = {}
    for profile_id, user_id in user_of.items():
        client = Client()
        client.force_login(users[user_id])
        cookies[profile_id] = f"sessionid={client.cookies['sessionid'].value}"
    return cookies


def schedule(minutes: float, redis, servers, terminate) -> list[tuple[float, callable]]:
    faults = []
    for minute in range(max(1, int(minutes))):
        start = minute * 60
        victim = servers[minute % len(servers)]
        faults += [
            (start + 10, redis.kill),
            (start + 15, redis.start),
            (start + 25, terminate),
            (start + 35, terminate),
            (start + 45, victim.kill),
            (start + 48, victim.start),
        ]
    return faults


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--pairs", type=int, default=20)
    parser.add_argument(
        "--interval", type=float, default=2.0, help="seconds between one member's"
    )
    args = parser.parse_args()

    from bench.stored import newest_message_id, stored_client_ids
    from tests import chaos

    database_ensure()
    import django

    django.setup()
    from django.db import connections

    pairs = pairs_ensure(args.pairs)
    cookies = cookies_for([p for _c, host, new in pairs for p in (host, new)])
    after = newest_message_id()
    database = connections["default"].settings_dict["NAME"]
    connections.close_all()

    with tempfile.TemporaryDirectory(prefix="velkomst-soak-") as folder:
        logs = Path(folder)
        redis = chaos.RedisServer(logs).start()
        env = {"DJANGO_SETTINGS_MODULE": SETTINGS, "REDIS_URL": redis.url}
        servers = [chaos.DaphneServer(env, logs, label) for label in "ab"]
        terminated = []

        def terminate() -> None:
            maintenance = urlsplit(DATABASE_URL)._replace(path="/postgres").geturl()
            terminated.append(
                chaos.database_connections_terminate(maintenance, database)
            )

        try:
            for server in servers:
                server.start()
            tally = chaos.Tally()
            ports = [server.port for server in servers]
            clients = []
            for conversation_id, host_id, newcomer_id in pairs:
                for index, (me, partner) in enumerate(
                    ((host_id, newcomer_id), (newcomer_id, host_id))
                ):
                    client = chaos.PageClient(
                        profile_id=me,
                        partner_id=partner,
                        conversation_id=conversation_id,
                        cookie=cookies[me],
                        ports=ports,
                        tally=tally,
                    )
                    client.port_index = index
                    clients.append(client)
            print(
                f"{len(clients)} members on 2 daphne processes, one message each "
                f"every {args.interval:g} s for {args.minutes:g} min, with faults."
            )
            started = time.monotonic()
            asyncio.run(
                chaos.converse(
                    clients,
                    seconds=args.minutes * 60,
                    interval=args.interval,
                    faults=schedule(args.minutes, redis, servers, terminate),
                    drain=90,
                )
            )
            took = time.monotonic() - started
            crashes = [line for server in servers for line in server.crashes()]
        finally:
            for server in servers:
                server.stop()
            redis.stop()

    connections.close_all()
    stored = Counter(stored_client_ids([c for c, _h, _n in pairs], after))
    sent = set(tally.sent)
    delivered = set(tally.delivered) & sent
    not_stored = sent - set(stored)
    doubled = sum(n - 1 for n in stored.values() if n > 1)
    lost = len(sent - delivered | not_stored)
    dup = tally.duplicates + doubled
    print(
        f"ran {took:.0f} s; connects {tally.connects}, refused handshakes "
        f"{tally.handshake_failures}, closes {dict(tally.closes)}; errors answered "
        f"{dict(tally.errors)}; never storable {len(tally.failed)}; database "
        f"connections terminated {terminated}; consumer crashes {len(crashes)}"
    )
    for line in crashes[:10]:
        print(f"  {line}")
    print(
        f"soak: minutes={args.minutes:g} pairs={len(pairs)} sent={len(sent)} "
        f"stored={len(stored)} delivered={len(delivered)} lost={lost} dup={dup} "
        "faults=redis,db,daphne"
    )
    if lost or dup or crashes or tally.failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
