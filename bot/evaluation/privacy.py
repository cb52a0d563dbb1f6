"""Masking evaluation: personal data found, and other text left alone (pure over a masker's spans).

Cases with personal data carry their gold spans (label + exact text); a span counts as found when
the masker covers at least FOUND_SHARE of its characters. Clean cases hold look-alikes (会津若松市役所,
鶴ヶ城, 3丁目の郵便局, 田中地区 …); any masked character there is a mistake.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Sequence, Tuple

from bot.evaluation.html import cell
from bot.knowledge.yaml_source import DataFileError, Problem

Span = Tuple[int, int, str]
FOUND_SHARE = 0.8
TARGET_LABELS = ("NAME", "ADDRESS")


@dataclass(frozen=True)
class GoldSpan:
    """One piece of personal data in a case."""

    label: str
    text: str


@dataclass(frozen=True)
class PiiCase:
    """A message and its personal data (none for a clean case)."""

    id: str
    text: str
    spans: Tuple[GoldSpan, ...] = ()


def read_cases(path: Path) -> List[PiiCase]:
    """JSON lines `{"id", "text", "spans": [{"label", "text"}]}`; every span must occur in its text."""
    cases: List[PiiCase] = []
    problems: List[Problem] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            spans = tuple(GoldSpan(str(s["label"]), str(s["text"])) for s in item.get("spans") or [])
            case = PiiCase(str(item["id"]), str(item["text"]), spans)
        except (ValueError, KeyError, TypeError) as error:
            problems.append(Problem(str(path), number, f"not a case: {error}", 'write {"id", "text", "spans"}'))
            continue
        missing = [s.text for s in case.spans if s.text not in case.text]
        if missing:
            problems.append(Problem(str(path), number, f"span not in the text: {missing[0]}", "copy it exactly"))
            continue
        cases.append(case)
    if problems:
        raise DataFileError(problems)
    return cases


def _covered(spans: Sequence[Span]) -> set[int]:
    return {i for start, end, _ in spans for i in range(start, end)}


def _positions(case: PiiCase) -> List[Tuple[GoldSpan, range]]:
    out = []
    cursor: Dict[str, int] = {}
    for gold in case.spans:
        start = case.text.find(gold.text, cursor.get(gold.text, 0))
        if start < 0:
            start = case.text.find(gold.text)
        cursor[gold.text] = start + 1
        out.append((gold, range(start, start + len(gold.text))))
    return out


@dataclass
class PrivacyReport:
    """Recall per label, mistakes on clean text, the misses and the mistakes."""

    found: Dict[str, List[bool]] = field(default_factory=dict)
    misses: List[Tuple[PiiCase, GoldSpan, str]] = field(default_factory=list)
    clean_cases: int = 0
    clean_chars: int = 0
    clean_masked_chars: int = 0
    mistakes: List[Tuple[PiiCase, str]] = field(default_factory=list)
    collateral_chars: int = 0
    other_chars: int = 0

    def recall(self, label: str) -> float:
        """Share of this label's spans found."""
        values = self.found.get(label, [])
        return sum(values) / len(values) if values else 0.0

    @property
    def target_recall(self) -> float:
        """Names and addresses found (the issue's target: at least 95 %)."""
        values = [v for label in TARGET_LABELS for v in self.found.get(label, [])]
        return sum(values) / len(values) if values else 0.0

    @property
    def clean_message_rate(self) -> float:
        """Share of clean messages with anything masked (target: at most 2 %)."""
        return len(self.mistakes) / self.clean_cases if self.clean_cases else 0.0

    @property
    def clean_char_rate(self) -> float:
        """Share of the clean messages' characters masked."""
        return self.clean_masked_chars / self.clean_chars if self.clean_chars else 0.0

    @property
    def collateral_rate(self) -> float:
        """Share of the other characters of messages with personal data that were masked too."""
        return self.collateral_chars / self.other_chars if self.other_chars else 0.0

    def summary(self) -> str:
        """One line for the terminal."""
        return (
            f"names+addresses found {self.target_recall:.1%}; "
            + ", ".join(f"{label} {self.recall(label):.1%}" for label in sorted(self.found))
            + f"; clean messages masked by mistake {self.clean_message_rate:.1%} "
            f"({self.clean_char_rate:.2%} of their characters); collateral {self.collateral_rate:.2%}"
        )

    def markdown(self, title: str, notes: Sequence[str], level: int = 1) -> str:
        """The report: measures against the targets, every miss, every mistake (headings from `level`)."""
        top, sub = "#" * level, "#" * (level + 1)
        lines = [
            f"{top} {title}",
            "",
            *[f"- {n}  " for n in notes],
            "",
            "| measure | value | target |",
            "|---|---|---|",
        ]
        lines.append(f"| names and addresses found | {self.target_recall:.1%} | ≥ 95 % |")
        for label in sorted(self.found):
            lines.append(f"| {label} found | {self.recall(label):.1%} ({len(self.found[label])} spans) | |")
        lines += [
            f"| clean messages with anything masked | {self.clean_message_rate:.1%} of {self.clean_cases} | ≤ 2 % |",
            f"| characters of clean messages masked | {self.clean_char_rate:.2%} | |",
            f"| other characters of messages with personal data masked | {self.collateral_rate:.2%} | |",
            "",
            f"{sub} Missed ({len(self.misses)})",
            "",
            "| id | label | span | masked text |",
            "|---|---|---|---|",
        ]
        lines += [f"| {c.id} | {g.label} | {cell(g.text)} | {cell(out)} |" for c, g, out in self.misses]
        lines += [
            "",
            f"{sub} Clean messages masked by mistake ({len(self.mistakes)})",
            "",
            "| id | masked text |",
            "|---|---|",
        ]
        lines += [f"| {c.id} | {cell(out)} |" for c, out in self.mistakes]
        return "\n".join(lines) + "\n"


def evaluate_masking(
    spans_of: Callable[[str], List[Span]],
    masked: Callable[[str], str],
    with_pii: Sequence[PiiCase],
    clean: Sequence[PiiCase],
) -> PrivacyReport:
    """Score a masker (its span finder and its masking function) on both sets."""
    report = PrivacyReport()
    for case in with_pii:
        covered = _covered(spans_of(case.text))
        gold_chars: set[int] = set()
        for gold, where in _positions(case):
            gold_chars.update(where)
            hit = sum(i in covered for i in where) >= FOUND_SHARE * len(where)
            report.found.setdefault(gold.label, []).append(hit)
            if not hit:
                report.misses.append((case, gold, masked(case.text)))
        others = [i for i in range(len(case.text)) if i not in gold_chars and not case.text[i].isspace()]
        report.other_chars += len(others)
        report.collateral_chars += sum(i in covered for i in others)
    for case in clean:
        covered = _covered(spans_of(case.text))
        report.clean_cases += 1
        report.clean_chars += len(case.text)
        report.clean_masked_chars += len(covered)
        if covered:
            report.mistakes.append((case, masked(case.text)))
    return report
