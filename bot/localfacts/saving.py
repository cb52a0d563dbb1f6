"""Write one section of data/municipalities/<id>.yml: locked, version-checked, validated, atomic."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from ruamel.yaml.comments import CommentedMap

from bot.files import folder_lock, write_atomically
from bot.knowledge.models import Municipality
from bot.knowledge.yaml_source import parse
from bot.localfacts import document


class StaleVersion(Exception):
    """The file changed since the form was shown; nothing was written."""

    def __init__(self, current: str) -> None:
        super().__init__("the file changed since the form was shown")
        self.current = current


class Section(Protocol):
    """A part of a municipality file that staff edit as a whole (one cell's facts, the offices)."""

    @property
    def key(self) -> str:
        """The section's name in the history."""

    def read(self, tree: CommentedMap) -> Any:
        """The section as plain JSON-ready data."""

    def write(self, tree: CommentedMap, value: Any) -> None:
        """Replace the section; unchanged parts keep their nodes and comments."""


@dataclass(frozen=True)
class CellFacts:
    """The facts of one topic (`topics.<topic>.facts`)."""

    topic: str

    @property
    def key(self) -> str:
        return self.topic

    def read(self, tree: CommentedMap) -> Any:
        return document.cell_facts(tree, self.topic)

    def write(self, tree: CommentedMap, value: Any) -> None:
        document.set_cell_facts(tree, self.topic, value)


@dataclass(frozen=True)
class Saved:
    """What a save changed: the section before and after, and the file's new version."""

    before: Any
    after: Any
    version: str


def municipality_file(data_dir: Path, municipality: str) -> Path:
    """The knowledge file of one municipality."""
    return data_dir / "municipalities" / f"{municipality}.yml"


def read(path: Path) -> str:
    """The file's text as it is now."""
    return path.read_text(encoding="utf-8")


def save_section(path: Path, section: Section, value: Any, expected_version: str) -> Saved:
    """Replace a section if the file is still at `expected_version`; the whole file must stay valid.

    Raises StaleVersion (someone saved first) or DataFileError (the result would not load).
    """
    with folder_lock(path.parent):
        text = read(path)
        if document.version_of(text) != expected_version:
            raise StaleVersion(text)
        tree = document.load(text)
        before = section.read(tree)
        section.write(tree, value)
        new_text = document.dump(tree)
        parse(path, document.load(new_text), Municipality)
        write_atomically(path, new_text)
    return Saved(before, section.read(document.load(new_text)), document.version_of(new_text))
