"""Per-conversation FIFO ordering across worker processes, kept in Redis.

Rasa's RedisLockStore is not race-safe across processes (RasaHQ/rasa#9213). This
is a ticket lock: each message takes the next ticket for its conversation
(atomic INCR) and waits until the conversation's "now serving" counter reaches
it, so messages are handled one at a time in arrival order, whichever worker
got them. A ticket whose owner died (no heartbeat while waiting, no holder key
while serving) is skipped after a grace period, so a crash cannot block a
conversation forever.
"""

from __future__ import annotations

import asyncio
import time
from contextlib import asynccontextmanager
from typing import AsyncIterator

from redis.asyncio import Redis
from redis.exceptions import RedisError

_TAKE = """
local ticket = redis.call('INCR', KEYS[1])
if ticket == 1 then
  redis.call('DEL', KEYS[3], KEYS[4])
end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
redis.call('SET', KEYS[2] .. ticket, 1, 'PX', ARGV[2])
return ticket
"""

_TRY = """
local me = tonumber(ARGV[1])
redis.call('SET', KEYS[3] .. me, 1, 'PX', ARGV[3])
local serving = tonumber(redis.call('GET', KEYS[1]) or '1')
if serving == me then
  redis.call('SET', KEYS[2], me, 'PX', ARGV[4])
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if serving < me and redis.call('EXISTS', KEYS[2]) == 0
   and redis.call('EXISTS', KEYS[3] .. serving) == 0 then
  redis.call('SET', KEYS[1], serving + 1, 'PX', ARGV[2])
end
return 0
"""

_RELEASE = """
local me = tonumber(ARGV[1])
local serving = tonumber(redis.call('GET', KEYS[1]) or '1')
if serving == me then
  redis.call('SET', KEYS[1], me + 1, 'PX', ARGV[2])
  redis.call('DEL', KEYS[2])
end
redis.call('DEL', KEYS[3] .. me)
return 1
"""


_BEAT = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
"""


class OrderingTimeout(Exception):
    """Waited too long for earlier messages of the same conversation."""


class ConversationOrdering:
    """FIFO ticket lock per conversation id."""

    def __init__(
        self,
        redis: Redis,
        prefix: str,
        hold_ms: int = 30_000,
        grace_ms: int = 2_000,
        poll_s: float = 0.004,
        wait_s: float = 60.0,
    ) -> None:
        """Configure key prefix and timings (hold: max processing time of one message)."""
        self._redis = redis
        self._prefix = prefix
        self._hold_ms = hold_ms
        self._grace_ms = grace_ms
        self._poll_s = poll_s
        self._wait_s = wait_s
        self._keys_ttl_ms = max(hold_ms * 4, 120_000)
        self._take = redis.register_script(_TAKE)
        self._try = redis.register_script(_TRY)
        self._release = redis.register_script(_RELEASE)
        self._beat = redis.register_script(_BEAT)
        # The holder key lives a few seconds and the holder renews it while it works (up to hold_ms): a
        # holder that is gone (a crashed worker, or a release lost in a Redis failover) stops blocking
        # its conversation within seconds, not after the whole hold time.
        self._holder_ms = min(hold_ms, 4_000)

    def _keys(self, conversation: str) -> tuple:
        base = f"{self._prefix}:order:{conversation}"
        return f"{base}:ticket", f"{base}:serving", f"{base}:holder", f"{base}:alive:"

    @asynccontextmanager
    async def turn(self, conversation: str) -> AsyncIterator[int]:
        """Wait for this message's turn in its conversation, then hold it."""
        ticket_key, serving_key, holder_key, alive_prefix = self._keys(conversation)
        ticket = int(
            await self._take(
                keys=[ticket_key, alive_prefix, serving_key, holder_key], args=[self._keys_ttl_ms, self._grace_ms]
            )
        )
        deadline = time.monotonic() + self._wait_s
        while not int(
            await self._try(
                keys=[serving_key, holder_key, alive_prefix],
                args=[ticket, self._keys_ttl_ms, self._grace_ms, self._holder_ms],
            )
        ):
            if time.monotonic() > deadline:
                await self._release(keys=[serving_key, holder_key, alive_prefix], args=[ticket, self._keys_ttl_ms])
                raise OrderingTimeout(conversation)
            await asyncio.sleep(self._poll_s)
        heartbeat = asyncio.ensure_future(self._keep_holding(holder_key, ticket))
        try:
            yield ticket
        finally:
            heartbeat.cancel()
            await self._release(keys=[serving_key, holder_key, alive_prefix], args=[ticket, self._keys_ttl_ms])

    async def _keep_holding(self, holder_key: str, ticket: int) -> None:
        """Renew the holder key while the turn is held, for at most hold_ms."""
        until = time.monotonic() + self._hold_ms / 1000
        while time.monotonic() < until:
            await asyncio.sleep(self._holder_ms / 3000)
            try:
                await self._beat(keys=[holder_key], args=[ticket, self._holder_ms])
            except (RedisError, OSError):  # Redis unreachable: the turn's own calls report it
                return
