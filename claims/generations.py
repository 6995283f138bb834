"""Generation counters in the shared cache: a number that any change raises, so that keys built with it
stop being reachable at once (cached pages, desk fragments) without deleting anything."""

import time

from django.core.cache import cache
from django.db import transaction


def fresh_generation() -> int:
    """A generation no earlier one can equal: the clock in nanoseconds. Starting again from 1 after the
    cache evicted the number (Redis under memory pressure, the database cache's culling) would make
    entries stored under generation 1 reachable again, however stale."""
    return time.time_ns()


def current(key: str) -> int:
    return cache.get_or_set(key, fresh_generation, timeout=None)


def bump_now_and_on_commit(key: str) -> None:
    """Raise the generation now, and again when the transaction commits, so that an entry built from the
    old rows between the two (by another request) is not kept either."""
    _bump(key)
    transaction.on_commit(lambda: _bump(key))


def _bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # not there yet (or evicted)
        cache.set(key, fresh_generation(), timeout=None)
