"""Database work for the sockets, off the event loop.

It runs in a thread pool of its own, not Channels' single shared thread, so one
slow query does not hold up every socket of the process; sized to the database
connection pool (``SOCKET_THREADS``), not to the CPUs as Python's default pool
is (six threads here), since the threads mostly wait on the database, and when
a restart has thousands of pages reconnect at once their handshakes must not
queue behind a few threads until daphne gives up on them. Each socket still handles its
frames one at a time, in order. Connections are closed (returned to the pool)
inside the call's own context: asgiref runs the function in a copy of the
context, where Django keeps the connection it opened.
"""

import logging
import os
from concurrent.futures import ThreadPoolExecutor
from functools import wraps

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import (
    InterfaceError,
    OperationalError,
    close_old_connections,
    connections,
)

logger = logging.getLogger(__name__)


_executor: tuple[int, ThreadPoolExecutor] | None = None


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
    @wraps(function)
    def closing(*args, **kwargs):
        close_old_connections()
        try:
            return function(*args, **kwargs)
        finally:
            close_old_connections()

    return sync_to_async(closing, thread_sensitive=False, executor=_threads())


def in_thread_retrying(function):
    """``in_thread`` for idempotent work (a send with its ``client_id``, a read
    watermark): a connection the database dropped under it is given back and the
    work runs once more on a fresh one before the frame fails."""

    @wraps(function)
    def retrying(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except (OperationalError, InterfaceError):
            logger.warning("database connection lost; trying once more")
            _connections_discard()
            return function(*args, **kwargs)

    return in_thread(retrying)


def _connections_discard() -> None:
    for connection in connections.all(initialized_only=True):
        try:
            connection.close()
        except Exception:  # a broken connection may fail to close: it is gone
            logger.debug("closing a broken connection failed", exc_info=True)
