"""Django's Redis cache, degrading to "nothing cached" while Redis cannot be reached.

A cache is an optimisation: when Redis is stopped or restarting, pages must keep coming
(slower), not fail with a 500. Every read answers as a miss and every write is dropped,
with a warning in the log, until Redis answers again. Sessions do not depend on it: they
are stored in PostgreSQL and only cached here (``cached_db``, see settings/base.py).

A Redis that hangs (accepts connections, never answers) costs at most one socket timeout:
the calls give up after ``socket_timeout`` (0.5 s unless OPTIONS say otherwise), and then
every thread's calls skip Redis for ``BREAKER_SECONDS`` instead of each waiting again.
"""

import functools
import logging

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

from website.breaker import Breaker

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
BREAKER_SECONDS = 5
# Give up on an unanswering Redis quickly: a miss costs less than a wait.
TIMEOUTS = {"socket_connect_timeout": 0.25, "socket_timeout": 0.5}
_breakers = {}  # one per Redis server list, shared by every thread's cache object


def _degrade(method, answer):
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        if self.breaker.is_open():
            return answer(*args, **kwargs)
        try:
            return method(self, *args, **kwargs)
        except UNREACHABLE as error:
            self.breaker.trip()
            logger.warning(
                "Redis unreachable (%s): cache %s skipped, and the cache for %d s",
                error,
                method.__name__,
                BREAKER_SECONDS,
            )
            return answer(*args, **kwargs)

    return wrapper


def _default(key, default=None, *args, **kwargs):
    return default


class ReusedRedisClient(RedisCacheClient):
    """Django's client builds a new ``redis.Redis`` for every cache call (about 170 response
    callbacks registered each time: a tenth of the CPU of a small page making five calls).
    A ``redis.Redis`` is safe to share between threads (its pool hands out connections), so
    one is kept per connection pool."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients.setdefault(id(pool), self._client(connection_pool=pool))
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedRedisClient
        self._options = {**TIMEOUTS, **self._options}
        self.breaker = _breakers.setdefault(tuple(self._servers), Breaker(BREAKER_SECONDS))

    get = _degrade(RedisCache.get, _default)
    set = _degrade(RedisCache.set, lambda *a, **k: None)
    add = _degrade(RedisCache.add, lambda *a, **k: False)
    touch = _degrade(RedisCache.touch, lambda *a, **k: False)
    delete = _degrade(RedisCache.delete, lambda *a, **k: False)
    has_key = _degrade(RedisCache.has_key, lambda *a, **k: False)
    get_many = _degrade(RedisCache.get_many, lambda *a, **k: {})
    set_many = _degrade(RedisCache.set_many, lambda data, *a, **k: list(data))
    delete_many = _degrade(RedisCache.delete_many, lambda *a, **k: None)
    clear = _degrade(RedisCache.clear, lambda *a, **k: False)
