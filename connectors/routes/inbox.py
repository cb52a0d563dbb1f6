"""The office inbox web page: login, list, detail, status/note/reply forms (CSRF-protected)."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Dict, List

from fastapi import APIRouter, Cookie, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from bot.escalations.models import Escalation
from bot.escalations.service import get_accounts, get_store
from bot.escalations.workflow import apply_update, load_for
from bot.knowledge.cache import get_knowledge
from bot.knowledge.yaml_source import read_yaml
from bot.settings import get_settings
from connectors.deps import CurrentStaff, ServicesDep, StaffPage, TemplatesDep
from connectors.errors import ApiError
from connectors.office_auth import LOGIN_CSRF_COOKIE, SESSION_COOKIE, StaffSession, same_token

router = APIRouter(prefix="/inbox", tags=["office inbox"], include_in_schema=False)


@lru_cache(maxsize=1)
def labels() -> Dict[str, Any]:
    return dict(read_yaml(get_settings().data_dir / "ui" / "inbox.yml"))


@dataclass(frozen=True)
class Row:
    """One escalation in the inbox list."""

    receipt: str
    status: str
    status_label: str
    urgent: bool
    report: bool
    topic: str
    summary: str
    created: str


@dataclass(frozen=True)
class TranscriptLine:
    """One turn of the masked transcript."""

    speaker: str
    name: str
    text: str


@dataclass(frozen=True)
class NoteLine:
    """One internal note."""

    author: str
    at: str
    text: str


@dataclass(frozen=True)
class Item:
    """One escalation as its detail page shows it."""

    receipt: str
    urgent: bool
    status: str
    status_label: str
    office: str
    kind: str
    topic: str
    place: str
    created: str
    message: str
    contact: str
    consent: bool
    transcript: List[TranscriptLine]
    notes: List[NoteLine]
    reply: str


def _cookie_args(request: Request) -> Dict[str, Any]:
    return {"httponly": True, "samesite": "strict", "secure": request.url.scheme == "https", "path": "/"}


def _login_page(request: Request, pages: Jinja2Templates, message: str = "", status: int = 200) -> HTMLResponse:
    token = secrets.token_urlsafe(24)
    page = pages.TemplateResponse(request, "login.html", {"csrf": token, "message": message}, status_code=status)
    page.set_cookie(LOGIN_CSRF_COOKIE, token, max_age=3600, **_cookie_args(request))
    return page


@router.get("/login", response_class=HTMLResponse)
async def login_form(request: Request, pages: TemplatesDep) -> HTMLResponse:
    return _login_page(request, pages)


@router.post("/login")
async def login(
    request: Request,
    services: ServicesDep,
    pages: TemplatesDep,
    username: str = Form(...),
    password: str = Form(...),
    csrf: str = Form(...),
    aizu_login_csrf: str | None = Cookie(None),
) -> Response:
    if not aizu_login_csrf or not same_token(aizu_login_csrf, csrf):
        raise ApiError(403, "csrf")
    ip = request.client.host if request.client else "unknown"
    username = username.strip()[:64]
    if await services.sessions.locked(username, ip):
        return _login_page(request, pages, labels()["login_locked"], 429)
    account = get_accounts().verify(username, password[:256])
    if account is None:
        await services.sessions.failed(username, ip)
        return _login_page(request, pages, labels()["login_failed"], 401)
    await services.sessions.succeeded(username)
    session = await services.sessions.create(account.username, account.office_key)
    response = RedirectResponse("/inbox", status_code=303)
    response.set_cookie(
        SESSION_COOKIE, session.token, max_age=get_settings().session_ttl_seconds, **_cookie_args(request)
    )
    return response


async def _session_or_none(services: ServicesDep, token: str | None) -> StaffSession | None:
    return await services.sessions.get(token)


@router.post("/logout")
async def logout(services: ServicesDep, csrf: str = Form(...), aizu_office: str | None = Cookie(None)) -> Response:
    session = await _session_or_none(services, aizu_office)
    if session and same_token(session.csrf, csrf):
        await services.sessions.end(session.token)
    response = RedirectResponse("/inbox/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


def _topic_label(topic: str | None) -> str:
    """The topic as staff read it (the label of data/topics/<id>.yml), not its internal id."""
    if not topic:
        return ""
    kb = get_knowledge()
    return kb.label(topic) if topic in kb.topics else topic


def _status_label(status: str) -> str:
    return str(labels()["statuses"].get(status, status))


def _local(at: dt.datetime) -> str:
    return at.astimezone().strftime("%Y-%m-%d %H:%M")


def _row(e: Escalation) -> Row:
    return Row(
        receipt=e.receipt,
        status=e.status,
        status_label=_status_label(e.status),
        urgent=e.urgent,
        report=e.kind == "report",
        topic=_topic_label(e.topic),
        summary=((e.place + " / " if e.place else "") + e.resident_message)[:80],
        created=_local(e.created_at),
    )


def _item(e: Escalation) -> Item:
    speakers = labels()["speakers"]
    return Item(
        receipt=e.receipt,
        urgent=e.urgent,
        status=e.status,
        status_label=_status_label(e.status),
        office=e.office_name,
        kind=str(labels().get("kinds", {}).get(e.kind, e.kind)),
        topic=_topic_label(e.topic),
        place=e.place or "",
        created=_local(e.created_at),
        message=e.resident_message,
        contact=e.contact or "",
        consent=e.consent,
        transcript=[
            TranscriptLine(line.speaker, str(speakers.get(line.speaker, line.speaker)), line.text)
            for line in e.transcript
        ],
        notes=[NoteLine(n.author, _local(n.at), n.text) for n in e.notes],
        reply=e.reply or "",
    )


@router.get("", response_class=HTMLResponse)
async def inbox(request: Request, session: StaffPage, pages: TemplatesDep) -> Response:
    rows = [_row(e) for e in get_store().for_office(session.office_key)]
    return pages.TemplateResponse(
        request,
        "inbox.html",
        {"user": session.username, "office": session.office_key, "csrf": session.csrf, "rows": rows, "text": labels()},
    )


@router.get("/{receipt}", response_class=HTMLResponse)
async def item(
    receipt: str,
    request: Request,
    session: StaffPage,
    pages: TemplatesDep,
) -> Response:
    e = load_for(get_store(), session, receipt, "view")
    return pages.TemplateResponse(request, "item.html", {"item": _item(e), "text": labels(), "csrf": session.csrf})


@router.post("/{receipt}")
async def update(
    receipt: str,
    session: CurrentStaff,
    csrf: str = Form(...),
    status: str | None = Form(None),
    note: str | None = Form(None),
    reply: str | None = Form(None),
) -> Response:
    if not same_token(session.csrf, csrf):
        raise ApiError(403, "csrf")
    store = get_store()
    escalation = load_for(store, session, receipt, "update")
    apply_update(store, escalation, session, status, note, reply)
    return RedirectResponse(f"/inbox/{receipt}", status_code=303)
