"""The process-wide cell history (None when no Redis is configured, e.g. plain CLI use)."""

from __future__ import annotations

from functools import lru_cache

from bot.localfacts.history import CellHistory
from bot.redis_client import settings_client
from bot.settings import get_settings


@lru_cache(maxsize=1)
def get_cell_history() -> CellHistory | None:
    settings = get_settings()
    if not settings.redis_url:
        return None
    client = settings_client(settings)
    return CellHistory(client, settings.redis_prefix)
