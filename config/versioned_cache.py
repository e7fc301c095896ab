"""Values in the Django cache under a version that every change replaces.

Readers build a value once and keep it under ``<name>:<version>``; whatever
changes what it was built from calls ``renew(name)`` (e.g. from a ``post_save``
receiver), so the next read builds it again and stale entries simply expire.
Used by the site frame (cms_pages/frame.py) and the directory's tags
(community/directory_tags.py). With several processes the cache must be shared
(Redis, ``REDIS_URL``).
"""

import uuid
from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import transaction

T = TypeVar("T")


def version(name: str) -> str:
    """The current version of ``name``; a new one if the cache has lost it."""
    key = f"{name}:version"
    current = cache.get(key)
    if current is None:
        cache.add(key, uuid.uuid4().hex, None)
        current = cache.get(key)
    return current


def _replace(name: str) -> None:
    cache.set(f"{name}:version", uuid.uuid4().hex, None)


def renew(name: str) -> None:
    """Make every cached value of ``name`` stale: now, and again once the current
    transaction commits, since a request reading between the two would
    otherwise cache what the database still showed it."""
    _replace(name)
    transaction.on_commit(partial(_replace, name))


# name: (version, value), the last value each process read: while the version
# stands, one cache read (of the version) is enough.
_latest: dict[str, tuple[str, Any]] = {}


def get_or_build(name: str, build: Callable[[], T], *, timeout: int) -> T:
    """The cached value of ``name``, built and cached if the current version has
    none. ``build`` must not return ``None``. The value is shared by every
    request of the process: read it, never change it."""
    current = version(name)
    latest = _latest.get(name)
    if latest is not None and latest[0] == current:
        return latest[1]
    key = f"{name}:{current}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout)
    _latest[name] = (current, value)
    return value
