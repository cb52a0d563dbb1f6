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
OTHER = "other"
ESCALATE = "escalate"


def topic_token(topic: str) -> str:
    """Token for a topic button."""
    return f"topic:{topic}"


def municipality_token(municipality: str) -> str:
    """Token for a municipality button."""
    return f"municipality:{municipality}"


def other_token() -> str:
    """Token for the 「その他」 button."""
    return f"choice:{OTHER}"


def escalate_token() -> str:
    """Token for the 「担当窓口に送る」 button."""
    return f"choice:{ESCALATE}"


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
    if kind == "choice" and value == ESCALATE:
        return "/escalate"
    return None
