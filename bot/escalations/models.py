"""The escalation record."""

from __future__ import annotations

import datetime as dt
from typing import List, Literal, get_args

from pydantic import BaseModel

from bot.jsonschema import allow_null

Status = Literal["new", "in_progress", "resolved"]
STATUSES = get_args(Status)


class Line(BaseModel):
    """One line of the transcript (personal data masked)."""

    speaker: str  # "resident" or "bot"
    text: str


class Note(BaseModel):
    """An internal note by office staff (never shown to the resident)."""

    author: str
    text: str
    at: dt.datetime


class Escalation(BaseModel):
    """An inquiry sent to an office, with its context and state."""

    receipt: str
    sender_id: str
    municipality: str
    function: str
    office_name: str
    topic: str | None
    resident_message: str
    transcript: List[Line]
    consent: bool
    contact: str | None
    status: str = "new"
    reply: str | None = None
    replied_at: dt.datetime | None = None
    notes: List[Note] = []
    # The conversation met the safety layer (data/safety): which situations, and whether that is urgent.
    safety: List[str] = []
    urgent: bool = False
    # "inquiry": a question handed to the office; "report": a place reported (a pothole, a light out),
    # its category being `topic`.
    kind: Literal["inquiry", "report"] = "inquiry"
    place: str | None = None
    # The staff member of the same office working on it (a username of the office's accounts).
    assignee: str | None = None
    # When the resident last wrote something themselves (not a button); None on older records.
    resident_at: dt.datetime | None = None
    created_at: dt.datetime
    updated_at: dt.datetime

    class Config:
        schema_extra = staticmethod(allow_null)

    @property
    def first_in_line(self) -> bool:
        """Urgent and not yet resolved: listed before everything else in the inbox."""
        return self.urgent and self.status != "resolved"

    @property
    def last_resident_message_at(self) -> dt.datetime:
        """When the resident last wrote (the creation time for records from before it was kept)."""
        return self.resident_at or self.created_at

    @property
    def waiting(self) -> bool:
        """The resident's last message has no office reply after it and the case is still open."""
        answered = self.replied_at is not None and self.replied_at >= self.last_resident_message_at
        return self.status != "resolved" and not answered

    @property
    def office_key(self) -> str:
        """Which office owns it: municipality/function."""
        return f"{self.municipality}/{self.function}"
