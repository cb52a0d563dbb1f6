"""Words with several meanings: which choices to offer instead of guessing (data/ambiguity.yml)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import List, Optional

from pydantic import BaseModel, Extra, validator

from bot.knowledge.yaml_source import read_yaml

FILE = "ambiguity.yml"


class Ambiguity(BaseModel):
    """One ambiguous word and the topics it may mean."""

    cue: str
    decided_by: str
    topics: List[str]

    class Config:
        extra = Extra.forbid

    @validator("cue", "decided_by")
    def _compiles(cls, value: str) -> str:
        re.compile(value)
        return value

    @validator("topics")
    def _several(cls, value: List[str]) -> List[str]:
        if len(value) < 2:
            raise ValueError("an ambiguous word needs at least two topics to choose from")
        return value

    def choices(self, text: str) -> Optional[List[str]]:
        """The topics to offer when the text uses the word without deciding; else None."""
        folded = unicodedata.normalize("NFKC", text)
        if re.search(self.cue, folded) and not re.search(self.decided_by, folded):
            return list(self.topics)
        return None


def load_ambiguities(data_dir: Path) -> List[Ambiguity]:
    """Read data/ambiguity.yml (an empty list when the file is absent)."""
    path = data_dir / FILE
    if not path.exists():
        return []
    return [Ambiguity.parse_obj(item) for item in read_yaml(path) or []]


@lru_cache(maxsize=4)
def ambiguities(data_dir: Path) -> List[Ambiguity]:
    """Loaded once per process and folder."""
    return load_ambiguities(data_dir)


def which(text: str, topic: Optional[str], data_dir: Path) -> Optional[List[str]]:
    """The choices to ask back with, when `topic` was guessed from an ambiguous word in `text`.

    With `topic` None (the classifier was unsure of any topic), any ambiguous word of the text counts.
    """
    if text.startswith("/"):  # a button: the resident has chosen
        return None
    for ambiguity in ambiguities(data_dir):
        choices = ambiguity.choices(text)
        if choices and (topic is None or topic in choices):
            return choices
    return None
