"""The inbox filter from GET query parameters (the list page, its JSON API and the CSV export share it)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Dict, List
from urllib.parse import urlencode

from fastapi import Query

from bot.escalations.listing import MAX_QUERY, InboxFilter
from bot.escalations.models import STATUSES
from connectors.errors import ApiError

TOPIC_ID = re.compile(r"^[a-z0-9_]{1,64}$")
YES, NO = {"1", "true", "on", "yes"}, {"0", "false", "off", "no"}


def _date(name: str, value: str | None, problems: List[Dict[str, str]]) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        problems.append({"field": name, "problem": "a date YYYY-MM-DD"})
        return None


def inbox_filter(
    status: str | None = Query(None, description="new, in_progress or resolved"),
    topic: str | None = Query(None, description="a topic id (data/topics/<id>.yml)"),
    date_from: str | None = Query(None, alias="from", description="received on or after (YYYY-MM-DD, Japan time)"),
    date_to: str | None = Query(None, alias="to", description="received on or before (YYYY-MM-DD, Japan time)"),
    urgent: str | None = Query(None, description="1: only 【至急】 escalations"),
    q: str | None = Query(None, description="words that must all occur (receipt, topic, place, texts, notes)"),
) -> InboxFilter:
    """The filter asked for; empty parameters (as an HTML form sends them) mean no restriction; 422 if invalid."""
    problems: List[Dict[str, str]] = []
    if status and status not in STATUSES:
        problems.append({"field": "status", "problem": f"one of {', '.join(STATUSES)}"})
    if topic and not TOPIC_ID.match(topic):
        problems.append({"field": "topic", "problem": "a topic id (a-z, 0-9, _)"})
    start, end = _date("from", date_from, problems), _date("to", date_to, problems)
    if start and end and start > end:
        problems.append({"field": "to", "problem": "on or after from"})
    if (urgent or "").lower() not in YES | NO | {""}:
        problems.append({"field": "urgent", "problem": "1 or 0"})
    text = " ".join((q or "").split())
    if len(text) > MAX_QUERY:
        problems.append({"field": "q", "problem": f"at most {MAX_QUERY} characters"})
    if problems:
        raise ApiError(422, "invalid_fields", problems)
    return InboxFilter(
        status=status or None,
        topic=topic or None,
        date_from=start,
        date_to=end,
        urgent=(urgent or "").lower() in YES,
        text=text or None,
    )


def query_string(wanted: InboxFilter) -> str:
    """The filter as GET parameters again (for the export link and the status counts' links)."""
    pairs = {
        "status": wanted.status,
        "topic": wanted.topic,
        "from": wanted.date_from.isoformat() if wanted.date_from else None,
        "to": wanted.date_to.isoformat() if wanted.date_to else None,
        "urgent": "1" if wanted.urgent else None,
        "q": wanted.text,
    }
    return urlencode({k: v for k, v in pairs.items() if v})
