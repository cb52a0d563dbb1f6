"""What publishing a FAQ CSV would change, entry by entry, before anything is written (pure).

The outcome of every id is the importer's own (`bot.faq.importer.merge`), so the preview staff see
is exactly what `python -m bot import --dry-run` reports; this adds the before → after of each
changed field, and a fingerprint of the file the preview was made against.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Dict, List, Optional

from bot.faq.csv_source import FaqRow
from bot.faq.importer import ImportReport, merge
from bot.faq.models import FaqEntry

SHOWN_FIELDS = ("question", "answer", "category", "office", "url")


@dataclass(frozen=True)
class FieldChange:
    """One field of an entry before and after ("" when empty)."""

    field: str
    before: str
    after: str


@dataclass(frozen=True)
class ChangedEntry:
    """An entry the CSV changes: its fields that differ, and whether it comes back from retirement."""

    id: str
    question: str
    fields: List[FieldChange]
    revived: bool = False


@dataclass(frozen=True)
class Preview:
    """The dry run of one CSV against the published entries."""

    report: ImportReport
    added: List[FaqEntry]
    changed: List[ChangedEntry]
    retired: List[FaqEntry]


def field_changes(before: FaqEntry, after: FaqEntry) -> List[FieldChange]:
    """The shown fields whose value differs."""
    return [
        FieldChange(name, getattr(before, name) or "", getattr(after, name) or "")
        for name in SHOWN_FIELDS
        if getattr(before, name) != getattr(after, name)
    ]


def preview(
    existing: List[FaqEntry], rows: List[FaqRow], source_file: str, today: dt.date, report: ImportReport
) -> Preview:
    """Merge as the importer would (filling `report`) and keep the entries each outcome names."""
    merged: Dict[str, FaqEntry] = {e.id: e for e in merge(existing, rows, source_file, today, report)}
    previous: Dict[str, FaqEntry] = {e.id: e for e in existing}
    changed = [
        ChangedEntry(i, merged[i].question, field_changes(previous[i], merged[i]), previous[i].retired)
        for i in report.updated
    ]
    return Preview(
        report,
        [merged[i] for i in report.added],
        changed,
        [previous[i] for i in report.retired],
    )


def fingerprint(text: Optional[str]) -> str:
    """A short digest of the published file's text ("" when there is no file), to tell it changed."""
    return "" if text is None else hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
