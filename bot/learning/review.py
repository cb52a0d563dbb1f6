"""The staff review loop: export groups to CSV (Excel), apply decisions back as training data."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import LiteralScalarString

from bot.knowledge.yaml_source import DataFileError, Problem
from bot.learning.grouping import Group
from bot.learning.store import LearningStore

COLUMNS = ["group", "count", "municipalities", "best_guess", "questions", "ids", "action"]
SEPARATOR = " / "


def export_csv(groups: List[Group], path: Path) -> None:
    """Write one row per group; staff fill `action` with assign:<topic> or dismiss."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for group in groups:
            writer.writerow([group.id, group.count,
                             " ".join(f"{k}:{v}" for k, v in group.municipalities.items()),
                             group.best_guess, SEPARATOR.join(i.text for i in group.items),
                             " ".join(i.id for i in group.items), ""])


@dataclass
class Decision:
    """What staff decided for one group."""

    line: int
    action: str
    topic: str
    questions: List[str]
    ids: List[str]


@dataclass
class ApplyReport:
    """What applying decisions changed."""

    added: Dict[str, int] = field(default_factory=dict)
    dismissed: int = 0
    resolved: int = 0


def read_decisions(path: Path, topics: List[str]) -> List[Decision]:
    """Parse the edited CSV (UTF-8 or Shift_JIS); every problem names the line and the fix."""
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp932"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise DataFileError([Problem(str(path), 1, "cannot read the file", "save it as UTF-8 or Shift_JIS CSV")])
    rows = list(csv.DictReader(text.splitlines()))
    problems: List[Problem] = []
    decisions: List[Decision] = []
    for number, row in enumerate(rows, start=2):
        action = (row.get("action") or "").strip()
        if not action:
            continue
        questions = [q.strip() for q in (row.get("questions") or "").split(SEPARATOR) if q.strip()]
        ids = (row.get("ids") or "").split()
        if action == "dismiss":
            decisions.append(Decision(number, "dismiss", "", questions, ids))
        elif action.startswith("assign:") and action[7:] in topics:
            decisions.append(Decision(number, "assign", action[7:], questions, ids))
        else:
            problems.append(Problem(str(path), number, f"unknown action '{action}'",
                                    "write assign:<topic id> (see docs/topics.txt) or dismiss, or leave empty"))
    if problems:
        raise DataFileError(problems)
    return decisions


def add_examples(nlu_file: Path, intent: str, questions: List[str]) -> int:
    """Append new example questions to a topic's NLU file; returns how many were new."""
    yaml = YAML(typ="rt")
    yaml.width = 4096  # type: ignore[assignment]
    data = yaml.load(nlu_file.read_text(encoding="utf-8"))
    block = next(item for item in data["nlu"] if item.get("intent") == intent)
    existing = {line.strip()[2:].strip() for line in str(block["examples"]).splitlines() if line.strip()}
    new = [q for q in dict.fromkeys(questions) if q not in existing and "\n" not in q]
    if new:
        block["examples"] = LiteralScalarString(
            str(block["examples"]).rstrip("\n") + "\n" + "".join(f"- {q}\n" for q in new))
        with nlu_file.open("w", encoding="utf-8") as handle:
            yaml.dump(data, handle)
    return len(new)


def apply_decisions(decisions: List[Decision], nlu_dir: Path, store: LearningStore) -> ApplyReport:
    """Turn assigned questions into training examples and clear decided items from the queue."""
    report = ApplyReport()
    for decision in decisions:
        if decision.action == "assign":
            added = add_examples(nlu_dir / "topics" / f"{decision.topic}.yml", decision.topic,
                                 decision.questions)
            report.added[decision.topic] = report.added.get(decision.topic, 0) + added
        else:
            report.dismissed += 1
        report.resolved += store.resolve(decision.ids)
    return report
