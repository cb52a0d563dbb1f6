"""FAQ CSVs uploaded on /staff/faq, held in Redis until published or cancelled (never sent back by the browser).

A held upload is found only by its random token, and only by the staff member who uploaded it, for
the municipality it was uploaded for; it expires after `faq_upload_ttl_seconds`.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Optional

from redis.asyncio import Redis


@dataclass(frozen=True)
class HeldUpload:
    """An uploaded CSV as it was received, and the published file's fingerprint it was previewed against."""

    token: str
    user: str
    municipality: str
    file: str
    raw: bytes
    base: str


class FaqUploads:
    """Hold, find and drop uploaded FAQ CSVs."""

    def __init__(self, redis: Redis, prefix: str, ttl: int) -> None:
        self._redis = redis
        self._prefix = prefix
        self._ttl = ttl

    def _key(self, token: str) -> str:
        return f"{self._prefix}:faq:upload:{token}"

    async def hold(self, user: str, municipality: str, file: str, raw: bytes, base: str) -> str:
        """Keep an upload; returns its token."""
        token = secrets.token_urlsafe(24)
        fields = {"user": user, "municipality": municipality, "file": file, "raw": raw, "base": base}
        pipe = self._redis.pipeline()
        pipe.hset(self._key(token), mapping=fields)  # type: ignore[arg-type]
        pipe.expire(self._key(token), self._ttl)
        await pipe.execute()
        return token

    async def find(self, token: str, user: str, municipality: str) -> Optional[HeldUpload]:
        """The upload, if it exists and is this staff member's for this municipality."""
        if not token or len(token) > 64:
            return None
        found = await self._redis.hgetall(self._key(token))
        if not found:
            return None
        text = {k.decode(): v.decode() for k, v in found.items() if k != b"raw"}
        if text.get("user") != user or text.get("municipality") != municipality:
            return None
        return HeldUpload(token, user, municipality, text["file"], found[b"raw"], text.get("base", ""))

    async def rebase(self, upload: HeldUpload, base: str) -> HeldUpload:
        """Note that the upload was previewed again, against a newer published file."""
        await self._redis.hset(self._key(upload.token), "base", base)
        return HeldUpload(upload.token, upload.user, upload.municipality, upload.file, upload.raw, base)

    async def drop(self, token: str) -> None:
        """Forget an upload (published or cancelled)."""
        await self._redis.delete(self._key(token))
