"""Benchmark: thousands of idle signed-in sockets on one daphne, then all of them
reconnecting at once (a daphne restart).

    .venv/bin/python bench/sockets.py [--sockets 5000] [--window 10] [--idle 50]

Needs PostgreSQL and Redis, its own of each: ``SOCKETS_BENCH_DATABASE_URL``
(default ``postgres://postgres@127.0.0.1:5432/velkomst_i15sockets``, created and
migrated if missing) and ``SOCKETS_BENCH_REDIS_URL`` (default
``redis://127.0.0.1:6379/13``, flushed at the start). The helpers (daphne, the
services check, the file limit) are bench/chat.py's.

N members are made in bulk (users and profiles, kept for later runs), each
signed in with a fresh session (written in bulk, as a log-in writes it). Each
opens ``/ws/notifications/`` with its session cookie, as the header of every
page does, and pings every 25 s (PING_EVERY in static/js/live-socket.js) at a
random phase. Then:

- idle: the daphne process's CPU (from /proc/<pid>/stat, % of one core) and RSS
  over ``--idle`` seconds while nobody does anything but ping; every ping must be
  answered with the counts.
- reconnect: daphne is stopped and started again on the same port, and every
  client reconnects at a random moment within ``--window`` seconds; a client
  whose handshake fails tries again as the page does (backoff from 0.5 s,
  doubling, with jitter). ``opened`` counts the sockets open 30 s after the
  window began, ``seconds_to_all`` when the last one opened (from the same
  moment); ``first_try_failed`` the clients whose handshake failed at least once.
  daphne runs with the options ``make run`` gives it (DAPHNE_OPTIONS).

Prints its summary lines last:
``chat-idle: sockets=… cpu_pct=… rss_mb=…`` and
``chat-reconnect: sockets=… window_s=… opened=… seconds_to_all=…``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# bench/chat.py reads its database and Redis from these when imported.
os.environ["CHAT_BENCH_DATABASE_URL"] = os.environ.get(
    "SOCKETS_BENCH_DATABASE_URL",
    "postgres://postgres@127.0.0.1:5432/velkomst_i15sockets",
)
os.environ["CHAT_BENCH_REDIS_URL"] = os.environ.get(
    "SOCKETS_BENCH_REDIS_URL", "redis://127.0.0.1:6379/13"
)

from bench.chat import (  # noqa: E402
    DATABASE_URL,
    HOST,
    Daphne,
    database_ensure,
    file_limit_raise,
    services_check,
)

EMAIL_DOMAIN = "sockets.bench.velkomst.example"
PING_EVERY = 25.0  # static/js/live-socket.js
CONNECT_AT_ONCE = 50  # handshakes in flight while the crowd arrives (idle phase)
ALL_OPEN_WITHIN = 30.0  # the target: every socket open this long after the restart
GIVE_UP_AFTER = 90.0
MAX_DELAY = 30.0  # the page's longest wait between tries
# daphne's options as `make run` gives them (Makefile, DAPHNE_OPTIONS).
# (SOCKETS_BENCH_DAPHNE_OPTIONS="" and SOCKETS_BENCH_BACKLOG="" measure a tree
# from before they were given.)
DAPHNE_OPTIONS = os.environ.get(
    "SOCKETS_BENCH_DAPHNE_OPTIONS", "--websocket_connect_timeout 30 --ping-interval 30"
).split()
BACKLOG = os.environ.get("SOCKETS_BENCH_BACKLOG", "1024")


def django_ready() -> None:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def members_ensure(count: int) -> list[int]:
    """The user ids of ``count`` benchmark members, made in bulk the first time."""
    from django.contrib.auth import get_user_model

    from community.models import Profile

    User = get_user_model()
    ours = User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")
    have = ours.count()
    if have < count:
        started = time.perf_counter()
        users = []
        for n in range(have, count):
            user = User(username=f"sock-{n:05d}", email=f"sock-{n:05d}@{EMAIL_DOMAIN}")
            user.set_unusable_password()
            users.append(user)
        User.objects.bulk_create(users, batch_size=1000)
        made = User.objects.filter(
            email__endswith=f"@{EMAIL_DOMAIN}", profile__isnull=True
        )
        Profile.objects.bulk_create(
            [
                Profile(
                    user=user,
                    role="newcomer" if user.pk % 2 else "host",
                    display_name=user.username,
                )
                for user in made
            ],
            batch_size=1000,
        )
        print(f"Made {count - have} members in {time.perf_counter() - started:.1f} s.")
    return list(ours.order_by("pk").values_list("pk", flat=True)[:count])


def sessions_make(user_ids: list[int]) -> list[str]:
    """A fresh session per member (as after logging in), written in bulk; the
    benchmark database's earlier sessions are deleted. Returns the cookies."""
    from datetime import timedelta

    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone
    from django.utils.crypto import get_random_string

    Session.objects.all().delete()
    users = get_user_model().objects.in_bulk(user_ids)
    backend = settings.AUTHENTICATION_BACKENDS[0]
    expire = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    encoder = SessionStore()
    rows, cookies = [], []
    for user_id in user_ids:
        key = get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789")
        data = {
            SESSION_KEY: str(user_id),
            BACKEND_SESSION_KEY: backend,
            HASH_SESSION_KEY: users[user_id].get_session_auth_hash(),
        }
        rows.append(
            Session(
                session_key=key, session_data=encoder.encode(data), expire_date=expire
            )
        )
        cookies.append(f"{settings.SESSION_COOKIE_NAME}={key}")
    Session.objects.bulk_create(rows, batch_size=1000)
    return cookies


def sampled(pid: int, seconds: float, out: Path | None):
    """py-spy sampling the server for ``seconds`` (``--profile DIR``)."""
    if out is None:
        return None
    return subprocess.Popen(
        [
            str(ROOT / ".venv/bin/py-spy"),
            "record",
            "-p",
            str(pid),
            "-d",
            str(int(seconds)),
            "-r",
            "50",
        ]
        + ["-f", "raw", "-o", str(out), "--nonblocking"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Tab:
    """One page's header socket: connects, pings every PING_EVERY seconds,
    reconnects as the page does when the server goes away."""

    def __init__(self, cookie: str, url: str, origin: str, stats: dict):
        self.cookie, self.url, self.origin, self.stats = cookie, url, origin, stats
        self.ws = None
        self.opened_at: float | None = None
        self.failed = 0
        self.counts_seen = 0

    async def open(self) -> None:
        from websockets.asyncio.client import connect

        self.ws = await connect(
            self.url,
            origin=self.origin,
            additional_headers={"Cookie": self.cookie},
            ping_interval=None,
            proxy=None,
            open_timeout=60,
            max_queue=64,
        )

    async def live(self, pings: bool) -> None:
        """Read frames (and ping) until the socket closes."""
        loop = asyncio.get_running_loop()
        pinger = None
        if pings:
            pinger = asyncio.create_task(self._ping(loop))
        try:
            async for raw in self.ws:
                frame = json.loads(raw)
                if frame.get("type") == "counts":
                    self.counts_seen += 1
                    self.stats["counts"] += 1
                else:
                    self.stats["other"] += 1
        except Exception:
            pass
        finally:
            if pinger is not None:
                pinger.cancel()
        self.stats["closed"] += 1

    async def _ping(self, loop) -> None:
        await asyncio.sleep(random.uniform(0, PING_EVERY))
        while True:
            try:
                await self.ws.send('{"type":"ping"}')
            except Exception:
                return
            self.stats["pings"] += 1
            await asyncio.sleep(PING_EVERY)


async def idle_phase(
    tabs: list[Tab], server: Daphne, idle_s: float, profile: Path | None
) -> dict:
    gate = asyncio.Semaphore(CONNECT_AT_ONCE)
    tasks = []
    started = time.monotonic()

    async def arrive(tab: Tab) -> None:
        async with gate:
            try:
                await tab.open()
            except Exception as error:
                tab.stats["open_failed"] += 1
                tab.stats.setdefault("why", repr(error))
                return
        tasks.append(asyncio.create_task(tab.live(pings=True)))

    sampled(server.process.pid, 20, profile and profile / "open.txt")
    await asyncio.gather(*(arrive(tab) for tab in tabs))
    opened = len(tasks)
    print(f"idle: {opened} sockets open in {time.monotonic() - started:.1f} s")
    await asyncio.sleep(5)  # the last connects' counts
    stats = tabs[0].stats
    pings_before, counts_before = stats["pings"], stats["counts"]
    cpu_before, wall = server.cpu_seconds(), time.monotonic()
    sampled(server.process.pid, idle_s, profile and profile / "idle.txt")
    await asyncio.sleep(idle_s)
    cpu = server.cpu_seconds() - cpu_before
    wall = time.monotonic() - wall
    await asyncio.sleep(2)  # the last pings' answers
    server.check_alive()
    return {
        "opened": opened,
        "cpu_pct": cpu / wall * 100,
        "rss_mb": rss_mb(server.process.pid),
        "pings": stats["pings"] - pings_before,
        "answered": stats["counts"] - counts_before,
        "tasks": tasks,
    }


async def reconnect_phase(
    tabs: list[Tab], window: float, server: Daphne, profile: Path | None
) -> dict:
    """Every tab reconnects at a random moment within ``window``; a failed
    handshake is tried again after the page's backoff."""
    loop = asyncio.get_running_loop()
    start = loop.time()
    tasks = []
    sampled(server.process.pid, window + 20, profile and profile / "reconnect.txt")

    async def come_back(tab: Tab) -> None:
        await asyncio.sleep(random.uniform(0, window))
        attempts = 0
        while loop.time() - start < GIVE_UP_AFTER:
            try:
                await tab.open()
            except Exception as error:
                tab.failed += 1
                tab.stats.setdefault("why", repr(error))
                base = min(MAX_DELAY, 0.5 * 2**attempts)
                attempts += 1
                await asyncio.sleep(base / 2 + random.random() * base / 2)
                continue
            tab.opened_at = loop.time() - start
            tasks.append(asyncio.create_task(tab.live(pings=False)))
            return

    await asyncio.gather(*(come_back(tab) for tab in tabs))
    await asyncio.sleep(3)
    times = [tab.opened_at for tab in tabs if tab.opened_at is not None]
    counted = sum(1 for tab in tabs if tab.counts_seen)
    for tab in tabs:
        if tab.ws is not None:
            await tab.ws.close()
    await asyncio.gather(*tasks, return_exceptions=True)
    return {
        "opened": sum(1 for t in times if t <= ALL_OPEN_WITHIN),
        "ever": len(times),
        "seconds_to_all": max(times) if len(times) == len(tabs) else None,
        "first_try_failed": sum(1 for tab in tabs if tab.failed),
        "failures": sum(tab.failed for tab in tabs),
        "with_counts": counted,
    }


class RestartableDaphne(Daphne):
    """bench/chat.py's daphne, with daphne options before the application
    (those ``make run`` uses) and a restart on the same port."""

    options: list[str] = []

    def __enter__(self) -> RestartableDaphne:
        real = subprocess.Popen

        def with_options(command, **kwargs):
            if BACKLOG:  # -b and -p as an endpoint with a listen backlog
                at = command.index("-b")
                endpoint = f"tcp:port={command[at + 3]}:interface={command[at + 1]}"
                command = [
                    *command[:at],
                    "-e",
                    f"{endpoint}:backlog={BACKLOG}",
                    *command[at + 4 :],
                ]
            return real([*command[:-1], *self.options, command[-1]], **kwargs)

        with mock.patch.object(subprocess, "Popen", with_options):
            return super().__enter__()

    def restart(self) -> None:
        """Stop the process and start a new one on the same port (the clients'
        sockets drop, as in a deploy)."""
        self.__exit__(None, None, None)
        self.__enter__()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sockets", type=int, default=5000)
    parser.add_argument("--window", type=float, default=10.0)
    parser.add_argument("--idle", type=float, default=50.0)
    parser.add_argument("--profile", type=Path, help="py-spy samples into DIR")
    args = parser.parse_args()

    file_limit_raise(args.sockets)  # daphne inherits it
    services_check()
    database_ensure(DATABASE_URL)
    django_ready()
    user_ids = members_ensure(args.sockets)
    cookies = sessions_make(user_ids)
    from django.db import connections

    connections.close_all()
    print(f"{len(cookies)} members signed in.")

    log_dir = ROOT / "var" / "bench-sockets"
    log_dir.mkdir(parents=True, exist_ok=True)
    stats = {"counts": 0, "other": 0, "pings": 0, "closed": 0, "open_failed": 0}
    random.seed(15)
    if args.profile:
        args.profile.mkdir(parents=True, exist_ok=True)
    RestartableDaphne.options = DAPHNE_OPTIONS
    with RestartableDaphne("config.asgi:application", "sockets", log_dir) as server:
        url = f"ws://{HOST}:{server.port}/ws/notifications/"
        origin = f"http://{HOST}:{server.port}"
        tabs = [Tab(cookie, url, origin, stats) for cookie in cookies]

        async def both() -> tuple[dict, dict]:
            idle = await idle_phase(tabs, server, args.idle, args.profile)
            print(
                f"idle: {idle['opened']} open, {idle['pings']} pings, "
                f"{idle['answered']} answered in {args.idle:.0f} s, "
                f"cpu {idle['cpu_pct']:.1f} % of a core, rss {idle['rss_mb']:.0f} MB"
            )
            await asyncio.to_thread(server.restart)
            await asyncio.gather(*idle["tasks"], return_exceptions=True)
            for tab in tabs:
                tab.counts_seen = 0
            again = await reconnect_phase(tabs, args.window, server, args.profile)
            print(
                f"reconnect: {again['ever']} open in the end, "
                f"{again['first_try_failed']} failed a handshake at least once "
                f"({again['failures']} failures), {again['with_counts']} got counts"
            )
            return idle, again

        idle, again = asyncio.run(both())
    if stats.get("why"):
        print(f"first failure: {stats['why']}")
    to_all = again["seconds_to_all"]
    print(
        f"chat-idle: sockets={idle['opened']} cpu_pct={idle['cpu_pct']:.1f} "
        f"rss_mb={idle['rss_mb']:.0f}"
    )
    print(
        f"chat-reconnect: sockets={args.sockets} window_s={args.window:g} "
        f"opened={again['opened']} seconds_to_all="
        + (f"{to_all:.1f}" if to_all is not None else "never")
    )


if __name__ == "__main__":
    main()
