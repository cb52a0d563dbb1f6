"""The workbench's office editor: website, main office, departments and topic routing (saved to data/, live)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, Optional

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from bot.knowledge.base import KnowledgeBase
from bot.localfacts import document
from bot.localfacts.history import CellHistory
from bot.localfacts.office_form import OfficeForm, apply_offices, form_for
from bot.localfacts.offices import Offices
from bot.localfacts.saving import read
from connectors import office_views as views
from connectors import workbench
from connectors.cell_form import fields
from connectors.cell_views import history_rows
from connectors.deps import CellHistoryDep, CurrentStaff, ServicesDep, StaffPage, TemplatesDep
from connectors.office_auth import StaffSession
from connectors.office_form import office_form
from connectors.routes.cells import labels

router = APIRouter(prefix="/staff/offices", tags=["staff"], include_in_schema=False)
SECTION = Offices()


@dataclass(frozen=True)
class OfficePage:
    """The office editor of one municipality, rendered as in the file, as sent with problems, or after a conflict."""

    request: Request
    pages: Jinja2Templates
    history: Optional[CellHistory]
    session: StaffSession
    kb: KnowledgeBase
    municipality: str

    def now(self) -> tuple[str, OfficeForm]:
        """The file's version and its offices as the form shows them."""
        text = read(workbench.file_of(self.municipality))
        return document.version_of(text), form_for(SECTION.read(document.load(text)), sorted(self.kb.topics))

    def render(self, status: int = 200, form: Optional[OfficeForm] = None, **extra: Any) -> Response:
        """The page; without `form` it shows the offices in the file."""
        version, in_file = self.now()
        shown = form or in_file
        changes = self.history.changes(self.municipality, SECTION.key) if self.history else []
        context = {
            "municipality": self.kb.municipalities[self.municipality].name,
            "municipality_id": self.municipality,
            "csrf": self.session.csrf,
            "text": labels(),
            "version": version,
            "values": views.values_of(shown),
            "departments": views.department_views(self.kb, self.municipality, shown),
            "routes": views.route_views(self.kb, self.municipality, shown),
            "functions": views.function_choices(self.kb),
            "count": len(shown.departments) - 1,
            "history": history_rows(changes, views.change_lines),
            "problems": {},
            "problems_general": [],
            "conflict": [],
            "conflicted": False,
            "saved": False,
            **extra,
        }
        return self.pages.TemplateResponse(self.request, "offices.html", context, status_code=status)


def _own(session: StaffSession, kb: KnowledgeBase, municipality: Optional[str], action: str) -> str:
    return workbench.own_municipality(session, kb, municipality, f"offices-{action}", SECTION.key)


@router.get("", response_class=HTMLResponse)
async def offices_page(
    request: Request,
    services: ServicesDep,
    session: StaffPage,
    pages: TemplatesDep,
    history: CellHistoryDep,
    municipality: Optional[str] = Query(None, max_length=40),
    saved: bool = False,
) -> Response:
    """The municipality's offices as a form, and their history with a revert button per change."""
    kb = workbench.knowledge(services)
    own = _own(session, kb, municipality, "view")
    return OfficePage(request, pages, history, session, kb, own).render(saved=saved)


@router.post("")
async def save(
    request: Request, services: ServicesDep, session: CurrentStaff, pages: TemplatesDep, history: CellHistoryDep
) -> Response:
    """Save the offices if the file is still at the form's version; problems and conflicts are shown."""
    form = await request.form()
    sent: Dict[str, str] = fields(form, "csrf", "version")
    workbench.checked_csrf(session, sent["csrf"])
    kb = workbench.knowledge(services)
    own = _own(session, kb, str(form.get("municipality") or "") or None, "save")
    typed = office_form(form, sorted(kb.topics))
    page = OfficePage(request, pages, history, session, kb, own)
    text = read(workbench.file_of(own))
    if document.version_of(text) != sent["version"]:
        return page.render(409, conflicted=True, conflict=views.differences(typed, page.now()[1]))
    offices, problems = apply_offices(SECTION.read(document.load(text)), typed, list(kb.functions))
    if problems:
        return page.render(422, typed, problems=problems)
    outcome = workbench.try_save(own, SECTION, offices, sent["version"])
    if isinstance(outcome, workbench.Refused):  # someone saved after the check above, or the file would not load
        if outcome.conflicted:
            return page.render(409, conflicted=True, conflict=views.differences(typed, page.now()[1]))
        return page.render(422, typed, problems_general=outcome.general)
    await workbench.Publisher(services, history, session, own, "offices").publish(SECTION, outcome, "save")
    return RedirectResponse("/staff/offices?saved=1", status_code=303)


@router.post("/revert")
async def revert(
    request: Request, services: ServicesDep, session: CurrentStaff, pages: TemplatesDep, history: CellHistoryDep
) -> Response:
    """Put back the offices a recorded change replaced (the revert is itself recorded)."""
    form = await request.form()
    sent = fields(form, "csrf", "version", "change")
    workbench.checked_csrf(session, sent["csrf"])
    kb = workbench.knowledge(services)
    own = _own(session, kb, str(form.get("municipality") or "") or None, "revert")
    publisher = workbench.Publisher(services, history, session, own, "offices")
    outcome = await publisher.revert(SECTION, sent["change"], sent["version"])
    if isinstance(outcome, workbench.Refused):
        page = OfficePage(request, pages, history, session, kb, own)
        return page.render(outcome.status, conflicted=outcome.conflicted, problems_general=outcome.general)
    return RedirectResponse("/staff/offices?saved=1", status_code=303)
