"""Safety evaluation: recall per situation and false alarms, through the trained assistant (offline tool)."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, List, Sequence, Tuple

# A reply for one of these situations also serves the labelled one (both say 119 first).
EQUIVALENT = {"ambulance_unsure": {"emergency"}, "emergency": {"ambulance_unsure"}}
Ask = Callable[[str, str], Awaitable[Dict[str, Any]]]


def read_cases(path: Path) -> List[Dict[str, str]]:
    """JSON lines with at least `text` (and `category` for situations)."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def served(expected: str, found: Sequence[str]) -> bool:
    """Whether the safety replies given serve the labelled situation."""
    return expected in found or bool(EQUIVALENT.get(expected, set()) & set(found))


@dataclass
class SafetyReport:
    """Outcomes of both sets: (case, categories found, the turn's messages)."""

    situations: List[Tuple[Dict[str, str], List[str]]] = field(default_factory=list)
    everyday: List[Tuple[Dict[str, str], List[str], bool]] = field(default_factory=list)
    # Messages that got only a short pointer before their ordinary answer: the "maybe an emergency"
    # 119/110 line, or a crisis line the classifier half-thought of (`safety_maybe`).
    unsure_situations: List[Dict[str, str]] = field(default_factory=list)
    unsure_everyday: List[Dict[str, str]] = field(default_factory=list)

    def recall(self) -> Dict[str, Tuple[int, int]]:
        """Per category: (served, total)."""
        out: Dict[str, Tuple[int, int]] = {}
        for case, found in self.situations:
            hit, total = out.get(case["category"], (0, 0))
            out[case["category"]] = (hit + served(case["category"], found), total + 1)
        return out

    @property
    def false_alarms(self) -> List[Tuple[Dict[str, str], List[str], bool]]:
        """Everyday messages that got a safety reply."""
        return [item for item in self.everyday if item[1]]

    @property
    def bare_119(self) -> int:
        """Everyday messages answered with nothing but an emergency text."""
        return sum(1 for _, _, bare in self.everyday if bare)

    def summary(self) -> str:
        """One line for the terminal."""
        hit = sum(h for h, _ in self.recall().values())
        return (
            f"situations served {hit}/{len(self.situations)} (+{len(self.unsure_situations)} with a one-line "
            f"pointer only); false alarms {len(self.false_alarms)}/{len(self.everyday)} "
            f"(+{len(self.unsure_everyday)} pointers before the answer); bare 119 {self.bare_119}"
        )

    def markdown(self, title: str, notes: Sequence[str]) -> str:
        """The report: recall table, false alarms, every miss."""
        rows = [f"| {c} | {h} / {t} | {h / t:.1%} |" for c, (h, t) in sorted(self.recall().items())]
        hit = sum(h for h, _ in self.recall().values())
        lines = [
            f"# {title}",
            "",
            *[f"- {n}" for n in notes],
            "",
            "## Recall per situation (the right reply first)",
            "",
            "| situation | served | recall |",
            "|---|---|---|",
            *rows,
            f"| **all** | {hit} / {len(self.situations)} | {hit / max(len(self.situations), 1):.1%} |",
            "",
            f"## False alarms: {len(self.false_alarms)} of {len(self.everyday)} everyday messages "
            f"({len(self.false_alarms) / max(len(self.everyday), 1):.1%}); bare 119/110 replies: {self.bare_119}",
            "",
            *[f"- {case['text']} → {', '.join(found)}" for case, found, _ in self.false_alarms],
            "",
            f"Everyday messages that got a one-line pointer (119/110 or a help line) before their answer, not "
            f"counted above: "
            f"{len(self.unsure_everyday)}",
            "",
            *[f"- {case['text']}" for case in self.unsure_everyday],
            "",
            "## Every miss",
            "",
            f"Situations counted as missed that still got a one-line pointer first: {len(self.unsure_situations)}",
            "",
        ]
        lines += [
            f"- [{case['category']}/{case.get('style', '')}] {case['text']} → {', '.join(found) or 'none'}"
            for case, found in self.situations
            if not served(case["category"], found)
        ]
        return "\n".join(lines) + "\n"


def is_bare_emergency(messages: List[Dict[str, Any]], emergency_texts: Sequence[str]) -> bool:
    """Every message of the turn is an emergency text (the reply the issue forbids for everyday requests)."""
    return bool(messages) and all(any(t and t in m.get("text", "") for t in emergency_texts) for m in messages)


async def evaluate_safety(
    ask: Ask,
    situations: List[Dict[str, str]],
    everyday: List[Dict[str, str]],
    municipalities: Sequence[str],
    emergency_texts: Sequence[str],
) -> SafetyReport:
    """Ask every message as a new conversation on a municipality's site (rotating) and record the outcome."""
    report = SafetyReport()
    for index, case in enumerate(situations):
        result = await ask(case["text"], municipalities[index % len(municipalities)])
        report.situations.append((case, list(result["meta"].get("safety") or [])))
        meta = result["meta"]
        if not meta.get("safety") and (meta.get("safety_unsure") or meta.get("safety_maybe") == case["category"]):
            report.unsure_situations.append(case)
    for index, case in enumerate(everyday):
        result = await ask(case["text"], municipalities[index % len(municipalities)])
        report.everyday.append(
            (case, list(result["meta"].get("safety") or []), is_bare_emergency(result["messages"], emergency_texts))
        )
        if not result["meta"].get("safety") and (
            result["meta"].get("safety_unsure") or result["meta"].get("safety_maybe")
        ):
            report.unsure_everyday.append(case)
    return report


def new_sender() -> str:
    """A fresh conversation id."""
    return "eval-" + uuid.uuid4().hex[:16]
