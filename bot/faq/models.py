"""Schema of an imported FAQ entry as stored in data/faq/<municipality>.yml (pydantic v1)."""

from __future__ import annotations

import datetime as dt
import re
from typing import List

from pydantic import BaseModel, Extra, validator

_URL = re.compile(r"^https?://\S+$")
STAFF_SOURCE = "staff"  # source_file of entries staff wrote in the review; no CSV import retires them


class FaqEntry(BaseModel):
    """One question and answer a municipality published (imported from its CSV, or written by staff)."""

    id: str
    question: str
    answer: str
    category: str | None = None
    office: str | None = None
    url: str | None = None
    examples: List[str] = []  # residents' phrasings staff attached in the review (searched with the question)
    source_file: str
    imported: dt.date
    retired: bool = False

    class Config:
        extra = Extra.forbid
        anystr_strip_whitespace = True

    @validator("id", "question", "answer", "source_file")
    def _not_empty(cls, value: str) -> str:
        if not value:
            raise ValueError("must not be empty")
        return value

    @validator("url")
    def _full_url(cls, value: str | None) -> str | None:
        if value is not None and not _URL.match(value):
            raise ValueError("must be a full URL starting with http:// or https://")
        return value

    @validator("examples")
    def _one_line_examples(cls, value: List[str]) -> List[str]:
        return list(dict.fromkeys(" ".join(text.split()) for text in value if text.strip()))

    def content(self) -> tuple[str, str, str | None, str | None, str | None]:
        """The fields a CSV row can change (used to tell updated from unchanged; not the examples)."""
        return (self.question, self.answer, self.category, self.office, self.url)
