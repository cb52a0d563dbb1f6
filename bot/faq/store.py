"""Load and atomically save the imported FAQ entries of one municipality (data/faq/<id>.yml)."""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path
from typing import Any, FrozenSet, List

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from bot.faq.models import FaqEntry
from bot.files import write_atomically
from bot.knowledge.yaml_source import DataFileError, Problem, parse, read_yaml

HEADER = (
    "Imported FAQ entries. Written by `python -m bot import`; edit the CSV and re-import\n"
    "rather than editing this file (retired: true marks entries no longer in the CSV).\n"
    "`examples` (residents' wordings) and entries with source_file: staff come from the review\n"
    "(`python -m bot review`, the /staff page); imports keep both."
)
_FIELDS = ("id", "question", "answer", "category", "office", "url", "examples", "source_file", "imported", "retired")


def load_entries(path: Path) -> List[FaqEntry]:
    """All entries in the file (retired ones included); an absent file has none."""
    if not path.exists():
        return []
    node: Any = read_yaml(path)
    if node is None:
        return []
    if not isinstance(node, list):
        raise DataFileError(
            [
                Problem(
                    str(path),
                    1,
                    "the file must be a list of FAQ entries",
                    "re-import the municipality's CSV to rewrite the file",
                )
            ]
        )
    entries: List[FaqEntry] = []
    problems: List[Problem] = []
    for index, item in enumerate(node):
        try:
            entries.append(parse(path, item, FaqEntry, prefix=(index,)))
        except DataFileError as error:
            problems.extend(error.problems)
    if problems:
        raise DataFileError(problems)
    return entries


def active_entries(path: Path) -> List[FaqEntry]:
    """The entries that are still published (not retired)."""
    return [entry for entry in load_entries(path) if not entry.retired]


@lru_cache(maxsize=64)
def _published(path: Path, mtime_ns: int) -> FrozenSet[str]:
    return frozenset(entry.id for entry in active_entries(path))


def published_ids(path: Path) -> FrozenSet[str]:
    """Ids of the published entries, re-read only when the file changed."""
    if not path.exists():
        return frozenset()
    return _published(path, path.stat().st_mtime_ns)


def _node(entry: FaqEntry) -> CommentedMap:
    node = CommentedMap()
    for field in _FIELDS:
        value = getattr(entry, field)
        if value is None or value == []:
            continue
        if isinstance(value, str) and "\n" in value:
            value = LiteralScalarString(value)
        node[field] = value
    return node


def render(entries: List[FaqEntry]) -> str:
    """The YAML text for a list of entries."""
    document = CommentedSeq(_node(entry) for entry in entries)
    document.yaml_set_start_comment(HEADER)
    yaml = YAML(typ="rt")
    yaml.width = 4096  # type: ignore[assignment]
    yaml.allow_unicode = True
    yaml.representer.ignore_aliases = lambda *args: True  # type: ignore[method-assign]
    buffer = io.StringIO()
    yaml.dump(document, buffer)
    return buffer.getvalue()


def save_entries(path: Path, entries: List[FaqEntry]) -> None:
    """Replace the file with these entries (atomically)."""
    write_atomically(path, render(entries))
