"""Staff review page: what residents of the staff member's municipality asked that the bot could not answer."""

from __future__ import annotations

import html
from typing import List, Optional

from fastapi import APIRouter, Cookie, Form
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from bot.escalations.service import get_store
from bot.learning.grouping import group_questions
from bot.learning.review import add_examples
from bot.learning.service import get_learning_store
from bot.settings import get_settings
from connectors.deps import ServicesDep
from connectors.errors import ApiError
from connectors.office_auth import same_token
from connectors.routes.inbox import _render

router = APIRouter(prefix="/staff", tags=["staff"], include_in_schema=False)


def _municipality(office_key: str) -> str:
    return office_key.split("/")[0]


@router.get("", response_class=HTMLResponse)
async def review_page(services: ServicesDep, aizu_office: Optional[str] = Cookie(None)) -> Response:
    """Grouped unanswered questions and 👍/👎 counts for the staff member's municipality."""
    session = await services.sessions.get(aizu_office)
    if session is None:
        return RedirectResponse("/inbox/login", status_code=303)
    store = get_learning_store()
    knowledge = services.assistant.knowledge if services.assistant else None
    if store is None or knowledge is None:
        raise ApiError(503)
    municipality = _municipality(session.office_key)
    groups = group_questions([u for u in store.pending() if u.municipality == municipality])
    options = "".join(f'<option value="{t}">{html.escape(knowledge.label(t))}</option>' for t in knowledge.topics)
    rows: List[str] = []
    for group in groups:
        questions = "<br>".join(html.escape(i.text) for i in group.items[:5])
        ids = " ".join(i.id for i in group.items)
        guess = html.escape(knowledge.label(group.best_guess)) if group.best_guess else ""
        rows.append(
            f"<tr><td>{group.count}</td><td>{questions}</td><td>{guess}</td><td>"
            f'<form method="post" action="/staff/decide"><input type="hidden" name="csrf" value="{session.csrf}">'
            f'<input type="hidden" name="ids" value="{ids}">'
            f'<label>話題 <select name="topic">{options}</select></label> '
            f'<button name="action" value="assign">質問例に追加</button> '
            f'<button name="action" value="dismiss">対象外</button></form></td></tr>')
    feedback = "".join(
        f"<tr><td>{html.escape(knowledge.label(topic))}</td><td>{c['up']}</td><td>{c['down']}</td></tr>"
        for (m, topic), c in sorted(store.feedback_counts().items()) if m == municipality)
    return HTMLResponse(_render("staff.html", municipality=html.escape(knowledge.municipalities[municipality].name),
                                rows="\n".join(rows), feedback=feedback))


@router.post("/decide")
async def decide(services: ServicesDep, csrf: str = Form(...), ids: str = Form(...), action: str = Form(...),
                 topic: Optional[str] = Form(None), aizu_office: Optional[str] = Cookie(None)) -> Response:
    """Add a group's questions as training examples of a topic, or dismiss them."""
    session = await services.sessions.get(aizu_office)
    if session is None:
        raise ApiError(401, "unauthorized")
    if not same_token(session.csrf, csrf):
        raise ApiError(403, "csrf")
    store = get_learning_store()
    knowledge = services.assistant.knowledge if services.assistant else None
    if store is None or knowledge is None:
        raise ApiError(503)
    municipality = _municipality(session.office_key)
    wanted = set(ids.split())
    items = [u for u in store.pending() if u.id in wanted and u.municipality == municipality]
    if action == "assign":
        if topic not in knowledge.topics:
            raise ApiError(422, detail=[{"field": "topic", "problem": "unknown topic"}])
        add_examples(get_settings().data_dir / "nlu" / "topics" / f"{topic}.yml", topic, [u.text for u in items])
    elif action != "dismiss":
        raise ApiError(422, detail=[{"field": "action", "problem": "assign or dismiss"}])
    store.resolve([u.id for u in items])
    get_store().audit(session.username, f"review:{action}:{topic or ''}", ",".join(u.id for u in items))
    return RedirectResponse("/staff", status_code=303)
