"""A capped list of JSON records in Redis, newest first: the change history of staff edits."""

from __future__ import annotations

import json
from typing import Any, Dict, List

import redis


class ChangeLog:
    """The newest `keep` records under one Redis key."""

    def __init__(self, client: redis.Redis, key: str, keep: int) -> None:
        self._redis = client
        self._key = key
        self._keep = keep

    def add(self, record: Dict[str, Any]) -> None:
        """Put a record first (the oldest beyond `keep` are dropped)."""
        pipe = self._redis.pipeline()
        pipe.lpush(self._key, json.dumps(record, ensure_ascii=False))
        pipe.ltrim(self._key, 0, self._keep - 1)
        pipe.execute()

    def newest(self, limit: int) -> List[Dict[str, Any]]:
        """Up to `limit` records, the newest first."""
        return [json.loads(item) for item in self._redis.lrange(self._key, 0, limit - 1)]
