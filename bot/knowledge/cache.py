"""Process-wide access to the loaded knowledge base (loaded on first use, never at import; kept current)."""

from __future__ import annotations

from functools import lru_cache
from typing import Callable, Optional

from redis.exceptions import RedisError

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.freshness import LiveKnowledge, version_key
from bot.redis_client import settings_client
from bot.settings import Settings, get_settings


def _published_reader(settings: Settings) -> Callable[[], Optional[str]]:
    """Read the published knowledge version from Redis; None without Redis or while it is unreachable."""
    if not settings.redis_url:
        return lambda: None
    client = settings_client(settings, timeout=0.5)
    key = version_key(settings.redis_prefix)

    def read() -> Optional[str]:
        try:
            value = client.get(key)
        except (RedisError, OSError):
            return None
        return value.decode() if isinstance(value, bytes) else (None if value is None else str(value))

    return read


@lru_cache(maxsize=1)
def live_knowledge() -> LiveKnowledge:
    """The process's live knowledge base of the configured data/ folder."""
    settings = get_settings()
    return LiveKnowledge(settings.data_dir, _published_reader(settings))


def get_knowledge() -> KnowledgeBase:
    """The knowledge base of data/, reloaded after a change (checked at most once a second)."""
    return live_knowledge().get()
