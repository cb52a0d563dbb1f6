"""JSON API of the office inbox (session cookie + X-CSRF-Token header), and the resident's status view."""

from __future__ import annotations

import datetime as dt
from typing import Optional

from fastapi import APIRouter, Query
from pydantic import BaseModel, Extra

from bot.escalations.models import Escalation, Status
from bot.escalations.service import get_store
from bot.escalations.workflow import MAX_TEXT, apply_update, load_for
from bot.jsonschema import allow_null
from connectors import inbox_views as views
from connectors.deps import AccountsDep, CsrfHeader, CurrentStaff, InboxFilterDep, StoreDep
from connectors.errors import ApiError, documented
from connectors.inbox_schemas import EscalationDetail, EscalationList
from connectors.office_auth import SESSION_COOKIE, same_token
from connectors.schemas import SENDER_ID, Checked

OFFICE_ERRORS = documented(401, 404, 422)
router = APIRouter(prefix="/api", tags=["office inbox"])


class StaffText(Checked):
    """A note or a reply (empty or only spaces: nothing is added)."""

    max_length = MAX_TEXT


class Assignee(Checked):
    """A username of the office's accounts (3–32 characters), or "" to unassign."""

    max_length = 32


class Update(BaseModel):
    """What to change; fields left out stay as they are."""

    status: Optional[Status] = None
    note: Optional[StaffText] = None
    reply: Optional[StaffText] = None
    assignee: Optional[Assignee] = None  # a username of the same office; "" to unassign

    class Config:
        extra = Extra.forbid
        schema_extra = staticmethod(allow_null)


@router.get("/inbox/escalations", response_model=EscalationList, responses=documented(401, 422))
async def list_escalations(session: CurrentStaff, store: StoreDep, wanted: InboxFilterDep) -> dict:
    """The office's escalations passing the filter (urgent open first, then newest), and counts per status."""
    listing = views.office_listing(store, session.office_key, wanted)
    now = dt.datetime.now(dt.timezone.utc)
    return {"escalations": [views.summary(e, now) for e in listing.shown], "counts": listing.counts}


@router.get("/inbox/escalations/{receipt}", response_model=EscalationDetail, responses=OFFICE_ERRORS)
async def get_escalation(receipt: str, session: CurrentStaff, store: StoreDep) -> dict:
    """One escalation with its transcript, notes and contact, and its topic's name."""
    escalation = load_for(store, session, receipt, "view")
    return {**escalation.dict(), "topic_name": views.topic_name(escalation.topic)}


@router.post(
    "/inbox/escalations/{receipt}",
    response_model=Escalation,
    responses={**OFFICE_ERRORS, **documented(400, 403, 409, 413)},
)
async def update_escalation(
    receipt: str,
    update: Update,
    session: CurrentStaff,
    store: StoreDep,
    accounts: AccountsDep,
    x_csrf_token: CsrfHeader = None,
) -> dict:
    """Change status, add a note or reply, assign it to a staff member of the office."""
    if not same_token(session.csrf, x_csrf_token):
        raise ApiError(403, "csrf")
    escalation = load_for(store, session, receipt, "update")
    staff = views.office_staff(accounts, session.office_key)
    changed = apply_update(store, escalation, session, update.status, update.note, update.reply, update.assignee, staff)
    return changed.dict()


class ResidentView(BaseModel):
    """What the resident sees of their escalation."""

    receipt: str
    status: str
    reply: Optional[str]
    replied_at: Optional[str]

    class Config:
        schema_extra = staticmethod(allow_null)


@router.get("/escalations/{receipt}", response_model=ResidentView, responses=documented(404, 422))
async def resident_status(
    receipt: str, sender_id: str = Query(..., json_schema_extra={"pattern": SENDER_ID})
) -> ResidentView:
    """The resident's own view: status and reply (only for the conversation that sent it)."""
    escalation = get_store().get(receipt) if len(receipt) <= 40 else None
    if escalation is None or escalation.sender_id != sender_id:
        raise ApiError(404)
    return ResidentView(
        receipt=receipt,
        status=escalation.status,
        reply=escalation.reply,
        replied_at=escalation.replied_at.isoformat() if escalation.replied_at else None,
    )


__all__ = ["router", "SESSION_COOKIE"]
