"""JSON API of the office inbox (session cookie + X-CSRF-Token header), and the resident's status view."""

from __future__ import annotations

from typing import Any, Dict

from fastapi import APIRouter, Header
from pydantic import BaseModel, Extra

from bot.escalations.service import get_store
from bot.escalations.workflow import apply_update, load_for
from connectors.deps import CurrentStaff
from connectors.errors import ApiError
from connectors.office_auth import SESSION_COOKIE, same_token

router = APIRouter(prefix="/api", tags=["office inbox"])


class Update(BaseModel):
    status: str | None = None
    note: str | None = None
    reply: str | None = None

    class Config:
        extra = Extra.forbid


def _summary(e) -> Dict[str, Any]:  # type: ignore[no-untyped-def]
    return {
        "receipt": e.receipt,
        "status": e.status,
        "topic": e.topic,
        "office": e.office_name,
        "created_at": e.created_at.isoformat(),
        "updated_at": e.updated_at.isoformat(),
        "urgent": e.urgent,
        "safety": e.safety,
        "kind": e.kind,
        "place": e.place,
    }


@router.get("/inbox/escalations")
async def list_escalations(session: CurrentStaff) -> dict:
    """The logged-in office's escalations, newest first."""
    return {"escalations": [_summary(e) for e in get_store().for_office(session.office_key)]}


@router.get("/inbox/escalations/{receipt}")
async def get_escalation(receipt: str, session: CurrentStaff) -> dict:
    """One escalation with its transcript, notes and contact."""
    return load_for(get_store(), session, receipt, "view").dict()


@router.post("/inbox/escalations/{receipt}")
async def update_escalation(
    receipt: str,
    update: Update,
    session: CurrentStaff,
    x_csrf_token: str | None = Header(None),
) -> dict:
    """Change status, add a note or reply."""
    if not same_token(session.csrf, x_csrf_token):
        raise ApiError(403, "csrf")
    store = get_store()
    escalation = load_for(store, session, receipt, "update")
    return apply_update(store, escalation, session, update.status, update.note, update.reply).dict()


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
