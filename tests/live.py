"""Real daphne processes for tests that need one (the browser tests) or two (the
messaging test across processes).

A process is forked after the test database exists, so it serves exactly what a
test committed. Connections (the sockets' threads' kept ones too), and
PostgreSQL's connection pool, are closed before the fork, and the child makes
its own channel layer: a child must never share a socket with its parent.
"""

import asyncio
import threading
from collections.abc import Callable
from functools import partial

from django.db import connections

from community.realtime import threads


def _application():
    from channels.routing import get_default_application

    return get_default_application()


def close_database_connections() -> None:
    threads.connections_release()
    for connection in connections.all():
        connection.close()
        close_pool = getattr(connection, "close_pool", None)
        if close_pool is not None:
            close_pool()


def daphne_start(django_db_blocker, setup: Callable[[], None] | None = None):
    """A started ``DaphneProcess`` on a free port (``process.port.value``)."""
    from daphne.testing import DaphneProcess

    close_database_connections()

    def in_the_server_process() -> None:
        from concurrent.futures import ThreadPoolExecutor

        from asgiref.sync import SyncToAsync
        from channels.layers import channel_layers

        # The fork inherits pytest-django's block on database access, the
        # parent's channel layer with its Redis connections, and asgiref's
        # single-thread executor whose thread did not come along (work sent to
        # it would wait for ever): start all of them afresh.
        django_db_blocker.unblock()
        channel_layers.backends.clear()
        SyncToAsync.single_thread_executor = ThreadPoolExecutor(max_workers=1)
        if setup is not None:
            setup()

    process = DaphneProcess(
        "127.0.0.1", partial(_application), setup=in_the_server_process
    )
    process.start()
    if not process.ready.wait(timeout=30):
        process.terminate()
        raise RuntimeError("daphne did not start")
    return process


def daphne_stop(process) -> None:
    process.terminate()
    process.join(timeout=10)


def run_async(scenario, *args, timeout: float = 90):
    """Run ``scenario(*args)`` (a coroutine function) in a fresh event loop on
    its own thread: the browser tests leave a loop running in the main thread,
    where ``asyncio.run`` and ``async_to_sync`` refuse to start."""
    outcome: dict = {}

    def target():
        try:
            outcome["value"] = asyncio.run(scenario(*args))
        except BaseException as error:  # handed back to the test's thread
            outcome["error"] = error

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(timeout=timeout)
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")
