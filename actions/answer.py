"""Answer catalog topics for the resident's municipality."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.faq import answer_faq, faq_entries_for
from actions.handoff import send_office_contact
from actions.learning import picked_from_choices
from actions.support import (
    PENDING_HANDOFF,
    ask_municipality,
    latest_confidence,
    meta_message,
    resolve_municipality,
)
from bot.answers import compose_answer
from bot.faq_answers import FaqDecision
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.cache import get_knowledge
from bot.templates import Templates


def answer_topic(
    dispatcher: CollectingDispatcher,
    kb: KnowledgeBase,
    templates: Templates,
    municipality: str,
    topic: str,
    confidence: float | None,
) -> List[EventType]:
    """Send the answer for a known municipality and topic."""
    answer = kb.answer(municipality, topic)
    dispatcher.utter_message(text=compose_answer(answer, templates))
    dispatcher.utter_message(json_message=meta_message("answer", topic, municipality, confidence, answer.office))
    return [SlotSet("last_topic", topic), SlotSet("pending", None)]


class ActionAnswerTopic(Action):
    """Answer the topic of the latest intent, asking for the municipality when unknown."""

    def name(self) -> str:
        return "action_answer_topic"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        kb = get_knowledge()
        topic = (tracker.latest_message.get("intent") or {}).get("name")
        confidence = latest_confidence(tracker)
        if topic not in kb.topics:
            dispatcher.utter_message(response="utter_default")
            return []
        municipality, events = resolve_municipality(tracker, kb)
        events += picked_from_choices(tracker)
        if municipality is None:
            return events + ask_municipality(dispatcher, kb, topic, f"topic:{topic}", confidence)
        decision, entries = faq_entries_for(tracker, municipality)
        if decision is FaqDecision.ANSWER:
            return events + answer_faq(
                dispatcher, kb, Templates.from_domain(domain), municipality, entries[0], topic, confidence
            )
        return events + answer_topic(dispatcher, kb, Templates.from_domain(domain), municipality, topic, confidence)


class ActionSetMunicipality(Action):
    """Remember the municipality the resident named, then finish what was pending."""

    def name(self) -> str:
        return "action_set_municipality"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        kb = get_knowledge()
        municipality, events = resolve_municipality(tracker, kb)
        confidence = latest_confidence(tracker)
        pending = tracker.get_slot("pending") or ""
        if municipality is None:
            return events + ask_municipality(dispatcher, kb, None, pending, confidence)
        templates = Templates.from_domain(domain)
        if pending.startswith("topic:") and pending[6:] in kb.topics:
            return events + answer_topic(dispatcher, kb, templates, municipality, pending[6:], confidence)
        if pending == PENDING_HANDOFF:
            return events + send_office_contact(
                dispatcher, kb, templates, municipality, tracker.get_slot("last_topic"), confidence
            )
        name = kb.municipalities[municipality].name
        dispatcher.utter_message(response="utter_municipality_set", municipality_name=name)
        dispatcher.utter_message(json_message=meta_message("chitchat", None, municipality, confidence))
        return events
