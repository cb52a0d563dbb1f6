"""Load data/safety: the patterns, the replies and the help lines, each checked against its schema."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, List

from bot.knowledge.yaml_source import DataFileError, Problem, mapping_line, parse, read_yaml
from bot.safety.models import Detection, HelpLine, SafetyReply
from bot.settings import get_settings

DETECTION_FILE = "detection.yml"
REPLIES_FILE = "replies.yml"
LINES_FILE = "lines.yml"


def safety_dir(data_dir: Path) -> Path:
    """The folder holding the safety files."""
    return data_dir / "safety"


def load_detection(directory: Path) -> Detection:
    """The patterns of detection.yml (raises DataFileError naming file and line)."""
    path = directory / DETECTION_FILE
    return parse(path, read_yaml(path), Detection)


def _load_mapping(path: Path, model: type) -> Dict[str, object]:
    node = read_yaml(path) or {}
    items: Dict[str, object] = {}
    problems: List[Problem] = []
    for key in node:
        try:
            items[str(key)] = parse(path, node[key], model, prefix=(key,))
        except DataFileError as error:
            problems.extend(error.problems)
    if problems:
        raise DataFileError(problems)
    return items


@dataclass(frozen=True)
class SafetyCatalogue:
    """What the assistant says in each safety situation, with the help lines it names."""

    replies: Dict[str, SafetyReply]
    lines: Dict[str, HelpLine]

    def reply(self, category: str) -> SafetyReply:
        """The reply for a category."""
        return self.replies[category]

    def lines_of(self, category: str) -> List[HelpLine]:
        """The help lines of a category's reply, in order."""
        return [self.lines[key] for key in self.replies[category].lines]

    def is_urgent(self, categories: List[str]) -> bool:
        """Whether an escalation from a conversation with these categories is urgent."""
        return any(self.replies[c].urgent for c in categories if c in self.replies)


def load_catalogue(directory: Path) -> SafetyCatalogue:
    """Load replies.yml and lines.yml; every line a reply names must exist."""
    replies_path = directory / REPLIES_FILE
    replies: Dict[str, SafetyReply] = _load_mapping(replies_path, SafetyReply)  # type: ignore[assignment]
    lines: Dict[str, HelpLine] = _load_mapping(directory / LINES_FILE, HelpLine)  # type: ignore[assignment]
    node = read_yaml(replies_path) or {}
    problems = [
        Problem(
            str(replies_path),
            mapping_line(node, category),
            f"'{category}': unknown help line '{key}'",
            f"add '{key}' to {LINES_FILE} (with number, source and seen) or remove it here",
        )
        for category, reply in replies.items()
        for key in reply.lines + ([reply.maybe_line] if reply.maybe_line else [])
        if key not in lines
    ]
    if problems:
        raise DataFileError(problems)
    return SafetyCatalogue(replies, lines)


def check_consistency(detection: Detection, catalogue: SafetyCatalogue, directory: Path) -> List[Problem]:
    """Every detected category has a reply with a dialable or linked line; every reply is detectable."""
    problems: List[Problem] = []
    for category in detection.categories:
        if category not in catalogue.replies:
            problems.append(
                Problem(
                    str(directory / REPLIES_FILE),
                    1,
                    f"category '{category}' has no reply",
                    f"add '{category}:' with label, lead and lines",
                )
            )
        elif not any(line.number for line in catalogue.lines_of(category)):
            problems.append(
                Problem(
                    str(directory / REPLIES_FILE),
                    1,
                    f"'{category}': no line with a phone number",
                    "list at least one line with a number from lines.yml",
                )
            )
    for category in catalogue.replies:
        if category not in detection.categories:
            problems.append(
                Problem(
                    str(directory / DETECTION_FILE),
                    1,
                    f"reply '{category}' is never detected",
                    f"add patterns for '{category}' or remove its reply",
                )
            )
    return problems


@lru_cache(maxsize=1)
def get_catalogue() -> SafetyCatalogue:
    """The process-wide catalogue (loaded on first use, never at import)."""
    return load_catalogue(safety_dir(get_settings().data_dir))
