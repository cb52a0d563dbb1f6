"""Merge a municipality's FAQ CSV into its stored entries and report what changed."""

from __future__ import annotations

import datetime as dt
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List

from bot.faq.csv_source import FaqRow, read_faq_csv
from bot.faq.curation import faq_lock
from bot.faq.models import STAFF_SOURCE, FaqEntry
from bot.faq.store import load_entries, save_entries
from bot.knowledge.yaml_source import DataFileError, Problem
from bot.paths import faq_path, municipality_ids


@dataclass
class ImportReport:
    """Ids per outcome of one import (retired = no longer in the CSV; kept = staff-written entries)."""

    municipality: str
    source_file: str
    target: str
    added: List[str] = field(default_factory=list)
    updated: List[str] = field(default_factory=list)
    retired: List[str] = field(default_factory=list)
    unchanged: List[str] = field(default_factory=list)
    kept: List[str] = field(default_factory=list)  # staff-written entries, not in any CSV
    written: bool = False

    @property
    def changed(self) -> bool:
        """Whether the stored file differs from what the CSV says."""
        return bool(self.added or self.updated or self.retired)

    def lines(self, unchanged_shown: int = 20) -> List[str]:
        """Human-readable summary, one line per outcome (every changed id; unchanged ids abridged)."""
        out = [f"{self.municipality}: {self.source_file} -> {self.target}"]
        for name in ("added", "updated", "retired", "unchanged") + (("kept",) if self.kept else ()):
            ids: List[str] = getattr(self, name)
            limit = unchanged_shown if name in {"unchanged", "kept"} else len(ids)
            shown = ", ".join(ids[:limit]) + (f", ... (+{len(ids) - limit})" if len(ids) > limit else "")
            out.append(f"  {name:<9} {len(ids):>4}" + (f"  {shown}" if ids else ""))
        return out


def _entry(row: FaqRow, source_file: str, today: dt.date) -> FaqEntry:
    return FaqEntry(
        id=row.id,
        question=row.question,
        answer=row.answer,
        category=row.category,
        office=row.office,
        url=row.url,
        source_file=source_file,
        imported=today,
    )


def merge(
    existing: List[FaqEntry], rows: List[FaqRow], source_file: str, today: dt.date, report: ImportReport
) -> List[FaqEntry]:
    """New entry list: CSV rows in CSV order, then entries not in the CSV; fills `report`.

    Examples staff attached to an entry stay with it (they are not part of the CSV), and
    staff-written entries stay published: the CSV only retires entries it once imported.
    """
    previous: Dict[str, FaqEntry] = {entry.id: entry for entry in existing}
    merged: List[FaqEntry] = []
    for row in rows:
        fresh = _entry(row, source_file, today)
        old = previous.get(row.id)
        if old is None:
            report.added.append(row.id)
            merged.append(fresh)
        elif old.retired or old.content() != fresh.content() or old.source_file == STAFF_SOURCE:
            report.updated.append(row.id)
            merged.append(fresh.copy(update={"examples": old.examples}))
        else:
            report.unchanged.append(row.id)
            merged.append(old)
    present = {row.id for row in rows}
    for entry in existing:
        if entry.id in present:
            continue
        if entry.source_file == STAFF_SOURCE:
            report.kept.append(entry.id)
        elif not entry.retired:
            report.retired.append(entry.id)
            entry = entry.copy(update={"retired": True})
        merged.append(entry)
    return merged


def check_municipality(municipality: str, data_dir: Path, file: str) -> None:
    """Raise DataFileError when the id is not one of the municipalities in data/."""
    known = municipality_ids(data_dir)
    if municipality not in known:
        raise DataFileError(
            [
                Problem(
                    file,
                    1,
                    f"unknown municipality id '{municipality}'",
                    f"use --municipality with one of: {', '.join(known)}",
                )
            ]
        )


def import_csv(
    csv_path: Path, municipality: str, data_dir: Path, today: dt.date, dry_run: bool = False
) -> ImportReport:
    """Validate everything first; write data/faq/<id>.yml only when all is well and something changed."""
    check_municipality(municipality, data_dir, str(csv_path))
    rows = read_faq_csv(csv_path, municipality)
    return import_rows(rows, municipality, data_dir, csv_path.name, today, dry_run)


def import_rows(
    rows: List[FaqRow], municipality: str, data_dir: Path, source_file: str, today: dt.date, dry_run: bool = False
) -> ImportReport:
    """Merge validated rows into data/faq/<id>.yml under the FAQ lock; written only when something changed."""
    target = faq_path(data_dir, municipality)
    report = ImportReport(municipality, source_file, str(target))
    with nullcontext() if dry_run else faq_lock(data_dir):
        merged = merge(load_entries(target), rows, source_file, today, report)
        if report.changed and not dry_run:
            save_entries(target, merged)
            report.written = True
    return report
