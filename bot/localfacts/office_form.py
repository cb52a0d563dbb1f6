"""Turn a submitted office form into the offices section, checked with the schema `python -m bot validate` uses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Tuple, Type

from pydantic import BaseModel

from bot.knowledge.models import Department, LocalTopic, MainOffice, Website
from bot.localfacts.form import checked, too_long
from bot.localfacts.offices import PlainOffices

HOURS = ("hours-weekdays", "hours-extended", "hours-source", "hours-seen")
WEBSITE = ("url", "source", "seen")
MAIN = ("name", "phone", "address", "source", "seen", "note", *HOURS)
DEPARTMENT = ("function", "name", "phone", "source", "seen", "note", *HOURS)
ROUTE = ("department", "url")


@dataclass(frozen=True)
class Block:
    """One group of fields as the form sent it, named `key` ("website", "main", "dept-0", "dept-new", "topic-<id>").

    A department's `index` is its place in the file (None for the new one); a topic's `topic` is its id.
    """

    key: str
    values: Dict[str, str]
    remove: bool = False
    index: Optional[int] = None
    topic: str = ""

    def filled(self) -> Dict[str, str]:
        """The fields that were filled in, stripped."""
        return {k: v.strip() for k, v in self.values.items() if v.strip()}


@dataclass(frozen=True)
class OfficeForm:
    """The whole office form."""

    website: Block
    main: Block
    departments: List[Block]
    routes: List[Block]


def _flat(values: Dict[str, Any], names: Sequence[str]) -> Dict[str, str]:
    """{"hours": {"weekdays": x}} -> {"hours-weekdays": x}, for the named fields ("" when absent)."""
    hours = values.get("hours") or {}
    return {n: str(hours.get(n[6:], "") if n.startswith("hours-") else values.get(n, "")) for n in names}


def form_for(offices: PlainOffices, topics: Sequence[str]) -> OfficeForm:
    """The form as the page shows the section: each department, an empty new one, a route per topic."""
    departments = [
        Block(f"dept-{i}", _flat({**value, "function": key}, DEPARTMENT), index=i)
        for i, (key, value) in enumerate(offices["departments"].items())
    ]
    return OfficeForm(
        Block("website", _flat(offices["website"], WEBSITE)),
        Block("main", _flat(offices["main_office"], MAIN)),
        [*departments, Block("dept-new", dict.fromkeys(DEPARTMENT, ""))],
        [Block(f"topic-{t}", _flat(offices["topics"].get(t, {}), ROUTE), topic=t) for t in topics],
    )


def _nest(filled: Dict[str, str]) -> Dict[str, Any]:
    """{"hours-weekdays": x} -> {"hours": {"weekdays": x}}."""
    out: Dict[str, Any] = {}
    for name, value in filled.items():
        head, _, rest = name.partition("-")
        if rest:
            out.setdefault(head, {})[rest] = value
        else:
            out[name] = value
    return out


class _Checker:
    """Collect the checked values and the problems by form field ("dept-0-phone": "phone")."""

    def __init__(self) -> None:
        self.problems: Dict[str, str] = {}

    def take(self, block: Block, model: Type[BaseModel], base: Dict[str, Any], editable: Sequence[str]) -> Any:
        """The block's values over the keys staff do not edit here (page_date, third_party)."""
        owned = {name.split("-")[0] for name in editable}
        typed = {k: v for k, v in block.filled().items() if k in editable}
        values = {**{k: v for k, v in base.items() if k not in owned}, **_nest(typed)}
        value, found = checked(model, values)
        found.update(too_long(block.values))
        self.problem(block, found)
        return value

    def problem(self, block: Block, found: Dict[str, str]) -> None:
        for name, kind in found.items():
            self.problems.setdefault(f"{block.key}-{name}", kind)


def _departments(
    check: _Checker, current: Dict[str, Any], blocks: List[Block], functions: Sequence[str]
) -> Dict[str, Any]:
    old = list(current)
    out: Dict[str, Any] = {}
    for block in blocks:
        if block.index is not None and not 0 <= block.index < len(old):
            check.problem(block, {"name": "invalid"})
            continue
        if block.remove or (block.index is None and not block.filled()):
            continue
        function = block.values.get("function", "").strip()
        base = current[old[block.index]] if block.index is not None else {}
        value = check.take(block, Department, base, [n for n in DEPARTMENT if n != "function"])
        if function not in functions:
            check.problem(block, {"function": "function"})
        elif function in out:
            check.problem(block, {"function": "duplicate"})
        else:
            out[function] = value
    return out


def _routes(check: _Checker, current: Dict[str, Any], blocks: List[Block], functions: Sequence[str]) -> Dict[str, Any]:
    out = {topic: value for topic, value in current.items() if topic not in {b.topic for b in blocks}}
    for block in blocks:
        filled = block.filled()
        if filled.get("department", "") not in ("", *functions):
            check.problem(block, {"department": "function"})
        value, found = checked(LocalTopic, {"url": filled["url"]} if "url" in filled else {})
        found.update(too_long(block.values))
        check.problem(block, found)
        route = {k: v for k, v in {**filled, **value}.items() if k in ROUTE}
        if route:
            out[block.topic] = route
    return out


def apply_offices(
    current: PlainOffices, form: OfficeForm, functions: Sequence[str]
) -> Tuple[PlainOffices, Dict[str, str]]:
    """The new offices section and the problems by form field; department rows refer to `current`'s order."""
    check = _Checker()
    offices = {
        "website": check.take(form.website, Website, current["website"], WEBSITE),
        "main_office": check.take(form.main, MainOffice, current["main_office"], MAIN),
        "departments": _departments(check, current["departments"], form.departments, functions),
        "topics": _routes(check, current["topics"], form.routes, functions),
    }
    return offices, check.problems
