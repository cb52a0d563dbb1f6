"""The process-wide learning store (None when no Redis is configured, e.g. plain CLI use)."""

from __future__ import annotations

from functools import lru_cache

import redis

from bot.learning.store import LearningStore
from bot.settings import get_settings


@lru_cache(maxsize=1)
def get_learning_store() -> LearningStore | None:
    settings = get_settings()
    if not settings.redis_url:
        return None
    client = redis.Redis.from_url(settings.redis_url, socket_timeout=3, socket_connect_timeout=3)
    return LearningStore(client, settings.redis_prefix)
