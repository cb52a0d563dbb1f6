"""Schema of an imported FAQ entry as stored in data/faq/<municipality>.yml (pydantic v1)."""

from __future__ import annotations

import datetime as dt
import re

from pydantic import BaseModel, Extra, validator

_URL = re.compile(r"^https?://\S+$")


class FaqEntry(BaseModel):
    """One question and answer a municipality published, as imported from its CSV."""

    id: str
    question: str
    answer: str
    category: str | None = None
    office: str | None = None
    url: str | None = None
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

    def content(self) -> tuple[str, str, str | None, str | None, str | None]:
        """The fields a CSV row can change (used to tell updated from unchanged)."""
        return (self.question, self.answer, self.category, self.office, self.url)
