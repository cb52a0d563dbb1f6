"""What the cell pages show: the grid's rows, the unanswered questions beside it, the editor's fact rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Tuple

from bot.coverage.grid import Status, classify
from bot.coverage.research import ResearchRecord
from bot.knowledge.base import KnowledgeBase
from bot.learning.grouping import Group
from bot.localfacts.document import PlainFact
from bot.localfacts.form import FactRow
from bot.localfacts.history import Change

JST = dt.timezone(dt.timedelta(hours=9))


@dataclass(frozen=True)
class GridRow:
    """One topic of the staff member's municipality."""

    topic: str
    label: str
    status: Status
    facts: List[PlainFact]
    department: str
    phone: str
    asked: int
    asked_long: int = 0  # over the last 90 days
    preview: List[Dict[str, Any]] = field(default_factory=list)


def grid_rows(
    kb: KnowledgeBase,
    municipality: str,
    asked: Tuple[Dict[str, int], Dict[str, int]],
    today: dt.date,
    research: Optional[ResearchRecord] = None,
    preview: Callable[[str], List[Dict[str, Any]]] = lambda topic: [],
) -> List[GridRow]:
    """Every topic with its status, facts, office and what residents see; most asked first, else by topic.

    `asked` holds the questions of the last 30 and of the last 90 days; ties of the first go by the second.
    """
    place = kb.municipalities[municipality]
    rows = []
    for topic in sorted(kb.topics):
        local = place.topics.get(topic)
        office = kb.office_for(municipality, topic)
        rows.append(
            GridRow(
                topic=topic,
                label=kb.label(topic),
                status=classify(place, kb.topics[topic], today, 12, research).status,
                facts=[f.dict(exclude_none=True) for f in local.facts] if local else [],
                department=office.name,
                phone=office.phone,
                asked=asked[0].get(topic, 0),
                asked_long=asked[1].get(topic, 0),
                preview=preview(topic),
            )
        )
    if any(row.asked_long for row in rows):
        rows.sort(key=lambda row: (-row.asked, -row.asked_long, row.topic))
    return rows


@dataclass(frozen=True)
class EditRow:
    """One fact in the editor: the values shown in its fields and the problem of each field."""

    key: str
    values: Dict[str, str]
    problems: Dict[str, str] = field(default_factory=dict)
    third_party: bool = False
    remove: bool = False


def edit_rows(facts: List[PlainFact]) -> List[EditRow]:
    """The editor's rows for the facts in the file, and an empty row for a new fact."""
    rows = [
        EditRow(
            str(i), {k: str(f.get(k) or "") for k in ("text", "source", "seen", "note")}, {}, bool(f.get("third_party"))
        )
        for i, f in enumerate(facts)
    ]
    return rows + [EditRow("new", {"text": "", "source": "", "seen": "", "note": ""})]


def rows_as_sent(sent: List[FactRow], facts: List[PlainFact], problems: Dict[str, str]) -> List[EditRow]:
    """The editor's rows showing what was sent, each field with its problem (nothing typed is lost)."""
    out = []
    for row in sent:
        third_party = row.index is not None and row.index < len(facts) and bool(facts[row.index].get("third_party"))
        values = {k: getattr(row, k) for k in ("text", "source", "seen", "note")}
        mine = {name.split("-")[0]: kind for name, kind in problems.items() if name.split("-", 1)[1] == row.key}
        out.append(EditRow(row.key, values, mine, third_party, row.remove))
    return out


@dataclass(frozen=True)
class HistoryRow:
    """One recorded change: when (JST), who, what it did, what it replaced and what it wrote."""

    id: str
    at: str
    user: str
    action: str
    before: List[str]
    after: List[str]


def fact_texts(change: Change) -> Tuple[List[str], List[str]]:
    """A cell change as the texts of its facts before and after."""
    return [str(f.get("text", "")) for f in change.before], [str(f.get("text", "")) for f in change.after]


def history_rows(
    changes: List[Change], lines: Callable[[Change], Tuple[List[str], List[str]]] = fact_texts
) -> List[HistoryRow]:
    """Changes for the history list, newest first; `lines` says what each replaced and wrote."""
    return [
        HistoryRow(
            c.id,
            dt.datetime.fromisoformat(c.at).astimezone(JST).strftime("%Y-%m-%d %H:%M"),
            c.user,
            c.action,
            *lines(c),
        )
        for c in changes
    ]


@dataclass(frozen=True)
class PanelGroup:
    """Similar questions residents asked that the assistant could not answer; `anchor` finds it on /staff."""

    count: int
    questions: List[str]
    ids: str
    anchor: str


@dataclass(frozen=True)
class TopicQuestions:
    """The review groups whose best guess is one topic ("" when the assistant had no guess)."""

    topic: str
    label: str
    groups: List[PanelGroup]

    @property
    def count(self) -> int:
        return sum(g.count for g in self.groups)


def unanswered_panel(kb: KnowledgeBase, groups: List[Group]) -> List[TopicQuestions]:
    """The review queue's groups by topic, the most asked topic first, the groups without a topic last."""
    by_topic: Dict[str, List[PanelGroup]] = {}
    for group in groups:
        topic = group.best_guess if group.best_guess in kb.topics else ""
        ids = [item.id for item in group.items]
        panel = PanelGroup(group.count, [i.text for i in group.items[:3]], " ".join(ids), f"group-{ids[0]}")
        by_topic.setdefault(topic, []).append(panel)
    out = [TopicQuestions(t, kb.label(t) if t else "", g) for t, g in by_topic.items()]
    return sorted(out, key=lambda t: (not t.topic, -t.count, t.topic))
