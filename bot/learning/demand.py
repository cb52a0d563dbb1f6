"""How often residents asked about each topic, per municipality and day (Redis hashes that expire)."""

from __future__ import annotations

import datetime as dt
from typing import Dict

from redis.asyncio import Redis

WINDOW_DAYS = 30
LONG_WINDOW_DAYS = 90  # the grid's second count: what residents ask over a season, not only this month
KEEP_DAYS = LONG_WINDOW_DAYS + 2


def day_key(prefix: str, day: dt.date) -> str:
    """The hash of one day's answered questions: field "<municipality>|<topic>" -> count."""
    return f"{prefix}:learn:asked:{day.isoformat()}"


async def count_asked(redis: Redis, prefix: str, municipality: str, topic: str, today: dt.date) -> None:
    """Count one answered question."""
    key = day_key(prefix, today)
    pipe = redis.pipeline(transaction=False)
    pipe.hincrby(key, f"{municipality}|{topic}", 1)
    pipe.expire(key, KEEP_DAYS * 24 * 3600)
    await pipe.execute()


def add_day(totals: Dict[str, int], counts: Dict[bytes | str, bytes | str], municipality: str) -> None:
    """Add one day's counts of a municipality to `totals` (topic -> count)."""
    for field, value in counts.items():
        name = field.decode() if isinstance(field, bytes) else field
        owner, _, topic = name.partition("|")
        if owner == municipality and topic:
            totals[topic] = totals.get(topic, 0) + int(value)


async def asked_recently(
    redis: Redis, prefix: str, municipality: str, today: dt.date, days: int = WINDOW_DAYS
) -> Dict[str, int]:
    """Topic -> questions answered in the municipality over the last `days` days (today included)."""
    pipe = redis.pipeline(transaction=False)
    for back in range(days):
        pipe.hgetall(day_key(prefix, today - dt.timedelta(days=back)))
    totals: Dict[str, int] = {}
    for counts in await pipe.execute():
        add_day(totals, counts, municipality)
    return totals
