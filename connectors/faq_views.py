"""What the FAQ upload pages show: the published list, the progress, the history, a CSV's problems (pure)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Dict, List, Optional

from bot.faq.models import FaqEntry
from bot.faq.publication import Progress, Publication
from bot.knowledge.yaml_source import Problem
from bot.text import fold

JST = dt.timezone(dt.timedelta(hours=9))


def local_time(at: str) -> str:
    """An ISO time (UTC) as staff read it (JST, to the minute)."""
    return dt.datetime.fromisoformat(at).astimezone(JST).strftime("%Y-%m-%d %H:%M:%S")


def matching(entries: List[FaqEntry], query: str) -> List[FaqEntry]:
    """The entries whose id, question, answer or category contain the query (width, case and kana folded)."""
    wanted = fold(query.strip())
    if not wanted:
        return entries
    return [e for e in entries if wanted in fold(" ".join([e.id, e.question, e.answer, e.category or ""]))]


def last_import(entries: List[FaqEntry]) -> Optional[dt.date]:
    """The newest import date of the published entries."""
    return max((e.imported for e in entries), default=None)


@dataclass(frozen=True)
class ProgressView:
    """The newest publish's state and when it reached each state (JST)."""

    version: str
    state: str
    times: Dict[str, str]


def progress_view(progress: Optional[Progress]) -> Optional[ProgressView]:
    """The progress as shown, or None before the first publish."""
    if progress is None:
        return None
    return ProgressView(progress.version, progress.state, {k: local_time(v) for k, v in progress.times.items()})


@dataclass(frozen=True)
class HistoryRow:
    """One publication: when (JST), who, which file, the counts."""

    at: str
    user: str
    file: str
    counts: str


def history_rows(publications: List[Publication]) -> List[HistoryRow]:
    """The publications, newest first."""
    return [
        HistoryRow(local_time(p.at), p.user, p.file, f"{p.added} / {p.updated} / {p.retired} / {p.unchanged}")
        for p in publications
    ]


@dataclass(frozen=True)
class ProblemRow:
    """One problem of a CSV: its line, what is wrong, how to fix it."""

    line: int
    message: str
    fix: str


def problem_rows(problems: List[Problem]) -> List[ProblemRow]:
    """The importer's problems in file order."""
    return [ProblemRow(p.line, p.message, p.fix) for p in sorted(problems, key=lambda p: p.line)]
