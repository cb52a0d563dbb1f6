"""JSON API of the office inbox (session cookie + X-CSRF-Token header), and the resident's status view."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Header
from pydantic import BaseModel, Extra

from bot.escalations.service import get_store
from bot.escalations.workflow import apply_update, load_for
from connectors import inbox_views as views
from connectors.deps import AccountsDep, CurrentStaff, InboxFilterDep, StoreDep
from connectors.errors import ApiError
from connectors.office_auth import SESSION_COOKIE, same_token

router = APIRouter(prefix="/api", tags=["office inbox"])


class Update(BaseModel):
    status: str | None = None
    note: str | None = None
    reply: str | None = None
    assignee: str | None = None  # a username of the same office; "" to unassign

    class Config:
        extra = Extra.forbid


@router.get("/inbox/escalations")
async def list_escalations(session: CurrentStaff, store: StoreDep, wanted: InboxFilterDep) -> dict:
    """The office's escalations passing the filter (urgent open first, then newest), and counts per status."""
    listing = views.office_listing(store, session.office_key, wanted)
    now = dt.datetime.now(dt.timezone.utc)
    return {"escalations": [views.summary(e, now) for e in listing.shown], "counts": listing.counts}


@router.get("/inbox/escalations/{receipt}")
async def get_escalation(receipt: str, session: CurrentStaff, store: StoreDep) -> dict:
    """One escalation with its transcript, notes and contact, and its topic's name."""
    escalation = load_for(store, session, receipt, "view")
    return {**escalation.dict(), "topic_name": views.topic_name(escalation.topic)}


@router.post("/inbox/escalations/{receipt}")
async def update_escalation(
    receipt: str,
    update: Update,
    session: CurrentStaff,
    store: StoreDep,
    accounts: AccountsDep,
    x_csrf_token: str | None = Header(None),
) -> dict:
    """Change status, add a note or reply, assign it to a staff member of the office."""
    if not same_token(session.csrf, x_csrf_token):
        raise ApiError(403, "csrf")
    escalation = load_for(store, session, receipt, "update")
    staff = views.office_staff(accounts, session.office_key)
    changed = apply_update(store, escalation, session, update.status, update.note, update.reply, update.assignee, staff)
    return changed.dict()


@router.get("/escalations/{receipt}")
async def resident_status(receipt: str, sender_id: str) -> dict:
    """The resident's own view: status and reply (only for the conversation that sent it)."""
    escalation = get_store().get(receipt) if len(receipt) <= 40 else None
    if escalation is None or escalation.sender_id != sender_id:
        raise ApiError(404)
    return {
        "receipt": receipt,
        "status": escalation.status,
        "reply": escalation.reply,
        "replied_at": escalation.replied_at.isoformat() if escalation.replied_at else None,
    }


__all__ = ["router", "SESSION_COOKIE"]
