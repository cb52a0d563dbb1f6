"""Which of an office's escalations the inbox lists: filters, free-text search, counts per status (pure)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from typing import Callable, Dict, Iterable, List

from bot.escalations.models import STATUSES, Escalation
from bot.knowledge.office_hours import JST

MAX_QUERY = 100


@dataclass(frozen=True)
class InboxFilter:
    """What staff asked to see; every field None (or False) means "no restriction"."""

    status: str | None = None
    topic: str | None = None
    date_from: dt.date | None = None  # receipt date in Japan time, inclusive
    date_to: dt.date | None = None
    urgent: bool = False
    text: str | None = None

    def without_status(self) -> "InboxFilter":
        """The same filter for every status (what the counts per status are taken over)."""
        return InboxFilter(None, self.topic, self.date_from, self.date_to, self.urgent, self.text)


def fold(text: str) -> str:
    """Text as compared in the search: NFKC (full-width = half-width) and case-folded."""
    return unicodedata.normalize("NFKC", text).casefold()


def searchable(e: Escalation, topic_name: str) -> str:
    """Everything staff may search for in one escalation (its stored, already masked texts)."""
    parts = [e.receipt, topic_name, e.topic or "", e.place or "", e.resident_message, e.reply or ""]
    parts += [e.assignee or ""] + [n.text for n in e.notes]
    return fold("\n".join(parts))


def matches(e: Escalation, wanted: InboxFilter, topic_name: str) -> bool:
    """True when the escalation passes every restriction of the filter."""
    day = e.created_at.astimezone(JST).date()
    return (
        (wanted.status is None or e.status == wanted.status)
        and (wanted.topic is None or e.topic == wanted.topic)
        and (wanted.date_from is None or day >= wanted.date_from)
        and (wanted.date_to is None or day <= wanted.date_to)
        and (not wanted.urgent or e.urgent)
        and (not wanted.text or all(word in searchable(e, topic_name) for word in fold(wanted.text).split()))
    )


def select(
    escalations: Iterable[Escalation], wanted: InboxFilter, topic_name: Callable[[str | None], str]
) -> List[Escalation]:
    """The escalations that match, in the order given."""
    return [e for e in escalations if matches(e, wanted, topic_name(e.topic))]


def status_counts(
    escalations: Iterable[Escalation], wanted: InboxFilter, topic_name: Callable[[str | None], str]
) -> Dict[str, int]:
    """How many match the filter in each status (the filter's own status left aside)."""
    counts = dict.fromkeys(STATUSES, 0)
    for e in select(escalations, wanted.without_status(), topic_name):
        counts[e.status] = counts.get(e.status, 0) + 1
    return counts


def seconds_between(earlier: dt.datetime, now: dt.datetime) -> int:
    """Whole seconds from `earlier` to `now` (never negative)."""
    return max(0, int((now - earlier).total_seconds()))


def waiting_seconds(e: Escalation, now: dt.datetime) -> int | None:
    """How long the resident's last message has waited for the office; None when it does not wait."""
    return seconds_between(e.last_resident_message_at, now) if e.waiting else None
