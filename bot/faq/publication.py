"""A staff publish of a municipality's FAQ in Redis: its version, the rebuild's progress, the history.

Keys (under the configured prefix):
- `faq:versions`: a hash municipality → version, bumped by every publish; the workers watch it.
- `faq:status:<municipality>:<version>`: when the publish was queued, when a worker started building
  its index, when the first worker swapped it in (residents see it from then on), or failed.
- `faq:history:<municipality>`: who published which file when, and what it changed, newest first.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Dict, List, Optional

import redis
from redis.exceptions import RedisError

from bot.changelog import ChangeLog
from bot.redis_client import settings_client
from bot.settings import get_settings

KEEP = 200  # publications kept per municipality
STATUS_TTL = 30 * 24 * 3600
STATES = ("queued", "building", "live", "failed")


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Publication:
    """One publish of a CSV: who, which file, how many entries each outcome had."""

    user: str
    file: str
    version: str
    added: int
    updated: int
    retired: int
    unchanged: int
    at: str = field(default_factory=_now)
    id: str = field(default_factory=lambda: secrets.token_hex(6))


@dataclass(frozen=True)
class Progress:
    """How far the newest published version got; `times` maps each state reached to when (UTC)."""

    version: str
    times: Dict[str, str]

    @property
    def state(self) -> str:
        """The furthest state reached: live or failed, else building, else queued."""
        for state in ("live", "failed", "building"):
            if state in self.times:
                return state
        return "queued"


class FaqPublications:
    """Publish versions, report and read the rebuild's progress, record and list publications."""

    def __init__(self, client: redis.Redis, prefix: str) -> None:
        self._redis = client
        self._prefix = prefix

    @property
    def _versions_key(self) -> str:
        return f"{self._prefix}:faq:versions"

    def _status_key(self, municipality: str, version: str) -> str:
        return f"{self._prefix}:faq:status:{municipality}:{version}"

    def _log(self, municipality: str) -> ChangeLog:
        return ChangeLog(self._redis, f"{self._prefix}:faq:history:{municipality}", KEEP)

    def publish(self, municipality: str) -> str:
        """Bump the municipality's version (the workers rebuild its index); returns the new version."""
        version = str(self._redis.hincrby(self._versions_key, municipality, 1))
        self.report(municipality, version, "queued")
        return version

    def versions(self) -> Optional[Dict[str, str]]:
        """Every published version; None while Redis cannot be reached (the workers keep what they have)."""
        try:
            raw = self._redis.hgetall(self._versions_key)
        except (RedisError, OSError):
            return None
        return {_text(k): _text(v) for k, v in raw.items()}

    def report(self, municipality: str, version: str, state: str) -> None:
        """Note when a version first reached a state (the first worker to get there sets it)."""
        key = self._status_key(municipality, version)
        try:
            pipe = self._redis.pipeline()
            pipe.hsetnx(key, state, _now())
            pipe.expire(key, STATUS_TTL)
            pipe.execute()
        except (RedisError, OSError):
            pass  # progress is only shown to staff; residents are served either way

    def progress(self, municipality: str) -> Optional[Progress]:
        """The progress of the newest published version, or None before the first publish."""
        version = self._redis.hget(self._versions_key, municipality)
        if version is None:
            return None
        times = self._redis.hgetall(self._status_key(municipality, _text(version)))
        return Progress(_text(version), {_text(k): _text(v) for k, v in times.items()})

    def record(self, municipality: str, publication: Publication) -> Publication:
        """Add a publication to the municipality's history."""
        self._log(municipality).add(asdict(publication))
        return publication

    def history(self, municipality: str, limit: int = 20) -> List[Publication]:
        """The newest publications first."""
        return [Publication(**item) for item in self._log(municipality).newest(limit)]


def _text(value: object) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


@lru_cache(maxsize=1)
def get_publications() -> FaqPublications | None:
    """The process-wide publications (None when no Redis is configured, e.g. plain CLI use)."""
    settings = get_settings()
    if not settings.redis_url:
        return None
    client = settings_client(settings, timeout=0.5)
    return FaqPublications(client, settings.redis_prefix)


def publish_change(municipality: str, publications: Optional[FaqPublications] = None) -> Optional[str]:
    """Bump the municipality's FAQ version after a change written outside the upload page (import, review).

    Returns the new version; None without Redis or while it is unreachable (the workers then see the
    change at their next restart).
    """
    found = publications if publications is not None else get_publications()
    if found is None:
        return None
    try:
        return found.publish(municipality)
    except (RedisError, OSError):
        return None
