"""What staff may do to an escalation (shared by the inbox page and its JSON API)."""

from __future__ import annotations

import datetime as dt

from bot.escalations.models import STATUSES, Escalation, Note
from bot.escalations.store import EscalationStore
from connectors.errors import ApiError
from connectors.office_auth import StaffSession

MAX_TEXT = 4000


def load_for(store: EscalationStore, session: StaffSession, receipt: str, action: str) -> Escalation:
    """The escalation if it belongs to the staff member's office (404 otherwise, to leak nothing)."""
    escalation = store.get(receipt) if len(receipt) <= 40 else None
    if escalation is None or escalation.office_key != session.office_key:
        store.audit(session.username, f"denied:{action}", receipt)
        raise ApiError(404)
    store.audit(session.username, action, receipt)
    return escalation


def apply_update(
    store: EscalationStore,
    escalation: Escalation,
    session: StaffSession,
    status: str | None,
    note: str | None,
    reply: str | None,
) -> Escalation:
    """Change status, add an internal note and/or set the reply to the resident."""
    now = dt.datetime.now(dt.timezone.utc)
    if status is not None and status not in STATUSES:
        raise ApiError(422, detail=[{"field": "status", "problem": f"one of {', '.join(STATUSES)}"}])
    for name, value in (("note", note), ("reply", reply)):
        if value is not None and len(value) > MAX_TEXT:
            raise ApiError(422, detail=[{"field": name, "problem": f"at most {MAX_TEXT} characters"}])
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
    updated.updated_at = now
    store.save(updated)
    return updated
