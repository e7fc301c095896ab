"""Database work for the sockets, off the event loop.

It runs in a thread pool, not Channels' single shared thread, so one slow query
does not hold up every socket of the process. Each socket still handles its
frames one at a time, in order. Connections are closed (returned to the pool)
inside the call's own context: asgiref runs the function in a copy of the
context, where Django keeps the connection it opened.
"""

import logging
from functools import wraps

from asgiref.sync import sync_to_async
from django.db import (
    InterfaceError,
    OperationalError,
    close_old_connections,
    connections,
)

logger = logging.getLogger(__name__)


def in_thread(function):
    @wraps(function)
    def closing(*args, **kwargs):
        close_old_connections()
        try:
            return function(*args, **kwargs)
        finally:
            close_old_connections()

    return sync_to_async(closing, thread_sensitive=False)


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
