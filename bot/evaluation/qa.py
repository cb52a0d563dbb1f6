"""Question-level evaluation: does each reply contain every fact the question needs? (`evaluate --qa`)."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, List

from bot.knowledge.yaml_source import DataFileError, Problem

Ask = Callable[[str, str], Awaitable[Dict[str, Any]]]


@dataclass(frozen=True)
class QaCase:
    """One question (JSON line): its text, the municipality's site, and the facts the reply must contain."""

    text: str
    municipality: str
    must_contain: List[str]
    line: int


@dataclass
class QaReport:
    """Every case with the reply's text and the required facts it lacked."""

    results: List[tuple[QaCase, str, List[str], str | None]] = field(default_factory=list)

    @property
    def misses(self) -> List[tuple[QaCase, str, List[str], str | None]]:
        """The cases whose reply lacked a required fact."""
        return [result for result in self.results if result[2]]

    def share(self) -> float:
        """Share of replies containing every required fact."""
        return 1.0 - len(self.misses) / len(self.results) if self.results else 0.0

    def markdown(self, title: str) -> str:
        """The report as Markdown: the share, then every miss with what the reply lacked."""
        lines = [f"# {title}", "", f"- {self.summary().splitlines()[0]}", "", "## Every miss", ""]
        lines += [
            "| line | municipality | question | entry chosen | missing | reply (start) |",
            "|---|---|---|---|---|---|",
        ]
        for case, reply, missing, qa_id in self.misses:
            cells = [str(case.line), case.municipality, case.text, qa_id or "–", " / ".join(missing), reply[:100]]
            lines.append("| " + " | ".join(cell.replace("|", "\\|").replace("\n", " ") for cell in cells) + " |")
        return "\n".join(lines) + "\n"

    def summary(self) -> str:
        """A short text report, every miss listed."""
        lines = [
            f"replies with every required fact: {self.share():.1%} ({len(self.results) - len(self.misses)}/"
            f"{len(self.results)})"
        ]
        for case, reply, missing, qa_id in self.misses:
            lines.append(f"- line {case.line} [{case.municipality}] {case.text} -> qa_id={qa_id}; missing {missing}")
            lines.append(f"    reply: {reply[:160]}")
        return "\n".join(lines)


def read_qa_cases(path: Path) -> List[QaCase]:
    """Read the JSON lines {text, municipality, must_contain}; raise DataFileError naming bad lines."""
    cases: List[QaCase] = []
    problems: List[Problem] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
            cases.append(
                QaCase(str(row["text"]), str(row["municipality"]), [str(f) for f in row["must_contain"]], number)
            )
        except (ValueError, KeyError, TypeError) as error:
            problems.append(
                Problem(
                    str(path),
                    number,
                    f"not a question line: {error}",
                    'write {"text", "municipality", "must_contain": [...]}',
                )
            )
    if problems:
        raise DataFileError(problems)
    return cases


def reply_text(reply: Dict[str, Any]) -> str:
    """All the texts of a turn's messages, in order."""
    return "\n".join(str(message.get("text") or "") for message in reply.get("messages", []))


def contains_fact(reply: str, fact: str) -> bool:
    """Whether the reply states the fact: any of its "|"-separated wordings, compared after NFKC (ｶﾅ, １２)."""
    folded = unicodedata.normalize("NFKC", reply)
    wordings = [unicodedata.normalize("NFKC", wording.strip()) for wording in fact.split("|") if wording.strip()]
    return any(wording in folded for wording in wordings)


async def evaluate_qa(ask: Ask, cases: List[QaCase]) -> QaReport:
    """Ask each question in a new conversation on the municipality's site and check the required facts."""
    report = QaReport()
    for case in cases:
        reply = await ask(case.text, case.municipality)
        text = reply_text(reply)
        missing = [fact for fact in case.must_contain if not contains_fact(text, fact)]
        report.results.append((case, text, missing, (reply.get("meta") or {}).get("qa_id")))
    return report
