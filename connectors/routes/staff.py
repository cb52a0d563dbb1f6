"""Staff pages behind the inbox login: the review of unanswered questions and the coverage grid."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Dict, List, Optional, Tuple

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from bot.coverage.grid import Status, coverage_grid
from bot.coverage.render import TableStyle, table_view
from bot.coverage.research import load_research
from bot.escalations.service import get_store
from bot.faq.curation import FaqChanges, NewEntry, UnknownEntry, faq_lock
from bot.faq.models import FaqEntry
from bot.faq.publication import publish_change
from bot.faq.store import active_entries, published_ids
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.yaml_source import DataFileError, read_yaml
from bot.learning.grouping import flagged_questions, group_questions
from bot.learning.review import add_examples
from bot.learning.service import get_learning_store
from bot.learning.store import FAQ_KEY, LearningStore, down_share
from bot.paths import faq_path
from bot.safety.catalogue import get_catalogue
from bot.settings import get_settings
from bot.text import one_line
from connectors.deps import CurrentStaff, FaqPublicationsDep, ServicesDep, StaffPage, TemplatesDep
from connectors.errors import ApiError
from connectors.office_auth import same_token

router = APIRouter(prefix="/staff", tags=["staff"], include_in_schema=False)


@lru_cache(maxsize=1)
def labels() -> Dict[str, Any]:
    return dict(read_yaml(get_settings().data_dir / "ui" / "staff.yml"))


@dataclass(frozen=True)
class Choice:
    """One <option>: the value sent and the text shown."""

    value: str
    text: str


@dataclass(frozen=True)
class ReviewGroup:
    """Similar unanswered questions, decided on together."""

    count: int
    questions: List[str]
    guess: str
    ids: str


@dataclass(frozen=True)
class Flagged:
    """A message the safety layer answered first with help lines."""

    at: str
    situations: str
    text: str


@dataclass(frozen=True)
class FeedbackRow:
    """👍/👎 counts of one topic or FAQ entry; `share` is the share of 👎 ("" when nobody voted)."""

    name: str
    up: int
    down: int
    share: str


def _municipality(office_key: str) -> str:
    return office_key.split("/")[0]


def _ready(services: ServicesDep) -> Tuple[LearningStore, KnowledgeBase]:
    store = get_learning_store()
    knowledge = services.assistant.knowledge if services.assistant else None
    if store is None or knowledge is None:
        raise ApiError(503)
    return store, knowledge


def _faq_entries(municipality: str) -> List[FaqEntry]:
    try:
        return active_entries(faq_path(get_settings().data_dir, municipality))
    except DataFileError:  # shown as no entries; `python -m bot import` reports the problem
        return []


def _choices(knowledge: KnowledgeBase, entries: List[FaqEntry]) -> Tuple[List[Choice], List[Choice]]:
    """The topic choices and the FAQ entry choices (the same for every group)."""
    topics = [Choice(t, knowledge.label(t)) for t in knowledge.topics]
    faq = [Choice(e.id, f"{one_line(e.question, 40)} [{e.id}]") for e in entries]
    return topics, faq


def _feedback_rows(
    store: LearningStore, knowledge: KnowledgeBase, municipality: str, entries: List[FaqEntry]
) -> List[FeedbackRow]:
    """One row per topic or FAQ entry voted on in the municipality, highest share of 👎 first."""
    text = labels()["feedback"]
    questions = {e.id: e.question for e in entries}
    rows = []
    for (m, key), count in store.feedback_counts().items():
        if m != municipality:
            continue
        if key.startswith(FAQ_KEY):
            entry_id = key[len(FAQ_KEY) :]
            name = f"{text['faq']}: {one_line(questions.get(entry_id, entry_id), 40)}"
            if entry_id not in questions:
                name += text["retired"]
        else:
            name = knowledge.label(key)
        share = down_share(count)
        rows.append((-(share or 0.0), -count["down"], name, count, share))
    rows.sort(key=lambda r: r[:3])
    return [
        FeedbackRow(name, c["up"], c["down"], "" if share is None else f"{share:.0%}") for *_, name, c, share in rows
    ]


@router.get("", response_class=HTMLResponse)
async def review_page(request: Request, services: ServicesDep, session: StaffPage, pages: TemplatesDep) -> Response:
    """Grouped unanswered questions and 👍/👎 rates for the staff member's municipality."""
    store, knowledge = _ready(services)
    municipality = _municipality(session.office_key)
    entries = _faq_entries(municipality)
    topics, faq = _choices(knowledge, entries)
    pending = [u for u in store.pending() if u.municipality == municipality]
    flagged = [
        Flagged(u.at[:16].replace("T", " "), "・".join(safety_label(c) for c in u.safety), u.text)
        for u in flagged_questions(pending)[:50]
    ]
    groups = [
        ReviewGroup(
            count=group.count,
            questions=[i.text for i in group.items[:5]],
            guess=knowledge.label(group.best_guess) if group.best_guess else "",
            ids=" ".join(i.id for i in group.items),
        )
        for group in group_questions(pending)
    ]
    return pages.TemplateResponse(
        request,
        "staff.html",
        {
            "municipality": knowledge.municipalities[municipality].name,
            "groups": groups,
            "topics": topics,
            "faq": faq,
            "flagged": flagged,
            "feedback": _feedback_rows(store, knowledge, municipality, entries),
            "csrf": session.csrf,
            "text": labels(),
        },
    )


def safety_label(category: str) -> str:
    """The readable name of a safety situation (data/safety/replies.yml)."""
    reply = get_catalogue().replies.get(category)
    return reply.label if reply else category


def _invalid(field: str, problem: str) -> ApiError:
    return ApiError(422, detail=[{"field": field, "problem": problem}])


def _to_faq(municipality: str, action: str, questions: List[str], faq_id: Optional[str], new: NewEntry) -> str:
    """Attach the questions to an entry, or write a new entry; returns the entry id."""
    data_dir = get_settings().data_dir
    with faq_lock(data_dir):
        changes = FaqChanges(data_dir, dt.date.today())
        if action == "assign_faq":
            try:
                changes.attach(municipality, faq_id or "", questions)
            except UnknownEntry:
                raise _invalid("faq_id", "no published entry with this id in your municipality's FAQ") from None
            entry_id = faq_id or ""
        else:
            entry_id = changes.add(municipality, new, questions)
        changes.commit()
    return entry_id


@router.post("/decide")
async def decide(
    services: ServicesDep,
    session: CurrentStaff,
    publications: FaqPublicationsDep,
    csrf: str = Form(...),
    ids: str = Form(...),
    action: str = Form(...),
    topic: Optional[str] = Form(None),
    faq_id: Optional[str] = Form(None),
    new_question: Optional[str] = Form(None),
    new_answer: Optional[str] = Form(None),
    new_url: Optional[str] = Form(None),
) -> Response:
    """Make a group's questions topic examples or FAQ wordings, write a new FAQ entry, or dismiss them."""
    if not same_token(session.csrf, csrf):
        raise ApiError(403, "csrf")
    store, knowledge = _ready(services)
    municipality = _municipality(session.office_key)
    wanted = set(ids.split())
    items = [u for u in store.pending() if u.id in wanted and u.municipality == municipality]
    questions = [u.text for u in items]
    target = ""
    if action == "assign":
        if topic not in knowledge.topics:
            raise _invalid("topic", "unknown topic")
        add_examples(get_settings().data_dir / "nlu" / "topics" / f"{topic}.yml", topic, questions)
        target = topic
    elif action in {"assign_faq", "new"}:
        new = NewEntry.of(new_question, new_answer, new_url)
        if action == "new" and new.problems():
            raise ApiError(422, detail=[{"field": f"new_{k}", "problem": v} for k, v in new.problems().items()])
        target = _to_faq(municipality, action, questions, faq_id, new)
        publish_change(municipality, publications)  # the workers rebuild the FAQ index: live without a restart
    elif action != "dismiss":
        raise _invalid("action", "assign, assign_faq, new or dismiss")
    store.resolve([u.id for u in items])
    get_store().audit(session.username, f"review:{action}:{target}", ",".join(u.id for u in items))
    return RedirectResponse("/staff", status_code=303)


def _faq_counts(municipalities: List[str]) -> Dict[str, object]:
    counts: Dict[str, object] = {}
    for municipality in municipalities:
        try:
            counts[municipality] = len(published_ids(faq_path(get_settings().data_dir, municipality)))
        except DataFileError:
            counts[municipality] = labels()["coverage"]["faq_unreadable"]
    return counts


@router.get("/coverage", response_class=HTMLResponse)
async def coverage_page(
    request: Request,
    services: ServicesDep,
    pages: TemplatesDep,
    session: StaffPage,
    stale_months: int = Query(12, ge=1, le=120),
) -> Response:
    """The municipality × topic coverage grid of all 13 municipalities, the staff member's own highlighted."""
    knowledge = services.assistant.knowledge if services.assistant else None
    if knowledge is None:
        raise ApiError(503)
    municipality = _municipality(session.office_key)
    text = labels()["coverage"]
    try:
        research = load_research(get_settings().data_dir)
    except DataFileError:
        research = {}  # a broken record only hides the "searched" state; `bot validate` names the file
    grid = coverage_grid(knowledge, dt.date.today(), stale_months, research)
    style = TableStyle(
        inline=False,
        highlight=municipality,
        status_names={Status(k): v for k, v in text["statuses"].items()},
        extra_rows=[(text["faq_count"], _faq_counts(list(knowledge.municipalities)))],
    )
    return pages.TemplateResponse(
        request,
        "staff_coverage.html",
        {
            "municipality": knowledge.municipalities[municipality].name,
            "today": str(grid.today),
            "stale_months": stale_months,
            "table": table_view(grid, style),
            "text": labels()["coverage_page"],
        },
    )
