"""Canned replies of the staff member's municipality: a page with CSRF-protected forms, and a JSON API."""

from __future__ import annotations

import re
from typing import List, Literal

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Extra

from bot.escalations.canned import MAX_TITLE, CannedReplies, CannedReply, CannedReplyNotFound, municipality_of
from bot.escalations.store import EscalationStore
from bot.escalations.workflow import MAX_TEXT
from bot.knowledge.cache import get_knowledge
from connectors import inbox_views as views
from connectors.deps import CannedDep, CsrfHeader, CurrentStaff, StaffPage, StoreDep, TemplatesDep
from connectors.errors import ApiError, documented
from connectors.office_auth import StaffSession, same_token
from connectors.schemas import HAS_VISIBLE, Checked

pages_router = APIRouter(prefix="/inbox/replies", tags=["office inbox"], include_in_schema=False)
api_router = APIRouter(prefix="/api/inbox/replies", tags=["office inbox"], responses=documented(401))
CHANGES = documented(400, 403, 413, 422)  # 400: a body that is not UTF-8 JSON
PAGE = "/inbox/replies"


class Title(Checked):
    min_length = 1
    max_length = MAX_TITLE
    regex = re.compile(HAS_VISIBLE)


class Text(Checked):
    min_length = 1
    max_length = MAX_TEXT
    regex = re.compile(HAS_VISIBLE)


class CannedText(BaseModel):
    """A canned reply's title (shown in the list) and text (inserted into the reply); not only spaces."""

    title: Title
    text: Text

    class Config:
        extra = Extra.forbid


def _csrf(session: StaffSession, given: str | None) -> None:
    if not same_token(session.csrf, given):
        raise ApiError(403, "csrf")


def _add(store: EscalationStore, canned: CannedReplies, session: StaffSession, body: CannedText) -> CannedReply:
    reply = canned.add(session, body.title, body.text)
    store.audit(session.username, "canned:add", reply.id)
    return reply


def _edit(
    store: EscalationStore,
    canned: CannedReplies,
    session: StaffSession,
    reply_id: str,
    body: CannedText | None,
) -> CannedReply | None:
    """Change (with a body) or delete one of the municipality's canned replies; audited, denied ones too."""
    action = "change" if body else "delete"
    try:
        changed = canned.change(session, reply_id, body.title, body.text) if body else None
        if body is None:
            canned.delete(session, reply_id)
    except CannedReplyNotFound:
        store.audit(session.username, f"denied:canned:{action}", reply_id[:40])
        raise
    store.audit(session.username, f"canned:{action}", reply_id)
    return changed


@pages_router.get("", response_class=HTMLResponse)
async def replies_page(request: Request, session: StaffPage, pages: TemplatesDep, canned: CannedDep) -> Response:
    municipality = municipality_of(session)
    known = get_knowledge().municipalities.get(municipality)
    context = {
        "municipality": known.name if known else municipality,
        "replies": canned.for_municipality(municipality),
        "csrf": session.csrf,
        "text": views.labels(),
        "local": views.local,
    }
    return pages.TemplateResponse(request, "replies.html", context)


@pages_router.post("")
async def add_from_form(
    session: CurrentStaff,
    store: StoreDep,
    canned: CannedDep,
    csrf: str = Form(...),
    title: str = Form(""),
    text: str = Form(""),
) -> Response:
    _csrf(session, csrf)
    _add(store, canned, session, CannedText.construct(title=title, text=text))  # checked by canned.add
    return RedirectResponse(PAGE, status_code=303)


@pages_router.post("/{reply_id}")
async def edit_from_form(
    reply_id: str,
    session: CurrentStaff,
    store: StoreDep,
    canned: CannedDep,
    csrf: str = Form(...),
    action: Literal["save", "delete"] = Form("save"),
    title: str = Form(""),
    text: str = Form(""),
) -> Response:
    _csrf(session, csrf)
    _edit(store, canned, session, reply_id, CannedText.construct(title=title, text=text) if action == "save" else None)
    return RedirectResponse(PAGE, status_code=303)


class CannedList(BaseModel):
    replies: List[CannedReply]


@api_router.get("", response_model=CannedList)
async def list_replies(session: CurrentStaff, canned: CannedDep) -> CannedList:
    """The canned replies of the staff member's municipality, by title."""
    replies: List[CannedReply] = canned.for_municipality(municipality_of(session))
    return CannedList(replies=replies)


@api_router.post("", status_code=201, response_model=CannedReply, responses=CHANGES)
async def add_reply(
    body: CannedText, session: CurrentStaff, store: StoreDep, canned: CannedDep, x_csrf_token: CsrfHeader = None
) -> CannedReply:
    """Add a canned reply for the whole municipality."""
    _csrf(session, x_csrf_token)
    return _add(store, canned, session, body)


@api_router.post("/{reply_id}", response_model=CannedReply, responses={**CHANGES, **documented(404)})
async def change_reply(
    reply_id: str,
    body: CannedText,
    session: CurrentStaff,
    store: StoreDep,
    canned: CannedDep,
    x_csrf_token: CsrfHeader = None,
) -> CannedReply:
    """Change a canned reply's title and text."""
    _csrf(session, x_csrf_token)
    changed = _edit(store, canned, session, reply_id, body)
    assert changed is not None  # a body changes, only None deletes
    return changed


@api_router.delete("/{reply_id}", status_code=204, response_class=Response, responses=documented(403, 404, 422))
async def delete_reply(
    reply_id: str, session: CurrentStaff, store: StoreDep, canned: CannedDep, x_csrf_token: CsrfHeader = None
) -> Response:
    """Delete a canned reply."""
    _csrf(session, x_csrf_token)
    _edit(store, canned, session, reply_id, None)
    return Response(status_code=204)
