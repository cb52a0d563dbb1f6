"""Rasa's Redis tracker store, on the data server the settings configure (a single server or Sentinel)."""

from __future__ import annotations

from rasa.core.tracker_store import RedisTrackerStore
from rasa.shared.core.domain import Domain

from bot.engine.rasa_patches import LockedRedisTrackerStore, MaskedRedisTrackerStore
from bot.redis_client import parse_redis_url, settings_client
from bot.settings import Settings


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
    if address.uses_sentinel:  # Rasa connects to one host; the master can move, so ask the sentinels
        store.red = settings_client(settings)
    return store
