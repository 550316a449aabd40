"""Django's Redis cache, degrading to "nothing cached" while Redis cannot be reached.

A cache is an optimisation: when Redis is stopped or restarting, pages must keep coming
(slower), not fail with a 500. Every read answers as a miss and every write is dropped,
with a warning in the log, until Redis answers again. Sessions do not depend on it: they
are stored in PostgreSQL and only cached here (``cached_db``, see settings/base.py).
"""

import functools
import logging

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


def _degrade(method, answer):
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except UNREACHABLE as error:
            logger.warning("Redis unreachable (%s): cache %s skipped", error, method.__name__)
            return answer(*args, **kwargs)

    return wrapper


def _default(key, default=None, *args, **kwargs):
    return default


class ResilientRedisCache(RedisCache):
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
