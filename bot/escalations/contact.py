"""Read a contact the resident agreed to share, and build the masked transcript (pure)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any, Dict, Iterable, List

from bot.escalations.models import Line
from bot.privacy import EMAIL, PHONE, mask_pii

DECLINE_WORDS = {"なし", "無し", "ない", "いいえ", "不要", "いらない", "結構です", "no", "none"}
NONE = "none"


def parse_contact(text: str) -> str | None:
    """A phone number or e-mail address, NONE if declined, or None if neither was given."""
    folded = unicodedata.normalize("NFKC", text).strip()
    if folded.lower().rstrip("。.!！") in DECLINE_WORDS:
        return NONE
    email = EMAIL.search(folded)
    if email:
        return email.group(0)
    phone = PHONE.search(folded)
    return phone.group(0) if phone else None


def transcript(events: Iterable[Dict[str, Any]], keep: Iterable[str] = (), limit: int = 16) -> List[Line]:
    """The last user/bot lines of a conversation, with personal data masked (except `keep`)."""
    lines: List[Line] = []
    for event in events:
        text = event.get("text")
        if not text or event.get("event") not in {"user", "bot"}:
            continue
        if event["event"] == "user" and str(text).startswith("/"):
            continue  # button payloads are shown by their bot context, not as resident words
        speaker = "resident" if event["event"] == "user" else "bot"
        lines.append(Line(speaker=speaker, text=mask_pii(str(text), keep=keep)))
    return lines[-limit:]


def last_resident_time(events: Iterable[Dict[str, Any]]) -> dt.datetime | None:
    """When the resident last typed something (button payloads are not their words)."""
    stamps = [
        float(e["timestamp"])
        for e in events
        if e.get("event") == "user" and e.get("timestamp") and not str(e.get("text") or "/").startswith("/")
    ]
    return dt.datetime.fromtimestamp(max(stamps), dt.timezone.utc) if stamps else None
