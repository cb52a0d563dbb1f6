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

TOPIC_ID = re.compile(r"[a-z0-9_]{1,64}")  # the whole value (fullmatch)
YES, NO = ("1", "true", "on", "yes"), ("0", "false", "off", "no")
EMPTY_OR_DATE = {"anyOf": [{"format": "date"}, {"maxLength": 0}]}  # an HTML form sends its empty fields


def _date(name: str, value: str | None, problems: List[Dict[str, str]]) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        problems.append({"field": name, "problem": "a date YYYY-MM-DD"})
        return None


def inbox_filter(
    status: str | None = Query(
        None, description="new, in_progress or resolved", json_schema_extra={"enum": ["", *STATUSES]}
    ),
    topic: str | None = Query(
        None, description="a topic id (data/topics/<id>.yml)", json_schema_extra={"pattern": "^[a-z0-9_]{0,64}$"}
    ),
    date_from: str | None = Query(
        None,
        alias="from",
        description="received on or after (YYYY-MM-DD, Japan time)",
        json_schema_extra=EMPTY_OR_DATE,
    ),
    date_to: str | None = Query(
        None,
        alias="to",
        description="received on or before (YYYY-MM-DD, Japan time); before `from`: nothing is listed",
        json_schema_extra=EMPTY_OR_DATE,
    ),
    urgent: str | None = Query(
        None, description="1: only 【至急】 escalations", json_schema_extra={"enum": ["", *YES, *NO]}
    ),
    q: str | None = Query(
        None,
        description="words that must all occur (receipt, topic, place, texts, notes)",
        json_schema_extra={"maxLength": MAX_QUERY},
    ),
) -> InboxFilter:
    """The filter asked for; empty parameters (as an HTML form sends them) mean no restriction; 422 if invalid.

    Every check is the one the OpenAPI document states (a reversed date range is valid and lists nothing).
    """
    problems: List[Dict[str, str]] = []
    if status and status not in STATUSES:
        problems.append({"field": "status", "problem": f"one of {', '.join(STATUSES)}"})
    if topic and not TOPIC_ID.fullmatch(topic):
        problems.append({"field": "topic", "problem": "a topic id (a-z, 0-9, _)"})
    start, end = _date("from", date_from, problems), _date("to", date_to, problems)
    if (urgent or "") not in (*YES, *NO, ""):
        problems.append({"field": "urgent", "problem": "1 or 0"})
    if len(q or "") > MAX_QUERY:
        problems.append({"field": "q", "problem": f"at most {MAX_QUERY} characters"})
    text = " ".join((q or "").split())
    if problems:
        raise ApiError(422, "invalid_fields", problems)
    return InboxFilter(
        status=status or None,
        topic=topic or None,
        date_from=start,
        date_to=end,
        urgent=(urgent or "") in YES,
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
