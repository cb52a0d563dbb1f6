"""Sensitive FAQ subjects (data/faq/sensitive.yml): such entries only answer messages about them (pure).

The chat's rule in one sentence: an imported entry about abuse, violence, suicide, death, debt or
bullying is answered or offered only when the resident's message is about the same subject.
"""

from __future__ import annotations

from pathlib import Path
from typing import Dict, FrozenSet, List, Sequence

from pydantic import BaseModel, Extra, validator

from bot.knowledge.yaml_source import parse, read_yaml
from bot.text import fold


class SubjectTerms(BaseModel):
    """Words that put an entry (`entry`) or a message (`query`) in one sensitive subject."""

    entry: List[str]
    query: List[str]

    class Config:
        extra = Extra.forbid

    @validator("entry", "query", each_item=True, pre=True)
    def _text(cls, value: object) -> str:
        text = fold(str(value)).strip()
        if not text:
            raise ValueError("must not be empty")
        return text


class SensitiveSubjects(BaseModel):
    """All sensitive subjects by name."""

    classes: Dict[str, SubjectTerms] = {}

    class Config:
        extra = Extra.forbid

    @classmethod
    def load(cls, path: Path) -> SensitiveSubjects:
        """Read data/faq/sensitive.yml (no file: nothing is sensitive)."""
        if not path.exists():
            return cls()
        return parse(path, read_yaml(path) or {}, cls)

    def _matching(self, text: str, field: str) -> FrozenSet[str]:
        folded = fold(text)
        return frozenset(
            name for name, terms in self.classes.items() if any(term in folded for term in getattr(terms, field))
        )

    def of_entry(self, question: str, category: str | None) -> FrozenSet[str]:
        """Subjects an entry is about, from its question and category (not its answer)."""
        return self._matching(f"{question}\n{category or ''}", "entry")

    def of_query(self, text: str) -> FrozenSet[str]:
        """Subjects a resident's message is about."""
        return self._matching(text, "query")

    def allowed(self, entry_subjects: Sequence[FrozenSet[str]], query: str) -> List[bool]:
        """Per entry: may it answer this message (it has no sensitive subject the message lacks)?"""
        about = self.of_query(query)
        return [subjects <= about for subjects in entry_subjects]

    def to_json(self) -> Dict[str, Dict[str, List[str]]]:
        """What the model stores (`parse_obj` reads it back)."""
        return {name: {"entry": t.entry, "query": t.query} for name, t in self.classes.items()}
