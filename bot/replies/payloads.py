"""Button tokens: what the widget sends back, translated to Rasa payloads on the server.

Residents' typed text never reaches Rasa as payload syntax: a leading "/" is
replaced by a full-width slash, so `/intent{"slot": ...}` is just text. Only the
tokens below, with ids checked against the knowledge base, become intents.
"""

from __future__ import annotations

import json
import re
from typing import Collection

_TOKEN = re.compile(r"^(topic|municipality|choice):([a-z_]{1,40})$")
# Imported FAQ ids come from municipalities' spreadsheets: any visible characters. The id only ever
# travels JSON-encoded as an entity value and is looked up in the resident's municipality's file.
_FAQ_TOKEN = re.compile(r"^faq:(\S{1,64})$")
# Regional Q&A entry ids (data/qa/): <topic>.<slug>. Sent as the choose_faq entity with the "qa:" prefix,
# so a picked entry needs no intent of its own (no retraining); actions/faq.py tells the two apart.
_QA_TOKEN = re.compile(r"^qa:([a-z0-9_]{1,40}\.[a-z0-9_]{1,60})$")
OTHER = "other"
ESCALATE = "escalate"
REPORT = "report"
YES = "yes"
NO = "no"


def topic_token(topic: str) -> str:
    """Token for a topic button."""
    return f"topic:{topic}"


def municipality_token(municipality: str) -> str:
    """Token for a municipality button."""
    return f"municipality:{municipality}"


def faq_token(entry_id: str) -> str:
    """Token for an imported FAQ entry button."""
    return f"faq:{entry_id}"


def qa_token(entry_id: str) -> str:
    """Token for a regional Q&A entry button."""
    return f"qa:{entry_id}"


def other_token() -> str:
    """Token for the 「その他」 button."""
    return f"choice:{OTHER}"


def escalate_token() -> str:
    """Token for the 「担当窓口に送る」 button."""
    return f"choice:{ESCALATE}"


def report_token() -> str:
    """Token for the 「場所を伝えて通報する」 button."""
    return f"choice:{REPORT}"


def yes_token() -> str:
    """Token for a yes button (a confirmation)."""
    return f"choice:{YES}"


def no_token() -> str:
    """Token for a no button."""
    return f"choice:{NO}"


def to_rasa_text(text: str, topics: Collection[str], municipalities: Collection[str]) -> str:
    """Translate a button token into a Rasa payload, and neutralise typed payload syntax."""
    stripped = text.strip()
    payload = _payload_for(stripped, topics, municipalities)
    if payload is not None:
        return payload
    if stripped.startswith("/"):
        return "\uff0f" + stripped[1:]
    return stripped


def _payload_for(text: str, topics: Collection[str], municipalities: Collection[str]) -> str | None:
    qa = _QA_TOKEN.match(text)
    if qa:
        return "/choose_faq" + json.dumps({"faq_id": f"qa:{qa.group(1)}"})
    faq = _FAQ_TOKEN.match(text)
    if faq:
        return "/choose_faq" + json.dumps({"faq_id": faq.group(1)})
    match = _TOKEN.match(text)
    if not match:
        return None
    kind, value = match.groups()
    if kind == "topic" and value in topics:
        return f"/{value}"
    if kind == "municipality" and value in municipalities:
        return "/inform_municipality" + json.dumps({"municipality": value})
    if kind == "choice" and value == OTHER:
        return "/deny"
    if kind == "choice" and value in (ESCALATE, REPORT):
        return f"/{value}"
    if kind == "choice" and value == YES:
        return "/affirm"
    if kind == "choice" and value == NO:
        return "/deny"
    return None
