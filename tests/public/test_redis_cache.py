"""The Redis cache backend that keeps one redis-py client per pool (claims/cache_backends.py).

Needs a Redis server (REDIS_URL, else 127.0.0.1:6379); without one the test is skipped.
"""

import os
import socket
import uuid
from urllib.parse import urlsplit

import pytest

from claims.cache_backends import SharedClientRedisCache


@pytest.fixture
def redis_cache():
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"
    parts = urlsplit(url)
    try:
        socket.create_connection((parts.hostname, parts.port or 6379), timeout=0.2).close()
    except OSError:
        pytest.skip("no Redis server to test against")
    cache = SharedClientRedisCache(url, {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})
    yield cache
    cache.delete_many(["page", "count"])


def test_values_round_trip_through_one_client_per_pool(redis_cache):
    redis_cache.set("page", {"html": "<p>x</p>"})
    assert redis_cache.get("page") == {"html": "<p>x</p>"}
    assert redis_cache.get_or_set("count", 3) == 3
    assert redis_cache.incr("count") == 4
    client = redis_cache._cache.get_client()
    assert redis_cache._cache.get_client(write=True) is client  # one server: one pool, one client
