"""The staff workbench: the municipality's topic grid and a cell editor for local facts (saved to data/, live)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Dict, List, Optional

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from bot.coverage.research import load_research
from bot.escalations.service import get_store
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.freshness import version_key
from bot.knowledge.yaml_source import DataFileError, read_yaml
from bot.learning.demand import asked_recently
from bot.localfacts import document
from bot.localfacts.form import FactRow, apply_rows
from bot.localfacts.history import CellHistory, Change
from bot.localfacts.saving import Saved, StaleVersion, municipality_file, read, save_cell
from bot.settings import get_settings
from connectors import cell_views as views
from connectors.cell_form import fact_rows, fields
from connectors.deps import CellHistoryDep, CurrentStaff, ServicesDep, StaffPage, TemplatesDep
from connectors.errors import ApiError
from connectors.office_auth import StaffSession, same_token
from connectors.routes.staff import labels as staff_labels

router = APIRouter(prefix="/staff/cells", tags=["staff"], include_in_schema=False)


@lru_cache(maxsize=1)
def labels() -> Dict[str, Any]:
    return dict(read_yaml(get_settings().data_dir / "ui" / "cells.yml"))


def _knowledge(services: ServicesDep) -> KnowledgeBase:
    if services.assistant is None:
        raise ApiError(503)
    return services.assistant.knowledge


def _own_cell(session: StaffSession, kb: KnowledgeBase, topic: str, municipality: Optional[str], action: str) -> str:
    """The staff member's municipality for a cell they may touch; 404 (audited) for anything else."""
    own = session.office_key.split("/")[0]
    wanted = municipality or own
    if wanted != own or topic not in kb.topics or own not in kb.municipalities:
        get_store().audit(session.username, f"denied:cell-{action}", f"{wanted}/{topic[:80]}")
        raise ApiError(404)
    return own


def _context(session: StaffSession, kb: KnowledgeBase, municipality: str) -> Dict[str, Any]:
    return {
        "municipality": kb.municipalities[municipality].name,
        "municipality_id": municipality,
        "csrf": session.csrf,
        "text": labels(),
        "statuses": staff_labels()["coverage"]["statuses"],
    }


@router.get("", response_class=HTMLResponse)
async def grid_page(request: Request, services: ServicesDep, session: StaffPage, pages: TemplatesDep) -> Response:
    """Every topic of the municipality with its status, facts, department and phone; most asked first."""
    kb = _knowledge(services)
    municipality = session.office_key.split("/")[0]
    if municipality not in kb.municipalities:
        raise ApiError(404)
    today = dt.date.today()
    asked = await asked_recently(services.redis, services.settings.redis_prefix, municipality, today)
    try:
        research = load_research(get_settings().data_dir).get(municipality)
    except DataFileError:
        research = None  # a broken record only hides the "searched" state; `bot validate` names the file
    rows = views.grid_rows(kb, municipality, asked, today, research)
    context = {**_context(session, kb, municipality), "rows": rows, "by_demand": any(r.asked for r in rows)}
    return pages.TemplateResponse(request, "cells.html", context)


@dataclass(frozen=True)
class CellPage:
    """The editor page of one cell, rendered as it is, with problems, or with a conflict."""

    request: Request
    pages: Jinja2Templates
    history: Optional[CellHistory]
    session: StaffSession
    kb: KnowledgeBase
    municipality: str
    topic: str

    def render(self, status: int = 200, rows: Optional[List[views.EditRow]] = None, **extra: Any) -> Response:
        """The page; without `rows` the form shows the facts in the file."""
        text = read(municipality_file(get_settings().data_dir, self.municipality))
        facts = document.cell_facts(document.load(text), self.topic)
        changes = self.history.changes(self.municipality, self.topic) if self.history else []
        context = {
            **_context(self.session, self.kb, self.municipality),
            "topic": self.topic,
            "label": self.kb.label(self.topic),
            "office": self.kb.office_for(self.municipality, self.topic),
            "version": document.version_of(text),
            "count": len(facts),
            "rows": rows if rows is not None else views.edit_rows(facts),
            "history": views.history_rows(changes),
            "problems_general": [],
            "conflict": [],
            "conflicted": False,
            "saved": False,
            **extra,
        }
        return self.pages.TemplateResponse(self.request, "cell.html", context, status_code=status)


@router.get("/{topic}", response_class=HTMLResponse)
async def cell_page(
    topic: str,
    request: Request,
    services: ServicesDep,
    session: StaffPage,
    pages: TemplatesDep,
    history: CellHistoryDep,
    municipality: Optional[str] = Query(None, max_length=40),
    saved: bool = False,
) -> Response:
    """The editor of one cell: its facts as a form, and its history with a revert button per change."""
    kb = _knowledge(services)
    own = _own_cell(session, kb, topic, municipality, "view")
    return CellPage(request, pages, history, session, kb, own, topic).render(saved=saved)


async def _publish(
    services: ServicesDep, history: CellHistoryDep, session: StaffSession, where: tuple, saved: Saved, **how: Any
) -> None:
    """Record the change, publish the new knowledge version to every worker, audit."""
    municipality, topic = where
    if history is not None:
        history.record(municipality, topic, Change(session.username, before=saved.before, after=saved.after, **how))
    await services.redis.incr(version_key(services.settings.redis_prefix))
    get_store().audit(session.username, f"cell-{how['action']}", f"{municipality}/{topic}")


def _checked_csrf(session: StaffSession, given: str) -> None:
    if not same_token(session.csrf, given):
        raise ApiError(403, "csrf")


@router.post("/{topic}")
async def save(
    topic: str,
    request: Request,
    services: ServicesDep,
    session: CurrentStaff,
    pages: TemplatesDep,
    history: CellHistoryDep,
) -> Response:
    """Save the cell's facts if the file is still at the form's version; problems and conflicts are shown."""
    form = await request.form()
    sent = fields(form, "csrf", "version")
    _checked_csrf(session, sent["csrf"])
    kb = _knowledge(services)
    own = _own_cell(session, kb, topic, str(form.get("municipality") or "") or None, "save")
    path = municipality_file(get_settings().data_dir, own)
    rows: List[FactRow] = fact_rows(form)
    page = CellPage(request, pages, history, session, kb, own, topic)
    text = read(path)
    if document.version_of(text) != sent["version"]:
        return page.render(409, conflicted=True, conflict=views.rows_as_sent(rows, [], {}))
    current = document.cell_facts(document.load(text), topic)
    facts, problems = apply_rows(current, rows)
    if problems:
        return page.render(422, views.rows_as_sent(rows, current, problems))
    try:
        saved = save_cell(path, topic, facts, sent["version"])
    except StaleVersion:  # someone saved between the check above and the lock
        return page.render(409, conflicted=True, conflict=views.rows_as_sent(rows, [], {}))
    except DataFileError as error:
        general = [p.message for p in error.problems]
        return page.render(422, views.rows_as_sent(rows, current, {}), problems_general=general)
    await _publish(services, history, session, (own, topic), saved, action="save")
    return RedirectResponse(f"/staff/cells/{topic}?saved=1", status_code=303)


@router.post("/{topic}/revert")
async def revert(
    topic: str,
    request: Request,
    services: ServicesDep,
    session: CurrentStaff,
    pages: TemplatesDep,
    history: CellHistoryDep,
) -> Response:
    """Put back the facts a recorded change replaced (the revert is itself recorded)."""
    form = await request.form()
    sent = fields(form, "csrf", "version", "change")
    _checked_csrf(session, sent["csrf"])
    kb = _knowledge(services)
    own = _own_cell(session, kb, topic, str(form.get("municipality") or "") or None, "revert")
    change = history.find(own, topic, sent["change"][:40]) if history else None
    if change is None:
        raise ApiError(404)
    page = CellPage(request, pages, history, session, kb, own, topic)
    try:
        saved = save_cell(municipality_file(get_settings().data_dir, own), topic, change.before, sent["version"])
    except StaleVersion:
        return page.render(409, conflicted=True)
    except DataFileError as error:
        general = [p.message for p in error.problems]
        return page.render(422, problems_general=general)
    await _publish(services, history, session, (own, topic), saved, action="revert", reverts=change.id)
    return RedirectResponse(f"/staff/cells/{topic}?saved=1", status_code=303)
