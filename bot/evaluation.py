"""Held-out NLU evaluation: topic accuracy, per-intent F1, confusions, municipality accuracy."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from bot.training_data import LabelledQuestion, read_heldout

_KANJI = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Prediction:
    """What the model said about one question."""

    question: LabelledQuestion
    intent: str
    confidence: float
    municipality: Optional[str]
    ranking: List[str] = field(default_factory=list)

    def rank(self) -> Optional[int]:
        """1-based rank of the expected intent in the classifier's ranking."""
        expected = self.question.intent
        return self.ranking.index(expected) + 1 if expected in self.ranking else None


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
        pairs = Counter((p.question.intent, p.intent) for p in self.predictions
                        if p.intent != p.question.intent)
        return pairs.most_common(top)

    def summary(self) -> str:
        return (f"questions={len(self.predictions)} topic/intent accuracy={self.accuracy:.1%} "
                f"hit@3={self.hit_at(3):.1%} mrr={self.mrr:.3f} "
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
            f"| intent accuracy (Hit@1) | {self.accuracy:.1%} |",
            f"| Hit@3 / Hit@10 | {self.hit_at(3):.1%} / {self.hit_at(10):.1%} |",
            f"| MRR | {self.mrr:.3f} |",
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
        ranking = [r["name"] for r in parsed.get("intent_ranking") or [] if r["name"] != "nlu_fallback"]
        municipalities = [e["value"] for e in parsed.get("entities") or []
                          if e.get("entity") == "municipality"]
        report.predictions.append(Prediction(question, intent, confidence,
                                             municipalities[-1] if municipalities else None, ranking))
    return report


def evaluate_heldout(model: Path, questions_path: Path, out: Path) -> Report:
    """Evaluate the model and write the Markdown report."""
    questions = read_heldout(questions_path)
    report = asyncio.run(_predict(model, questions))
    out.parent.mkdir(parents=True, exist_ok=True)
    markdown = report.markdown(model, questions_path)
    out.write_text(markdown, encoding="utf-8")
    out.with_suffix(".html").write_text(html_report(report, markdown), encoding="utf-8")
    return report


def _f1_chart(report: Report) -> str:
    """Per-intent F1 as a bar chart, PNG in base64 (matplotlib, no network)."""
    import base64
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    scores = report.per_intent()
    labels = list(scores)
    figure, axis = plt.subplots(figsize=(10, max(4, len(labels) * 0.22)))
    axis.barh(labels, [scores[label][2] for label in labels], color="#0b57d0")
    axis.set_xlim(0, 1)
    axis.set_xlabel("F1")
    axis.invert_yaxis()
    axis.tick_params(axis="y", labelsize=7)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90)
    plt.close(figure)
    return base64.b64encode(buffer.getvalue()).decode()


def html_report(report: Report, markdown: str) -> str:
    """A self-contained HTML page: the Markdown tables as HTML plus a per-intent F1 chart."""
    import html

    body: List[str] = []
    rows: List[str] = []
    for line in markdown.splitlines() + [""]:
        if line.startswith("|"):
            if not set(line) <= set("|-"):
                cells = [html.escape(c.strip()) for c in line.strip("|").split("|")]
                tag = "th" if not rows else "td"
                rows.append("<tr>" + "".join(f"<{tag}>{c}</{tag}>" for c in cells) + "</tr>")
            continue
        if rows:
            body.append("<table>" + "".join(rows) + "</table>")
            rows = []
        if line.startswith("## "):
            body.append(f"<h2>{html.escape(line[3:])}</h2>")
        elif line.startswith("# "):
            body.append(f"<h1>{html.escape(line[2:])}</h1>")
        elif line.strip():
            body.append(f"<p>{html.escape(line.strip(' -'))}</p>")
    chart = f'<h2>F1 per intent</h2><img alt="F1 per intent" src="data:image/png;base64,{_f1_chart(report)}">'
    style = ("<style>body{font-family:sans-serif;max-width:60rem;margin:auto}table{border-collapse:collapse}"
             "td,th{border:1px solid #999;padding:2px 6px}</style>")
    return (f'<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>NLU evaluation</title>{style}'
            f"</head><body>{''.join(body[:2])}{chart}{''.join(body[2:])}</body></html>")
