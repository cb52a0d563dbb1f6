"""A municipality's overrides of one topic's regional Q&A entries (`qa:` of data/municipalities/<id>.yml).

Read and written as a section like a cell's facts (version-checked, validated, atomic, with history), and
checked with the model `python -m bot validate` uses (bot.knowledge.models.QaOverride).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Tuple

from ruamel.yaml.comments import CommentedMap

from bot.knowledge.models import QaOverride
from bot.localfacts import document
from bot.localfacts.form import checked, too_long

EDITABLE = ("answer", "note", "source", "seen")
# The order keys are written in (as in the hand-written overrides of data/municipalities).
OVERRIDE_ORDER = ("answer", "note", "source", "seen", "page_date", "third_party")
PlainOverrides = Dict[str, Dict[str, Any]]


def _mine(entry_id: object, topic: str) -> bool:
    return str(entry_id).startswith(f"{topic}.")


def topic_overrides(tree: CommentedMap, topic: str) -> PlainOverrides:
    """The overrides of the topic's entries, entry id -> plain JSON-ready values."""
    qa = tree.get("qa") or {}
    return {str(k): document.plain(v) for k, v in qa.items() if _mine(k, topic)}


def set_topic_overrides(tree: CommentedMap, topic: str, overrides: PlainOverrides) -> None:
    """Replace the topic's overrides; unchanged ones keep their node and comments, other topics' are untouched."""
    if tree.get("qa") is None:
        if not overrides:
            return
        tree["qa"] = document.new_block()
    qa = tree["qa"]
    for key in [k for k in qa if _mine(k, topic) and str(k) not in overrides]:
        del qa[key]
    for entry_id, values in overrides.items():
        if not isinstance(qa.get(entry_id), CommentedMap):
            qa[entry_id] = document.new_block()
        document.update_mapping(qa[entry_id], values, OVERRIDE_ORDER)
    if not qa:
        del tree["qa"]  # nothing left: the file reads as if no override had been written


@dataclass(frozen=True)
class TopicOverrides:
    """The section of the topic's Q&A overrides; its history is kept under `qa:<topic>`."""

    topic: str

    @property
    def key(self) -> str:
        return f"qa:{self.topic}"

    def read(self, tree: CommentedMap) -> Any:
        return topic_overrides(tree, self.topic)

    def write(self, tree: CommentedMap, value: Any) -> None:
        set_topic_overrides(tree, self.topic, value)


@dataclass(frozen=True)
class OverrideRow:
    """One entry's override as the form sent it (all fields empty: no override)."""

    entry_id: str
    answer: str = ""
    note: str = ""
    source: str = ""
    seen: str = ""
    remove: bool = False

    @property
    def blank(self) -> bool:
        """Nothing typed."""
        return not any(getattr(self, k).strip() for k in EDITABLE)

    def values(self) -> Dict[str, str]:
        """The editable fields that were filled in."""
        return {k: getattr(self, k).strip() for k in EDITABLE if getattr(self, k).strip()}


def _kind(field: str, kind: str) -> str:
    return "answer_or_note" if field == "answer" and kind == "invalid" else kind


def apply_override_rows(current: PlainOverrides, rows: List[OverrideRow]) -> Tuple[PlainOverrides, Dict[str, str]]:
    """The topic's new overrides and the problems by form field ("source-<entry id>": "url").

    Overrides of entries the form did not list are kept; keys the form does not edit (third_party,
    page_date) are kept from the file.
    """
    listed = {row.entry_id for row in rows}
    overrides: PlainOverrides = {k: v for k, v in current.items() if k not in listed}
    problems: Dict[str, str] = {}
    for row in rows:
        if row.remove or row.blank:
            continue
        base = {k: v for k, v in current.get(row.entry_id, {}).items() if k not in EDITABLE}
        values, found = checked(QaOverride, {**base, **row.values()})
        found.update(too_long({k: getattr(row, k) for k in EDITABLE}))
        problems.update({f"{name}-{row.entry_id}": _kind(name, kind) for name, kind in found.items()})
        overrides[row.entry_id] = values
    return overrides, problems
