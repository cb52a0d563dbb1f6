"""Group similar unanswered questions so staff handle each wording once (pure)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Set

from bot.learning.store import Unanswered
from bot.text import fold


def _grams(text: str) -> Set[str]:
    folded = "".join(fold(text).split())
    return {folded[i : i + 2] for i in range(max(len(folded) - 1, 1))}


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of character bigrams after folding width and kana."""
    x, y = _grams(a), _grams(b)
    return len(x & y) / len(x | y) if x | y else 0.0


@dataclass
class Group:
    """Questions that say nearly the same thing."""

    id: str
    items: List[Unanswered] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.items)

    @property
    def municipalities(self) -> Dict[str, int]:
        counts: Dict[str, int] = {}
        for item in self.items:
            key = item.municipality or "-"
            counts[key] = counts.get(key, 0) + 1
        return counts

    @property
    def best_guess(self) -> str:
        votes: Dict[str, float] = {}
        for item in self.items:
            for topic, confidence in item.guesses[:1]:
                votes[topic] = votes.get(topic, 0.0) + confidence
        return max(votes, key=votes.__getitem__) if votes else ""


def group_questions(items: List[Unanswered], threshold: float = 0.45) -> List[Group]:
    """Greedy single-pass grouping, largest groups first.

    Messages the safety layer flagged (a crisis, abuse, danger) are left out: they are never training
    examples or FAQ wordings for a topic. `flagged_questions` lists them for staff.
    """
    groups: List[Group] = []
    for item in sorted((u for u in items if not u.flagged), key=lambda u: u.at):
        best = max(groups, key=lambda g: similarity(g.items[0].text, item.text), default=None)
        if best is not None and similarity(best.items[0].text, item.text) >= threshold:
            best.items.append(item)
        else:
            groups.append(Group(id=f"g{len(groups) + 1}", items=[item]))
    return sorted(groups, key=lambda g: -g.count)


def flagged_questions(items: List[Unanswered]) -> List[Unanswered]:
    """The flagged (safety) messages, newest first, shown to staff apart from the review groups."""
    return sorted((u for u in items if u.flagged), key=lambda u: u.at, reverse=True)
