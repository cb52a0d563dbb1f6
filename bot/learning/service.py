"""The process-wide learning store (None when no Redis is configured, e.g. plain CLI use)."""

from __future__ import annotations

from functools import lru_cache

from bot.learning.store import LearningStore
from bot.redis_client import settings_client
from bot.settings import get_settings


@lru_cache(maxsize=1)
def get_learning_store() -> LearningStore | None:
    settings = get_settings()
    if not settings.redis_url:
        return None
    client = settings_client(settings)
    return LearningStore(client, settings.redis_prefix)
