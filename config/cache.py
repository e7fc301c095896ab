"""Django's Redis cache, answering as an empty cache while Redis is away.

Everything Velkomst keeps in the cache can be worked out again or read from the
database: sessions are ``cached_db`` (a miss reads the database), the site frame
and the directory's tags are rebuilt, rate-limit windows start afresh. So when
Redis goes away a read is a miss and a write is dropped, instead of an error
that would fail a page, a login or a chat message. After the first failure the
process stops asking Redis for ``RETRY_AFTER`` seconds (a breaker shared by the
process's threads), so an outage costs one failed round trip per process every
few seconds, not one per call. ``incr`` and ``decr`` still raise (their callers
count something and decide what an unknown count means).
"""

import logging
import threading
import time
from functools import wraps

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.utils.functional import cached_property
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

RETRY_AFTER = 2.0  # seconds a process leaves Redis alone after a failure
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


class CacheUnavailable(RedisConnectionError):
    """Raised by ``incr`` while the breaker is open."""


# Django builds a cache object per thread; the breaker is per server address.
_down_until: dict[str, float] = {}
_lock = threading.Lock()
# ... and per async context (each socket, each ASGI request): each would open a
# Redis connection pool of its own, so one client per address and options
# serves the whole process (redis-py's pool is thread-safe and fork-aware).
_clients: dict[tuple, object] = {}


def _fail_soft(answer):
    """Run the method unless Redis is known to be away; on a connection error,
    open the breaker and return ``answer(*args, **kwargs)``."""

    def decorate(method):
        @wraps(method)
        def guarded(self, *args, **kwargs):
            if self._breaker_open():
                return answer(*args, **kwargs)
            try:
                result = method(self, *args, **kwargs)
            except UNREACHABLE as error:
                self._breaker_trip(error)
                return answer(*args, **kwargs)
            if _down_until:
                self._breaker_close()
            return result

        return guarded

    return decorate


def _default(key, default=None, version=None):
    return default


def _false(*args, **kwargs):
    return False


def _none(*args, **kwargs):
    return None


def _empty(*args, **kwargs):
    return {}


def _all_keys_failed(data, *args, **kwargs):
    return list(data)


class _ReusingClient(RedisCacheClient):
    """Django's client makes a new ``redis.Redis`` for every call, which builds
    its table of some 250 reply parsers each time: 7 % of a chat server's CPU.
    One per connection pool serves every call (redis-py's clients are
    thread-safe; the pool hands each command a connection)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._redis_clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._redis_clients.get(index)
        if client is None:
            client = self._client(connection_pool=self._get_connection_pool(write))
            self._redis_clients[index] = client
        return client

    def count_up(self, key, timeout: int) -> int:
        """Add one to the count at ``key`` (new: 1, kept ``timeout`` seconds)
        in one round trip, where ``incr`` takes two (EXISTS, then INCR)."""
        pipeline = self.get_client(key, write=True).pipeline(transaction=False)
        pipeline.incr(key)
        pipeline.expire(key, timeout, nx=True)
        count, _expiry_set = pipeline.execute()
        return count


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusingClient

    @cached_property
    def _cache(self):
        key = (tuple(self._servers), repr(sorted(self._options.items())))
        with _lock:
            client = _clients.get(key)
            if client is None:
                client = _clients[key] = self._class(self._servers, **self._options)
        return client

    def _breaker_key(self) -> str:
        return ",".join(self._servers)

    def _breaker_open(self) -> bool:
        until = _down_until.get(self._breaker_key())
        return until is not None and time.monotonic() < until

    def _breaker_trip(self, error: Exception) -> None:
        key = self._breaker_key()
        with _lock:
            was_down = key in _down_until
            _down_until[key] = time.monotonic() + RETRY_AFTER
        if not was_down:
            logger.warning("cache: Redis unreachable (%s); answering as empty", error)

    def _breaker_close(self) -> None:
        if _down_until.pop(self._breaker_key(), None) is not None:
            logger.warning("cache: Redis reachable again")

    get = _fail_soft(_default)(RedisCache.get)
    add = _fail_soft(_false)(RedisCache.add)
    set = _fail_soft(_false)(RedisCache.set)
    touch = _fail_soft(_false)(RedisCache.touch)
    delete = _fail_soft(_false)(RedisCache.delete)
    has_key = _fail_soft(_false)(RedisCache.has_key)
    get_many = _fail_soft(_empty)(RedisCache.get_many)
    set_many = _fail_soft(_all_keys_failed)(RedisCache.set_many)
    delete_many = _fail_soft(_none)(RedisCache.delete_many)
    clear = _fail_soft(_false)(RedisCache.clear)

    def count_up(self, key, timeout: int, version=None) -> int:
        """``count_up`` (module function) in one round trip; raises while
        Redis is away, like ``incr``."""
        key = self.make_and_validate_key(key, version=version)
        return self._counting(lambda: self._cache.count_up(key, timeout))

    def incr(self, key, delta=1, version=None):
        return self._counting(lambda: RedisCache.incr(self, key, delta, version))

    def _counting(self, count):
        """``count()``, unless Redis is known to be away: a count cannot be
        answered as empty, so both raise then (``CacheUnavailable``)."""
        if self._breaker_open():
            raise CacheUnavailable("Redis is unreachable")
        try:
            value = count()
        except UNREACHABLE as error:
            self._breaker_trip(error)
            raise
        if _down_until:
            self._breaker_close()
        return value


def count_up(cache, key: str, timeout: int) -> int:
    """Add one to the count kept at ``key`` in ``cache`` and return it; a new
    count starts at 1 and is forgotten ``timeout`` seconds later. One round trip
    on Redis; any other cache (one machine: local memory) by ``incr``, or
    ``add`` for the first. Raises when the cache cannot count (Redis away)."""
    # ``django.core.cache.cache`` is a proxy: ask it, not its type.
    if callable(one_round_trip := getattr(cache, "count_up", None)):
        return one_round_trip(key, timeout)
    try:
        return cache.incr(key)
    except ValueError:  # the first
        return 1 if cache.add(key, 1, timeout=timeout) else cache.incr(key)
