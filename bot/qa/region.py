"""Find the regional Q&A entry a question asks for when its topic is not known (pure but for the shared analyzer).

When the topic classifier falls back or is unsure, the question is ranked against the question and
examples of every entry of every topic, scored as within a topic (`bot.qa.selection.TopicIndex`: the
IDF-weighted share of the question's words an entry contains, plus the facet cue bonus), but with IDF
over all entries and no topic label left out. One entry that scores `region.min_score` and leads the
next by `region.min_margin` is answered; otherwise the entries within `region.choice_margin` of the
best (at least `region.choice_min_score`, two to `region.choices` of them) are offered as choices;
otherwise, and for a question of fewer than `region.min_words` content words (「火事です」), nothing
(data/qa/settings/selection.yml, chosen on benchmarks/qa_dev.jsonl with benchmarks/qa_region.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Tuple

from bot.knowledge.qa import QaBook, RegionSettings
from bot.qa.selection import SharedAnalyzer, TopicIndex, shared_analyzer


@dataclass(frozen=True)
class RegionMatch:
    """The entry to answer, or the entries to offer (both empty: none fits), and the best scores."""

    entry_id: str | None = None
    choices: List[str] = field(default_factory=list)
    scores: List[Tuple[str, float]] = field(default_factory=list)


def region_index(book: QaBook, analyzer: SharedAnalyzer | None = None) -> TopicIndex | None:
    """The index of all entries, built on first use and kept with the book (rebuilt when the book is reloaded)."""
    if not book.entries:
        return None
    if book.region_index is None:
        book.region_index = TopicIndex(list(book.entries.values()), analyzer or shared_analyzer())
    return book.region_index  # type: ignore[no-any-return]


def decide_region(scores: List[Tuple[str, float]], settings: RegionSettings) -> RegionMatch:
    """Answer the clear best entry, offer close ones, or nothing."""
    if not scores:
        return RegionMatch()
    best = scores[0][1]
    second = scores[1][1] if len(scores) > 1 else 0.0
    top = scores[: settings.choices + 1]
    if best >= settings.min_score and best - second >= settings.min_margin:
        return RegionMatch(entry_id=scores[0][0], scores=top)
    close = [entry_id for entry_id, score in top if best - score <= settings.choice_margin]
    if best >= settings.choice_min_score and 2 <= len(close) <= settings.choices:
        return RegionMatch(choices=close, scores=top)
    return RegionMatch(scores=top)


def match_region(book: QaBook, text: str, analyzer: SharedAnalyzer | None = None) -> RegionMatch:
    """The entry (or the close entries) of any topic that `text` asks for."""
    settings = book.settings
    if settings is None or settings.region is None or not text.strip() or text.startswith("/"):
        return RegionMatch()
    index = region_index(book, analyzer)
    if index is None or index.words(text) < settings.region.min_words:  # one word says which topic at most
        return RegionMatch()
    return decide_region(index.scores(text, settings, settings.region.cue_weight), settings.region)
