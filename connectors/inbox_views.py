"""What the inbox pages, the JSON API and the CSV export show of an escalation (texts from data/ui/inbox.yml)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Dict, Iterable, List, Sequence

from bot.escalations.accounts import AccountBook
from bot.escalations.listing import InboxFilter, seconds_between, select, status_counts, waiting_seconds
from bot.escalations.models import Escalation
from bot.escalations.store import EscalationStore
from bot.knowledge.cache import get_knowledge
from bot.knowledge.office_hours import JST
from bot.knowledge.yaml_source import read_yaml
from bot.settings import get_settings


@lru_cache(maxsize=1)
def labels() -> Dict[str, Any]:
    """The inbox's texts (data/ui/inbox.yml), read once."""
    return dict(read_yaml(get_settings().data_dir / "ui" / "inbox.yml"))


def topic_name(topic: str | None) -> str:
    """The topic as staff read it (the label of data/topics/<id>.yml), not its internal id."""
    if not topic:
        return ""
    kb = get_knowledge()
    return kb.label(topic) if topic in kb.topics else topic


def status_label(status: str) -> str:
    return str(labels()["statuses"].get(status, status))


def local(at: dt.datetime) -> str:
    """A time as offices in Aizu read it (Japan time, whatever the server's zone)."""
    return at.astimezone(JST).strftime("%Y-%m-%d %H:%M")


def duration(seconds: int | None) -> str:
    """「3日」「5時間」「12分」: the largest whole unit; "" for None."""
    if seconds is None:
        return ""
    units = labels()["durations"]
    for unit, size in (("days", 86400), ("hours", 3600)):
        if seconds >= size:
            return str(units[unit]).format(n=seconds // size)
    return str(units["minutes"]).format(n=seconds // 60)


@dataclass(frozen=True)
class Row:
    """One escalation in the inbox list (and one line of the CSV export)."""

    receipt: str
    status: str
    status_label: str
    urgent: bool
    report: bool
    topic: str
    summary: str
    created: str
    age: str
    waiting: str
    assignee: str


@dataclass(frozen=True)
class TranscriptLine:
    """One turn of the masked transcript."""

    speaker: str
    name: str
    text: str


@dataclass(frozen=True)
class NoteLine:
    """One internal note."""

    author: str
    at: str
    text: str


@dataclass(frozen=True)
class Item:
    """One escalation as its detail page shows it."""

    receipt: str
    urgent: bool
    status: str
    status_label: str
    office: str
    kind: str
    topic: str
    place: str
    created: str
    age: str
    waiting: str
    assignee: str
    message: str
    contact: str
    consent: bool
    transcript: List[TranscriptLine]
    notes: List[NoteLine]
    reply: str


def row(e: Escalation, now: dt.datetime) -> Row:
    return Row(
        receipt=e.receipt,
        status=e.status,
        status_label=status_label(e.status),
        urgent=e.urgent,
        report=e.kind == "report",
        topic=topic_name(e.topic),
        summary=((e.place + " / " if e.place else "") + e.resident_message)[:80],
        created=local(e.created_at),
        age=duration(seconds_between(e.created_at, now)),
        waiting=duration(waiting_seconds(e, now)),
        assignee=e.assignee or "",
    )


def item(e: Escalation, now: dt.datetime) -> Item:
    speakers = labels()["speakers"]
    return Item(
        receipt=e.receipt,
        urgent=e.urgent,
        status=e.status,
        status_label=status_label(e.status),
        office=e.office_name,
        kind=str(labels().get("kinds", {}).get(e.kind, e.kind)),
        topic=topic_name(e.topic),
        place=e.place or "",
        created=local(e.created_at),
        age=duration(seconds_between(e.created_at, now)),
        waiting=duration(waiting_seconds(e, now)),
        assignee=e.assignee or "",
        message=e.resident_message,
        contact=e.contact or "",
        consent=e.consent,
        transcript=[
            TranscriptLine(line.speaker, str(speakers.get(line.speaker, line.speaker)), line.text)
            for line in e.transcript
        ],
        notes=[NoteLine(n.author, local(n.at), n.text) for n in e.notes],
        reply=e.reply or "",
    )


def summary(e: Escalation, now: dt.datetime) -> Dict[str, Any]:
    """One escalation in the JSON list: ids for programs, the topic's name, age and wait in seconds."""
    return {
        "receipt": e.receipt,
        "status": e.status,
        "topic": e.topic,
        "topic_name": topic_name(e.topic),
        "office": e.office_name,
        "created_at": e.created_at.isoformat(),
        "updated_at": e.updated_at.isoformat(),
        "last_resident_message_at": e.last_resident_message_at.isoformat(),
        "age_seconds": seconds_between(e.created_at, now),
        "waiting_seconds": waiting_seconds(e, now),
        "urgent": e.urgent,
        "safety": e.safety,
        "kind": e.kind,
        "place": e.place,
        "assignee": e.assignee,
    }


def topic_choices(escalations: Iterable[Escalation]) -> List[Dict[str, str]]:
    """The topics the office's escalations are about, by name (the topic filter's options)."""
    ids = {e.topic for e in escalations if e.topic}
    return sorted(({"value": t, "text": topic_name(t)} for t in ids), key=lambda c: c["text"])


def csv_header() -> List[str]:
    return list(labels()["export"]["columns"].values())


def csv_row(e: Escalation, now: dt.datetime) -> Sequence[object]:
    """The columns of csv_header(), in its order: what the inbox shows (stored texts are masked; no contact)."""
    r = row(e, now)
    kind = labels()["kinds"][e.kind]
    urgent = labels()["export"]["yes"] if e.urgent else ""
    return [
        r.receipt,
        r.status_label,
        urgent,
        kind,
        r.topic,
        e.place or "",
        e.resident_message,
        r.created,
        r.age,
        r.waiting,
        r.assignee,
        e.reply or "",
    ]


@dataclass(frozen=True)
class Listing:
    """An office's escalations as the inbox lists them under a filter."""

    everything: List[Escalation]
    shown: List[Escalation]
    counts: Dict[str, int]


def office_listing(store: EscalationStore, office_key: str, wanted: InboxFilter) -> Listing:
    """All of the office's escalations, those the filter lets through, and how many per status."""
    everything = store.for_office(office_key)
    return Listing(
        everything,
        select(everything, wanted, topic_name),
        status_counts(everything, wanted, topic_name),
    )


def office_staff(accounts: AccountBook, office_key: str) -> List[str]:
    """Usernames of the office's accounts: whom an escalation may be assigned to."""
    return sorted(a.username for a in accounts.for_office(office_key))
