"""Faults on purpose: a Redis and daphne processes of our own to kill, the
database's connections to terminate, and chat clients that behave as the page
does (static/js/chat.js and live-socket.js), so a test or a benchmark can count
sent = stored = delivered through the faults.

Used by tests/community/test_chat_faults.py, tests/browser/test_chat_faults.py
and bench/soak.py. Everything listens on 127.0.0.1 only.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"

# What the page does (static/js/live-socket.js and chat.js).
PING_EVERY = 25.0
RECONNECT_BASE = 0.5
RECONNECT_MAX = 30.0
ACK_WAIT = 10.0
RETRY_MAX = 30.0
FINAL_CODES = {4401, 4403, 4409, 4413, 1009}

# Lines in a server's log that mean a consumer crashed or hung.
CRASH_MARKERS = (
    "Exception inside application",
    "socket frame failed",
    "took too long to shut down",
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _wait_listening(port: int, process: subprocess.Popen, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        with contextlib.suppress(OSError):
            socket.create_connection((HOST, port), timeout=0.5).close()
            return True
        time.sleep(0.1)
    return False


# --- Processes of our own ------------------------------------------------------------


class _ServerProcess:
    """A server process of our own, its output appended to ``log_path``, in a
    session of its own so killing it reaches nothing else."""

    log_path: Path
    process: subprocess.Popen | None = None

    def _spawn(self, command: list[str], **popen) -> None:
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                command,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                **popen,
            )

    def kill(self) -> None:
        """kill -9: no goodbye to the clients, everything in it gone."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()
        self.process = None


# --- Redis --------------------------------------------------------------------------


class RedisServer(_ServerProcess):
    """A ``redis-server`` of our own on a free port that keeps nothing on disk,
    so it can be killed and started again without touching anyone's data."""

    def __init__(self, log_dir: Path):
        self.binary = shutil.which("redis-server")
        if self.binary is None:
            raise RuntimeError(
                "redis-server is not installed (Debian package redis-server)"
            )
        self.port = free_port()
        self.log_path = log_dir / f"redis-{self.port}.log"
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://{HOST}:{self.port}/0"

    def start(self) -> RedisServer:
        command = [self.binary, "--bind", HOST, "--port", str(self.port)]
        command += ["--save", "", "--appendonly", "no", "--daemonize", "no"]
        self._spawn(command)
        if not _wait_listening(self.port, self.process, 15):
            raise RuntimeError(f"redis-server did not start on {self.port}")
        return self

    def stop(self) -> None:
        self.kill()


# --- daphne -------------------------------------------------------------------------


class DaphneServer(_ServerProcess):
    """A real ``daphne`` process serving config.asgi on a fixed port, so it can be
    killed and started again where the clients (the load balancer) expect it."""

    def __init__(self, env: dict[str, str], log_dir: Path, label: str):
        self.env = {**os.environ, **env, "PYTHONUNBUFFERED": "1"}
        self.port = free_port()
        self.label = label
        self.log_path = log_dir / f"daphne-{label}.log"
        self.process: subprocess.Popen | None = None
        self.starts = 0

    def start(self) -> DaphneServer:
        daphne = Path(os.environ.get("VIRTUAL_ENV", ROOT / ".venv")) / "bin/daphne"
        if not daphne.exists():
            daphne = Path(shutil.which("daphne") or "daphne")
        command = [str(daphne), "-b", HOST, "-p", str(self.port)]
        command += ["--verbosity", "1", "config.asgi:application"]
        with open(self.log_path, "ab") as log:
            log.write(f"\n--- start {self.starts + 1}\n".encode())
        self._spawn(command, cwd=ROOT, env=self.env)
        self.starts += 1
        if not _wait_listening(self.port, self.process, 60):
            raise RuntimeError(f"daphne {self.label} did not start:\n{self.log()}")
        return self

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def crashes(self) -> list[str]:
        return [
            line
            for line in self.log().splitlines()
            if any(marker in line for marker in CRASH_MARKERS)
        ]


# --- PostgreSQL ---------------------------------------------------------------------


def database_connections_terminate(dsn: str, database: str) -> int:
    """Terminate every connection to ``database`` but this one, as a fail-over
    or an administrator would; returns how many were cut."""
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [database],
        ).fetchall()
    return sum(1 for (done,) in rows if done)


# --- Clients that behave as the page ------------------------------------------------


@dataclass
class Outgoing:
    client_id: str
    body: str
    sent_at: float = 0.0  # when last put on a socket; 0 = not waiting for an answer
    wait_until: float = 0.0
    attempts: int = 0


@dataclass
class Tally:
    """What every client of a run saw."""

    sent: dict[str, int] = field(default_factory=dict)  # client_id -> sender
    acked: set[str] = field(default_factory=set)
    delivered: dict[str, int] = field(default_factory=dict)  # client_id -> to
    duplicates: int = 0
    failed: dict[str, str] = field(default_factory=dict)  # never storable
    errors: Counter = field(default_factory=Counter)
    closes: Counter = field(default_factory=Counter)
    connects: int = 0
    handshake_failures: int = 0


class PageClient:
    """One member's conversation page: a socket that reconnects with backoff
    and jitter (to the next server when one is gone, as a load balancer would),
    an outbox every message waits in until the server acknowledges it, sends
    again on a retryable error or when no answer came within ``ACK_WAIT``,
    ``?after=<last id shown>`` on every connect, and a ping every 25 s."""

    def __init__(
        self,
        *,
        profile_id: int,
        partner_id: int,
        conversation_id: int,
        cookie: str,
        ports: list[int],
        tally: Tally,
        ping_every: float = PING_EVERY,
    ):
        self.profile_id, self.partner_id = profile_id, partner_id
        self.conversation_id, self.cookie = conversation_id, cookie
        self.ports, self.tally, self.ping_every = ports, tally, ping_every
        self.port_index = random.randrange(len(ports))
        self.outbox: dict[str, Outgoing] = {}
        self.shown: set[int] = set()
        self.last_id = 0
        self.socket = None
        self.final_code: int | None = None
        self.stopping = False
        self.rng = random.Random(profile_id)

    # What the member does ----------------------------------------------------------

    async def write(self, body: str) -> str:
        entry = Outgoing(str(uuid.uuid4()), body)
        self.outbox[entry.client_id] = entry
        self.tally.sent[entry.client_id] = self.profile_id
        await self._put(entry)
        return entry.client_id

    # The socket ----------------------------------------------------------------------

    async def run(self) -> None:
        """Stay connected until ``stop()``; reconnect after every drop."""
        from websockets.asyncio.client import connect
        from websockets.exceptions import ConnectionClosed, InvalidStatus

        attempts = 0
        watchdog = asyncio.create_task(self._watchdog())
        try:
            while not self.stopping and self.final_code is None:
                port = self.ports[self.port_index % len(self.ports)]
                url = (
                    f"ws://{HOST}:{port}/ws/conversations/{self.conversation_id}/"
                    f"?after={self.last_id}"
                )
                try:
                    async with connect(
                        url,
                        origin=f"http://{HOST}:{port}",
                        additional_headers={"Cookie": self.cookie},
                        open_timeout=10,
                        ping_interval=None,
                        proxy=None,
                        max_size=2**20,
                    ) as socket_:
                        attempts = 0
                        self.tally.connects += 1
                        self.socket = socket_
                        pinger = asyncio.create_task(self._ping(socket_))
                        await self._flush()
                        try:
                            async for raw in socket_:
                                self._frame(json.loads(raw))
                        except ConnectionClosed:
                            pass
                        finally:
                            pinger.cancel()
                            self.socket = None
                        code = socket_.close_code
                        self.tally.closes[code] += 1
                        if code in FINAL_CODES:
                            self.final_code = code
                            return
                except (TimeoutError, OSError, InvalidStatus, EOFError):
                    self.tally.handshake_failures += 1
                    self.port_index += 1  # the load balancer tries another
                except ConnectionClosed:
                    pass
                if self.stopping:
                    return
                base = min(RECONNECT_MAX, RECONNECT_BASE * 2**attempts)
                attempts += 1
                await asyncio.sleep(base / 2 + self.rng.random() * base / 2)
        finally:
            watchdog.cancel()

    async def stop(self) -> None:
        self.stopping = True
        if self.socket is not None:
            with contextlib.suppress(Exception):
                await self.socket.close()

    async def _ping(self, socket_) -> None:
        while True:
            await asyncio.sleep(self.ping_every)
            with contextlib.suppress(Exception):
                await socket_.send('{"type":"ping"}')

    async def _put(self, entry: Outgoing) -> None:
        if self.socket is None:
            return
        try:
            await self.socket.send(
                json.dumps(
                    {"type": "send", "client_id": entry.client_id, "body": entry.body}
                )
            )
            entry.sent_at = time.monotonic()
        except Exception:  # the reader sees the close and reconnects
            entry.sent_at = 0.0

    async def _flush(self) -> None:
        now = time.monotonic()
        for entry in list(self.outbox.values()):
            if entry.wait_until <= now:
                await self._put(entry)

    async def _watchdog(self) -> None:
        while True:
            await asyncio.sleep(0.5)
            now = time.monotonic()
            for entry in list(self.outbox.values()):
                if entry.wait_until > now:
                    continue
                waiting = entry.sent_at and now - entry.sent_at > ACK_WAIT
                due = not entry.sent_at and entry.attempts
                if waiting or due:
                    await self._put(entry)

    def _frame(self, frame: dict) -> None:
        kind = frame.get("type")
        if kind == "message":
            message = frame["message"]
            if message["id"] in self.shown:
                self.tally.duplicates += 1
                return
            self.shown.add(message["id"])
            self.last_id = max(self.last_id, message["id"])
            if message["sender_id"] != self.profile_id:
                self.tally.delivered[message["client_id"]] = self.profile_id
            else:
                self.outbox.pop(message["client_id"], None)
        elif kind == "ack":
            self.tally.acked.add(frame["client_id"])
            self.outbox.pop(frame["client_id"], None)
        elif kind == "error":
            self.tally.errors[frame.get("code")] += 1
            entry = self.outbox.get(frame.get("client_id") or "")
            if entry is None:
                return
            if frame.get("retry") or frame.get("code") == "rate_limited":
                entry.attempts += 1
                backoff = min(RETRY_MAX, 2 ** (entry.attempts - 1))
                wait = max(frame.get("retry_after") or 0, backoff / 2)
                entry.wait_until = time.monotonic() + wait * (1 + self.rng.random() / 2)
                entry.sent_at = 0.0
            else:
                self.outbox.pop(entry.client_id)
                self.tally.failed[entry.client_id] = frame.get("code", "?")


async def converse(
    clients: list[PageClient],
    *,
    seconds: float,
    interval: float,
    faults: list[tuple[float, callable]] | None = None,
    drain: float = 60.0,
    bodies: list[str] | None = None,
) -> Tally:
    """Every client writes one message every ``interval`` s for ``seconds`` s
    while ``faults`` (at their offsets, run in a thread) happen; then waits up to
    ``drain`` s until every message is delivered to the partner."""
    tally = clients[0].tally
    loop = asyncio.get_running_loop()
    runners = [asyncio.create_task(client.run()) for client in clients]
    bodies = bodies or ["Hej! Skal vi mødes til kaffe på lørdag?"]

    async def writer(client: PageClient) -> None:
        rng = random.Random(client.profile_id)
        due = loop.time() + rng.uniform(0.5, 0.5 + interval)
        stop = loop.time() + seconds
        n = 0
        while due < stop:
            await asyncio.sleep(max(0.0, due - loop.time()))
            n += 1
            await client.write(f"{rng.choice(bodies)} ({client.profile_id}/{n})")
            due += interval

    async def fault_schedule() -> None:
        started = loop.time()
        for offset, fault in faults or []:
            await asyncio.sleep(max(0.0, started + offset - loop.time()))
            await asyncio.to_thread(fault)

    try:
        await asyncio.gather(*(writer(c) for c in clients), fault_schedule())
        deadline = loop.time() + drain
        while loop.time() < deadline:
            expected = {cid for cid in tally.sent if cid not in tally.failed}
            if expected <= set(tally.delivered) and not any(
                client.outbox for client in clients
            ):
                break
            await asyncio.sleep(0.2)
        await asyncio.sleep(0.5)  # a late duplicate still shows up
    finally:
        for client in clients:
            await client.stop()
        await asyncio.gather(*runners, return_exceptions=True)
    return tally
