"""Turn a submitted cell form into facts, checked with the schema `python -m bot validate` uses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from pydantic import ValidationError

from bot.knowledge.models import Fact
from bot.localfacts.document import PlainFact

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
    if field == "source":
        return "url"
    return "invalid"


def _check(row: FactRow, fact: PlainFact) -> Dict[str, str]:
    problems = {f"{k}-{row.key}": "too_long" for k in EDITABLE if len(getattr(row, k)) > MAX_LENGTH}
    try:
        Fact.parse_obj(fact)
    except ValidationError as error:
        for item in error.errors():
            field = str(item["loc"][0]) if item["loc"] else "text"
            problems.setdefault(f"{field}-{row.key}", problem_kind(item["type"], field))
    return problems


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
        fact = {**base, **row.values()}
        problems.update(_check(row, fact))
        facts.append(fact)
    return facts, problems
