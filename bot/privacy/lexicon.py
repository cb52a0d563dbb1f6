"""Staff-edited word lists for masking (data/privacy/*.yml), checked when read."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, FrozenSet, List, Sequence

from bot.knowledge.yaml_source import DataFileError, Problem, read_yaml

SECTIONS = ("given_names", "surnames", "roles")


@dataclass(frozen=True)
class NameWords:
    """Given names and surnames that are also everyday words (葵, 星), and roles said with さん (ケアマネさん)."""

    given_names: FrozenSet[str] = frozenset()
    surnames: FrozenSet[str] = frozenset()
    roles: FrozenSet[str] = frozenset()


def _words(path: Path, node: Any, section: str, problems: List[Problem]) -> FrozenSet[str]:
    items = node.get(section) if hasattr(node, "get") else None
    line = node.lc.line + 1 if hasattr(node, "lc") else 1
    if items is None:
        return frozenset()
    if not isinstance(items, list) or not all(isinstance(w, str) and w.strip() for w in items):
        problems.append(Problem(str(path), line, f"{section} is not a list of words", f"write {section}: [葵, 樹]"))
        return frozenset()
    return frozenset(w.strip() for w in items)


def read_sections(path: Path, sections: Sequence[str]) -> Dict[str, FrozenSet[str]]:
    """A file of word lists → each section's words (a missing file or section gives an empty list)."""
    if not path.exists():
        return {section: frozenset() for section in sections}
    node = read_yaml(path) or {}
    problems: List[Problem] = []
    unknown = [key for key in (node.keys() if hasattr(node, "keys") else []) if key not in sections]
    if unknown:
        problems.append(Problem(str(path), 1, f"unknown section {unknown[0]}", f"use {', '.join(sections)}"))
    words = {section: _words(path, node, section, problems) for section in sections}
    if problems:
        raise DataFileError(problems)
    return words


def read_name_words(path: Path) -> NameWords:
    """data/privacy/name_words.yml → the word lists (a missing file gives empty lists)."""
    return NameWords(**read_sections(path, SECTIONS))


@dataclass(frozen=True)
class PublicWords:
    """What is never a resident's name: public figures and places, the words that mark them, places' words."""

    names: FrozenSet[str] = frozenset()
    before: FrozenSet[str] = frozenset()
    brand_prefixes: FrozenSet[str] = frozenset()
    places: FrozenSet[str] = frozenset()
    after_only: FrozenSet[str] = frozenset()
    districts: FrozenSet[str] = frozenset()


def read_public_words(public_names: Path, place_words: Path) -> PublicWords:
    """data/privacy/public_names.yml and place_words.yml → the public words (missing files give empty lists)."""
    return PublicWords(
        **read_sections(public_names, ("names", "before", "brand_prefixes")),
        **read_sections(place_words, ("places", "after_only", "districts")),
    )
