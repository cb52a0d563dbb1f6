"""Answer from a municipality's own imported FAQ when one entry clearly matches (pure + cached index)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, Optional, Tuple

from bot.settings import get_settings
from bot.staff.faq_search import FaqIndex
from bot.staff.faq_store import active_entries
from bot.staff.models import FaqEntry
from bot.staff.paths import faq_path


@dataclass(frozen=True)
class FaqMatch:
    """The entry and how far it is ahead of the runner-up."""

    entry: FaqEntry
    margin: float


@lru_cache(maxsize=32)
def municipality_index(municipality: str) -> Optional[Tuple[FaqIndex, Dict[str, FaqEntry]]]:
    """The search index over one municipality's published entries (built on first use)."""
    path = faq_path(get_settings().data_dir, municipality)
    if not path.exists():
        return None
    entries = active_entries(path)
    if not entries:
        return None
    return FaqIndex.build(entries), {e.id: e for e in entries}


def best_entry(municipality: Optional[str], text: str, min_margin: float) -> Optional[FaqMatch]:
    """The municipality's entry for `text` if it leads the next one by `min_margin` (scores are 0–1).

    Only the resident's own municipality is searched, so another town's entry (or the generic
    open FAQ) is never presented as theirs.
    """
    if not municipality or not text.strip() or text.startswith("/"):
        return None
    found = municipality_index(municipality)
    if found is None:
        return None
    index, entries = found
    hits = index.search(text, top_k=2)
    if not hits:
        return None
    margin = hits[0][1] - (hits[1][1] if len(hits) > 1 else 0.0)
    return FaqMatch(entries[hits[0][0]], margin) if margin >= min_margin else None
