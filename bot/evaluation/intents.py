"""Topic evaluation: accuracy, Hit@k, MRR, per-topic precision/recall, confusions, misses, municipality accuracy."""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Set, Tuple

from bot.evaluation.datasets import LabelledQuestion
from bot.evaluation.html import Chart, bar_chart, cell, html_page

_KANJI = re.compile(r"[\u4e00-\u9fff]")
HIT_KS = (1, 3, 10)
# Not the topic classifier's: the fallback and the safety layer's routing intent.
SKIPPED = {"nlu_fallback", "safety"}


@dataclass
class Prediction:
    """What the model said about one question."""

    question: LabelledQuestion
    intent: str
    confidence: float
    municipality: Optional[str]
    ranking: List[str] = field(default_factory=list)
    # The safety layer's part: the situations whose replies were shown, or a crisis pointer ("maybe").
    safety: List[str] = field(default_factory=list)
    pointer: Optional[str] = None
    # The topic answered after a safety reply (None: the safety reply alone).
    safety_topic: Optional[str] = None

    @property
    def answered(self) -> str:
        """What the resident gets: the topic answered (after any safety reply), else `safety`."""
        if not self.safety:
            return self.intent
        if self.question.intent in self.safety:  # e.g. an `emergency` question got the emergency reply
            return self.question.intent
        return self.safety_topic or "safety"

    def rank(self) -> Optional[int]:
        """1-based rank of the expected intent in the classifier's ranking."""
        expected = self.question.intent
        return self.ranking.index(expected) + 1 if expected in self.ranking else None


@dataclass
class Report:
    """Aggregated results; `municipalities` says whether the questions carry expected municipalities."""

    predictions: List[Prediction] = field(default_factory=list)
    municipalities: bool = True

    @property
    def accuracy(self) -> float:
        return _share(p.intent == p.question.intent for p in self.predictions)

    @property
    def answered_accuracy(self) -> float:
        """Share answered with the expected topic, after any safety reply (what residents get)."""
        return _share(p.answered == p.question.intent for p in self.predictions)

    @property
    def with_safety_reply(self) -> int:
        """Questions that got a safety reply although none was expected."""
        return sum(1 for p in self.predictions if p.safety and p.question.intent not in p.safety)

    @property
    def with_pointer(self) -> int:
        """Questions that got a one-line crisis pointer before their answer."""
        return sum(1 for p in self.predictions if p.pointer)

    @property
    def municipality_accuracy(self) -> float:
        return _share(p.municipality == p.question.municipality for p in self.predictions)

    @property
    def kana_only_accuracy(self) -> float:
        kana = [p for p in self.predictions if not _KANJI.search(p.question.text)]
        return _share(p.intent == p.question.intent for p in kana)

    def hit_at(self, k: int) -> float:
        """Share of questions whose expected intent is among the top k."""
        return _share((p.rank() or 10**9) <= k for p in self.predictions)

    @property
    def mrr(self) -> float:
        """Mean reciprocal rank of the expected intent."""
        ranks = [p.rank() for p in self.predictions]
        return sum(1 / r for r in ranks if r) / len(ranks) if ranks else 0.0

    def per_intent(self) -> Dict[str, Tuple[float, float, float, int]]:
        """Precision, recall, F1 and support per expected intent."""
        labels = sorted({p.question.intent for p in self.predictions})
        scores = {}
        for label in labels:
            tp = sum(p.intent == label and p.question.intent == label for p in self.predictions)
            fp = sum(p.intent == label and p.question.intent != label for p in self.predictions)
            fn = sum(p.intent != label and p.question.intent == label for p in self.predictions)
            precision = tp / (tp + fp) if tp + fp else 0.0
            recall = tp / (tp + fn) if tp + fn else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            scores[label] = (precision, recall, f1, tp + fn)
        return scores

    def confusions(self, top: int = 15) -> List[Tuple[Tuple[str, str], int]]:
        """Most frequent (expected, predicted) mistakes."""
        pairs = Counter((p.question.intent, p.intent) for p in self.predictions if p.intent != p.question.intent)
        return pairs.most_common(top)

    def misses(self) -> List[Prediction]:
        """Every question whose top intent is not the expected one."""
        return [p for p in self.predictions if p.intent != p.question.intent]

    def summary(self) -> str:
        text = (
            f"questions={len(self.predictions)} topic/intent accuracy={self.accuracy:.1%} "
            f"hit@3={self.hit_at(3):.1%} hit@10={self.hit_at(10):.1%} mrr={self.mrr:.3f} "
            f"answered={self.answered_accuracy:.1%} safety replies={self.with_safety_reply} "
            f"pointers={self.with_pointer}"
        )
        if self.municipalities:
            text += (
                f" municipality accuracy={self.municipality_accuracy:.1%}"
                f" kana-only accuracy={self.kana_only_accuracy:.1%}"
            )
        return text

    def markdown(self, title: str, notes: Sequence[str], sections: Sequence[str] = ()) -> str:
        """The report: notes, summary table, extra `sections` (Markdown lines), per-intent table, pairs, misses."""
        lines = (
            [f"# {title}", ""]
            + [f"- {note}  " for note in notes]
            + [
                "",
                "| measure | value |",
                "|---|---|",
                f"| questions | {len(self.predictions)} |",
                f"| accuracy (top topic = expected) | {self.accuracy:.1%} |",
                *[f"| Hit@{k} | {self.hit_at(k):.1%} |" for k in HIT_KS],
                f"| MRR | {self.mrr:.3f} |",
                f"| answered with the expected topic, after any safety reply | {self.answered_accuracy:.1%} |",
                f"| unexpected safety replies (the situation's reply shown) | {self.with_safety_reply} |",
                f"| one-line crisis pointers before the answer | {self.with_pointer} |",
            ]
        )
        if self.municipalities:
            lines += [
                f"| municipality accuracy (entity = expected, incl. none) | {self.municipality_accuracy:.1%} |",
                f"| kana-only questions accuracy | {self.kana_only_accuracy:.1%} |",
            ]
        lines += ["", *sections]
        lines += ["## Per topic", "", "| topic | precision | recall | F1 | n |", "|---|---|---|---|---|"]
        lines += [
            f"| {label} | {p:.2f} | {r:.2f} | {f1:.2f} | {n} |" for label, (p, r, f1, n) in self.per_intent().items()
        ]
        lines += ["", "## Most confused pairs", "", "| expected | predicted | count |", "|---|---|---|"]
        lines += [f"| {a} | {b} | {c} |" for (a, b), c in self.confusions()]
        lines += [
            "",
            f"## Misses ({len(self.misses())})",
            "",
            "| question | expected | predicted | confidence | rank of expected |",
            "|---|---|---|---|---|",
        ]
        lines += [
            f"| {cell(p.question.text)} | {p.question.intent} | {p.intent} | {p.confidence:.2f} | {p.rank() or '-'} |"
            for p in self.misses()
        ]
        shown = [p for p in self.predictions if (p.safety and p.question.intent not in p.safety) or p.pointer]
        lines += [
            "",
            f"## Safety replies and pointers on these questions ({len(shown)})",
            "",
            "| question | expected | safety reply | pointer | topic answered after it |",
            "|---|---|---|---|---|",
        ]
        lines += [
            f"| {cell(p.question.text)} | {p.question.intent} | {', '.join(p.safety) or '-'} | {p.pointer or '-'} "
            f"| {p.answered if p.safety else p.intent} |"
            for p in shown
        ]
        return "\n".join(lines) + "\n"

    def charts(self) -> List[Chart]:
        """Hit@k and MRR, then F1 per topic."""
        scores = self.per_intent()
        return [
            (
                "Hit@k and MRR",
                bar_chart(
                    [f"Hit@{k}" for k in HIT_KS] + ["MRR"],
                    [self.hit_at(k) for k in HIT_KS] + [self.mrr],
                    "share of questions",
                ),
            ),
            ("F1 per topic", bar_chart(list(scores), [s[2] for s in scores.values()], "F1")),
        ]


def _share(values: Iterable[bool]) -> float:
    items = list(values)
    return sum(items) / len(items) if items else 0.0


def top_intent(parsed: Dict[str, Any]) -> Tuple[str, float]:
    """The topic classifier's best intent, looking past nlu_fallback and the safety layer's `safety`."""
    ranking = [r for r in parsed.get("intent_ranking") or [] if r["name"] not in SKIPPED]
    if ranking:
        return ranking[0]["name"], float(ranking[0]["confidence"])
    intent = parsed.get("intent") or {}
    return str(intent.get("name")), float(intent.get("confidence") or 0)


def prediction_from(question: LabelledQuestion, parsed: Dict[str, Any]) -> Prediction:
    """Turn Rasa's parse result for one question into a Prediction."""
    intent, confidence = top_intent(parsed)
    ranking = [r["name"] for r in parsed.get("intent_ranking") or [] if r["name"] not in SKIPPED]
    municipalities = [e["value"] for e in parsed.get("entities") or [] if e.get("entity") == "municipality"]
    safety = parsed.get("safety") or {}
    return Prediction(
        question,
        intent,
        confidence,
        municipalities[-1] if municipalities else None,
        ranking,
        safety=list(safety.get("categories") or []),
        pointer=safety.get("maybe"),
        safety_topic=safety.get("topic"),
    )


async def predict(agent: Any, questions: List[LabelledQuestion], desc: str = "predicting") -> List[Prediction]:
    """Parse every question with a loaded rasa Agent (a progress bar on a terminal)."""
    from tqdm import tqdm

    return [
        prediction_from(question, await agent.parse_message(question.text))
        for question in tqdm(questions, desc=desc, unit="q", file=sys.stderr, disable=None, leave=False)
    ]


def known_topics(root: Path) -> Set[str]:
    """Labels a topic-mode question may expect: the topics in data/topics and the intents in domain.yml."""
    from bot.knowledge.yaml_source import read_yaml

    domain = read_yaml(root / "domain.yml") or {}
    intents = {next(iter(item)) if isinstance(item, dict) else str(item) for item in domain.get("intents") or []}
    return intents | {path.stem for path in (root / "data" / "topics").glob("*.yml")}


def write_report(markdown: str, title: str, charts: Sequence[Chart], out: Path, html: Optional[Path]) -> Path:
    """Write the Markdown and the HTML page (default: next to it with .html); return the HTML path."""
    html = html or out.with_suffix(".html")
    for path in (out, html):
        path.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(markdown, encoding="utf-8")
    html.write_text(html_page(title, markdown, charts), encoding="utf-8")
    return html
