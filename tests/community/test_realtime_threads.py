"""community/realtime/threads.py: the sockets' database work runs in a pool of
its own, sized to the database connection pool, made afresh in a forked
process; each thread keeps its connection from one call to the next, and a
call whose connection was lost runs once more on a fresh one."""

import os
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import OperationalError, connection, connections
from django.test import override_settings

from community.models import Conversation
from community.realtime import threads
from tests.live import run_async

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="a connection terminated by the server (DATABASE_URL)",
)


def test_socket_work_runs_in_its_own_pool_of_threads():
    names = run_async(threads.in_thread(lambda: threading.current_thread().name))
    assert names.startswith("socket-db")
    assert threads._threads() is threads._threads()


def test_the_pool_is_three_quarters_of_the_database_pool():
    pooled = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "OPTIONS": {"pool": {"min_size": 2, "max_size": 20}},
        }
    }
    sqlite = {"default": {"ENGINE": "django.db.backends.sqlite3", "OPTIONS": {}}}
    with override_settings(DATABASES=pooled):
        assert threads.socket_threads() == 15
    with override_settings(DATABASES=sqlite):
        assert threads.socket_threads() == 8  # no pool


def test_a_forked_process_makes_its_own_pool(monkeypatch):
    here = threads._threads()
    monkeypatch.setattr(os, "getpid", lambda: -1)
    assert threads._threads() is not here


# --- The connection each thread keeps -------------------------------------------


@pytest.fixture
def one_thread(monkeypatch):
    """The pool as a single thread, so consecutive calls share it."""
    executor = ThreadPoolExecutor(1, thread_name_prefix="socket-db-test")
    monkeypatch.setattr(threads, "_executor", (os.getpid(), executor))
    yield executor
    executor.submit(threads._connections_discard).result()
    executor.shutdown()


def raw_connection():
    """The database connection this thread's query ran on."""
    Conversation.objects.exists()
    return connections["default"].connection


def call(function, *args):
    return run_async(threads.in_thread(function), *args)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_thread_keeps_its_connection_from_one_call_to_the_next(one_thread):
    first = call(raw_connection)
    assert call(raw_connection) is first
    assert call(raw_connection) is first


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_call_whose_connection_was_lost_runs_once_more_on_a_fresh_one(one_thread):
    first = call(raw_connection)
    calls = []

    def lost_once():
        calls.append(raw_connection())
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return "done"

    assert call(lost_once) == "done"
    assert calls[0] is first and calls[1] is not first  # the second on a fresh one
    assert call(raw_connection) is calls[1]  # and that one is kept


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_call_lost_twice_fails_and_keeps_nothing_broken(one_thread):
    def always_lost():
        Conversation.objects.exists()
        raise OperationalError("the database is away")

    with pytest.raises(OperationalError):
        call(always_lost)
    assert call(lambda: connections["default"].connection) is None
    assert call(raw_connection)  # the next call connects again


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_call_that_left_a_database_error_gives_its_connection_back(one_thread):
    first = call(raw_connection)

    def bad_sql():
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT * FROM no_such_table")

    with pytest.raises(Exception, match="no_such_table"):
        call(bad_sql)
    assert call(lambda: connections["default"].connection) is None
    assert call(raw_connection) is not first


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_released_connections_are_given_back_and_taken_again(one_thread):
    first = call(raw_connection)
    threads.connections_release()
    assert call(lambda: connections["default"].connection) is None
    assert call(raw_connection) is not first


@on_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_kept_connection_the_server_terminated_is_replaced(one_thread):
    def backend_pid() -> int:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            return cursor.fetchone()[0]

    pid = call(backend_pid)
    assert call(backend_pid) == pid  # kept
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        assert cursor.fetchone()[0] is True
    # The next call finds its connection gone, and runs again on a new one.
    assert call(backend_pid) != pid
