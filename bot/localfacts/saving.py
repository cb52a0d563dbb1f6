"""Write one cell's facts into data/municipalities/<id>.yml: locked, version-checked, validated, atomic."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import List

from bot.files import folder_lock, write_atomically
from bot.knowledge.models import Municipality
from bot.knowledge.yaml_source import parse
from bot.localfacts import document
from bot.localfacts.document import PlainFact


class StaleVersion(Exception):
    """The file changed since the form was shown; nothing was written."""

    def __init__(self, current: str) -> None:
        super().__init__("the file changed since the form was shown")
        self.current = current


@dataclass(frozen=True)
class Saved:
    """What a save changed: the cell's facts before and after, and the file's new version."""

    before: List[PlainFact]
    after: List[PlainFact]
    version: str


def municipality_file(data_dir: Path, municipality: str) -> Path:
    """The knowledge file of one municipality."""
    return data_dir / "municipalities" / f"{municipality}.yml"


def read(path: Path) -> str:
    """The file's text as it is now."""
    return path.read_text(encoding="utf-8")


def save_cell(path: Path, topic: str, facts: List[PlainFact], expected_version: str) -> Saved:
    """Replace a topic's facts if the file is still at `expected_version`; the whole file must stay valid.

    Raises StaleVersion (someone saved first) or DataFileError (the result would not load).
    """
    with folder_lock(path.parent):
        text = read(path)
        if document.version_of(text) != expected_version:
            raise StaleVersion(text)
        tree = document.load(text)
        before = document.cell_facts(tree, topic)
        document.set_cell_facts(tree, topic, facts)
        new_text = document.dump(tree)
        parse(path, document.load(new_text), Municipality)
        write_atomically(path, new_text)
    return Saved(before, document.cell_facts(document.load(new_text), topic), document.version_of(new_text))
