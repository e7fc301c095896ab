"""Database work for the sockets, off the event loop.

It runs in a thread pool of its own, not Channels' single shared thread, so one
slow query does not hold up every socket of the process; sized to the database
connection pool (``SOCKET_THREADS``), not to the CPUs as Python's default pool
is (six threads here), since the threads mostly wait on the database, and when
a restart has thousands of pages reconnect at once their handshakes must not
queue behind a few threads until daphne gives up on them. Each socket still
handles its frames one at a time, in order.

Each thread keeps its database connection from one call to the next. Taking
one from the pool for every frame (the pool's check of it, a round trip, then
Django's set-up of the connection, then handing it back) cost more of the
server's CPU than a chat message's own statement. A connection the server
dropped in between (a restart, a fail-over, an administrator) fails the next
call, which then runs once more on a fresh one: every call made here is a read
or an idempotent write (a send carries its ``client_id``; a read watermark only
moves forward), so running one twice changes nothing.
"""

import asyncio
import logging
import os
import threading
import weakref
from concurrent.futures import ThreadPoolExecutor
from functools import wraps

from asgiref.sync import SyncToAsync
from django.conf import settings
from django.db import InterfaceError, OperationalError, connections

logger = logging.getLogger(__name__)


_executor: tuple[int, ThreadPoolExecutor] | None = None

# The connections the threads keep between calls, so that they can be given
# back before the database goes away (the test suite's teardown).
_kept: "weakref.WeakSet" = weakref.WeakSet()
_kept_lock = threading.Lock()


def socket_threads() -> int:
    """Three quarters of the PostgreSQL pool (the rest serves page requests);
    8 without a pool (SQLite)."""
    pool = settings.DATABASES["default"].get("OPTIONS", {}).get("pool")
    if isinstance(pool, dict) and pool.get("max_size"):
        return max(4, pool["max_size"] * 3 // 4)
    return 8


def _threads() -> ThreadPoolExecutor:
    """The pool, made on first use in each process (a forked server makes its own)."""
    global _executor
    if _executor is None or _executor[0] != os.getpid():
        _executor = (
            os.getpid(),
            ThreadPoolExecutor(socket_threads(), thread_name_prefix="socket-db"),
        )
    return _executor[1]


def in_thread(function):
    """``await in_thread(f)(…)`` runs ``f(…)`` in the pool on the thread's kept
    connection, once more on a fresh one if the connection was lost."""

    @wraps(function)
    async def run(*args, **kwargs):
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            _threads(), _call, loop, function, args, kwargs
        )

    return run


def _call(loop, function, args, kwargs):
    # In the thread's own context (not a copy of the caller's, as asgiref's
    # sync_to_async makes), so Django's connection stays with the thread.
    # Announcements made on commit are handed to the server's event loop
    # (announce.py), as from a sync_to_async thread.
    here = SyncToAsync.threadlocal
    here.main_event_loop, here.main_event_loop_pid = loop, os.getpid()
    try:
        return function(*args, **kwargs)
    except (OperationalError, InterfaceError):
        logger.warning("database connection lost; trying once more")
        _connections_discard()
        try:
            return function(*args, **kwargs)
        except (OperationalError, InterfaceError):
            _connections_discard()  # the database is away: the next call connects
            raise
    finally:
        _connections_keep()


def _connections_keep() -> None:
    """Keep this thread's connections for its next call, unless a call left
    one in doubt (an error Django noted, a transaction left open): that one is
    given back, and the next call takes a fresh one."""
    for connection in connections.all(initialized_only=True):
        if connection.connection is None:
            continue
        if (
            connection.errors_occurred
            or connection.in_atomic_block
            or not connection.autocommit
        ):
            _close(connection)
            continue
        with _kept_lock:
            _kept.add(connection)


def _connections_discard() -> None:
    for connection in connections.all(initialized_only=True):
        _close(connection)


def _close(connection) -> None:
    try:
        connection.close()
    except Exception:  # a broken connection may fail to close: it is gone
        logger.debug("closing a broken connection failed", exc_info=True)
    connection.errors_occurred = False


def connections_release() -> None:
    """Give back every connection the threads keep. For when nothing runs in
    them any more (the tests' end, before the test database is dropped); a
    thread's next call takes a fresh connection."""
    with _kept_lock:
        kept = list(_kept)
        _kept.clear()
    for connection in kept:
        connection.inc_thread_sharing()
        try:
            _close(connection)
        finally:
            connection.dec_thread_sharing()
