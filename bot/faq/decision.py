"""Decide between answering from a municipality's imported FAQ, offering its entries, or neither (pure).

The ranking comes from the NLU pipeline (`bot.nlu.faq_ranker.FaqRanker`, key `faq` of the parse
data, one ranking per municipality); the text shown comes from data/faq/<municipality>.yml as it
is now, so a corrected answer shows without retraining and a retired entry is never shown.
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
    """One municipality's ranked entry ids for the latest message."""

    ids: List[str]
    margin: float
    relevance: float

    def decide(self, min_margin: float, min_relevance: float) -> FaqDecision:
        """Answer when one entry clearly leads and the message is about it; offer choices when only relevant."""
        if not self.ids or self.relevance < min_relevance:
            return FaqDecision.NONE
        return FaqDecision.ANSWER if self.margin >= min_margin else FaqDecision.CHOICES


def ranking_for(parse_data: Mapping[str, Any], municipality: Optional[str]) -> Optional[FaqRanking]:
    """The ranking of the resident's own municipality only (never another town's entries)."""
    if not municipality:
        return None
    found = (parse_data.get("faq") or {}).get(municipality)
    if not isinstance(found, dict):
        return None
    ids = [str(c["id"]) for c in found.get("candidates") or [] if isinstance(c, dict) and "id" in c]
    return FaqRanking(ids, float(found.get("margin") or 0.0), float(found.get("relevance") or 0.0))


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
