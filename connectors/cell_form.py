"""Read the cell editor's form (a row of fields per fact) into FactRows; malformed input is a 422."""

from __future__ import annotations

from typing import Dict, List

from starlette.datastructures import FormData

from bot.localfacts.form import EDITABLE, FactRow
from bot.localfacts.qa_overrides import EDITABLE as OVERRIDE_FIELDS
from bot.localfacts.qa_overrides import OverrideRow
from connectors.errors import ApiError

MAX_ROWS = 200


def text_field(form: FormData, name: str, required: bool = False) -> str:
    """One text field ("" when absent and not required); a file or a missing required field is a 422."""
    value = form.get(name)
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise ApiError(422, detail=[{"field": name, "problem": "a text field is required"}])
    return value


def fields(form: FormData, *names: str) -> Dict[str, str]:
    """Required text fields (csrf, version, …)."""
    return {name: text_field(form, name, required=True) for name in names}


def fact_rows(form: FormData) -> List[FactRow]:
    """The rows of the facts in the file ("0" … count-1), then the new fact's row."""
    count = text_field(form, "count", required=True)
    if not count.isdigit() or int(count) > MAX_ROWS:
        raise ApiError(422, detail=[{"field": "count", "problem": f"a number from 0 to {MAX_ROWS}"}])
    rows = []
    for key in [*map(str, range(int(count))), "new"]:
        values = {k: text_field(form, f"{k}-{key}") for k in EDITABLE}
        index = None if key == "new" else int(key)
        rows.append(FactRow(index, remove=bool(text_field(form, f"remove-{key}")), **values))
    return rows


def override_rows(form: FormData, entry_ids: List[str]) -> List[OverrideRow]:
    """One row per regional Q&A entry of the topic (fields "<name>-<entry id>")."""
    return [
        OverrideRow(
            entry_id,
            remove=bool(text_field(form, f"remove-{entry_id}")),
            **{k: text_field(form, f"{k}-{entry_id}") for k in OVERRIDE_FIELDS},
        )
        for entry_id in entry_ids
    ]
