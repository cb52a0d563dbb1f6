"""Staff curation of a municipality's FAQ: attach residents' questions to an entry, or write a new entry.

Changes are staged in memory (`FaqChanges`) and written only by `commit`, so a caller can check
every decision first and write nothing when one of them is invalid.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import ContextManager, Dict, List, Optional

from bot.faq.models import STAFF_SOURCE, FaqEntry
from bot.faq.store import load_entries, save_entries
from bot.files import folder_lock
from bot.paths import faq_path, municipality_ids

_URL = re.compile(r"^https?://\S+$")
MAX_QUESTION = 500
MAX_ANSWER = 5000


def faq_lock(data_dir: Path) -> ContextManager[None]:
    """Lock the data/faq/ folder itself so edits from several workers or commands are not lost."""
    return folder_lock(data_dir / "faq")


class UnknownEntry(KeyError):
    """The municipality has no published FAQ entry with that id."""


@dataclass(frozen=True)
class NewEntry:
    """A staff-written question and answer (url optional)."""

    question: str
    answer: str
    url: Optional[str] = None

    @classmethod
    def of(cls, question: Optional[str], answer: Optional[str], url: Optional[str]) -> NewEntry:
        """Trimmed fields; an empty url becomes None."""
        return cls((question or "").strip(), (answer or "").strip(), (url or "").strip() or None)

    def problems(self) -> Dict[str, str]:
        """Field name -> what is wrong (empty when the entry can be written)."""
        out: Dict[str, str] = {}
        for name, text, limit in (("question", self.question, MAX_QUESTION), ("answer", self.answer, MAX_ANSWER)):
            if not text:
                out[name] = "must not be empty"
            elif len(text) > limit:
                out[name] = f"must be at most {limit} characters"
        if self.url is not None and not _URL.match(self.url):
            out["url"] = "must be a full web address starting with https:// or http://"
        return out


def with_examples(entry: FaqEntry, questions: List[str]) -> FaqEntry:
    """The entry with `questions` appended to its examples (no duplicates, not the question itself)."""
    known = {entry.question, *entry.examples}
    added = [q for q in dict.fromkeys(" ".join(q.split()) for q in questions) if q and q not in known]
    return entry.copy(update={"examples": [*entry.examples, *added]}) if added else entry


class FaqChanges:
    """Edits to municipalities' FAQ files, kept in memory until `commit`."""

    def __init__(self, data_dir: Path, today: dt.date) -> None:
        self.data_dir = data_dir
        self.today = today
        self._entries: Dict[str, List[FaqEntry]] = {}
        self._changed: set[str] = set()

    def is_municipality(self, municipality: str) -> bool:
        """Whether data/municipalities/<id>.yml exists."""
        return municipality in municipality_ids(self.data_dir)

    def entries(self, municipality: str) -> List[FaqEntry]:
        """All entries of the municipality as staged so far (retired ones included)."""
        if municipality not in self._entries:
            self._entries[municipality] = load_entries(faq_path(self.data_dir, municipality))
        return self._entries[municipality]

    def has_entry(self, municipality: str, entry_id: str) -> bool:
        """Whether the municipality publishes (has a non-retired) entry with this id."""
        return any(e.id == entry_id and not e.retired for e in self.entries(municipality))

    def attach(self, municipality: str, entry_id: str, questions: List[str]) -> int:
        """Append questions to a published entry's examples; returns how many were new."""
        entries = self.entries(municipality)
        for index, entry in enumerate(entries):
            if entry.id == entry_id and not entry.retired:
                updated = with_examples(entry, questions)
                if updated is not entry:
                    entries[index] = updated
                    self._changed.add(municipality)
                return len(updated.examples) - len(entry.examples)
        raise UnknownEntry(entry_id)

    def add(self, municipality: str, new: NewEntry, questions: List[str]) -> str:
        """Add a staff-written entry with the questions as examples; returns its id.

        Writing the same question and answer again (an applied CSV applied twice) reuses the entry.
        """
        problems = new.problems()
        if problems:
            raise ValueError("; ".join(f"{k}: {v}" for k, v in problems.items()))
        entries = self.entries(municipality)
        for entry in entries:
            if (
                entry.source_file == STAFF_SOURCE
                and not entry.retired
                and (entry.question, entry.answer) == (new.question, new.answer)
            ):
                self.attach(municipality, entry.id, questions)
                return entry.id
        taken = {e.id for e in entries}
        entry_id = f"staff-{secrets.token_hex(4)}"
        while entry_id in taken:
            entry_id = f"staff-{secrets.token_hex(4)}"
        entries.append(
            with_examples(
                FaqEntry(
                    id=entry_id,
                    question=new.question,
                    answer=new.answer,
                    url=new.url,
                    source_file=STAFF_SOURCE,
                    imported=self.today,
                ),
                questions,
            )
        )
        self._changed.add(municipality)
        return entry_id

    def commit(self) -> List[Path]:
        """Write every changed file (each one atomically); returns the files written."""
        written = []
        for municipality in sorted(self._changed):
            path = faq_path(self.data_dir, municipality)
            save_entries(path, self._entries[municipality])
            written.append(path)
        self._changed.clear()
        return written
