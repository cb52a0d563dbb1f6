"""Unanswered questions and 👍/👎 counts in Redis (personal data masked before storing)."""

from __future__ import annotations

import datetime as dt
import json
import secrets
from dataclasses import asdict, dataclass, field
from typing import Dict, List, Tuple

import redis

from bot.privacy import mask_pii

# "safety": a message the safety layer recognised (kept flagged: never a training example for a topic).
KINDS = ("fallback", "clarify", "thumbs_down", "safety")
MAX_QUEUE = 20_000


@dataclass
class Unanswered:
    """A question the assistant could not answer well."""

    id: str
    kind: str
    text: str
    municipality: str | None
    guesses: List[Tuple[str, float]] = field(default_factory=list)
    at: str = ""
    safety: List[str] = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        """A crisis, abuse or danger message."""
        return bool(self.safety)


class LearningStore:
    """Append, read and resolve unanswered questions; count feedback."""

    def __init__(self, client: redis.Redis, prefix: str) -> None:
        self._redis = client
        self._prefix = prefix

    @property
    def _queue(self) -> str:
        return f"{self._prefix}:learn:unanswered"

    def record(
        self,
        kind: str,
        text: str,
        municipality: str | None,
        guesses: List[Tuple[str, float]],
        now: dt.datetime | None = None,
        safety: List[str] | None = None,
    ) -> Unanswered:
        """Store one masked question in the review queue."""
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}")
        item = Unanswered(
            secrets.token_hex(6),
            kind,
            mask_pii(text.strip())[:500],
            municipality,
            [(t, round(float(c), 4)) for t, c in guesses[:3]],
            (now or dt.datetime.now(dt.timezone.utc)).isoformat(),
            list(safety or []),
        )
        self._redis.hset(self._queue, item.id, json.dumps(asdict(item), ensure_ascii=False))
        if self._redis.hlen(self._queue) > MAX_QUEUE:
            oldest = sorted(self.pending(), key=lambda u: u.at)[: self._redis.hlen(self._queue) - MAX_QUEUE]
            self.resolve([u.id for u in oldest])
        return item

    def pending(self) -> List[Unanswered]:
        """Everything not yet assigned or dismissed."""
        items = [json.loads(v) for v in self._redis.hvals(self._queue)]
        return [
            Unanswered(**{**i, "guesses": [tuple(g) for g in i["guesses"]], "safety": i.get("safety") or []})
            for i in items
        ]

    def resolve(self, ids: List[str]) -> int:
        """Remove items once staff assigned or dismissed them."""
        return int(self._redis.hdel(self._queue, *ids)) if ids else 0

    def feedback(self, municipality: str, topic: str, value: str) -> None:
        """Count one 👍 ("up") or 👎 ("down") for an answer (`topic` is a topic id or faq:<entry id>)."""
        if value not in {"up", "down"}:
            raise ValueError("value must be up or down")
        self._redis.hincrby(f"{self._prefix}:learn:feedback", f"{municipality}|{topic}|{value}", 1)

    def feedback_counts(self) -> Dict[Tuple[str, str], Dict[str, int]]:
        """(municipality, topic or faq:<entry id>) -> {"up": n, "down": n}."""
        counts: Dict[Tuple[str, str], Dict[str, int]] = {}
        for key, value in self._redis.hgetall(f"{self._prefix}:learn:feedback").items():
            municipality, rest = (key.decode() if isinstance(key, bytes) else key).split("|", 1)
            topic, kind = rest.rsplit("|", 1)
            counts.setdefault((municipality, topic), {"up": 0, "down": 0})[kind] = int(value)
        return counts


FAQ_KEY = "faq:"  # feedback on an answer from a municipality's imported FAQ is counted as faq:<entry id>


def down_share(count: Dict[str, int]) -> float | None:
    """The share of 👎 among the votes (None without votes)."""
    total = count.get("up", 0) + count.get("down", 0)
    return count.get("down", 0) / total if total else None
