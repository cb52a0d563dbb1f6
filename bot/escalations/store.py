"""Durable escalation storage in Redis (append-only persistence makes a write survive kill -9)."""

from __future__ import annotations

import datetime as dt
import json
import secrets
from typing import List

import redis

from bot.escalations.models import Escalation
from bot.knowledge.office_hours import JST
from bot.redis_client import write_replicated

_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class EscalationStore:
    """Save, load, list and expire escalations."""

    def __init__(
        self, client: redis.Redis, prefix: str, retention_days: int, replicas: int = 0, replica_timeout_ms: int = 1000
    ) -> None:
        """`replicas`: how many replicas must acknowledge a save before it counts (NotReplicated otherwise)."""
        self._redis = client
        self._prefix = prefix
        self._retention = dt.timedelta(days=retention_days)
        self._replicas = replicas
        self._replica_timeout_ms = replica_timeout_ms

    def _key(self, receipt: str) -> str:
        return f"{self._prefix}:esc:{receipt}"

    def _office_index(self, office_key: str) -> str:
        return f"{self._prefix}:esc:office:{office_key}"

    def new_receipt(self, now: dt.datetime) -> str:
        """A receipt number residents can read out: date, daily sequence, random check part."""
        day = now.astimezone(JST).strftime("%Y%m%d")
        sequence = self._redis.incr(f"{self._prefix}:esc:seq:{day}")
        self._redis.expire(f"{self._prefix}:esc:seq:{day}", 3 * 86400)
        check = "".join(secrets.choice(_ALPHABET) for _ in range(4))
        return f"{day}-{int(sequence):04d}-{check}"

    def save(self, escalation: Escalation) -> None:
        """Write the record and index it under its office, atomically, with the retention expiry.

        Raises NotReplicated when the configured replicas did not acknowledge it: the caller tells the
        resident or the office that it may not have been kept, instead of pretending.
        """
        ttl = int(self._retention.total_seconds())
        write_replicated(
            self._redis,
            [
                ("SET", self._key(escalation.receipt), escalation.json(), "EX", ttl),
                (
                    "ZADD",
                    self._office_index(escalation.office_key),
                    escalation.created_at.timestamp(),
                    escalation.receipt,
                ),
            ],
            self._replicas,
            self._replica_timeout_ms,
        )

    def get(self, receipt: str) -> Escalation | None:
        """Load one record (None if unknown or expired)."""
        raw = self._redis.get(self._key(receipt))
        return Escalation.parse_raw(raw) if raw else None

    def for_office(self, office_key: str, now: dt.datetime | None = None) -> List[Escalation]:
        """The office's records, newest first; index entries past retention are dropped."""
        now = now or dt.datetime.now(dt.timezone.utc)
        index = self._office_index(office_key)
        self._redis.zremrangebyscore(index, "-inf", (now - self._retention).timestamp())
        receipts = [r.decode() if isinstance(r, bytes) else r for r in self._redis.zrevrange(index, 0, 499)]
        found = [e for e in (self.get(r) for r in receipts) if e is not None]
        return sorted(found, key=lambda e: not e.first_in_line)  # stable: newest first within each

    def delete_for_sender(self, sender_id: str, receipts: List[str]) -> int:
        """Delete a resident's own records (by receipt, only when the sender matches)."""
        deleted = 0
        for receipt in receipts:
            escalation = self.get(receipt)
            if escalation and escalation.sender_id == sender_id:
                self._redis.delete(self._key(receipt))
                self._redis.zrem(self._office_index(escalation.office_key), receipt)
                deleted += 1
        return deleted

    def audit(self, user: str, action: str, receipt: str, now: dt.datetime | None = None) -> None:
        """Append to the audit log: who viewed or changed what, when."""
        entry = {
            "at": (now or dt.datetime.now(dt.timezone.utc)).isoformat(),
            "user": user,
            "action": action,
            "receipt": receipt,
        }
        self._redis.rpush(f"{self._prefix}:audit", json.dumps(entry, ensure_ascii=False))

    def audit_log(self) -> List[dict]:
        """The whole audit log, oldest first."""
        return [json.loads(x) for x in self._redis.lrange(f"{self._prefix}:audit", 0, -1)]
