"""Every save of a section of a municipality file (a cell, the offices), kept in Redis: who, when, before and after."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import asdict, dataclass, field
from typing import Any, List, Optional

import redis

from bot.changelog import ChangeLog

KEEP = 200  # changes kept per section


@dataclass(frozen=True)
class Change:
    """One save or revert of a section (`before` and `after` as the section reads: plain JSON data)."""

    user: str
    action: str  # "save" or "revert"
    before: Any
    after: Any
    reverts: Optional[str] = None  # the id of the change a revert undid
    at: str = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))
    id: str = field(default_factory=lambda: secrets.token_hex(6))


class CellHistory:
    """Record and list the changes of each municipality's sections (a cell is named by its topic)."""

    def __init__(self, client: redis.Redis, prefix: str) -> None:
        self._redis = client
        self._prefix = prefix

    def _log(self, municipality: str, section: str) -> ChangeLog:
        return ChangeLog(self._redis, f"{self._prefix}:cells:history:{municipality}:{section}", KEEP)

    def record(self, municipality: str, section: str, change: Change) -> Change:
        """Add a change (the list keeps the newest KEEP)."""
        self._log(municipality, section).add(asdict(change))
        return change

    def changes(self, municipality: str, section: str, limit: int = 50) -> List[Change]:
        """The newest changes first."""
        return [Change(**item) for item in self._log(municipality, section).newest(limit)]

    def find(self, municipality: str, section: str, change_id: str) -> Optional[Change]:
        """One change of the section by id (None if unknown)."""
        return next((c for c in self.changes(municipality, section, KEEP) if c.id == change_id), None)
