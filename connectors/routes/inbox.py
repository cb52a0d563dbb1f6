"""The office inbox web page: login, the filtered list, detail, status/note/reply/assignment forms (CSRF-protected)."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any, Dict

from fastapi import APIRouter, Cookie, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from bot.escalations.canned import municipality_of
from bot.escalations.service import get_accounts
from bot.escalations.workflow import apply_update, load_for
from bot.settings import get_settings
from connectors import inbox_views as views
from connectors.deps import (
    AccountsDep,
    CannedDep,
    CurrentStaff,
    InboxFilterDep,
    ServicesDep,
    StaffPage,
    StoreDep,
    TemplatesDep,
)
from connectors.errors import ApiError
from connectors.inbox_query import query_string
from connectors.office_auth import LOGIN_CSRF_COOKIE, SESSION_COOKIE, StaffSession, same_token

router = APIRouter(prefix="/inbox", tags=["office inbox"], include_in_schema=False)


def _cookie_args(request: Request) -> Dict[str, Any]:
    return {"httponly": True, "samesite": "strict", "secure": request.url.scheme == "https", "path": "/"}


def _login_page(request: Request, pages: Jinja2Templates, message: str = "", status: int = 200) -> HTMLResponse:
    token = secrets.token_urlsafe(24)
    context = {"csrf": token, "message": message, "text": views.labels()}
    page = pages.TemplateResponse(request, "login.html", context, status_code=status)
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
        return _login_page(request, pages, views.labels()["login_locked"], 429)
    account = get_accounts().verify(username, password[:256])
    if account is None:
        await services.sessions.failed(username, ip)
        return _login_page(request, pages, views.labels()["login_failed"], 401)
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


@router.get("", response_class=HTMLResponse)
async def inbox(
    request: Request, session: StaffPage, pages: TemplatesDep, store: StoreDep, wanted: InboxFilterDep
) -> Response:
    listing = views.office_listing(store, session.office_key, wanted)
    now = dt.datetime.now(dt.timezone.utc)
    context = {
        "user": session.username,
        "office": session.office_key,
        "csrf": session.csrf,
        "rows": [views.row(e, now) for e in listing.shown],
        "counts": listing.counts,
        "wanted": wanted,
        "topics": views.topic_choices(listing.everything),
        "query": query_string(wanted),
        "text": views.labels(),
    }
    return pages.TemplateResponse(request, "inbox.html", context)


@router.get("/{receipt}", response_class=HTMLResponse)
async def item(
    receipt: str,
    request: Request,
    session: StaffPage,
    pages: TemplatesDep,
    store: StoreDep,
    accounts: AccountsDep,
    canned: CannedDep,
) -> Response:
    e = load_for(store, session, receipt, "view")
    context = {
        "item": views.item(e, dt.datetime.now(dt.timezone.utc)),
        "staff": views.office_staff(accounts, session.office_key),
        "canned": canned.for_municipality(municipality_of(session)),
        "text": views.labels(),
        "csrf": session.csrf,
    }
    return pages.TemplateResponse(request, "item.html", context)


@router.post("/{receipt}")
async def update(
    receipt: str,
    session: CurrentStaff,
    store: StoreDep,
    accounts: AccountsDep,
    csrf: str = Form(...),
    status: str | None = Form(None),
    note: str | None = Form(None),
    reply: str | None = Form(None),
    assignee: str | None = Form(None),
) -> Response:
    if not same_token(session.csrf, csrf):
        raise ApiError(403, "csrf")
    escalation = load_for(store, session, receipt, "update")
    staff = views.office_staff(accounts, session.office_key)
    apply_update(store, escalation, session, status, note, reply, assignee, staff)
    return RedirectResponse(f"/inbox/{receipt}", status_code=303)
