"""The cell editor's regional Q&A part: a municipality's own answers to the topic's shared entries (live)."""

from __future__ import annotations

from typing import Optional

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from bot.localfacts import document
from bot.localfacts.qa_overrides import TopicOverrides, apply_override_rows, topic_overrides
from bot.localfacts.saving import read
from connectors import workbench
from connectors.cell_form import fields, override_rows
from connectors.deps import CellHistoryDep, CurrentStaff, ServicesDep, TemplatesDep
from connectors.routes.cells import CellPage, resident_view

router = APIRouter(prefix="/staff/cells", tags=["staff"], include_in_schema=False)


def _own(session: CurrentStaff, services: ServicesDep, topic: str, wanted: Optional[str], action: str) -> str:
    """The staff member's municipality for a topic with regional entries; 404 (audited) for anything else."""
    kb = workbench.knowledge(services)
    return workbench.own_municipality(session, kb, wanted, f"qa-{action}", topic, bool(kb.qa.by_topic.get(topic)))


def _done(topic: str) -> Response:
    return RedirectResponse(f"/staff/cells/{topic}?saved=1#qa", status_code=303)


@router.post("/{topic}/qa")
async def save_overrides(
    topic: str,
    request: Request,
    services: ServicesDep,
    session: CurrentStaff,
    pages: TemplatesDep,
    history: CellHistoryDep,
) -> Response:
    """Save the municipality's answers to the topic's entries if the file is still at the form's version."""
    form = await request.form()
    sent = fields(form, "csrf", "version")
    workbench.checked_csrf(session, sent["csrf"])
    own = _own(session, services, topic, str(form.get("municipality") or "") or None, "save")
    kb = workbench.knowledge(services)
    rows = override_rows(form, [e.id for e in kb.qa.by_topic[topic]])
    page = CellPage(request, pages, history, session, kb, own, topic, resident_view(services, own))
    text = read(workbench.file_of(own))
    if document.version_of(text) != sent["version"]:
        return page.render(409, conflicted=True, qa_conflict=[r for r in rows if not r.blank or r.remove])
    overrides, problems = apply_override_rows(topic_overrides(document.load(text), topic), rows)
    if problems:
        return page.render(422, qa_sent=rows, qa_problems=problems)
    section = TopicOverrides(topic)
    outcome = workbench.try_save(own, section, overrides, sent["version"])
    if isinstance(outcome, workbench.Refused):  # someone saved after the check above, or the file would not load
        if outcome.conflicted:
            return page.render(409, conflicted=True, qa_conflict=[r for r in rows if not r.blank or r.remove])
        return page.render(422, qa_sent=rows, problems_general=outcome.general)
    await workbench.Publisher(services, history, session, own, "qa").publish(section, outcome, "save")
    return _done(topic)


@router.post("/{topic}/qa/revert")
async def revert_overrides(
    topic: str,
    request: Request,
    services: ServicesDep,
    session: CurrentStaff,
    pages: TemplatesDep,
    history: CellHistoryDep,
) -> Response:
    """Put back the overrides a recorded change replaced (the revert is itself recorded)."""
    form = await request.form()
    sent = fields(form, "csrf", "version", "change")
    workbench.checked_csrf(session, sent["csrf"])
    own = _own(session, services, topic, str(form.get("municipality") or "") or None, "revert")
    publisher = workbench.Publisher(services, history, session, own, "qa")
    outcome = await publisher.revert(TopicOverrides(topic), sent["change"], sent["version"])
    if isinstance(outcome, workbench.Refused):
        kb = workbench.knowledge(services)
        page = CellPage(request, pages, history, session, kb, own, topic, resident_view(services, own))
        return page.render(outcome.status, conflicted=outcome.conflicted, problems_general=outcome.general)
    return _done(topic)
