"""The staff review loop: export groups to CSV (Excel), apply decisions back as training data or FAQ entries.

Actions staff write in the `action` column:
  assign:<topic>        the questions become NLU training examples of the topic;
  assign:faq:<entry id> the questions become `examples` of that entry of the group's municipality FAQ;
  new                   a staff-written entry (`new_question`, `new_answer`, optional `new_url`) is added
                        to the group's municipality FAQ with the questions as its examples;
  dismiss               the questions are dropped.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import LiteralScalarString

from bot.faq.curation import FaqChanges, NewEntry, faq_lock
from bot.files import write_atomically
from bot.knowledge.yaml_source import DataFileError, Problem
from bot.learning.grouping import Group
from bot.learning.store import LearningStore

COLUMNS = [
    "group",
    "count",
    "municipalities",
    "best_guess",
    "questions",
    "ids",
    "new_question",
    "new_answer",
    "new_url",
    "action",
]
SEPARATOR = " / "
FAQ_PREFIX = "assign:faq:"
ACTION_HELP = (
    "write assign:<topic id> (see docs/topics.txt), assign:faq:<FAQ entry id>, "
    "new (with new_question and new_answer) or dismiss, or leave empty"
)


def export_csv(groups: List[Group], path: Path) -> None:
    """Write one row per group; staff fill `action` (and new_* for a new FAQ entry)."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for group in groups:
            writer.writerow(
                [
                    group.id,
                    group.count,
                    " ".join(f"{k}:{v}" for k, v in group.municipalities.items()),
                    group.best_guess,
                    SEPARATOR.join(i.text for i in group.items),
                    " ".join(i.id for i in group.items),
                    "",
                    "",
                    "",
                    "",
                ]
            )


@dataclass
class Decision:
    """What staff decided for one group."""

    line: int
    action: str  # assign, assign_faq, new or dismiss
    topic: str
    questions: List[str]
    ids: List[str]
    faq_id: str = ""
    new: Optional[NewEntry] = None
    municipalities: List[str] = field(default_factory=list)
    file: str = ""


@dataclass
class ApplyReport:
    """What applying decisions changed."""

    added: Dict[str, int] = field(default_factory=dict)
    dismissed: int = 0
    resolved: int = 0
    faq_examples: Dict[str, int] = field(default_factory=dict)  # "<municipality>/<entry id>" -> new examples
    new_entries: List[str] = field(default_factory=list)  # "<municipality>/<entry id>"
    not_applied: List[str] = field(default_factory=list)  # municipalities of a group without that entry


def _municipalities(cell: Optional[str]) -> List[str]:
    """Municipality ids of the exported `municipalities` cell ("kitakata:2 showa:1"; "-" = unknown)."""
    ids = [part.split(":")[0].strip() for part in (cell or "").split()]
    return [m for m in dict.fromkeys(ids) if m and m != "-"]


def _decision(row: Dict[str, str], number: int, file: str, topics: List[str]) -> Decision | Problem:
    action = (row.get("action") or "").strip()
    questions = [q.strip() for q in (row.get("questions") or "").split(SEPARATOR) if q.strip()]
    ids = (row.get("ids") or "").split()
    municipalities = _municipalities(row.get("municipalities"))
    if action == "dismiss":
        return Decision(number, "dismiss", "", questions, ids, file=file)
    if action.startswith(FAQ_PREFIX) and action[len(FAQ_PREFIX) :].strip():
        if not municipalities:
            return Problem(
                file,
                number,
                "the group has no municipality, so it cannot go into a municipality's FAQ",
                "assign it to a topic (assign:<topic id>) or dismiss it",
            )
        return Decision(
            number,
            "assign_faq",
            "",
            questions,
            ids,
            faq_id=action[len(FAQ_PREFIX) :].strip(),
            municipalities=municipalities,
            file=file,
        )
    if action.startswith("assign:") and action[7:] in topics:
        return Decision(number, "assign", action[7:], questions, ids, file=file)
    if action == "new":
        new = NewEntry.of(row.get("new_question"), row.get("new_answer"), row.get("new_url"))
        wrong = new.problems()
        if wrong:
            return Problem(
                file,
                number,
                "; ".join(f"new_{k} {v}" for k, v in wrong.items()),
                "fill new_question and new_answer (new_url is optional: https://...) or change the action",
            )
        if len(municipalities) != 1:
            found = " ".join(municipalities) or "none"
            return Problem(
                file,
                number,
                f"a new FAQ entry belongs to one municipality, the group has: {found}",
                "leave exactly one municipality in the 'municipalities' cell (e.g. kitakata:3)",
            )
        return Decision(number, "new", "", questions, ids, new=new, municipalities=municipalities, file=file)
    return Problem(file, number, f"unknown action '{action}'", ACTION_HELP)


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
    reader = csv.DictReader(io.StringIO(text, newline=""))
    problems: List[Problem] = []
    decisions: List[Decision] = []
    line = 2  # where the current record starts (a cell may span lines)
    for row in reader:
        if (row.get("action") or "").strip():
            found = _decision(row, line, str(path), topics)
            if isinstance(found, Problem):
                problems.append(found)
            else:
                decisions.append(found)
        line = reader.line_num + 1
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
            str(block["examples"]).rstrip("\n") + "\n" + "".join(f"- {q}\n" for q in new)
        )
        buffer = io.StringIO()
        yaml.dump(data, buffer)
        write_atomically(nlu_file, buffer.getvalue())
    return len(new)


def stage_faq_changes(decisions: List[Decision], changes: FaqChanges, report: ApplyReport) -> None:
    """Stage every FAQ decision in memory; raise DataFileError (nothing staged is written) on any problem."""
    problems: List[Problem] = []
    for d in decisions:
        if d.action == "assign_faq":
            having = [m for m in d.municipalities if changes.has_entry(m, d.faq_id)]
            if not having:
                files = ", ".join(f"data/faq/{m}.yml" for m in d.municipalities)
                problems.append(
                    Problem(
                        d.file,
                        d.line,
                        f"no published FAQ entry '{d.faq_id}' in {files}",
                        "use an id from that file (or `python -m bot search --municipality ID "
                        "QUESTION`), or write new with new_question and new_answer",
                    )
                )
                continue
            for m in having:
                key = f"{m}/{d.faq_id}"
                report.faq_examples[key] = report.faq_examples.get(key, 0) + changes.attach(m, d.faq_id, d.questions)
            report.not_applied += [
                f"line {d.line}: {m} has no entry '{d.faq_id}'" for m in d.municipalities if m not in having
            ]
        elif d.action == "new" and d.new is not None:
            municipality = d.municipalities[0]
            if not changes.is_municipality(municipality):
                problems.append(
                    Problem(
                        d.file,
                        d.line,
                        f"unknown municipality '{municipality}'",
                        "write the municipality id as exported (e.g. kitakata:3)",
                    )
                )
                continue
            report.new_entries.append(f"{municipality}/{changes.add(municipality, d.new, d.questions)}")
    if problems:
        raise DataFileError(problems)


def apply_decisions(
    decisions: List[Decision], nlu_dir: Path, store: LearningStore, today: Optional[dt.date] = None
) -> ApplyReport:
    """Turn decided questions into training examples or FAQ entries (data/faq next to nlu_dir) and clear them.

    Every FAQ decision is checked before anything is written: one invalid decision writes nothing.
    """
    report = ApplyReport()
    with faq_lock(nlu_dir.parent):
        changes = FaqChanges(nlu_dir.parent, today or dt.date.today())
        stage_faq_changes(decisions, changes, report)
        changes.commit()
    for decision in decisions:
        if decision.action == "assign":
            added = add_examples(nlu_dir / "topics" / f"{decision.topic}.yml", decision.topic, decision.questions)
            report.added[decision.topic] = report.added.get(decision.topic, 0) + added
        elif decision.action == "dismiss":
            report.dismissed += 1
        report.resolved += store.resolve(decision.ids)
    return report
