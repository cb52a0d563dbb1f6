"""What staff may do to an escalation (shared by the inbox page and its JSON API)."""

from __future__ import annotations

import datetime as dt
from typing import Collection, Dict, List, Protocol

from bot.escalations.models import STATUSES, Escalation, Note
from bot.escalations.store import EscalationStore

MAX_TEXT = 4000


class Actor(Protocol):
    """Who acts on an escalation: a staff member of one office."""

    @property
    def username(self) -> str: ...

    @property
    def office_key(self) -> str: ...


class EscalationNotFound(LookupError):
    """No such escalation for this office (the web layer answers 404, leaking nothing)."""


class InvalidUpdate(ValueError):
    """A field of an update is not acceptable; `detail` names each field and its problem."""

    def __init__(self, detail: List[Dict[str, str]]) -> None:
        super().__init__("invalid update")
        self.detail = detail


class UnknownReference(InvalidUpdate):
    """An update names something that does not exist, e.g. an assignee who is not of the office (409)."""


def load_for(store: EscalationStore, session: Actor, receipt: str, action: str) -> Escalation:
    """The escalation if it belongs to the staff member's office (404 otherwise, to leak nothing)."""
    escalation = store.get(receipt) if len(receipt) <= 40 else None
    if escalation is None or escalation.office_key != session.office_key:
        store.audit(session.username, f"denied:{action}", receipt)
        raise EscalationNotFound(receipt)
    store.audit(session.username, action, receipt)
    return escalation


def apply_update(
    store: EscalationStore,
    escalation: Escalation,
    session: Actor,
    status: str | None,
    note: str | None,
    reply: str | None,
    assignee: str | None = None,
    staff: Collection[str] = (),
) -> Escalation:
    """Change status, add an internal note, set the reply to the resident and/or assign it.

    `assignee` is a username out of `staff` (the office's accounts), "" to unassign, None to leave as is.
    """
    now = dt.datetime.now(dt.timezone.utc)
    if status is not None and status not in STATUSES:
        raise InvalidUpdate([{"field": "status", "problem": f"one of {', '.join(STATUSES)}"}])
    if assignee and assignee not in staff:
        raise UnknownReference([{"field": "assignee", "problem": "a staff member of this office"}])
    for name, value in (("note", note), ("reply", reply)):
        if value is not None and len(value) > MAX_TEXT:
            raise InvalidUpdate([{"field": name, "problem": f"at most {MAX_TEXT} characters"}])
    updated = escalation.copy(deep=True)
    if status:
        updated.status = status
    if note and note.strip():
        updated.notes.append(Note(author=session.username, text=note.strip(), at=now))
    if reply and reply.strip():
        updated.reply = reply.strip()
        updated.replied_at = now
        if updated.status == "new":
            updated.status = "in_progress"
    if assignee is not None and (assignee or None) != escalation.assignee:
        updated.assignee = assignee or None
        store.audit(session.username, f"assign:{assignee or '-'}", escalation.receipt, now)
    updated.updated_at = now
    store.save(updated)
    return updated
