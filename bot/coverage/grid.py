"""Classify what the knowledge base knows for every municipality × topic pair.

A cell is, in this order of precedence:
  stale      – the municipality has its own (not third-party) facts for the topic, but the
               newest one was last checked (`seen`) more than N months ago;
  verified   – it has its own facts, or a department (not third-party) for the topic's function;
  unverified – it has only third-party information (facts or a department) for the topic, and no
               official page was searched for since;
  core only  – nothing local: residents get the region-wide answer and the main office;
  searched, nothing public – nothing official, and the research record (data/research) says the
               public pages were searched (after any third-party fact was seen) and hold nothing official
               for it: only staff can fill the cell (third-party facts are never shown to residents).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from typing import Dict, List, Optional, Tuple

from bot.coverage.research import ResearchRecord
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.models import Department, Fact, LocalTopic, Municipality, Topic


class Status(str, Enum):
    """Coverage class of one cell."""

    VERIFIED = "verified"
    STALE = "stale"
    UNVERIFIED = "unverified"
    CORE_ONLY = "core only"
    SEARCHED_NOTHING = "searched, nothing public"


@dataclass(frozen=True)
class Cell:
    """One municipality × topic cell with what decided it."""

    municipality: str
    topic: str
    status: Status
    facts: int
    third_party_facts: int
    newest_seen: Optional[dt.date]
    department: Optional[str]

    def detail(self) -> str:
        """Short English explanation for tooltips and reports."""
        parts = [self.status.value]
        if self.facts:
            parts.append(f"{self.facts} fact(s), newest seen {self.newest_seen}")
        if self.third_party_facts:
            parts.append(f"{self.third_party_facts} third-party fact(s)")
        if self.department:
            parts.append(f"department: {self.department}")
        return "; ".join(parts)


@dataclass(frozen=True)
class CoverageGrid:
    """All cells, with municipalities and topics in display order."""

    municipalities: List[Municipality]
    topics: List[Topic]
    cells: Dict[Tuple[str, str], Cell]
    today: dt.date
    stale_months: int

    def cell(self, municipality_id: str, topic_id: str) -> Cell:
        """The cell for a pair."""
        return self.cells[(municipality_id, topic_id)]

    def counts(self, municipality_id: str) -> Dict[Status, int]:
        """How many topics of each status one municipality has."""
        out = {status: 0 for status in Status}
        for topic in self.topics:
            out[self.cell(municipality_id, topic.id).status] += 1
        return out


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole calendar months from `earlier` to `later` (same rule as `bot validate`)."""
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def _department(municipality: Municipality, topic: Topic, local: Optional[LocalTopic]) -> Optional[Department]:
    function = (local.department if local and local.department else None) or topic.function
    return municipality.departments.get(function)


def _searched_since(research: Optional[ResearchRecord], topic_id: str, third_party: List[Fact]) -> bool:
    """The research record says nothing official is public for the cell, searched after every third-party fact."""
    if research is None or getattr(research.cells.get(topic_id), "verdict", None) != "nothing_public":
        return False
    return all(fact.seen <= research.searched for fact in third_party)


def classify(
    municipality: Municipality,
    topic: Topic,
    today: dt.date,
    stale_months: int,
    research: Optional[ResearchRecord] = None,
) -> Cell:
    """The coverage cell of one pair."""
    local = municipality.topics.get(topic.id)
    facts = [f for f in local.facts if not f.third_party] if local else []
    third_party = [f for f in local.facts if f.third_party] if local else []
    department = _department(municipality, topic, local)
    own_department = department is not None and not department.third_party
    newest = max((f.seen for f in facts), default=None)
    if newest is not None and months_between(newest, today) > stale_months:
        status = Status.STALE
    elif facts or own_department:
        status = Status.VERIFIED
    elif (third_party or department is not None) and not _searched_since(research, topic.id, third_party):
        status = Status.UNVERIFIED
    elif _searched_since(research, topic.id, []):
        status = Status.SEARCHED_NOTHING
    else:
        status = Status.CORE_ONLY
    return Cell(
        municipality.id,
        topic.id,
        status,
        len(facts),
        len(third_party),
        newest,
        department.name if department is not None else None,
    )


def coverage_grid(
    kb: KnowledgeBase, today: dt.date, stale_months: int = 12, research: Optional[Dict[str, ResearchRecord]] = None
) -> CoverageGrid:
    """Classify every municipality × topic pair of a loaded knowledge base (with its research records)."""
    municipalities = list(kb.municipalities.values())
    topics = sorted(kb.topics.values(), key=lambda t: t.id)
    records = research or {}
    cells = {
        (m.id, t.id): classify(m, t, today, stale_months, records.get(m.id)) for m in municipalities for t in topics
    }
    return CoverageGrid(municipalities, topics, cells, today, stale_months)
