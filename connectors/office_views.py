"""What the office editor shows: field values, problems, departments with the topics they handle, routes, history."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Tuple

from bot.knowledge.base import KnowledgeBase
from bot.localfacts.history import Change
from bot.localfacts.office_form import Block, OfficeForm
from connectors.routes.staff import Choice


@dataclass(frozen=True)
class DepartmentView:
    """One department's fieldset: its block, and the topics residents are sent to it for (from the live knowledge)."""

    block: Block
    handles: List[str]
    third_party: bool


@dataclass(frozen=True)
class RouteView:
    """One topic's row: its block, label, and the office it goes to now."""

    block: Block
    label: str
    office: str


def values_of(form: OfficeForm) -> Dict[str, str]:
    """Every field of the form by its name in the page ("dept-0-phone")."""
    blocks = [form.website, form.main, *form.departments, *form.routes]
    return {f"{b.key}-{name}": value for b in blocks for name, value in b.values.items()}


def function_choices(kb: KnowledgeBase) -> List[Choice]:
    """The functions of data/functions.yml, each with what it is."""
    return [Choice(key, f"{text} ({key})") for key, text in kb.functions.items()]


def department_views(kb: KnowledgeBase, municipality: str, form: OfficeForm) -> List[DepartmentView]:
    """The departments as sent or in the file, each with the topics it handles now."""
    place = kb.municipalities[municipality]
    by_function: Dict[str, List[str]] = {}
    for topic in kb.topics:
        office = kb.office_for(municipality, topic)
        if not office.via_main_office or office.function in place.departments:
            by_function.setdefault(office.function, []).append(kb.label(topic))
    views = []
    for block in form.departments:
        function = block.values.get("function", "")
        department = place.departments.get(function)
        views.append(DepartmentView(block, by_function.get(function, []), bool(department and department.third_party)))
    return views


def route_views(kb: KnowledgeBase, municipality: str, form: OfficeForm) -> List[RouteView]:
    """One row per topic with the office residents are sent to now."""
    return [RouteView(b, kb.label(b.topic), kb.office_for(municipality, b.topic).name) for b in form.routes]


def differences(sent: OfficeForm, now: OfficeForm) -> List[Tuple[str, str]]:
    """The fields whose sent value differs from the file now (shown after a conflict so nothing typed is lost)."""
    current = values_of(now)
    return [(name, value) for name, value in values_of(sent).items() if value.strip() != current.get(name, "")]


def _flatten(value: Any, path: str = "") -> Dict[str, str]:
    if isinstance(value, dict):
        out: Dict[str, str] = {}
        for key, inner in value.items():
            out.update(_flatten(inner, f"{path}.{key}" if path else str(key)))
        return out
    return {path: str(value)}


def change_lines(change: Change) -> Tuple[List[str], List[str]]:
    """What a change of the offices replaced and wrote, as "departments.citizen.phone: 0241-…" lines."""
    before, after = _flatten(change.before), _flatten(change.after)
    keys = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    return [f"{k}: {before[k]}" for k in keys if k in before], [f"{k}: {after[k]}" for k in keys if k in after]
