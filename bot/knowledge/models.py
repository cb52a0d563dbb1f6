"""Schema of the staff-edited knowledge files (pydantic v1, as Rasa 3.6 pins it)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Dict, List

from pydantic import BaseModel, Extra, validator

_URL = re.compile(r"^https?://\S+$")
_PHONE = re.compile(r"^0\d{1,4}-\d{1,4}-\d{3,4}$")
_HOURS = re.compile(r"^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$")


class Strict(BaseModel):
    """Reject unknown keys so a typo in a key name is reported, not ignored."""

    class Config:
        extra = Extra.forbid
        anystr_strip_whitespace = True


def _check_url(value: str | None) -> str | None:
    if value is not None and not _URL.match(value):
        raise ValueError("must be a full URL starting with http:// or https://")
    return value


def _check_phone(value: str | None) -> str | None:
    if value is not None and not _PHONE.match(str(value)):
        raise ValueError("must be a phone number like 0242-39-1111")
    return value


class Sourced(Strict):
    """Anything municipal: where it was read and when."""

    source: str
    seen: dt.date
    page_date: dt.date | None = None
    note: str | None = None
    # Read on a non-official site: kept for staff to verify, never shown or routed to.
    third_party: bool = False

    _source = validator("source", allow_reuse=True)(_check_url)


class Fact(Sourced):
    """One municipal fact, in staff's own words."""

    text: str


class Hours(Strict):
    """Opening hours on weekdays, e.g. "08:30-17:15"."""

    weekdays: str
    extended: str | None = None
    # Where the hours were read, when that is not the page the office itself came from.
    source: str | None = None
    seen: dt.date | None = None

    _source = validator("source", allow_reuse=True)(_check_url)

    @validator("weekdays")
    def _hours(cls, value: str) -> str:
        if not _HOURS.match(value):
            raise ValueError('must look like "08:30-17:15"')
        return value

    @property
    def opens(self) -> dt.time:
        """Opening time."""
        return dt.time.fromisoformat(self.weekdays.split("-")[0])

    @property
    def closes(self) -> dt.time:
        """Closing time."""
        return dt.time.fromisoformat(self.weekdays.split("-")[1])


class Department(Sourced):
    """A department of a municipality that handles one function."""

    name: str
    phone: str | None = None
    hours: Hours | None = None

    _phone = validator("phone", allow_reuse=True)(_check_phone)


class MainOffice(Sourced):
    """The municipality's main office (市役所 / 町役場 / 村役場)."""

    name: str
    phone: str
    address: str
    hours: Hours | None = None

    _phone = validator("phone", allow_reuse=True)(_check_phone)


class Website(Sourced):
    """The official website."""

    url: str

    _url = validator("url", allow_reuse=True)(_check_url)


class LocalTopic(Strict):
    """What one municipality knows about one topic."""

    department: str | None = None
    url: str | None = None
    facts: List[Fact] = []

    _url = validator("url", allow_reuse=True)(_check_url)


class QaOverride(Sourced):
    """A municipality's own answer to a regional Q&A entry, or a note added after it (data/qa/)."""

    answer: str | None = None

    @validator("answer", always=True)
    def _answer_or_note(cls, value: str | None, values: Dict[str, object]) -> str | None:
        if not value and not values.get("note"):
            raise ValueError("write the municipality's own 'answer' or a 'note' to add after the regional answer")
        return value


class Municipality(Strict):
    """One of the 13 municipalities."""

    id: str
    code: str
    name: str
    kana: str
    aliases: List[str] = []
    # Words that contain a name but are not the municipality (磐梯山 is a mountain).
    not_aliases: List[str] = []
    website: Website
    main_office: MainOffice
    departments: Dict[str, Department] = {}
    topics: Dict[str, LocalTopic] = {}
    # Regional Q&A entry id (data/qa/) -> this municipality's own answer or note, with its source.
    qa: Dict[str, QaOverride] = {}


class SourceRef(Strict):
    """A national source for a core answer."""

    url: str
    seen: dt.date
    title: str | None = None

    _url = validator("url", allow_reuse=True)(_check_url)


class Topic(Strict):
    """A catalog topic with its region-wide core answer."""

    id: str
    label: str
    function: str
    answer: str
    bring: List[str] = []
    sources: List[SourceRef] = []
    # Residents can report a place to the office (a pothole, a light out): the answer offers a report.
    report: bool = False
