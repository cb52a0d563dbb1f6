"""Office staff sessions in Redis, login throttling and CSRF tokens."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass

from redis.asyncio import Redis

SESSION_COOKIE = "aizu_office"
LOGIN_CSRF_COOKIE = "aizu_login_csrf"
IP_FACTOR = 4


@dataclass(frozen=True)
class StaffSession:
    """A logged-in staff member."""

    token: str
    username: str
    office_key: str
    csrf: str


class Sessions:
    """Create, read and end sessions; count failed logins."""

    def __init__(self, redis: Redis, prefix: str, ttl: int, max_failures: int, lockout: int) -> None:
        self._redis = redis
        self._prefix = prefix
        self._ttl = ttl
        self._max_failures = max_failures
        self._lockout = lockout

    async def create(self, username: str, office_key: str) -> StaffSession:
        session = StaffSession(secrets.token_urlsafe(32), username, office_key, secrets.token_urlsafe(24))
        await self._redis.set(
            f"{self._prefix}:session:{session.token}",
            json.dumps({"username": username, "office_key": office_key, "csrf": session.csrf}),
            ex=self._ttl,
        )
        return session

    async def get(self, token: str | None) -> StaffSession | None:
        if not token or len(token) > 128:
            return None
        raw = await self._redis.get(f"{self._prefix}:session:{token}")
        if not raw:
            return None
        data = json.loads(raw)
        return StaffSession(token, data["username"], data["office_key"], data["csrf"])

    async def end(self, token: str) -> None:
        await self._redis.delete(f"{self._prefix}:session:{token}")

    async def locked(self, username: str, ip: str) -> bool:
        """True when this user or this address failed too often recently."""
        user, address = await self._redis.mget(
            f"{self._prefix}:loginfail:user:{username}", f"{self._prefix}:loginfail:ip:{ip}"
        )
        # one address may serve a whole office (NAT), so it gets more attempts than one user
        return int(user or 0) >= self._max_failures or int(address or 0) >= self._max_failures * IP_FACTOR

    async def failed(self, username: str, ip: str) -> None:
        for key in (f"{self._prefix}:loginfail:user:{username}", f"{self._prefix}:loginfail:ip:{ip}"):
            await self._redis.incr(key)
            await self._redis.expire(key, self._lockout)

    async def succeeded(self, username: str) -> None:
        await self._redis.delete(f"{self._prefix}:loginfail:user:{username}")


def same_token(expected: str, given: str | None) -> bool:
    """Constant-time comparison of CSRF tokens."""
    return bool(given) and secrets.compare_digest(expected, str(given))
