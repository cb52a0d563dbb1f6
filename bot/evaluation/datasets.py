"""Read the NLU training examples and held-out questions (pure file parsing)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List

from bot.knowledge.yaml_source import DataFileError, Problem, read_yaml


@dataclass(frozen=True)
class Example:
    """One training example with where it came from."""

    text: str
    intent: str
    file: str
    line: int


@dataclass(frozen=True)
class LabelledQuestion:
    """A held-out test question."""

    text: str
    intent: str
    municipality: str | None
    line: int


def read_examples(nlu_dir: Path) -> List[Example]:
    """All examples in data/nlu (recursively), with file and line numbers."""
    examples: List[Example] = []
    for path in sorted(nlu_dir.rglob("*.yml")):
        node = read_yaml(path) or {}
        for item in node.get("nlu") or []:
            if "intent" not in item:
                continue
            base = item.lc.key("examples")[0] + 2 if hasattr(item, "lc") else 1
            for offset, raw in enumerate(str(item.get("examples", "")).splitlines()):
                text = raw.strip()
                if text.startswith("- "):
                    examples.append(Example(text[2:].strip(), str(item["intent"]), str(path), base + offset))
    return examples


def examples_by_intent(examples: List[Example]) -> Dict[str, List[Example]]:
    """Group examples by intent."""
    grouped: Dict[str, List[Example]] = {}
    for example in examples:
        grouped.setdefault(example.intent, []).append(example)
    return grouped


def read_heldout(path: Path) -> List[LabelledQuestion]:
    """Read JSON lines {text, intent, municipality}."""
    questions: List[LabelledQuestion] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            questions.append(LabelledQuestion(str(item["text"]), str(item["intent"]), item.get("municipality"), number))
        except (ValueError, KeyError) as error:
            raise DataFileError(
                [
                    Problem(
                        str(path), number, f"bad JSON line: {error}", 'write {"text": ..., "intent": ...} on one line'
                    )
                ]
            ) from error
    return questions
