"""What the workbench shows of the regional Q&A: the grid's entry rows and the cell editor's override rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Tuple

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.qa import QaEntry
from bot.localfacts.history import Change
from bot.localfacts.qa_overrides import EDITABLE, OverrideRow, PlainOverrides

Messages = List[Dict[str, Any]]
Preview = Callable[[str], Messages]


@dataclass(frozen=True)
class EntryRow:
    """One regional Q&A entry in the grid: whether the municipality overrides it, demand, what residents see."""

    id: str
    topic: str
    label: str
    question: str
    overridden: bool
    asked: int
    asked_long: int
    preview: Messages


def entry_rows(
    kb: KnowledgeBase, municipality: str, asked: Tuple[Dict[str, int], Dict[str, int]], preview: Preview
) -> List[EntryRow]:
    """Every entry; most asked first (30 days, then 90) when any entry was asked, else by topic and file order."""
    own = kb.municipalities[municipality].qa
    short, long = asked
    rows = [
        EntryRow(
            e.id, topic, kb.label(topic), e.question, e.id in own, short.get(e.id, 0), long.get(e.id, 0), preview(e.id)
        )
        for topic in sorted(kb.qa.by_topic)
        for e in kb.qa.by_topic[topic]
    ]
    if any(row.asked_long for row in rows):
        rows.sort(key=lambda row: (-row.asked, -row.asked_long))  # stable: ties keep the topic order
    return rows


@dataclass(frozen=True)
class OverrideForm:
    """One entry of the topic in the editor: the regional answer, the override's fields and their problems."""

    id: str
    question: str
    regional: str
    values: Dict[str, str]
    problems: Dict[str, str] = field(default_factory=dict)
    overridden: bool = False
    third_party: bool = False
    remove: bool = False
    preview: Messages = field(default_factory=list)

    @property
    def key(self) -> str:
        """The suffix of its fields' names ("answer-<entry id>")."""
        return self.id


def override_forms(
    entries: List[QaEntry],
    overrides: PlainOverrides,
    preview: Preview,
    sent: Optional[List[OverrideRow]] = None,
    problems: Optional[Dict[str, str]] = None,
) -> List[OverrideForm]:
    """The editor's rows: the file's overrides, or what was sent with each field's problem (nothing typed is lost)."""
    by_id = {row.entry_id: row for row in sent or []}
    forms = []
    for entry in entries:
        current = overrides.get(entry.id, {})
        row = by_id.get(entry.id)
        values = {k: getattr(row, k) if row else str(current.get(k) or "") for k in EDITABLE}
        mine = {
            name.split("-", 1)[0]: kind for name, kind in (problems or {}).items() if name.split("-", 1)[1] == entry.id
        }
        forms.append(
            OverrideForm(
                entry.id,
                entry.question,
                entry.answer.strip(),
                values,
                mine,
                entry.id in overrides,
                bool(current.get("third_party")),
                bool(row and row.remove),
                preview(entry.id),
            )
        )
    return forms


def override_lines(change: Change) -> Tuple[List[str], List[str]]:
    """A Q&A change as one line per override before and after: the entry, then its answer or note."""

    def lines(overrides: PlainOverrides) -> List[str]:
        return [f"{k}: {v.get('answer') or v.get('note') or ''}" for k, v in sorted(overrides.items())]

    return lines(change.before or {}), lines(change.after or {})
