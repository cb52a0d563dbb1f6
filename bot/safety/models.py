"""Schema of the safety files in data/safety (pydantic v1, as Rasa 3.6 pins it)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Dict, List, Optional

from pydantic import root_validator, validator

from bot.knowledge.models import Strict, _check_url

# Parse-data key set by the NLU component: {"categories": [...], "topic": topic also to answer or None}.
PARSE_KEY = "safety"

# What a resident can dial: 3-digit numbers (110, 119, 189, 188), #-numbers (#8008) and full numbers.
PHONE_NUMBER = re.compile(r"^(#\d{4}|1\d\d|0\d{1,4}-\d{1,4}-\d{3,4})$")


class HelpLine(Strict):
    """A help line (phone and/or page) with the official page it was read on."""

    name: str
    number: Optional[str] = None
    url: Optional[str] = None
    hours: Optional[str] = None
    source: str
    seen: dt.date
    page_date: Optional[dt.date] = None
    note: Optional[str] = None

    _urls = validator("url", "source", allow_reuse=True)(_check_url)

    @validator("number")
    def _number(cls, value: Optional[str]) -> Optional[str]:
        if value is not None and not PHONE_NUMBER.match(value):
            raise ValueError('must be a number residents can dial, like "189", "#8008" or "0120-279-226"')
        return value

    @root_validator(skip_on_failure=True)
    def _reachable(cls, values: Dict[str, object]) -> Dict[str, object]:
        if not values.get("number") and not values.get("url"):
            raise ValueError("a help line needs a number or a url")
        return values


class SafetyReply(Strict):
    """What is said for one situation."""

    label: str
    lead: str
    lines: List[str]
    after: Optional[str] = None
    office: Optional[str] = None
    urgent: bool = False
    # One sentence said before the ordinary answer when the classifier only half-thinks this situation
    # applies (crisis situations), and the line it names.
    maybe: Optional[str] = None
    maybe_line: Optional[str] = None

    @validator("lines")
    def _some_lines(cls, value: List[str]) -> List[str]:
        if not value:
            raise ValueError("list at least one help line from data/safety/lines.yml")
        return value


class CategoryPatterns(Strict):
    """How one situation is recognised (see the comment at the top of detection.yml)."""

    any: List[str] = []
    sounds: List[str] = []
    all: List[List[str]] = []
    unless: List[str] = []
    unless_message: List[str] = []


class Settled(Strict):
    """How a message tells that what happened is over (see `settled` in detection.yml)."""

    past: List[str] = []
    resolved: List[str] = []
    # A request about the paperwork that follows (a certificate, a protection measure, records): it tells
    # that the matter is over like `resolved`, and the words of going on inside it are about the paperwork.
    paperwork: List[str] = []
    # Words that it still goes on (今も, ずっと): inside a paperwork request they are about the paperwork.
    still: List[str] = []
    # Words of a danger now (怖い, また殴られ): they always keep a message from being settled.
    ongoing: List[str] = []


class Detection(Strict):
    """All patterns, categories in the order their replies are shown."""

    unless_everywhere: List[str] = []
    settled: Settled = Settled()
    categories: Dict[str, CategoryPatterns]
