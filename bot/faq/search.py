"""Long-tail FAQ search: Sudachi BM25 (lemmas, readings, synonym groups), char n-gram TF-IDF and word vectors.

Build once per FAQ set (`FaqIndex.build`), then `search(query, top_k)` ranks entry ids. Only the
entries given to `build` can ever be returned, so an index built from one municipality's file
never answers with another municipality's entries. An entry's question field also holds the
residents' wordings staff attached to it in the review (`examples`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, FrozenSet, List, Optional, Protocol, Sequence, Tuple

import numpy as np
from scipy.sparse import spmatrix
from sklearn.feature_extraction.text import TfidfVectorizer

from bot.faq.bm25 import Bm25
from bot.faq.japanese import JapaneseAnalyzer, TokenViews
from bot.faq.sensitive import SensitiveSubjects
from bot.faq.vectors import DenseIndex, WordVectors
from bot.text import fold


class Searchable(Protocol):
    """What the index reads from an entry (FaqEntry, OpenFaq, ...)."""

    @property
    def id(self) -> str: ...

    @property
    def question(self) -> str: ...

    @property
    def answer(self) -> str: ...

    @property
    def category(self) -> Optional[str]: ...


@dataclass(frozen=True)
class SearchConfig:
    """Weights of the score components.

    Chosen on the 90 development queries of the open corpus only (benchmarks/retrieval.py), from
    the middle of the region of good settings rather than the single best point: answer and
    category matches count half as much as question matches, readings 0.3 and synonym groups 0.2
    of a lemma match, and the lexical score carries 70% against the character n-gram score.
    `dense` (chosen on the calibration split of the resident queries) is the weight of the word
    vectors' cosine, scaled to the best entry, against 1 for the lexical and character score.
    """

    question: float = 1.0
    answer: float = 0.5
    category: float = 0.5
    reading: float = 0.3
    synonym: float = 0.2
    variant: float = 1.0
    char_question: float = 1.0
    char_full: float = 0.5
    lexical_share: float = 0.7
    dense: float = 0.5
    k1: float = 1.2
    b: float = 0.75


FIELDS = ("question", "answer", "category")
VIEWS = ("lemmas", "readings", "synonyms", "variants")


def _fit_chars(texts: List[str]) -> Tuple[TfidfVectorizer, Optional[spmatrix]]:
    """Character 2–3-gram TF-IDF on folded text; no matrix when there is no text at all."""
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 3), sublinear_tf=True, preprocessor=fold)
    try:
        return vectorizer, vectorizer.fit_transform(texts)
    except ValueError:  # empty vocabulary
        return vectorizer, None


def _question_text(entry: Searchable) -> str:
    """The question with the residents' wordings staff attached to it (OpenFaq has none)."""
    examples: Sequence[str] = getattr(entry, "examples", None) or []
    return "\n".join([entry.question, *examples])


def _normalised(scores: np.ndarray) -> np.ndarray:
    top = float(scores.max()) if scores.size else 0.0
    return scores / top if top > 0 else scores


@dataclass
class FaqIndex:
    """A built index over a fixed list of entries."""

    ids: List[str]
    config: SearchConfig
    analyzer: JapaneseAnalyzer
    bm25: Dict[Tuple[str, str], Bm25]
    char_question: TfidfVectorizer
    char_full: TfidfVectorizer
    question_matrix: Optional[spmatrix]
    full_matrix: Optional[spmatrix]
    sensitive: SensitiveSubjects
    entry_subjects: List[FrozenSet[str]]
    dense: Optional[DenseIndex] = None

    @classmethod
    def build(
        cls,
        entries: Sequence[Searchable],
        config: Optional[SearchConfig] = None,
        analyzer: Optional[JapaneseAnalyzer] = None,
        sensitive: Optional[SensitiveSubjects] = None,
        vectors: Optional[WordVectors] = None,
    ) -> FaqIndex:
        """Analyse every entry once and precompute all component indexes.

        With `sensitive`, an entry about a sensitive subject is ranked only for queries about it;
        with `vectors` (GiNZA's word vectors), the questions' mean vectors are a fourth signal.
        """
        config = config or SearchConfig()
        analyzer = analyzer or JapaneseAnalyzer()
        sensitive = sensitive or SensitiveSubjects()
        texts = {
            "question": [_question_text(e) for e in entries],
            "answer": [e.answer for e in entries],
            "category": [e.category or "" for e in entries],
        }
        bm25: Dict[Tuple[str, str], Bm25] = {}
        dense: Optional[DenseIndex] = None
        for name in FIELDS:
            analysed = [analyzer.analyze(text) for text in texts[name]]
            if name == "question" and vectors is not None and len(vectors):
                dense = DenseIndex(vectors, [a.units for a in analysed])
            for view in VIEWS:
                bm25[(name, view)] = Bm25([getattr(a, view) for a in analysed], config.k1, config.b)
        full = [f"{q}\n{a}" for q, a in zip(texts["question"], texts["answer"], strict=True)]
        char_question, question_matrix = _fit_chars(texts["question"])
        char_full, full_matrix = _fit_chars(full)
        return cls(
            [e.id for e in entries],
            config,
            analyzer,
            bm25,
            char_question,
            char_full,
            question_matrix,
            full_matrix,
            sensitive,
            [sensitive.of_entry(e.question, e.category) for e in entries],
            dense,
        )

    def components(self, query: str) -> Dict[str, np.ndarray]:
        """Raw score of every entry per component (field/view BM25 and char cosine)."""
        return self.components_for(query, self.analyzer.analyze(query))

    def components_for(self, query: str, views: TokenViews) -> Dict[str, np.ndarray]:
        """`components` for a query already analysed."""
        out = {f"{name}/{view}": index.scores(getattr(views, view)) for (name, view), index in self.bm25.items()}
        for name, vectorizer, matrix in (
            ("char/question", self.char_question, self.question_matrix),
            ("char/full", self.char_full, self.full_matrix),
        ):
            if matrix is None:
                out[name] = np.zeros(len(self.ids))
            else:
                out[name] = (matrix @ vectorizer.transform([query]).T).toarray().ravel()
        if self.dense is not None and self.dense.active:
            out["dense/question"] = self.dense.cosines(views.units)
        return out

    def fuse(self, parts: Dict[str, np.ndarray]) -> np.ndarray:
        """Weighted sum of the lexical, character and (with vectors) dense scores, each scaled to the best entry."""
        c = self.config
        view_weight = {"lemmas": 1.0, "readings": c.reading, "synonyms": c.synonym, "variants": c.variant}
        field_weight = {"question": c.question, "answer": c.answer, "category": c.category}
        lexical = sum(
            field_weight[name] * view_weight[view] * parts[f"{name}/{view}"] for name in FIELDS for view in VIEWS
        )
        characters = c.char_question * parts["char/question"] + c.char_full * parts["char/full"]
        fused = c.lexical_share * _normalised(np.asarray(lexical, dtype=float)) + (1.0 - c.lexical_share) * _normalised(
            characters
        )
        if "dense/question" not in parts:
            return fused
        dense = _normalised(np.clip(parts["dense/question"], 0.0, None))
        return (fused + c.dense * dense) / (1.0 + c.dense)

    def search(self, query: str, top_k: int = 5) -> List[Tuple[str, float]]:
        """The best `top_k` entries as (entry_id, score), best first; empty when nothing matches."""
        return self.rank(query, top_k).hits

    def coverage(self, views: TokenViews, row: int) -> float:
        """IDF-weighted share of the query's words that the entry's question or answer contains.

        A word no entry contains counts with the highest weight: a query about 除雪 that finds an
        entry about ごみ through 申し込み is mostly unexplained. 0–1, comparable across FAQ sizes.
        """
        words = list(dict.fromkeys(views.lemmas))
        if not words:
            return 0.0
        question, answer = self.bm25[("question", "lemmas")], self.bm25[("answer", "lemmas")]
        ceiling = max(float(question.idf.max(initial=0.0)), float(answer.idf.max(initial=0.0)), 1.0)
        found = total = 0.0
        for word in words:
            weights = [
                (float(index.idf[index.vocabulary[word]]), index.weights[row, index.vocabulary[word]] > 0)
                for index in (question, answer)
                if word in index.vocabulary
            ]
            weight = max((w for w, _ in weights), default=ceiling)
            total += weight
            found += weight if any(present for _, present in weights) else 0.0
        return found / total if total else 0.0

    def rank(self, query: str, top_k: int = 5) -> Ranking:
        """The best entries for `query` with the evidence a gate needs to decide how sure to be.

        Entries about a sensitive subject the query is not about are left out (`bot.faq.sensitive`).
        The fused scores are scaled to the best entry, so
        they cannot tell a query about none of the entries from one about the best; `relevance`
        (the best character n-gram cosine with any entry's question) and `coverage` are absolute.
        """
        if not self.ids or not query.strip():
            return Ranking([], RankFeatures())
        views = self.analyzer.analyze(query)
        parts = self.components_for(query, views)
        scores = self.fuse(parts)
        if any(self.entry_subjects):
            scores = np.where(self.sensitive.allowed(self.entry_subjects, query), scores, 0.0)
        order = [int(i) for i in np.argsort(-scores, kind="stable")[:top_k] if scores[i] > 0]
        hits = [(self.ids[i], round(float(scores[i]), 4)) for i in order]
        if not order:
            return Ranking([], RankFeatures(relevance=float(parts["char/question"].max())))
        top = order[0]
        second = float(scores[order[1]]) if len(order) > 1 else 0.0
        features = RankFeatures(
            relevance=float(parts["char/question"].max()),
            top_relevance=float(parts["char/question"][top]),
            top_score=float(scores[top]),
            margin=float(scores[top]) - second,
            coverage=self.coverage(views, top),
        )
        return Ranking(hits, features)


@dataclass(frozen=True)
class RankFeatures:
    """Evidence about the best entry of a ranking (all 0–1): what the answer gate is calibrated on."""

    relevance: float = 0.0  # best char n-gram cosine of the query with any entry's question
    top_relevance: float = 0.0  # the same cosine for the best-ranked entry
    top_score: float = 0.0  # fused score of the best entry (1 when words and characters agree on it)
    margin: float = 0.0  # its lead over the second entry
    coverage: float = 0.0  # IDF-weighted share of the query's words found in the best entry

    def vector(self) -> List[float]:
        """In the order of `FEATURES`."""
        return [getattr(self, name) for name in FEATURES]


FEATURES = ("relevance", "top_relevance", "top_score", "margin", "coverage")


@dataclass(frozen=True)
class Ranking:
    """Ranked (entry id, fused score) pairs, best first, and the evidence about the first."""

    hits: List[Tuple[str, float]]
    features: RankFeatures
