"""Check all staff-edited content; every problem names the file, the line and the fix."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Dict, List

from bot.evaluation.datasets import examples_by_intent, read_examples, read_heldout
from bot.knowledge.base import KnowledgeBase, load_knowledge
from bot.knowledge.qa import check_overrides
from bot.knowledge.yaml_source import DataFileError, Problem, line_of, read_yaml

MIN_EXAMPLES = 12
CONVERSATION_INTENTS = {
    "greet",
    "thank",
    "goodbye",
    "request_human",
    "bot_challenge",
    "out_of_scope",
    "emergency",
    "inform_municipality",
    "affirm",
    "deny",
    "escalate",
    "safety",
}


def _months_between(earlier: dt.date, later: dt.date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def check_knowledge(kb: KnowledgeBase, data_dir: Path, today: dt.date, stale_months: int) -> List[Problem]:
    """References between topics, functions, municipalities, departments; stale facts."""
    problems: List[Problem] = []
    for topic in kb.topics.values():
        path = data_dir / "topics" / f"{topic.id}.yml"
        if topic.function not in kb.functions:
            problems.append(
                Problem(str(path), 1, f"unknown function '{topic.function}'", f"use one of: {', '.join(kb.functions)}")
            )
    for municipality in kb.municipalities.values():
        path = data_dir / "municipalities" / f"{municipality.id}.yml"
        node = read_yaml(path)
        for key in municipality.departments:
            if key not in kb.functions:
                problems.append(
                    Problem(
                        str(path),
                        line_of(node, ("departments", key)),
                        f"unknown function '{key}' under departments",
                        f"use one of: {', '.join(kb.functions)}",
                    )
                )
        for topic_id, local in municipality.topics.items():
            line = line_of(node, ("topics", topic_id))
            if topic_id not in kb.topics:
                problems.append(
                    Problem(str(path), line, f"unknown topic '{topic_id}'", "use a topic id from data/topics/")
                )
            if local.department and local.department not in kb.functions:
                problems.append(
                    Problem(
                        str(path),
                        line,
                        f"unknown department '{local.department}'",
                        f"use one of: {', '.join(kb.functions)}",
                    )
                )
            for index, fact in enumerate(local.facts):
                if _months_between(fact.seen, today) > stale_months:
                    problems.append(
                        Problem(
                            str(path),
                            line_of(node, ("topics", topic_id, "facts", index)),
                            f"fact last checked {fact.seen} (over {stale_months} months ago)",
                            "re-check the source page and update 'seen'",
                            "warning",
                        )
                    )
    return problems


# Long examples make DIET training several times slower (docs/benchmarks.md, "Training time").
MAX_EXAMPLE_CHARS = 70


def check_training_data(
    kb: KnowledgeBase | None, nlu_dir: Path, domain_path: Path, rules_path: Path, heldout_path: Path
) -> List[Problem]:
    """Examples per topic, duplicates, intents listed in domain and rules, held-out overlap."""
    problems: List[Problem] = []
    examples = read_examples(nlu_dir)
    grouped = examples_by_intent(examples)
    seen: Dict[str, str] = {}
    for example in examples:
        other = seen.get(example.text)
        if other is not None and other != example.intent:
            problems.append(
                Problem(
                    example.file,
                    example.line,
                    f"'{example.text}' is listed under '{other}' and '{example.intent}'",
                    "keep it under one intent only",
                )
            )
        elif other is not None:
            problems.append(
                Problem(
                    example.file,
                    example.line,
                    f"duplicate example '{example.text}'",
                    "delete the repeated line",
                    "warning",
                )
            )
        seen[example.text] = example.intent
        if len(example.text) > MAX_EXAMPLE_CHARS:
            problems.append(
                Problem(
                    example.file,
                    example.line,
                    f"example of {len(example.text)} characters (DIET pads every batch to its longest message)",
                    f"shorten it to {MAX_EXAMPLE_CHARS} characters, or keep a long everyday message in "
                    "data/safety/examples/everyday.jsonl",
                    "warning",
                )
            )
    domain = read_yaml(domain_path) or {}
    domain_intents = {str(i) for i in domain.get("intents") or []}
    rule_text = rules_path.read_text(encoding="utf-8") if rules_path.exists() else ""
    topics = sorted(kb.topics) if kb else []
    for topic in topics:
        count = len(grouped.get(topic, []))
        if count < MIN_EXAMPLES:
            problems.append(
                Problem(
                    str(nlu_dir / "topics" / f"{topic}.yml"),
                    1,
                    f"topic '{topic}' has {count} example questions",
                    f"write at least {MIN_EXAMPLES} questions as residents would type them",
                )
            )
        if topic not in domain_intents:
            problems.append(
                Problem(
                    str(domain_path),
                    line_of(domain, ("intents",)),
                    f"topic '{topic}' is not listed under intents",
                    f"add '  - {topic}' under intents:",
                )
            )
        if f"intent: {topic}\n" not in rule_text:
            problems.append(
                Problem(
                    str(rules_path),
                    1,
                    f"topic '{topic}' is missing from the answer rule",
                    f"add '      - intent: {topic}' to the 'or:' list",
                )
            )
    for intent in sorted(set(grouped) - set(topics) - CONVERSATION_INTENTS):
        first = grouped[intent][0]
        problems.append(
            Problem(
                first.file,
                first.line,
                f"intent '{intent}' has no topic file",
                f"create data/topics/{intent}.yml or rename the intent",
            )
        )
    if heldout_path.exists():
        for question in read_heldout(heldout_path):
            if question.text in seen:
                problems.append(
                    Problem(
                        str(heldout_path),
                        question.line,
                        f"held-out question '{question.text}' is also training data",
                        "remove it from one of the two files",
                    )
                )
    return problems


def check_imported_faqs(faq_dir: Path, municipality_ids: List[str]) -> List[Problem]:
    """Imported FAQ files: named after a municipality, valid entries, every id once."""
    from bot.faq.store import load_entries

    problems: List[Problem] = []
    for path in sorted(faq_dir.glob("*.yml")):
        if path.stem not in municipality_ids:
            problems.append(
                Problem(
                    str(path),
                    1,
                    f"'{path.stem}' is not a municipality id",
                    f"name the file <municipality id>.yml, one of: {', '.join(municipality_ids)}",
                )
            )
            continue
        try:
            load_entries(path)
        except DataFileError as error:
            problems.extend(error.problems)
            continue
        seen: Dict[str, int] = {}
        for index, item in enumerate(read_yaml(path) or []):
            entry_id = str(item.get("id"))
            line = item.lc.line + 1 if hasattr(item, "lc") else index + 1
            if entry_id in seen:
                problems.append(
                    Problem(
                        str(path),
                        line,
                        f"FAQ id '{entry_id}' appears twice (first on line {seen[entry_id]})",
                        "give every row its own id in the CSV and re-import",
                    )
                )
            seen.setdefault(entry_id, line)
    return problems


def _holdout_overlap(safety_dir: Path) -> List[Problem]:
    """The safety evaluation sets (data/eval) must not be training examples (data/safety/examples)."""
    import json

    from bot.safety.learned import read_examples

    trained = {text for text, _ in read_examples(safety_dir / "examples")}
    problems = []
    for path in sorted((safety_dir.parent / "eval").glob("*_holdout*.jsonl")):
        lines = path.read_text(encoding="utf-8").splitlines()
        problems += [
            Problem(
                str(path),
                number,
                "held-out safety message is also a training example",
                "remove it from data/safety/examples or from the evaluation set",
            )
            for number, line in enumerate(lines, 1)
            if line.strip() and json.loads(line)["text"] in trained
        ]
    return problems


def check_safety(safety_dir: Path, kb: KnowledgeBase | None) -> List[Problem]:
    """The safety files: schema, every line sourced, every situation with a reply and a number."""
    from bot.safety.catalogue import REPLIES_FILE, check_consistency, load_catalogue, load_detection
    from bot.safety.detector import SafetyDetector

    try:
        detection = load_detection(safety_dir)
        catalogue = load_catalogue(safety_dir)
        SafetyDetector(detection)
    except DataFileError as error:
        return list(error.problems)
    except re.error as error:
        return [
            Problem(
                str(safety_dir / "detection.yml"),
                1,
                f"a pattern is not a valid expression: {error}",
                "fix the brackets or escape the special character",
            )
        ]
    problems = check_consistency(detection, catalogue, safety_dir)
    problems += _holdout_overlap(safety_dir)
    functions = kb.functions if kb is not None else {}
    for category, reply in catalogue.replies.items():
        if reply.office is not None and functions and reply.office not in functions:
            problems.append(
                Problem(
                    str(safety_dir / REPLIES_FILE),
                    1,
                    f"'{category}': unknown office function '{reply.office}'",
                    f"use one of: {', '.join(functions)}",
                )
            )
    return problems


def check_ambiguities(data_dir: Path, kb: KnowledgeBase) -> List[Problem]:
    """data/ambiguity.yml: valid entries whose choices are topics."""
    from pydantic import ValidationError

    from bot.knowledge.ambiguity import FILE, load_ambiguities

    path = str(data_dir / FILE)
    try:
        entries = load_ambiguities(data_dir)
    except (ValidationError, re.error, TypeError) as error:
        return [Problem(path, 1, f"invalid entry: {error}", "see the comment at the top of the file")]
    return [
        Problem(path, 1, f"unknown topic '{topic}'", "use a topic id of docs/topics.txt")
        for entry in entries
        for topic in entry.topics
        if topic not in kb.topics
    ]


def validate_project(root: Path, today: dt.date | None = None, stale_months: int = 12) -> List[Problem]:
    """Run every check on a project folder."""
    data_dir = root / "data"
    problems: List[Problem] = []
    kb: KnowledgeBase | None = None
    try:
        kb = load_knowledge(data_dir)
    except DataFileError as error:
        problems.extend(error.problems)
    if kb is not None:
        problems += check_knowledge(kb, data_dir, today or dt.date.today(), stale_months)
        problems += check_imported_faqs(data_dir / "faq", list(kb.municipalities))
        problems += check_overrides(kb.qa, kb.municipalities, data_dir)
    problems += check_safety(data_dir / "safety", kb)
    if kb is not None:
        from bot.coverage.research import check_research

        problems += check_research(data_dir, list(kb.municipalities), list(kb.topics))
        problems += check_ambiguities(data_dir, kb)
    try:
        problems += check_training_data(
            kb,
            data_dir / "nlu",
            root / "domain.yml",
            data_dir / "rules" / "topics.yml",
            data_dir / "eval" / "heldout.jsonl",
        )
    except DataFileError as error:
        problems.extend(error.problems)
    return problems
