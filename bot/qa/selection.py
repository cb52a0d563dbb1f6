"""Pick the regional Q&A entry of a recognised topic that a question asks for (pure but for the shared analyzer).

The words of the topic's label are left out of the question (they say which topic, not which question).
Each entry's question and examples are analysed with the FAQ search's Japanese analyzer (Sudachi lemmas
and readings). An entry scores the IDF-weighted share of the question's words it contains (IDF over the
topic's entries, so the topic's own name, in every entry, weighs little, and a word no entry contains
weighs most), plus `cue_weight` when the question carries a cue word of the entry's facet (いくら →
amount). The best entry is chosen only when it scores `min_score` and leads the next by `min_margin`;
otherwise the question is general and the topic's answer stays (data/qa/settings/selection.yml).
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, FrozenSet, List, Sequence, Set, Tuple

from bot.faq.bm25 import Bm25
from bot.faq.japanese import JapaneseAnalyzer, TokenViews
from bot.knowledge.qa import QaBook, QaEntry, QaSettings
from bot.text import fold

VIEWS = ("lemmas", "readings")


@dataclass(frozen=True)
class Selection:
    """The chosen entry (None: answer the topic) and every entry's score, best first."""

    entry_id: str | None
    scores: List[Tuple[str, float]]


class SharedAnalyzer:
    """One analyzer for all topic indexes; Sudachi tokenizers must not run on two threads at once."""

    def __init__(self, analyzer: JapaneseAnalyzer | None = None) -> None:
        self._analyzer = analyzer or JapaneseAnalyzer()
        self._lock = threading.Lock()

    def analyze(self, text: str) -> TokenViews:
        """Token views of `text`."""
        with self._lock:
            return self._analyzer.analyze(text)


@lru_cache(maxsize=1)
def shared_analyzer() -> SharedAnalyzer:
    """The process's analyzer (the Sudachi dictionary loads on first use)."""
    return SharedAnalyzer()


def cue_facets(text: str, cues: Dict[str, List[str]]) -> FrozenSet[str]:
    """Facets whose cue words occur in the text (folded: width, case and kana do not matter)."""
    folded = fold(text)
    return frozenset(facet for facet, words in cues.items() if any(fold(word) in folded for word in words))


class TopicIndex:
    """The entries of one topic, analysed once."""

    def __init__(self, entries: Sequence[QaEntry], analyzer: SharedAnalyzer, label: str = "") -> None:
        self.entries = list(entries)
        self._analyzer = analyzer
        named = analyzer.analyze(label)
        self._topic_words = {view: set(getattr(named, view)) for view in VIEWS}
        analysed = [analyzer.analyze("\n".join([e.question, *e.examples])) for e in self.entries]
        answers = [analyzer.analyze(e.answer) for e in self.entries]
        self._bm25 = {view: Bm25([getattr(a, view) for a in analysed]) for view in VIEWS}
        self._words: Dict[str, List[Set[str]]] = {view: [set(getattr(a, view)) for a in analysed] for view in VIEWS}
        # The answer's words too: a question often names what the answer states (暗証番号, 郵便局), not its wording.
        self._answered: Dict[str, List[Set[str]]] = {
            view: [set(getattr(a, view)) | set(getattr(b, view)) for a, b in zip(analysed, answers, strict=True)]
            for view in VIEWS
        }
        n = len(self.entries)
        self._unseen_idf = math.log1p((n + 0.5) / 0.5)  # BM25's IDF of a word no entry contains

    def _idf(self, view: str, word: str) -> float:
        index = self._bm25[view]
        column = index.vocabulary.get(word)
        return self._unseen_idf if column is None else float(index.idf[column])

    def coverage(self, views: TokenViews, answer_weight: float = 0.0) -> List[float]:
        """Per entry: the IDF-weighted share of the question's words it contains (best of lemmas and readings).

        With `answer_weight`, the share counted over the question, examples and answer together, times
        the weight, when that is more (the answer's words count for less than the residents' wordings).
        """
        best = [0.0] * len(self.entries)
        for view in VIEWS:  # the topic's own name says which topic, not which question
            words = [w for w in dict.fromkeys(getattr(views, view)) if w not in self._topic_words[view]]
            total = sum(self._idf(view, word) for word in words)
            if not total:
                continue
            for row, present in enumerate(self._words[view]):
                share = sum(self._idf(view, word) for word in words if word in present) / total
                best[row] = max(best[row], share)
            if answer_weight:
                for row, present in enumerate(self._answered[view]):
                    share = sum(self._idf(view, word) for word in words if word in present) / total
                    best[row] = max(best[row], answer_weight * share)
        return best

    def words(self, text: str) -> int:
        """How many content words the question has."""
        return self._analyzer.analyze(text).words

    def scores(self, text: str, settings: QaSettings, cue_weight: float | None = None) -> List[Tuple[str, float]]:
        """Every entry's score for the question, best first (`cue_weight`: instead of the settings' one)."""
        facets = cue_facets(text, settings.cues)
        bonus = settings.cue_weight if cue_weight is None else cue_weight
        covered = self.coverage(self._analyzer.analyze(text), settings.answer_weight)
        scored = [
            (entry.id, round(share + (bonus if entry.facet in facets else 0.0), 4))
            for entry, share in zip(self.entries, covered, strict=True)
        ]
        return sorted(scored, key=lambda item: -item[1])


def decide(scores: List[Tuple[str, float]], settings: QaSettings) -> str | None:
    """The best entry when it is clear enough, else None."""
    if not scores or scores[0][1] < settings.min_score:
        return None
    second = scores[1][1] if len(scores) > 1 else 0.0
    return scores[0][0] if scores[0][1] - second >= settings.min_margin else None


def topic_index(book: QaBook, topic: str, label: str = "", analyzer: SharedAnalyzer | None = None) -> TopicIndex | None:
    """The topic's index, built on first use and kept with the book (rebuilt when the book is reloaded)."""
    entries = book.by_topic.get(topic)
    if not entries:
        return None
    index = book.indexes.get(topic)
    if index is None:
        index = book.indexes[topic] = TopicIndex(entries, analyzer or shared_analyzer(), label)
    return index  # type: ignore[no-any-return]


def select_entry(
    book: QaBook, topic: str, text: str, label: str = "", analyzer: SharedAnalyzer | None = None
) -> Selection:
    """The entry of `topic` that `text` asks for, if one clearly does."""
    if book.settings is None or not text.strip() or text.startswith("/"):  # a button press is not a question
        return Selection(None, [])
    index = topic_index(book, topic, label, analyzer)
    if index is None:
        return Selection(None, [])
    scores = index.scores(text, book.settings)
    return Selection(decide(scores, book.settings), scores)
