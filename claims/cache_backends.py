"""Django's Redis cache, with one redis-py client per connection pool instead of one per operation.

`RedisCacheClient.get_client` builds a new `redis.Redis` for every cache call, and each builds its
table of ~170 response callbacks: about 0.1 ms a call, and a desk page makes six or seven (the badge
count, the desk version for its polls, the public generation). The client is only a handle on the pool,
which stays Django's: sharing it changes nothing else (redis-py's clients are thread-safe, and a pool
notices a fork and reconnects).
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class SharedClientRedisCacheClient(RedisCacheClient):
    def get_client(self, key=None, *, write=False):  # noqa: ARG002 - Django's signature (key picks a shard)
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(pool)
        if client is None:
            client = clients[pool] = self._client(connection_pool=pool)
        return client


class SharedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient
