"""Say the right help first when the safety layer recognised a crisis, abuse or danger."""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from redis.exceptions import RedisError

from actions.answer import answer_topic
from actions.clarify import ActionClarify
from actions.support import Turn, ask_municipality, latest_confidence, resolve_municipality, turn_meta
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.cache import get_knowledge
from bot.learning.service import get_learning_store
from bot.replies.templates import Templates
from bot.safety.catalogue import SafetyCatalogue, get_catalogue
from bot.safety.models import PARSE_KEY as SAFETY
from bot.safety.reply import maybe_text, render
from bot.turn import TurnMeta

logger = logging.getLogger(__name__)
SLOT = "safety_categories"


def found_categories(tracker: Tracker, catalogue: SafetyCatalogue) -> List[str]:
    """The categories the safety layer found in the latest message (known replies only)."""
    found = tracker.latest_message.get(SAFETY) or {}
    return [c for c in found.get("categories") or [] if c in catalogue.replies]


def safety_texts(
    categories: List[str],
    catalogue: SafetyCatalogue,
    templates: Templates,
    kb: KnowledgeBase,
    municipality: Optional[str],
) -> List[str]:
    """One reply per category, each naming the municipality's office for it where one is listed."""
    texts = []
    for category in categories:
        function = catalogue.reply(category).office
        office = kb.office_for_function(municipality, function) if municipality and function else None
        name = kb.municipalities[municipality].name if municipality else None
        texts.append(render(category, catalogue, templates, office, name))
    return texts


def flag_for_review(tracker: Tracker, categories: List[str], municipality: Optional[str]) -> None:
    """Keep the message (masked, flagged) for staff; never let this break the reply."""
    store = get_learning_store()
    text = tracker.latest_message.get("text") or ""
    if store is None or not text:
        return
    try:
        store.record("safety", text, municipality, [], safety=categories)
    except (RedisError, OSError) as error:
        logger.warning("could not flag a safety message for review: %s", type(error).__name__)


# The topic classifier's confidence for a "maybe" message to be answered as that topic (else choices).
MAYBE_TOPIC_CONFIDENCE = 0.5


def tag_meta(dispatcher: CollectingDispatcher, **values: Any) -> None:
    """Set fields of the turn's meta (the last meta message sent), checked against the contract."""
    for message in reversed(dispatcher.messages):
        custom = message.get("custom")
        if TurnMeta.is_meta(custom):
            message["custom"] = TurnMeta.from_custom(custom).copy(update=values).message()
            TurnMeta.from_custom(message["custom"])  # copy(update=) skips validation: check here
            return


async def answer_with_pointer(
    category: str, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
) -> List[EventType]:
    """Maybe a crisis: its one-line pointer, then the ordinary answer (the topic, or choices)."""
    kb, catalogue = get_knowledge(), get_catalogue()
    templates = Templates.from_domain(domain)
    pointer = maybe_text(category, catalogue, templates)
    if pointer:
        dispatcher.utter_message(text=pointer)
    first = (tracker.latest_message.get(SAFETY) or {}).get("intent") or {}
    topic, confidence = first.get("name"), float(first.get("confidence") or 0)
    if topic in kb.topics and confidence >= MAYBE_TOPIC_CONFIDENCE:
        municipality, events = resolve_municipality(tracker, kb)
        if municipality is None:
            events += ask_municipality(Turn(dispatcher, kb, templates, confidence), topic, f"topic:{topic}")
        else:
            events += answer_topic(Turn(dispatcher, kb, templates, confidence), municipality, topic)
    else:
        events = await ActionClarify().run(dispatcher, tracker, domain)
    tag_meta(dispatcher, safety_maybe=category)
    return events


class ActionSafety(Action):
    """The safety replies first; then the topic too when the message is also plainly a procedure."""

    def name(self) -> str:
        return "action_safety"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        kb, catalogue = get_knowledge(), get_catalogue()
        categories = found_categories(tracker, catalogue)
        maybe = (tracker.latest_message.get(SAFETY) or {}).get("maybe")
        if not categories and maybe in catalogue.replies:
            return await answer_with_pointer(str(maybe), dispatcher, tracker, domain)
        municipality, events = resolve_municipality(tracker, kb)
        templates = Templates.from_domain(domain)
        confidence = latest_confidence(tracker)
        for text in safety_texts(categories, catalogue, templates, kb, municipality):
            dispatcher.utter_message(text=text)
        flag_for_review(tracker, categories, municipality)
        seen = list(tracker.get_slot(SLOT) or [])
        events.append(SlotSet(SLOT, seen + [c for c in categories if c not in seen]))
        topic = (tracker.latest_message.get(SAFETY) or {}).get("topic")
        office = None
        if topic in kb.topics and municipality is not None:
            events += answer_topic(Turn(dispatcher, kb, templates, confidence), municipality, topic)
            office = kb.office_for(municipality, topic)
        meta = turn_meta("safety", topic if office else None, municipality, confidence, office, safety=categories)
        dispatcher.utter_message(json_message=meta.message())
        return events
