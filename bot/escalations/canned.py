"""Canned replies: texts a municipality's staff reuse in their replies to residents, kept in Redis.

Redis, like the escalations themselves, rather than a file in data/: staff edit them in the browser while the
assistant runs, every worker and host sees an edit at once, and nothing needs retraining or a deploy.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from typing import Dict, List

import redis
from pydantic import BaseModel

from bot.escalations.workflow import MAX_TEXT, Actor, InvalidUpdate

MAX_TITLE = 60
MAX_PER_MUNICIPALITY = 200
REPLY_ID = re.compile(r"[A-Za-z0-9_-]{1,32}")  # the whole id (fullmatch)


class CannedReply(BaseModel):
    """One reusable text, with who changed it last."""

    id: str
    title: str
    text: str
    updated_by: str
    updated_at: dt.datetime


class CannedReplyNotFound(LookupError):
    """No such canned reply in this municipality (answered 404, like another office's escalation)."""


def municipality_of(actor: Actor) -> str:
    """The municipality part of a staff member's office (municipality/function)."""
    return actor.office_key.split("/")[0]


def checked(title: str, text: str) -> Dict[str, str]:
    """Title and text trimmed, or InvalidUpdate naming each field that is only spaces or too long (as sent)."""
    problems = [
        {"field": name, "problem": f"1–{limit} characters, not only spaces"}
        for name, value, limit in (("title", title, MAX_TITLE), ("text", text, MAX_TEXT))
        if not value.strip() or len(value) > limit
    ]
    if problems:
        raise InvalidUpdate(problems)
    return {"title": title.strip(), "text": text.strip()}


class CannedReplies:
    """List, add, change and delete one municipality's canned replies (one Redis hash each)."""

    def __init__(self, client: redis.Redis, prefix: str) -> None:
        self._redis = client
        self._prefix = prefix

    def _key(self, municipality: str) -> str:
        return f"{self._prefix}:canned:{municipality}"

    def for_municipality(self, municipality: str) -> List[CannedReply]:
        """All of them, by title."""
        raw = self._redis.hvals(self._key(municipality))
        return sorted((CannedReply.parse_raw(r) for r in raw), key=lambda r: (r.title, r.id))

    def get(self, municipality: str, reply_id: str) -> CannedReply:
        """One of them, or CannedReplyNotFound."""
        raw = self._redis.hget(self._key(municipality), reply_id) if REPLY_ID.fullmatch(reply_id) else None
        if not raw:
            raise CannedReplyNotFound(reply_id)
        return CannedReply.parse_raw(raw)

    def add(self, actor: Actor, title: str, text: str) -> CannedReply:
        """A new canned reply of the actor's municipality."""
        fields = checked(title, text)
        municipality = municipality_of(actor)
        if self._redis.hlen(self._key(municipality)) >= MAX_PER_MUNICIPALITY:
            raise InvalidUpdate([{"field": "title", "problem": f"at most {MAX_PER_MUNICIPALITY} canned replies"}])
        return self._write(municipality, secrets.token_urlsafe(8), actor, fields)

    def change(self, actor: Actor, reply_id: str, title: str, text: str) -> CannedReply:
        """New title and text for an existing one of the actor's municipality."""
        municipality = municipality_of(actor)
        self.get(municipality, reply_id)
        return self._write(municipality, reply_id, actor, checked(title, text))

    def delete(self, actor: Actor, reply_id: str) -> None:
        """Remove one of the actor's municipality (CannedReplyNotFound if there is none)."""
        municipality = municipality_of(actor)
        self.get(municipality, reply_id)
        self._redis.hdel(self._key(municipality), reply_id)

    def _write(self, municipality: str, reply_id: str, actor: Actor, fields: Dict[str, str]) -> CannedReply:
        reply = CannedReply(
            id=reply_id, updated_by=actor.username, updated_at=dt.datetime.now(dt.timezone.utc), **fields
        )
        self._redis.hset(self._key(municipality), reply_id, reply.json())
        return reply
