"""Mask the resident's words in a serialised Rasa conversation (pure over the dialogue dict)."""

from __future__ import annotations

from typing import Any, Dict

from bot.privacy import mask_pii

# Free-text slots holding the resident's words; escalation_contact (consented) and report_place
# (where the problem is, sent to the office when the resident confirms) stay as typed.
MASKED_SLOTS = frozenset({"escalation_message"})


def mask_dialogue(dialogue: Dict[str, Any]) -> Dict[str, Any]:
    """`dialogue` (Dialogue.as_dict()) with user texts and free-text slots masked, in place."""
    for event in dialogue.get("events") or []:
        kind = event.get("event")
        if kind == "user":
            if isinstance(event.get("text"), str):
                event["text"] = mask_pii(event["text"])
            parse = event.get("parse_data")
            if isinstance(parse, dict) and isinstance(parse.get("text"), str):
                parse["text"] = mask_pii(parse["text"])
        elif kind == "slot" and event.get("name") in MASKED_SLOTS and isinstance(event.get("value"), str):
            event["value"] = mask_pii(event["value"])
    return dialogue
