"""community/realtime/threads.py: the sockets' database work runs in a pool of
its own, sized to the database connection pool, made afresh in a forked process."""

import os
import threading

from django.test import override_settings

from community.realtime import threads
from tests.live import run_async


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
