"""Held-out NLU evaluation: topic accuracy, per-intent F1, confusions, municipality accuracy."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Tuple

from bot.training_data import LabelledQuestion, read_heldout

_KANJI = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Prediction:
    """What the model said about one question."""

    question: LabelledQuestion
    intent: str
    confidence: float
    municipality: str | None


@dataclass
class Report:
    """Aggregated results."""

    predictions: List[Prediction] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return _share(p.intent == p.question.intent for p in self.predictions)

    @property
    def municipality_accuracy(self) -> float:
        return _share(p.municipality == p.question.municipality for p in self.predictions)

    @property
    def kana_only_accuracy(self) -> float:
        kana = [p for p in self.predictions if not _KANJI.search(p.question.text)]
        return _share(p.intent == p.question.intent for p in kana)

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
        pairs = Counter((p.question.intent, p.intent) for p in self.predictions
                        if p.intent != p.question.intent)
        return pairs.most_common(top)

    def summary(self) -> str:
        return (f"questions={len(self.predictions)} topic/intent accuracy={self.accuracy:.1%} "
                f"municipality accuracy={self.municipality_accuracy:.1%} "
                f"kana-only accuracy={self.kana_only_accuracy:.1%}")

    def markdown(self, model: Path, questions: Path) -> str:
        lines = [
            "# NLU evaluation on held-out questions", "",
            f"- date: {dt.date.today()}  ",
            f"- model: `{model.name}`  ",
            f"- questions: `{questions}` ({len(self.predictions)}), written separately from the training data  ",
            "- command: `make evaluate`", "",
            "| measure | value |", "|---|---|",
            f"| intent accuracy | {self.accuracy:.1%} |",
            f"| municipality accuracy (entity = expected, incl. none) | {self.municipality_accuracy:.1%} |",
            f"| kana-only questions accuracy | {self.kana_only_accuracy:.1%} |", "",
            "## Per intent", "", "| intent | precision | recall | F1 | n |", "|---|---|---|---|---|",
        ]
        for label, (p, r, f1, n) in self.per_intent().items():
            lines.append(f"| {label} | {p:.2f} | {r:.2f} | {f1:.2f} | {n} |")
        lines += ["", "## Most confused pairs", "", "| expected | predicted | count |", "|---|---|---|"]
        lines += [f"| {a} | {b} | {c} |" for (a, b), c in self.confusions()]
        lines += ["", "## Misses", "", "| question | expected | predicted | confidence |", "|---|---|---|---|"]
        lines += [f"| {p.question.text} | {p.question.intent} | {p.intent} | {p.confidence:.2f} |"
                  for p in self.predictions if p.intent != p.question.intent]
        return "\n".join(lines) + "\n"


def _share(values) -> float:  # type: ignore[no-untyped-def]
    items = list(values)
    return sum(items) / len(items) if items else 0.0


def _top_intent(parsed: Dict) -> Tuple[str, float]:  # type: ignore[type-arg]
    """The best intent, looking past nlu_fallback to what the classifier ranked first."""
    ranking = [r for r in parsed.get("intent_ranking") or [] if r["name"] != "nlu_fallback"]
    if ranking:
        return ranking[0]["name"], float(ranking[0]["confidence"])
    intent = parsed.get("intent") or {}
    return str(intent.get("name")), float(intent.get("confidence") or 0)


async def _predict(model: Path, questions: List[LabelledQuestion]) -> Report:
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    report = Report()
    for question in questions:
        parsed = await agent.parse_message(question.text)
        intent, confidence = _top_intent(parsed)
        municipalities = [e["value"] for e in parsed.get("entities") or []
                          if e.get("entity") == "municipality"]
        report.predictions.append(Prediction(question, intent, confidence,
                                             municipalities[-1] if municipalities else None))
    return report


def evaluate_heldout(model: Path, questions_path: Path, out: Path) -> Report:
    """Evaluate the model and write the Markdown report."""
    questions = read_heldout(questions_path)
    report = asyncio.run(_predict(model, questions))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report.markdown(model, questions_path), encoding="utf-8")
    return report
