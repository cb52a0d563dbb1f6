"""Every save of a cell, kept in Redis: who, when, the facts before and after; the newest first."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import asdict, dataclass, field
from typing import List, Optional

import redis

from bot.changelog import ChangeLog
from bot.localfacts.document import PlainFact

KEEP = 200  # changes kept per cell


@dataclass(frozen=True)
class Change:
    """One save or revert of a cell."""

    user: str
    action: str  # "save" or "revert"
    before: List[PlainFact]
    after: List[PlainFact]
    reverts: Optional[str] = None  # the id of the change a revert undid
    at: str = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))
    id: str = field(default_factory=lambda: secrets.token_hex(6))


class CellHistory:
    """Record and list the changes of municipality × topic cells."""

    def __init__(self, client: redis.Redis, prefix: str) -> None:
        self._redis = client
        self._prefix = prefix

    def _log(self, municipality: str, topic: str) -> ChangeLog:
        return ChangeLog(self._redis, f"{self._prefix}:cells:history:{municipality}:{topic}", KEEP)

    def record(self, municipality: str, topic: str, change: Change) -> Change:
        """Add a change (the list keeps the newest KEEP)."""
        self._log(municipality, topic).add(asdict(change))
        return change

    def changes(self, municipality: str, topic: str, limit: int = 50) -> List[Change]:
        """The newest changes first."""
        return [Change(**item) for item in self._log(municipality, topic).newest(limit)]

    def find(self, municipality: str, topic: str, change_id: str) -> Optional[Change]:
        """One change of the cell by id (None if unknown)."""
        return next((c for c in self.changes(municipality, topic, KEEP) if c.id == change_id), None)
