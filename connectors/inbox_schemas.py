"""Response bodies of the office inbox's JSON API (what connectors/inbox_views.py builds, as documented)."""

from __future__ import annotations

from typing import Dict, List, Literal, Optional

from pydantic import BaseModel

from bot.escalations.models import Escalation
from bot.jsonschema import allow_null


class EscalationSummary(BaseModel):
    """One row of the list: ids for programs, the topic's name, age and wait in seconds."""

    receipt: str
    status: str
    topic: Optional[str]
    topic_name: str
    office: str
    created_at: str
    updated_at: str
    last_resident_message_at: str
    age_seconds: int
    waiting_seconds: Optional[int]  # null when the resident is not waiting for the office
    urgent: bool
    safety: List[str]
    kind: Literal["inquiry", "report"]
    place: Optional[str]
    assignee: Optional[str]

    class Config:
        schema_extra = staticmethod(allow_null)


class EscalationList(BaseModel):
    """The escalations passing the filter, and how many the office has per status."""

    escalations: List[EscalationSummary]
    counts: Dict[str, int]


class EscalationDetail(Escalation):
    """One escalation with its transcript, notes and contact, and its topic's name."""

    topic_name: str

    class Config:
        schema_extra = staticmethod(allow_null)
