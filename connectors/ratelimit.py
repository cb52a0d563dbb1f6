"""Fixed-window rate limits kept in Redis, shared by all workers."""

from __future__ import annotations

import time
from dataclasses import dataclass

from redis.asyncio import Redis

WINDOW_SECONDS = 60

_HIT = """
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return count
"""


@dataclass(frozen=True)
class Verdict:
    """Whether a request may proceed, and when to retry if not."""

    allowed: bool
    retry_after: int


class RateLimiter:
    """Count requests per key per minute."""

    def __init__(self, redis: Redis, prefix: str) -> None:
        self._prefix = prefix
        self._hit = redis.register_script(_HIT)

    async def hit(self, kind: str, key: str, limit: int, now: float | None = None) -> Verdict:
        """Count one request for `kind:key`; refuse it when over `limit` this minute."""
        now = time.time() if now is None else now
        window = int(now // WINDOW_SECONDS)
        count = int(await self._hit(keys=[f"{self._prefix}:rl:{kind}:{key}:{window}"], args=[WINDOW_SECONDS + 1]))
        retry_after = max(1, int((window + 1) * WINDOW_SECONDS - now))
        return Verdict(count <= limit, 0 if count <= limit else retry_after)
