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
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.yaml_source import DataFileError, read_yaml
from bot.learning.demand import LONG_WINDOW_DAYS, asked_recently
from bot.learning.grouping import Group, group_questions
from bot.learning.service import get_learning_store
from bot.localfacts import document
from bot.localfacts.form import FactRow, apply_rows
from bot.localfacts.history import CellHistory, Change
from bot.localfacts.qa_overrides import OverrideRow, TopicOverrides, topic_overrides
from bot.localfacts.saving import CellFacts, read
from bot.settings import get_settings
from connectors import cell_views as views
from connectors import workbench
from connectors.cell_form import fact_rows, fields
from connectors.deps import CellHistoryDep, CurrentStaff, ServicesDep, StaffPage, TemplatesDep
from connectors.errors import ApiError
from connectors.office_auth import StaffSession
from connectors.qa_views import entry_rows, override_forms, override_lines
from connectors.resident_view import ResidentView
from connectors.routes.staff import labels as staff_labels

router = APIRouter(prefix="/staff/cells", tags=["staff"], include_in_schema=False)


@lru_cache(maxsize=1)
def labels() -> Dict[str, Any]:
    return dict(read_yaml(get_settings().data_dir / "ui" / "cells.yml"))


def _own_cell(session: StaffSession, kb: KnowledgeBase, topic: str, municipality: Optional[str], action: str) -> str:
    """The staff member's municipality for a cell they may touch; 404 (audited) for anything else."""
    return workbench.own_municipality(session, kb, municipality, f"cell-{action}", topic, topic in kb.topics)


def resident_view(services: ServicesDep, municipality: str) -> ResidentView:
    """What residents of the municipality see, from the live knowledge; 503 while the assistant is not loaded."""
    kb = workbench.as_saved(workbench.knowledge(services), municipality)
    assert services.assistant is not None  # knowledge() answered 503 otherwise
    return ResidentView(services.assistant, kb, municipality)


def _publisher(services: ServicesDep, history: CellHistoryDep, session: StaffSession, own: str) -> workbench.Publisher:
    return workbench.Publisher(services, history, session, own, "cell")


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
    kb = workbench.knowledge(services)
    municipality = session.office_key.split("/")[0]
    if municipality not in kb.municipalities:
        raise ApiError(404)
    kb = workbench.as_saved(kb, municipality)
    today = dt.date.today()
    asked = await asked_recently(services.redis, services.settings.redis_prefix, municipality, today)
    asked_long = await asked_recently(
        services.redis, services.settings.redis_prefix, municipality, today, LONG_WINDOW_DAYS
    )
    try:
        research = load_research(get_settings().data_dir).get(municipality)
    except DataFileError:
        research = None  # a broken record only hides the "searched" state; `bot validate` names the file
    view = resident_view(services, municipality)
    rows = views.grid_rows(kb, municipality, (asked, asked_long), today, research, view.topic)
    entries = entry_rows(kb, municipality, (asked, asked_long), view.entry)
    context = {
        **_context(session, kb, municipality),
        "rows": rows,
        "by_demand": any(r.asked_long for r in rows),
        "entries": entries,
        "entries_by_demand": any(e.asked_long for e in entries),
        "unanswered": views.unanswered_panel(kb, _review_groups(municipality)),
    }
    return pages.TemplateResponse(request, "cells.html", context)


def _review_groups(municipality: str) -> List[Group]:
    """The /staff review queue's groups of the municipality (none without Redis)."""
    store = get_learning_store()
    return group_questions([u for u in store.pending() if u.municipality == municipality]) if store else []


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
    view: ResidentView

    def render(
        self,
        status: int = 200,
        rows: Optional[List[views.EditRow]] = None,
        qa_sent: Optional[List[OverrideRow]] = None,
        qa_problems: Optional[Dict[str, str]] = None,
        **extra: Any,
    ) -> Response:
        """The page; without `rows` (`qa_sent`) the forms show the facts (the Q&A overrides) in the file."""
        text = read(workbench.file_of(self.municipality))
        tree = document.load(text)
        facts = document.cell_facts(tree, self.topic)
        entries = self.kb.qa.by_topic.get(self.topic, [])
        overrides = topic_overrides(tree, self.topic)
        context = {
            **_context(self.session, self.kb, self.municipality),
            "topic": self.topic,
            "label": self.kb.label(self.topic),
            "office": self.kb.office_for(self.municipality, self.topic),
            "version": document.version_of(text),
            "count": len(facts),
            "rows": rows if rows is not None else views.edit_rows(facts),
            "history": views.history_rows(self._changes(self.topic)),
            "preview": self.view.topic(self.topic),
            "qa": override_forms(entries, overrides, self.view.entry, qa_sent, qa_problems),
            "qa_problems": bool(qa_problems),
            "qa_history": views.history_rows(self._changes(TopicOverrides(self.topic).key), override_lines),
            "problems_general": [],
            "conflict": [],
            "qa_conflict": [],
            "conflicted": False,
            "saved": False,
            **extra,
        }
        return self.pages.TemplateResponse(self.request, "cell.html", context, status_code=status)

    def _changes(self, section: str) -> List[Change]:
        return self.history.changes(self.municipality, section) if self.history else []


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
    kb = workbench.knowledge(services)
    own = _own_cell(session, kb, topic, municipality, "view")
    return CellPage(request, pages, history, session, kb, own, topic, resident_view(services, own)).render(saved=saved)


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
    workbench.checked_csrf(session, sent["csrf"])
    kb = workbench.knowledge(services)
    own = _own_cell(session, kb, topic, str(form.get("municipality") or "") or None, "save")
    rows: List[FactRow] = fact_rows(form)
    page = CellPage(request, pages, history, session, kb, own, topic, resident_view(services, own))
    text = read(workbench.file_of(own))
    if document.version_of(text) != sent["version"]:
        return page.render(409, conflicted=True, conflict=views.rows_as_sent(rows, [], {}))
    current = document.cell_facts(document.load(text), topic)
    facts, problems = apply_rows(current, rows)
    if problems:
        return page.render(422, views.rows_as_sent(rows, current, problems))
    outcome = workbench.try_save(own, CellFacts(topic), facts, sent["version"])
    if isinstance(outcome, workbench.Refused):  # someone saved after the check above, or the file would not load
        if outcome.conflicted:
            return page.render(409, conflicted=True, conflict=views.rows_as_sent(rows, [], {}))
        return page.render(422, views.rows_as_sent(rows, current, {}), problems_general=outcome.general)
    await _publisher(services, history, session, own).publish(CellFacts(topic), outcome, "save")
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
    workbench.checked_csrf(session, sent["csrf"])
    kb = workbench.knowledge(services)
    own = _own_cell(session, kb, topic, str(form.get("municipality") or "") or None, "revert")
    publisher = _publisher(services, history, session, own)
    outcome = await publisher.revert(CellFacts(topic), sent["change"], sent["version"])
    if isinstance(outcome, workbench.Refused):
        page = CellPage(request, pages, history, session, kb, own, topic, resident_view(services, own))
        return page.render(outcome.status, conflicted=outcome.conflicted, problems_general=outcome.general)
    return RedirectResponse(f"/staff/cells/{topic}?saved=1", status_code=303)
