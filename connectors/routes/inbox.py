"""The office inbox web page: login, list, detail, status/note/reply forms (CSRF-protected)."""

from __future__ import annotations

import html
import secrets
from functools import lru_cache
from string import Template
from typing import Any, Dict

from fastapi import APIRouter, Cookie, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from bot.escalations.service import get_accounts, get_store
from bot.escalations.workflow import apply_update, load_for
from bot.knowledge.cache import get_knowledge
from bot.knowledge.yaml_source import read_yaml
from bot.settings import get_settings
from connectors.deps import ServicesDep
from connectors.errors import ApiError
from connectors.office_auth import LOGIN_CSRF_COOKIE, SESSION_COOKIE, StaffSession, same_token
from connectors.routes.widget import STATIC

router = APIRouter(prefix="/inbox", tags=["office inbox"], include_in_schema=False)


@lru_cache(maxsize=1)
def labels() -> Dict[str, Any]:
    return dict(read_yaml(get_settings().data_dir / "ui" / "inbox.yml"))


def _render(template_file: str, **values: str) -> str:
    return Template((STATIC / template_file).read_text(encoding="utf-8")).substitute(values)


def _cookie_args(request: Request) -> Dict[str, Any]:
    return {"httponly": True, "samesite": "strict", "secure": request.url.scheme == "https", "path": "/"}


def _login_page(request: Request, message: str = "", status: int = 200) -> HTMLResponse:
    token = secrets.token_urlsafe(24)
    page = HTMLResponse(_render("login.html", csrf=token, message=html.escape(message)), status_code=status)
    page.set_cookie(LOGIN_CSRF_COOKIE, token, max_age=3600, **_cookie_args(request))
    return page


@router.get("/login", response_class=HTMLResponse)
async def login_form(request: Request) -> HTMLResponse:
    return _login_page(request)


@router.post("/login")
async def login(
    request: Request,
    services: ServicesDep,
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
        return _login_page(request, labels()["login_locked"], 429)
    account = get_accounts().verify(username, password[:256])
    if account is None:
        await services.sessions.failed(username, ip)
        return _login_page(request, labels()["login_failed"], 401)
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
    """The topic as staff read it (「道路の穴・損傷・倒木」), not its internal id."""
    if not topic:
        return ""
    kb = get_knowledge()
    return kb.label(topic) if topic in kb.topics else topic


def _status_label(status: str) -> str:
    return html.escape(labels()["statuses"].get(status, status))


@router.get("", response_class=HTMLResponse)
async def inbox(services: ServicesDep, aizu_office: str | None = Cookie(None)) -> Response:
    session = await _session_or_none(services, aizu_office)
    if session is None:
        return RedirectResponse("/inbox/login", status_code=303)
    rows = []
    for e in get_store().for_office(session.office_key):
        rows.append(
            f'<tr class="status-{html.escape(e.status)}{" urgent" if e.urgent else ""}"><td>'
            f"{html.escape(labels()['urgent']) if e.urgent else ''}"
            f'{html.escape(labels()["report"]) if e.kind == "report" else ""}<a href="/inbox/{html.escape(e.receipt)}">'
            f"{html.escape(e.receipt)}</a></td><td>{_status_label(e.status)}</td>"
            f"<td>{html.escape(_topic_label(e.topic))}</td>"
            f"<td>{html.escape((e.place + ' / ' if e.place else '') + e.resident_message)[:80]}</td>"
            f"<td>{e.created_at.astimezone().strftime('%Y-%m-%d %H:%M')}</td></tr>"
        )
    return HTMLResponse(
        _render(
            "inbox.html",
            user=html.escape(session.username),
            office=html.escape(session.office_key),
            csrf=session.csrf,
            rows="\n".join(rows),
        )
    )


@router.get("/{receipt}", response_class=HTMLResponse)
async def item(receipt: str, services: ServicesDep, aizu_office: str | None = Cookie(None)) -> Response:
    session = await _session_or_none(services, aizu_office)
    if session is None:
        return RedirectResponse("/inbox/login", status_code=303)
    e = load_for(get_store(), session, receipt, "view")
    speakers = labels()["speakers"]
    transcript = "\n".join(
        f'<li class="{html.escape(line.speaker)}"><b>{html.escape(speakers.get(line.speaker, line.speaker))}'
        f"</b>: {html.escape(line.text)}</li>"
        for line in e.transcript
    )
    notes = "\n".join(
        f"<li>{html.escape(n.author)} ({n.at.astimezone().strftime('%Y-%m-%d %H:%M')}): {html.escape(n.text)}</li>"
        for n in e.notes
    )
    options = "\n".join(
        f'<option value="{k}"{" selected" if k == e.status else ""}>{html.escape(v)}</option>'
        for k, v in labels()["statuses"].items()
    )
    return HTMLResponse(
        _render(
            "item.html",
            receipt=html.escape((labels()["urgent"] if e.urgent else "") + e.receipt),
            status=_status_label(e.status),
            office=html.escape(e.office_name),
            topic=html.escape(_topic_label(e.topic)),
            kind=html.escape(labels().get("kinds", {}).get(e.kind, e.kind)),
            place=html.escape(e.place or ""),
            message=html.escape(e.resident_message),
            contact=html.escape(e.contact or ""),
            consent="○" if e.consent else "×",
            transcript=transcript,
            notes=notes,
            options=options,
            reply=html.escape(e.reply or ""),
            csrf=session.csrf,
            created=e.created_at.astimezone().strftime("%Y-%m-%d %H:%M"),
        )
    )


@router.post("/{receipt}")
async def update(
    receipt: str,
    services: ServicesDep,
    csrf: str = Form(...),
    status: str | None = Form(None),
    note: str | None = Form(None),
    reply: str | None = Form(None),
    aizu_office: str | None = Cookie(None),
) -> Response:
    session = await _session_or_none(services, aizu_office)
    if session is None:
        raise ApiError(401, "unauthorized")
    if not same_token(session.csrf, csrf):
        raise ApiError(403, "csrf")
    store = get_store()
    escalation = load_for(store, session, receipt, "update")
    apply_update(store, escalation, session, status, note, reply)
    return RedirectResponse(f"/inbox/{receipt}", status_code=303)
