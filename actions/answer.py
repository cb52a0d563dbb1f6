"""Answer catalog topics for the resident's municipality."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.handoff import GENERAL_TOPIC, send_office_contact
from actions.support import (
    PENDING_HANDOFF,
    ask_municipality,
    latest_confidence,
    meta_message,
    resolve_municipality,
)
from bot.answers import compose_answer, office_lines
from bot.faq_answers import FaqMatch, best_entry
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.cache import get_knowledge
from bot.settings import get_settings
from bot.templates import Templates


def answer_topic(dispatcher: CollectingDispatcher, kb: KnowledgeBase, templates: Templates,
                 municipality: str, topic: str, confidence: float | None) -> List[EventType]:
    """Send the answer for a known municipality and topic."""
    answer = kb.answer(municipality, topic)
    dispatcher.utter_message(text=compose_answer(answer, templates))
    dispatcher.utter_message(json_message=meta_message(
        "answer", topic, municipality, confidence, answer.office))
    return [SlotSet("last_topic", topic), SlotSet("pending", None)]


def answer_faq(dispatcher: CollectingDispatcher, kb: KnowledgeBase, templates: Templates,
               municipality: str, match: FaqMatch, topic: Optional[str],
               confidence: Optional[float]) -> List[EventType]:
    """Answer with the municipality's own FAQ entry, its page and the responsible office."""
    entry = match.entry
    name = kb.municipalities[municipality].name
    office = kb.office_for(municipality, topic if topic in kb.topics else GENERAL_TOPIC)
    lines = [templates.text("utter_faq_answer", question=entry.question, answer=entry.answer.strip()),
             templates.text("utter_faq_source", municipality_name=name)]
    contact = office_lines(office, name, templates)
    contact.append(templates.text("utter_official_page", url=entry.url or office.url))
    dispatcher.utter_message(text="\n\n".join(["\n".join(lines), "\n".join(contact)]))
    meta = meta_message("answer", topic if topic in kb.topics else None, municipality, confidence, office)
    meta["meta"]["faq_id"] = entry.id
    dispatcher.utter_message(json_message=meta)
    return [SlotSet("last_topic", topic if topic in kb.topics else None), SlotSet("pending", None)]


def faq_match(tracker: Tracker, municipality: Optional[str]) -> Optional[FaqMatch]:
    """A clear match in the municipality's imported FAQ for the latest message, if any."""
    return best_entry(municipality, tracker.latest_message.get("text") or "",
                      get_settings().faq_min_margin)


class ActionAnswerTopic(Action):
    """Answer the topic of the latest intent, asking for the municipality when unknown."""

    def name(self) -> str:
        return "action_answer_topic"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[str, Any]) -> List[EventType]:
        kb = get_knowledge()
        topic = (tracker.latest_message.get("intent") or {}).get("name")
        confidence = latest_confidence(tracker)
        if topic not in kb.topics:
            dispatcher.utter_message(response="utter_default")
            return []
        municipality, events = resolve_municipality(tracker, kb)
        if municipality is None:
            return events + ask_municipality(dispatcher, kb, topic, f"topic:{topic}", confidence)
        match = faq_match(tracker, municipality)
        if match is not None:
            return events + answer_faq(dispatcher, kb, Templates.from_domain(domain), municipality,
                                       match, topic, confidence)
        return events + answer_topic(dispatcher, kb, Templates.from_domain(domain),
                                     municipality, topic, confidence)


class ActionSetMunicipality(Action):
    """Remember the municipality the resident named, then finish what was pending."""

    def name(self) -> str:
        return "action_set_municipality"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[str, Any]) -> List[EventType]:
        kb = get_knowledge()
        municipality, events = resolve_municipality(tracker, kb)
        confidence = latest_confidence(tracker)
        pending = tracker.get_slot("pending") or ""
        if municipality is None:
            return events + ask_municipality(dispatcher, kb, None, pending, confidence)
        templates = Templates.from_domain(domain)
        if pending.startswith("topic:") and pending[6:] in kb.topics:
            return events + answer_topic(dispatcher, kb, templates, municipality,
                                         pending[6:], confidence)
        if pending == PENDING_HANDOFF:
            return events + send_office_contact(dispatcher, kb, templates, municipality,
                                                tracker.get_slot("last_topic"), confidence)
        name = kb.municipalities[municipality].name
        dispatcher.utter_message(response="utter_municipality_set", municipality_name=name)
        dispatcher.utter_message(json_message=meta_message("chitchat", None, municipality, confidence))
        return events
