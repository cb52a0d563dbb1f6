"""Answer catalog topics for the resident's municipality."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.clarify import offer_entries_and_topic
from actions.faq import answer_faq, faq_entries_for
from actions.handoff import send_office_contact
from actions.learning import picked_from_choices
from actions.qa import PENDING_PREFIX, answer_entry, asked_text, entry_for, pending_entry
from actions.support import (
    PENDING_HANDOFF,
    Turn,
    ask_municipality,
    resolve_municipality,
    topic_buttons,
)
from bot.faq.decision import FaqDecision
from bot.knowledge.ambiguity import which
from bot.replies.answers import compose_answer
from bot.replies.payloads import other_token, report_token
from bot.settings import get_settings


def answer_topic(turn: Turn, municipality: str, topic: str) -> List[EventType]:
    """Send the answer for a known municipality and topic."""
    answer = turn.kb.answer(municipality, topic)
    turn.dispatcher.utter_message(text=compose_answer(answer, turn.templates))
    if turn.kb.topics[topic].report and get_settings().redis_url:  # reports are stored with the escalations
        button = {"title": turn.templates.text("utter_report_button"), "payload": report_token()}
        turn.dispatcher.utter_message(
            text=turn.templates.text("utter_report_offer", office_name=answer.office.name), buttons=[button]
        )
    turn.meta("answer", topic, municipality, answer.office)
    return [SlotSet("last_topic", topic), SlotSet("pending", None)]


class ActionAnswerTopic(Action):
    """Answer the topic of the latest intent, asking for the municipality when unknown."""

    def name(self) -> str:
        return "action_answer_topic"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        turn = Turn.start(dispatcher, tracker, domain)
        kb = turn.kb
        topic = (tracker.latest_message.get("intent") or {}).get("name")
        if topic not in kb.topics:
            dispatcher.utter_message(response="utter_default")
            return []
        choices = which(tracker.latest_message.get("text") or "", topic, get_settings().data_dir)
        if choices:  # a word with several meanings: ask back rather than guess
            other = {"title": turn.templates.text("utter_clarify_other"), "payload": other_token()}
            dispatcher.utter_message(response="utter_clarify_which", buttons=topic_buttons(kb, choices) + [other])
            turn.meta("clarify", None, tracker.get_slot("municipality"))
            return []
        municipality, events = resolve_municipality(tracker, kb)
        entry = entry_for(turn, topic, asked_text(tracker))
        events += picked_from_choices(tracker)
        if municipality is None:
            pending = f"{PENDING_PREFIX}{entry}" if entry else f"topic:{topic}"
            return events + ask_municipality(turn, topic, pending)
        decision, entries = faq_entries_for(tracker, municipality)
        if decision is FaqDecision.ANSWER:
            return events + answer_faq(turn, municipality, entries[0], topic)
        if entry:
            return events + answer_entry(turn, municipality, entry)
        if decision is FaqDecision.CHOICES and entries and (turn.confidence or 0.0) < get_settings().faq_over_topic:
            return events + offer_entries_and_topic(turn, tracker, entries, topic, municipality)
        return events + answer_topic(turn, municipality, topic)


class ActionSetMunicipality(Action):
    """Remember the municipality the resident named, then finish what was pending."""

    def name(self) -> str:
        return "action_set_municipality"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        turn = Turn.start(dispatcher, tracker, domain)
        kb = turn.kb
        municipality, events = resolve_municipality(tracker, kb)
        pending = tracker.get_slot("pending") or ""
        if municipality is None:
            return events + ask_municipality(turn, None, pending)
        entry = pending_entry(turn, pending)
        if entry:
            return events + answer_entry(turn, municipality, entry)
        if pending.startswith("topic:") and pending[6:] in kb.topics:
            return events + answer_topic(turn, municipality, pending[6:])
        if pending == PENDING_HANDOFF:
            return events + send_office_contact(turn, municipality, tracker.get_slot("last_topic"))
        name = kb.municipalities[municipality].name
        dispatcher.utter_message(response="utter_municipality_set", municipality_name=name)
        turn.meta("chitchat", None, municipality)
        return events
