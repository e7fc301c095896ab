"""config/cache.py: one Redis client per address for the whole process."""

import threading

from config.cache import ResilientRedisCache


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
