"""FAQ evaluation with graded relevance: how well an FAQ ranking and its answer gate serve each query (pure).

A query has zero or more correct entries, each graded 2 (answers the question) or 1 (related: a
resident shown it would find the way); a query with none has no right entry at all, and the only
good outcome is not to answer it from the FAQ. Measures:

- Hit@k and MRR: the first entry graded 2 within the top k / its reciprocal rank, over the queries
  that have one;
- nDCG@10 with gains 2^grade − 1, over the same queries;
- the chat's direct answers: precision (the answered entry is graded 2) and coverage (share of
  all queries answered directly); choices that hold a graded entry; no-answer queries declined.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from bot.evaluation.datasets import LabelledQuestion
from bot.evaluation.html import Chart, bar_chart, cell
from bot.evaluation.intents import HIT_KS
from bot.faq.decision import FaqDecision, ranking_for

NO_CATEGORY = "(no category)"
NONE_LABELS = {"none", "なし", "-", "該当なし"}
ANSWERS = 2
RELATED = 1
CHOICES_SHOWN = 3


def parse_grades(expected: str) -> Dict[str, int]:
    """`12` → {12: 2}; `12:2 34:1` or `12;34:1` → graded ids; `none` / `なし` → {} (no right entry)."""
    text = unicodedata.normalize("NFKC", expected).strip()
    if text.lower() in NONE_LABELS:
        return {}
    grades: Dict[str, int] = {}
    for part in re.split(r"[\s;,、|]+", text):
        if not part:
            continue
        entry_id, _, grade = part.partition(":")
        grades[entry_id] = int(grade) if grade in {"1", "2"} else ANSWERS
    return grades


@dataclass(frozen=True)
class EntryInfo:
    """What the report shows of an imported entry."""

    question: str
    category: Optional[str] = None


@dataclass
class FaqPrediction:
    """The ranking found for one query, what the assistant would do with it, and how long it took."""

    question: LabelledQuestion
    grades: Dict[str, int]
    ranked: List[str]
    decision: FaqDecision
    confidence: float
    seconds: float

    @property
    def answerable(self) -> bool:
        """The query has an entry that answers it."""
        return ANSWERS in self.grades.values()

    def rank(self) -> Optional[int]:
        """1-based rank of the first entry that answers the query, None when none is ranked."""
        for position, entry_id in enumerate(self.ranked, start=1):
            if self.grades.get(entry_id) == ANSWERS:
                return position
        return None

    def ndcg(self, k: int = 10) -> float:
        """Normalised discounted cumulative gain of the top k (gains 2^grade − 1)."""
        gains = [2 ** self.grades.get(entry_id, 0) - 1 for entry_id in self.ranked[:k]]
        ideal = sorted((2**g - 1 for g in self.grades.values()), reverse=True)[:k]
        best = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
        return sum(g / math.log2(i + 2) for i, g in enumerate(gains)) / best if best else 0.0

    @property
    def answered_right(self) -> bool:
        """Answered directly, with an entry that answers the query."""
        return self.decision is FaqDecision.ANSWER and bool(self.ranked) and self.grades.get(self.ranked[0]) == ANSWERS

    @property
    def useful_choices(self) -> bool:
        """Offered choices, one of which is graded."""
        return self.decision is FaqDecision.CHOICES and any(i in self.grades for i in self.ranked[:CHOICES_SHOWN])


def faq_prediction(
    question: LabelledQuestion, parsed: Mapping[str, Any], municipality: str, seconds: float
) -> FaqPrediction:
    """Read the municipality's ranking and the gate's decision from a parse result."""
    grades = parse_grades(question.intent)
    ranking = ranking_for(parsed, municipality)
    if ranking is None:
        return FaqPrediction(question, grades, [], FaqDecision.NONE, 0.0, seconds)
    return FaqPrediction(question, grades, ranking.ids, ranking.decision, ranking.confidence, seconds)


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile (share in 0..1); 0 for no values."""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def share(flags: Sequence[bool]) -> float:
    """Share of true flags (0 for none)."""
    return sum(flags) / len(flags) if flags else 0.0


@dataclass
class FaqReport:
    """Aggregated FAQ results for one municipality."""

    municipality: str
    entries: Dict[str, EntryInfo]
    predictions: List[FaqPrediction] = field(default_factory=list)

    @property
    def answerable(self) -> List[FaqPrediction]:
        """The queries with an entry that answers them (the ranking measures count these)."""
        return [p for p in self.predictions if p.answerable]

    def hit_at(self, k: int) -> float:
        """Share of answerable queries with an answering entry among the top k."""
        return share([(p.rank() or 10**9) <= k for p in self.answerable])

    @property
    def mrr(self) -> float:
        """Mean reciprocal rank of the first answering entry (0 when not ranked)."""
        ranks = [p.rank() for p in self.answerable]
        return sum(1 / r for r in ranks if r) / len(ranks) if ranks else 0.0

    @property
    def ndcg10(self) -> float:
        """Mean nDCG@10 over the answerable queries."""
        values = [p.ndcg(10) for p in self.answerable]
        return sum(values) / len(values) if values else 0.0

    def decision_share(self, decision: FaqDecision) -> float:
        """Share of all queries the assistant would answer directly / with choices / not from the FAQ."""
        return share([p.decision is decision for p in self.predictions])

    @property
    def direct(self) -> List[FaqPrediction]:
        """The queries answered directly."""
        return [p for p in self.predictions if p.decision is FaqDecision.ANSWER]

    @property
    def direct_answers_right(self) -> float:
        """Precision of direct answers: the answered entry answers the query."""
        return share([p.answered_right for p in self.direct])

    def wrong_direct_answers(self) -> List[FaqPrediction]:
        """Every direct answer with an entry that does not answer the query."""
        return [p for p in self.direct if not p.answered_right]

    @property
    def choices_useful(self) -> float:
        """Of the queries offered choices, the share whose choices hold a graded entry."""
        return share([p.useful_choices for p in self.predictions if p.decision is FaqDecision.CHOICES])

    @property
    def no_entry_declined(self) -> float:
        """Of the queries no entry answers or relates to, the share not answered directly."""
        return share([p.decision is not FaqDecision.ANSWER for p in self.predictions if not p.grades])

    def latency_ms(self, at: float) -> float:
        """Time per query at this percentile, in milliseconds."""
        return 1000 * percentile([p.seconds for p in self.predictions], at)

    def per_category(self) -> Dict[str, Tuple[float, int]]:
        """Hit@1 and number of answerable queries per category of their first answering entry."""
        groups: Dict[str, List[bool]] = {}
        for p in self.answerable:
            first = next(i for i, g in p.grades.items() if g == ANSWERS)
            info = self.entries.get(first)
            groups.setdefault((info.category if info else None) or NO_CATEGORY, []).append(p.rank() == 1)
        return {name: (share(flags), len(flags)) for name, flags in sorted(groups.items())}

    def misses(self) -> List[FaqPrediction]:
        """Every answerable query whose first entry does not answer it."""
        return [p for p in self.answerable if p.rank() != 1]

    def summary(self) -> str:
        """One line for the terminal."""
        return (
            f"queries={len(self.predictions)} (answerable {len(self.answerable)}) hit@1={self.hit_at(1):.1%} "
            f"hit@3={self.hit_at(3):.1%} hit@10={self.hit_at(10):.1%} mrr={self.mrr:.3f} ndcg@10={self.ndcg10:.3f} "
            f"answered directly={self.decision_share(FaqDecision.ANSWER):.1%} "
            f"(right {self.direct_answers_right:.1%}) "
            f"latency p50={self.latency_ms(0.5):.0f} ms p95={self.latency_ms(0.95):.0f} ms"
        )

    def _entry(self, entry_id: str) -> str:
        info = self.entries.get(entry_id)
        return cell(f"[{entry_id}] {info.question if info else ''}"[:80])

    def _expected(self, p: FaqPrediction) -> str:
        if not p.grades:
            return "(none)"
        return "<br>".join(self._entry(i) + ("" if g == ANSWERS else " (related)") for i, g in p.grades.items())

    def markdown(self, title: str, notes: Sequence[str]) -> str:
        """The report: notes, summary, per category, every wrong direct answer, every miss."""
        lines = (
            [f"# {title}", ""]
            + [f"- {note}  " for note in notes]
            + [
                "",
                "| measure | value |",
                "|---|---|",
                f"| queries (with an answering entry) | {len(self.predictions)} ({len(self.answerable)}) |",
                *[f"| Hit@{k} | {self.hit_at(k):.1%} |" for k in HIT_KS],
                f"| MRR | {self.mrr:.3f} |",
                f"| nDCG@10 | {self.ndcg10:.3f} |",
                f"| answered directly (coverage) | {self.decision_share(FaqDecision.ANSWER):.1%} |",
                f"| … of which right (precision) | {self.direct_answers_right:.1%} |",
                f"| offered as choices | {self.decision_share(FaqDecision.CHOICES):.1%} |",
                f"| … of which with a right or related entry | {self.choices_useful:.1%} |",
                f"| not answered from the FAQ | {self.decision_share(FaqDecision.NONE):.1%} |",
                f"| queries with no right entry not answered directly | {self.no_entry_declined:.1%} |",
                f"| time per query p50 / p95 (whole NLU parse) | {self.latency_ms(0.5):.0f} ms / "
                f"{self.latency_ms(0.95):.0f} ms |",
                "",
                "## Hit@1 per category of the expected entry",
                "",
                "| category | queries | Hit@1 |",
                "|---|---|---|",
            ]
        )
        lines += [f"| {cell(name)} | {n} | {hit:.1%} |" for name, (hit, n) in self.per_category().items()]
        wrong = self.wrong_direct_answers()
        lines += [
            "",
            f"## Wrong direct answers ({len(wrong)})",
            "",
            "| query | answered with | right entries | confidence |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| {cell(p.question.text)} | {self._entry(p.ranked[0])} | {self._expected(p)} | {p.confidence:.2f} |"
            for p in wrong
        ]
        lines += [
            "",
            f"## Misses ({len(self.misses())})",
            "",
            "| query | expected | rank | found 1 | found 2 | found 3 |",
            "|---|---|---|---|---|---|",
        ]
        for p in self.misses():
            found = [self._entry(i) for i in p.ranked[:3]] + ["-"] * (3 - len(p.ranked[:3]))
            lines.append(
                f"| {cell(p.question.text)} | {self._expected(p)} | {p.rank() or '-'} | " + " | ".join(found) + " |"
            )
        return "\n".join(lines) + "\n"

    def charts(self) -> List[Chart]:
        """Hit@k, MRR, nDCG and the direct answers; then Hit@1 per category."""
        categories = self.per_category()
        return [
            (
                "Hit@k, MRR, nDCG@10, direct answers",
                bar_chart(
                    [f"Hit@{k}" for k in HIT_KS] + ["MRR", "nDCG@10", "answered directly", "direct answers right"],
                    [self.hit_at(k) for k in HIT_KS]
                    + [self.mrr, self.ndcg10, self.decision_share(FaqDecision.ANSWER), self.direct_answers_right],
                    "share of queries",
                ),
            ),
            (
                "Hit@1 per category",
                bar_chart(
                    [f"{name} ({n})" for name, (_, n) in categories.items()],
                    [hit for hit, _ in categories.values()],
                    "Hit@1",
                ),
            ),
        ]
