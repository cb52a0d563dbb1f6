"""Redis connection details and Rasa's Redis tracker store, from one URL in settings."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote, urlparse

from rasa.core.tracker_store import RedisTrackerStore
from rasa.shared.core.domain import Domain

from bot.engine.rasa_patches import LockedRedisTrackerStore, MaskedRedisTrackerStore
from bot.settings import Settings


@dataclass(frozen=True)
class RedisAddress:
    """Parsed redis:// or rediss:// URL."""

    host: str
    port: int
    db: int
    username: str | None
    password: str | None
    tls: bool


def parse_redis_url(url: str) -> RedisAddress:
    """Parse a Redis URL (rediss:// means TLS)."""
    parsed = urlparse(url)
    if parsed.scheme not in {"redis", "rediss"}:
        raise ValueError(f"AIZU_REDIS_URL must start with redis:// or rediss://, got {parsed.scheme!r}")
    db = int(parsed.path.lstrip("/") or 0)
    return RedisAddress(
        parsed.hostname or "127.0.0.1",
        parsed.port or 6379,
        db,
        unquote(parsed.username) if parsed.username else None,
        unquote(parsed.password) if parsed.password else None,
        parsed.scheme == "rediss",
    )


def redis_tracker_store(settings: Settings, domain: Domain | None = None, ordered: bool = False) -> RedisTrackerStore:
    """Rasa's Redis tracker store with our key prefix and idle expiry; residents' words stored masked.

    `ordered=True` when every write happens inside the conversation's turn (the connector):
    saves then skip Rasa's read-and-merge.
    """
    if not settings.redis_url:
        raise ValueError("redis_url is not configured")
    address = parse_redis_url(settings.redis_url)
    store_class = LockedRedisTrackerStore if ordered else MaskedRedisTrackerStore
    store = store_class(
        domain or Domain.empty(),
        host=address.host,
        port=address.port,
        db=address.db,
        username=address.username,
        password=address.password,
        record_exp=settings.conversation_ttl_seconds,
        key_prefix=settings.redis_prefix,
        use_ssl=address.tls,
    )
    store.max_events = settings.tracker_max_events
    return store
