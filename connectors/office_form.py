"""Read the office editor's form into an OfficeForm; malformed input is a 422."""

from __future__ import annotations

from typing import Sequence

from starlette.datastructures import FormData

from bot.localfacts.office_form import DEPARTMENT, MAIN, ROUTE, WEBSITE, Block, OfficeForm
from connectors.cell_form import MAX_ROWS, text_field
from connectors.errors import ApiError


def _block(form: FormData, key: str, names: Sequence[str], **how: object) -> Block:
    values = {name: text_field(form, f"{key}-{name}") for name in names}
    return Block(key, values, remove=bool(text_field(form, f"{key}-remove")), **how)  # type: ignore[arg-type]


def office_form(form: FormData, topics: Sequence[str]) -> OfficeForm:
    """The blocks the page sent: website, main office, the file's departments ("dept-0" …), the new one, routes."""
    count = text_field(form, "dept-count", required=True)
    if not count.isdigit() or int(count) > MAX_ROWS:
        raise ApiError(422, detail=[{"field": "dept-count", "problem": f"a number from 0 to {MAX_ROWS}"}])
    departments = [_block(form, f"dept-{i}", DEPARTMENT, index=i) for i in range(int(count))]
    return OfficeForm(
        _block(form, "website", WEBSITE),
        _block(form, "main", MAIN),
        [*departments, _block(form, "dept-new", DEPARTMENT)],
        [_block(form, f"topic-{t}", ROUTE, topic=t) for t in topics],
    )
