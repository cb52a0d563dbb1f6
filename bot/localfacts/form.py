"""Turn a submitted cell form into facts, checked with the schema `python -m bot validate` uses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Tuple, Type

from pydantic import BaseModel, ValidationError

from bot.knowledge.models import Fact
from bot.localfacts.document import PlainFact, plain

EDITABLE = ("text", "source", "seen", "note")
MAX_LENGTH = 2000


@dataclass(frozen=True)
class FactRow:
    """One fact as the form sent it: `index` is its place in the file, None for a new fact."""

    index: Optional[int]
    text: str = ""
    source: str = ""
    seen: str = ""
    note: str = ""
    remove: bool = False

    @property
    def key(self) -> str:
        """The row's name in the form ("0", "1", … or "new")."""
        return "new" if self.index is None else str(self.index)

    @property
    def blank(self) -> bool:
        """Nothing typed (an unused "new fact" row)."""
        return not any(getattr(self, k).strip() for k in EDITABLE)

    def values(self) -> PlainFact:
        """The editable fields that were filled in."""
        return {k: getattr(self, k).strip() for k in EDITABLE if getattr(self, k).strip()}


def problem_kind(error_type: str, field: str) -> str:
    """Which staff-readable message (data/ui/cells.yml `problems`) explains a schema error."""
    if error_type == "value_error.missing":
        return "missing"
    if "date" in error_type:
        return "date"
    if field in {"source", "url"}:
        return "url"
    if field in {"phone", "weekdays", "extended"}:
        return field if field == "phone" else "hours"
    return "invalid"


def checked(model: Type[BaseModel], values: Dict[str, Any]) -> Tuple[Dict[str, Any], Dict[str, str]]:
    """The values as the schema reads them (dates as YYYY-MM-DD), and the problems by field ("hours-weekdays")."""
    try:
        parsed = model.parse_obj(values)
    except ValidationError as error:
        problems: Dict[str, str] = {}
        for item in error.errors():
            loc = [str(p) for p in item["loc"]] or ["text"]
            problems.setdefault("-".join(loc), problem_kind(item["type"], loc[-1]))
        return values, problems
    return plain(parsed.dict(exclude_unset=True)), {}


def too_long(values: Dict[str, str]) -> Dict[str, str]:
    """The typed fields longer than MAX_LENGTH."""
    return {name: "too_long" for name, value in values.items() if len(value) > MAX_LENGTH}


def _check(row: FactRow, fact: PlainFact) -> Tuple[PlainFact, Dict[str, str]]:
    fact, found = checked(Fact, fact)
    found.update(too_long({k: getattr(row, k) for k in EDITABLE}))
    return fact, {f"{name}-{row.key}": kind for name, kind in found.items()}


def apply_rows(current: List[PlainFact], rows: List[FactRow]) -> Tuple[List[PlainFact], Dict[str, str]]:
    """The cell's new facts and the problems by form field ("source-0": "url"); rows refer to `current`."""
    facts: List[PlainFact] = []
    problems: Dict[str, str] = {}
    for row in rows:
        if row.index is not None and not 0 <= row.index < len(current):
            problems[f"text-{row.key}"] = "invalid"
            continue
        if row.remove or (row.index is None and row.blank):
            continue
        base = {k: v for k, v in current[row.index].items() if k not in EDITABLE} if row.index is not None else {}
        fact, found = _check(row, {**base, **row.values()})
        problems.update(found)
        facts.append(fact)
    return facts, problems
