"""FAQ evaluation: where a municipality's imported FAQ ranks the expected entry for each test query (pure)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from bot.evaluation.datasets import LabelledQuestion
from bot.evaluation.html import Chart, bar_chart, cell
from bot.evaluation.intents import HIT_KS
from bot.faq.decision import FaqDecision, ranking_for

NO_CATEGORY = "(no category)"


@dataclass(frozen=True)
class EntryInfo:
    """What the report shows of an imported entry."""

    question: str
    category: Optional[str] = None


@dataclass
class FaqPrediction:
    """The ranking found for one query, what the assistant would do with it, and how long parsing took."""

    question: LabelledQuestion
    ranked: List[str]
    decision: FaqDecision
    seconds: float

    def rank(self) -> Optional[int]:
        """1-based rank of the expected entry, None when it is not among the candidates."""
        expected = self.question.intent
        return self.ranked.index(expected) + 1 if expected in self.ranked else None


def faq_prediction(
    question: LabelledQuestion,
    parsed: Mapping[str, Any],
    municipality: str,
    min_margin: float,
    min_relevance: float,
    seconds: float,
) -> FaqPrediction:
    """Read the municipality's ranking from a parse result and decide as the chat would."""
    ranking = ranking_for(parsed, municipality)
    if ranking is None:
        return FaqPrediction(question, [], FaqDecision.NONE, seconds)
    return FaqPrediction(question, ranking.ids, ranking.decide(min_margin, min_relevance), seconds)


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile (share in 0..1); 0 for no values."""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


@dataclass
class FaqReport:
    """Aggregated FAQ results for one municipality."""

    municipality: str
    entries: Dict[str, EntryInfo]
    min_margin: float
    min_relevance: float
    predictions: List[FaqPrediction] = field(default_factory=list)

    def _share(self, flags: List[bool]) -> float:
        return sum(flags) / len(flags) if flags else 0.0

    def hit_at(self, k: int) -> float:
        """Share of queries whose expected entry is among the top k."""
        return self._share([(p.rank() or 10**9) <= k for p in self.predictions])

    @property
    def mrr(self) -> float:
        """Mean reciprocal rank of the expected entry (0 when not found)."""
        ranks = [p.rank() for p in self.predictions]
        return sum(1 / r for r in ranks if r) / len(ranks) if ranks else 0.0

    def decision_share(self, decision: FaqDecision) -> float:
        """Share of queries the assistant would answer directly / with choices / not from the FAQ."""
        return self._share([p.decision is decision for p in self.predictions])

    @property
    def direct_answers_right(self) -> float:
        """Of the queries answered directly, the share answered with the expected entry."""
        return self._share([p.rank() == 1 for p in self.predictions if p.decision is FaqDecision.ANSWER])

    def latency_ms(self, share: float) -> float:
        """Parse time per query at this percentile, in milliseconds."""
        return 1000 * percentile([p.seconds for p in self.predictions], share)

    def per_category(self) -> Dict[str, Tuple[float, int]]:
        """Hit@1 and number of queries per category of the expected entry."""
        groups: Dict[str, List[bool]] = {}
        for p in self.predictions:
            info = self.entries.get(p.question.intent)
            groups.setdefault((info.category if info else None) or NO_CATEGORY, []).append(p.rank() == 1)
        return {name: (self._share(flags), len(flags)) for name, flags in sorted(groups.items())}

    def misses(self) -> List[FaqPrediction]:
        """Every query whose expected entry is not ranked first."""
        return [p for p in self.predictions if p.rank() != 1]

    def summary(self) -> str:
        return (
            f"queries={len(self.predictions)} hit@1={self.hit_at(1):.1%} hit@3={self.hit_at(3):.1%} "
            f"hit@10={self.hit_at(10):.1%} mrr={self.mrr:.3f} "
            f"answered directly={self.decision_share(FaqDecision.ANSWER):.1%} "
            f"(right {self.direct_answers_right:.1%}) "
            f"latency p50={self.latency_ms(0.5):.0f} ms p95={self.latency_ms(0.95):.0f} ms"
        )

    def _entry(self, entry_id: str) -> str:
        info = self.entries.get(entry_id)
        return cell(f"[{entry_id}] {info.question if info else ''}"[:80])

    def markdown(self, title: str, notes: Sequence[str]) -> str:
        """The report: notes, summary, per category, every miss with the top three found."""
        lines = (
            [f"# {title}", ""]
            + [f"- {note}  " for note in notes]
            + [
                "",
                "| measure | value |",
                "|---|---|",
                f"| queries | {len(self.predictions)} |",
                *[f"| Hit@{k} | {self.hit_at(k):.1%} |" for k in HIT_KS],
                f"| MRR | {self.mrr:.3f} |",
                f"| answered directly (margin ≥ {self.min_margin}, relevance ≥ {self.min_relevance}) | "
                f"{self.decision_share(FaqDecision.ANSWER):.1%} |",
                f"| … of which with the expected entry | {self.direct_answers_right:.1%} |",
                f"| offered as choices | {self.decision_share(FaqDecision.CHOICES):.1%} |",
                f"| not answered from the FAQ (relevance too low) | {self.decision_share(FaqDecision.NONE):.1%} |",
                f"| latency per query p50 / p95 (whole NLU parse) | {self.latency_ms(0.5):.0f} ms / "
                f"{self.latency_ms(0.95):.0f} ms |",
                "",
                "## Hit@1 per category of the expected entry",
                "",
                "| category | queries | Hit@1 |",
                "|---|---|---|",
            ]
        )
        lines += [f"| {cell(name)} | {n} | {hit:.1%} |" for name, (hit, n) in self.per_category().items()]
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
                f"| {cell(p.question.text)} | {self._entry(p.question.intent)} | {p.rank() or '-'} | "
                + " | ".join(found)
                + " |"
            )
        return "\n".join(lines) + "\n"

    def charts(self) -> List[Chart]:
        """Hit@k, MRR and the direct-answer share; then Hit@1 per category."""
        categories = self.per_category()
        return [
            (
                "Hit@k, MRR, answered directly",
                bar_chart(
                    [f"Hit@{k}" for k in HIT_KS] + ["MRR", "answered directly"],
                    [self.hit_at(k) for k in HIT_KS] + [self.mrr, self.decision_share(FaqDecision.ANSWER)],
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
