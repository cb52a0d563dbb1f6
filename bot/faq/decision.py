"""What the NLU decided about a municipality's imported FAQ, and the entries to show (pure).

The ranking and the decision come from the NLU pipeline (`bot.nlu.faq_ranker.FaqRanker`, key
`faq` of the parse data, one ranking per municipality, decided by the calibrated gate of
`bot.faq.gate`); the text shown comes from data/faq/<municipality>.yml as it is now, so a corrected
answer shows without retraining and a retired entry is never shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional

from bot.faq.models import FaqEntry
from bot.faq.store import active_entries
from bot.paths import faq_path


class FaqDecision(Enum):
    """What to do with a municipality's FAQ ranking."""

    ANSWER = "answer"
    CHOICES = "choices"
    NONE = "none"


@dataclass(frozen=True)
class FaqRanking:
    """One municipality's ranked entry ids for the latest message and what to do with them."""

    ids: List[str]
    confidence: float
    decision: FaqDecision


def ranking_for(parse_data: Mapping[str, Any], municipality: Optional[str]) -> Optional[FaqRanking]:
    """The ranking of the resident's own municipality only (never another town's entries)."""
    if not municipality:
        return None
    found = (parse_data.get("faq") or {}).get(municipality)
    if not isinstance(found, dict):
        return None
    ids = [str(c["id"]) for c in found.get("candidates") or [] if isinstance(c, dict) and "id" in c]
    try:
        decision = FaqDecision(found.get("decision"))
    except ValueError:  # a model trained before the gate: never answer from it unasked
        decision = FaqDecision.CHOICES if ids else FaqDecision.NONE
    return FaqRanking(ids, float(found.get("confidence") or 0.0), decision if ids else FaqDecision.NONE)


@lru_cache(maxsize=32)
def _entries(path: Path, mtime_ns: int) -> Dict[str, FaqEntry]:
    return {entry.id: entry for entry in active_entries(path)}


def published_entries(data_dir: Path, municipality: str) -> Dict[str, FaqEntry]:
    """The municipality's published entries by id, re-read when the file changes."""
    path = faq_path(data_dir, municipality)
    try:
        mtime = path.stat().st_mtime_ns
    except FileNotFoundError:
        return {}
    return _entries(path, mtime)


def pick_entries(entries: Dict[str, FaqEntry], ids: List[str], limit: int) -> List[FaqEntry]:
    """The first `limit` ranked entries that are still published."""
    return [entries[i] for i in ids if i in entries][:limit]
