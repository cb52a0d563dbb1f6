"""Counting answered questions per municipality and topic over the last 30 days, in a real redis-server."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from redis.asyncio import Redis

from bot.learning.demand import asked_recently, count_asked, day_key

TODAY = dt.date(2026, 12, 4)


@pytest.fixture()
async def client(redis_server):
    redis = Redis.from_url(redis_server.url)
    yield redis
    await redis.close(close_connection_pool=True)


async def test_counts_of_the_last_30_days_of_one_municipality(client):
    prefix = f"d{uuid.uuid4().hex[:6]}"
    for day, municipality, topic in [
        (TODAY, "yugawa", "bulky_waste"),
        (TODAY, "yugawa", "bulky_waste"),
        (TODAY - dt.timedelta(days=29), "yugawa", "vaccination"),
        (TODAY - dt.timedelta(days=30), "yugawa", "water_supply"),  # too old
        (TODAY, "showa", "bulky_waste"),
    ]:
        await count_asked(client, prefix, municipality, topic, day)
    assert await asked_recently(client, prefix, "yugawa", TODAY) == {"bulky_waste": 2, "vaccination": 1}
    assert 0 < await client.ttl(day_key(prefix, TODAY)) <= 92 * 24 * 3600
