"""config/cache.py: one Redis client per address for the whole process."""

import threading
import uuid

from config.cache import ResilientRedisCache, count_up


def test_cache_objects_of_one_address_share_their_redis_client():
    """Django builds a cache object per thread and per async context (each
    socket, each request); each used to open a Redis connection pool of its own."""
    options = {"OPTIONS": {"socket_connect_timeout": 1}}
    here = ResilientRedisCache("redis://127.0.0.1:1/3", options)
    there: list = []
    thread = threading.Thread(
        target=lambda: there.append(
            ResilientRedisCache("redis://127.0.0.1:1/3", options)._cache
        )
    )
    thread.start()
    thread.join()
    assert here._cache is there[0]
    assert here._cache is ResilientRedisCache("redis://127.0.0.1:1/3", options)._cache
    assert (
        here._cache is not ResilientRedisCache("redis://127.0.0.1:1/4", options)._cache
    )
    assert here._cache is not ResilientRedisCache("redis://127.0.0.1:1/3", {})._cache


def test_one_redis_client_answers_every_call_of_the_process():
    """Django's client made a ``redis.Redis`` for every call (7 % of a chat
    server's CPU building its reply table each time)."""
    client = ResilientRedisCache("redis://127.0.0.1:1/3", {})._cache
    assert client.get_client("a") is client.get_client("b", write=True)


def test_count_up_counts_from_one_and_keeps_the_first_timeout(monkeypatch):
    """The chat's rate window (services/messaging.py): on Redis one round trip,
    INCR and an EXPIRE that only a new count gets; else ``incr``/``add``. The
    configured cache: local memory, or Redis in CI's second pass."""
    from django.conf import settings
    from django.core.cache import cache, caches

    key = f"test-count-up:{uuid.uuid4()}"
    assert [count_up(cache, key, timeout=60) for _ in range(3)] == [1, 2, 3]
    assert count_up(cache, key, timeout=600) == 4
    if settings.CACHES["default"]["BACKEND"] == "config.cache.ResilientRedisCache":
        redis = caches["default"]
        client = redis._cache.get_client(key)
        assert 0 < client.ttl(redis.make_and_validate_key(key)) <= 60
        calls: list = []
        method = redis._cache.count_up
        monkeypatch.setattr(
            redis._cache, "count_up", lambda *a: calls.append(1) or method(*a)
        )
        count_up(cache, key, timeout=60)
        assert calls == [1]  # one round trip, not incr's two
    cache.delete(key)
    assert count_up(cache, key, timeout=60) == 1
