"""Helpers shared by actions: municipality resolution, meta messages, buttons (pure)."""

from __future__ import annotations

from typing import Any, Dict, List, Tuple

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.knowledge.base import KnowledgeBase, Office
from bot.payloads import municipality_token, topic_token

META = "meta"
PENDING_HANDOFF = "handoff"


def meta_message(
    kind: str,
    topic: str | None = None,
    municipality: str | None = None,
    confidence: float | None = None,
    office: Office | None = None,
) -> Dict[str, Any]:
    """The machine-readable summary of a turn (stripped by the runtime before display)."""
    return {
        META: {
            "kind": kind,
            "topic": topic,
            "municipality": municipality,
            "confidence": None if confidence is None else round(float(confidence), 4),
            "office": office.as_meta() if office else None,
        }
    }


def latest_confidence(tracker: Tracker) -> float | None:
    """Confidence of the latest intent."""
    intent = tracker.latest_message.get("intent") or {}
    value = intent.get("confidence")
    return None if value is None else float(value)


def resolve_municipality(tracker: Tracker, kb: KnowledgeBase) -> Tuple[str | None, List[EventType]]:
    """Municipality for this turn: mentioned or remembered, else the widget's site.

    Returns the id and the events needed to remember it.
    """
    slot = tracker.get_slot("municipality")
    if slot in kb.municipalities:
        return slot, []
    metadata = tracker.latest_message.get("metadata") or {}
    site = metadata.get("municipality")
    if site in kb.municipalities:
        return site, [SlotSet("municipality", site)]
    return None, [SlotSet("municipality", None)] if slot else []


def municipality_buttons(kb: KnowledgeBase) -> List[Dict[str, str]]:
    """One button per municipality, in data order."""
    return [{"title": m.name, "payload": municipality_token(m.id)} for m in kb.municipalities.values()]


def topic_buttons(kb: KnowledgeBase, topics: List[str]) -> List[Dict[str, str]]:
    """One button per candidate topic with its readable label."""
    return [{"title": kb.label(t), "payload": topic_token(t)} for t in topics]


def ask_municipality(
    dispatcher: CollectingDispatcher,
    kb: KnowledgeBase,
    topic: str | None,
    pending: str,
    confidence: float | None,
    response: str = "utter_ask_municipality",
) -> List[EventType]:
    """Ask which municipality, remembering what to do once it is known."""
    dispatcher.utter_message(response=response, buttons=municipality_buttons(kb))
    dispatcher.utter_message(json_message=meta_message("ask_municipality", topic, None, confidence))
    return [SlotSet("pending", pending)]
