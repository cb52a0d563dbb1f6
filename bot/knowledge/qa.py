"""The regional Q&A (data/qa/<topic>.yml): question-level answers shared by the 13 municipalities."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Literal, Mapping

from pydantic import validator

from bot.knowledge.models import Municipality, Strict, _check_url
from bot.knowledge.yaml_source import DataFileError, Problem, line_of, parse, read_yaml

QA_DIR = "qa"
SETTINGS_FILE = Path("qa") / "settings" / "selection.yml"
TEXTS_FILE = Path("ui") / "qa.yml"

Facet = Literal[
    "amount",
    "deadline",
    "age",
    "who",
    "bring",
    "where",
    "hours",
    "phone",
    "online",
    "how",
    "when",
    "eligibility",
    "other",
]


class QaSource(Strict):
    """A page the answer was read on, and when."""

    url: str
    seen: dt.date

    _url = validator("url", allow_reuse=True)(_check_url)


class QaEntry(Strict):
    """One question residents ask about a topic, answered in one or two nationwide sentences."""

    id: str
    facet: Facet
    question: str
    examples: List[str] = []
    answer: str
    # The amount, place or day may differ by municipality: the answer is labelled as nationwide.
    local: bool = False
    sources: List[QaSource]

    @validator("sources")
    def _sourced(cls, value: List[QaSource]) -> List[QaSource]:
        if not value:
            raise ValueError("list at least one source (url and seen)")
        return value


class QaFile(Strict):
    """One topic's entries."""

    topic: str
    entries: List[QaEntry]


class RegionSettings(Strict):
    """How sure the search over every topic's entries must be when the topic is unsure (bot.qa.region)."""

    cue_weight: float
    min_score: float
    min_margin: float
    choice_min_score: float
    choice_margin: float
    choices: int
    min_words: int = 1


class QaSettings(Strict):
    """How sure the selection must be (data/qa/settings/selection.yml)."""

    cue_weight: float
    min_score: float
    min_margin: float
    cues: Dict[str, List[str]]
    # The share of the question's words found with the answer's words too counts times this (0: not at all).
    answer_weight: float = 0.0
    region: RegionSettings | None = None


@dataclass
class QaBook:
    """Every entry by id and by topic, the selection settings and the reply texts."""

    entries: Dict[str, QaEntry] = field(default_factory=dict)
    by_topic: Dict[str, List[QaEntry]] = field(default_factory=dict)
    settings: QaSettings | None = None
    texts: Dict[str, str] = field(default_factory=dict)
    # Where each entry was read (file, line), for validation messages.
    places: Dict[str, tuple[str, int]] = field(default_factory=dict)
    # Search indexes by topic, built on first use (bot.qa.selection) and dropped with the book on reload.
    indexes: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    # The index of every entry (bot.qa.region), built on first use, dropped with the book likewise.
    region_index: Any = field(default=None, repr=False, compare=False)


def _entry_problems(path: Path, node: Any, qa: QaFile, book: QaBook, topics: Mapping[str, object]) -> List[Problem]:
    problems: List[Problem] = []
    if qa.topic not in topics:
        problems.append(
            Problem(
                str(path), line_of(node, ("topic",)), f"unknown topic '{qa.topic}'", "use a topic id of data/topics/"
            )
        )
    if qa.topic != path.stem:
        problems.append(
            Problem(str(path), 1, f"topic '{qa.topic}' differs from the file name", f"name it {qa.topic}.yml")
        )
    for index, entry in enumerate(qa.entries):
        line = line_of(node, ("entries", index))
        if not entry.id.startswith(f"{qa.topic}."):
            problems.append(
                Problem(str(path), line, f"id '{entry.id}' does not start with '{qa.topic}.'", "write <topic>.<slug>")
            )
        if entry.id in book.places:
            first = book.places[entry.id]
            problems.append(
                Problem(
                    str(path),
                    line,
                    f"id '{entry.id}' is used twice (first {first[0]}:{first[1]})",
                    "give it its own id",
                )
            )
        book.places.setdefault(entry.id, (str(path), line))
    return problems


def load_qa(data_dir: Path, topics: Mapping[str, object]) -> QaBook:
    """Load data/qa/*.yml, its selection settings and texts; raise DataFileError listing every problem."""
    book = QaBook()
    problems: List[Problem] = []
    for path in sorted((data_dir / QA_DIR).glob("*.yml")):
        try:
            node = read_yaml(path)
            qa = parse(path, node, QaFile)
        except DataFileError as error:
            problems.extend(error.problems)
            continue
        problems += _entry_problems(path, node, qa, book, topics)
        book.by_topic.setdefault(qa.topic, []).extend(qa.entries)
        book.entries.update((entry.id, entry) for entry in qa.entries)
    settings_path = data_dir / SETTINGS_FILE
    if settings_path.exists():
        try:
            book.settings = parse(settings_path, read_yaml(settings_path), QaSettings)
        except DataFileError as error:
            problems.extend(error.problems)
    texts_path = data_dir / TEXTS_FILE
    if texts_path.exists():
        book.texts = {str(k): str(v) for k, v in (read_yaml(texts_path) or {}).items()}
    if problems:
        raise DataFileError(problems)
    return book


def check_overrides(book: QaBook, municipalities: Mapping[str, Municipality], data_dir: Path) -> List[Problem]:
    """Every `qa:` key of a municipality file names an entry of data/qa/."""
    problems: List[Problem] = []
    for municipality in municipalities.values():
        unknown = [key for key in municipality.qa if key not in book.entries]
        if not unknown:
            continue
        path = data_dir / "municipalities" / f"{municipality.id}.yml"
        node = read_yaml(path)
        problems += [
            Problem(str(path), line_of(node, ("qa", key)), f"unknown Q&A entry '{key}'", "use an id of data/qa/")
            for key in unknown
        ]
    return problems
