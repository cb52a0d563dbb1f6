"""Helpers shared by actions: municipality resolution, meta messages, buttons (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Tuple

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.knowledge.base import KnowledgeBase, Office
from bot.knowledge.cache import get_knowledge
from bot.replies.payloads import municipality_token, topic_token
from bot.replies.templates import Templates
from bot.turn import Kind, TurnMeta

PENDING_HANDOFF = "handoff"


def turn_meta(
    kind: Kind,
    topic: str | None = None,
    municipality: str | None = None,
    confidence: float | None = None,
    office: Office | None = None,
    **extra: Any,
) -> TurnMeta:
    """The machine-readable summary of a turn (sent as `.message()`, stripped by the runtime before display)."""
    return TurnMeta(
        kind=kind,
        topic=topic,
        municipality=municipality,
        confidence=confidence,
        office=office.as_meta() if office else None,
        **extra,
    )


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


@dataclass(frozen=True)
class Turn:
    """One action run: where replies go, what the assistant knows, its sentences, and how sure NLU was."""

    dispatcher: CollectingDispatcher
    kb: KnowledgeBase
    templates: Templates
    confidence: float | None

    @classmethod
    def start(cls, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> "Turn":
        """The turn of the latest message."""
        return cls(dispatcher, get_knowledge(), Templates.from_domain(domain), latest_confidence(tracker))

    def meta(
        self,
        kind: Kind,
        topic: str | None = None,
        municipality: str | None = None,
        office: Office | None = None,
        **extra: Any,
    ) -> None:
        """Send the turn's meta (the last one sent is the turn's)."""
        meta = turn_meta(kind, topic, municipality, self.confidence, office, **extra)
        self.dispatcher.utter_message(json_message=meta.message())


def ask_municipality(
    turn: Turn, topic: str | None, pending: str, response: str = "utter_ask_municipality"
) -> List[EventType]:
    """Ask which municipality, remembering what to do once it is known."""
    turn.dispatcher.utter_message(response=response, buttons=municipality_buttons(turn.kb))
    turn.meta("ask_municipality", topic)
    return [SlotSet("pending", pending)]
