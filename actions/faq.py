"""Answer from, or offer, the resident's municipality's own imported FAQ entries."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.handoff import GENERAL_TOPIC
from actions.learning import picked_from_choices
from actions.qa import answer_or_ask, pending_entry
from actions.support import Turn, ask_municipality, resolve_municipality
from bot.faq.decision import FaqDecision, pick_entries, published_entries, ranking_for
from bot.faq.models import FaqEntry
from bot.replies.answers import office_lines
from bot.replies.payloads import faq_token, other_token
from bot.settings import get_settings
from bot.text import one_line

FAQ_ENTITY = "faq_id"
CHOICE_TITLE_LENGTH = 60


def answer_faq(turn: Turn, municipality: str, entry: FaqEntry, topic: Optional[str]) -> List[EventType]:
    """Answer with the municipality's own FAQ entry, its page and the responsible office."""
    dispatcher, kb, templates = turn.dispatcher, turn.kb, turn.templates
    topic = topic if topic in kb.topics else None
    name = kb.municipalities[municipality].name
    office = kb.office_for(municipality, topic or GENERAL_TOPIC)
    lines = [
        templates.text("utter_faq_answer", question=entry.question, answer=entry.answer.strip()),
        templates.text("utter_faq_source", municipality_name=name),
    ]
    contact = office_lines(office, name, templates)
    contact.append(templates.text("utter_official_page", url=entry.url or office.url))
    dispatcher.utter_message(text="\n\n".join(["\n".join(lines), "\n".join(contact)]))
    turn.meta("answer", topic, municipality, office, faq_id=entry.id)
    return [SlotSet("last_topic", topic), SlotSet("pending", None)]


def faq_entries_for(tracker: Tracker, municipality: Optional[str]) -> tuple[FaqDecision, List[FaqEntry]]:
    """What the municipality's FAQ offers for the latest message: one entry to answer, choices, or nothing."""
    settings = get_settings()
    ranking = ranking_for(tracker.latest_message, municipality)
    if ranking is None or municipality is None:
        return FaqDecision.NONE, []
    decision = ranking.decision
    if decision is FaqDecision.NONE:
        return decision, []
    entries = pick_entries(
        published_entries(settings.data_dir, municipality),
        ranking.ids,
        1 if decision is FaqDecision.ANSWER else settings.faq_choices,
    )
    if not entries:  # ranked at training time, retired since
        return FaqDecision.NONE, []
    return decision, entries


def faq_buttons(entries: List[FaqEntry]) -> List[Dict[str, str]]:
    """One button per FAQ entry, titled with its question."""
    return [
        {"title": one_line(entry.question, CHOICE_TITLE_LENGTH), "payload": faq_token(entry.id)} for entry in entries
    ]


class ActionAnswerFaq(Action):
    """Answer the FAQ entry the resident picked from the choices."""

    def name(self) -> str:
        return "action_answer_faq"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        turn = Turn.start(dispatcher, tracker, domain)
        municipality, events = resolve_municipality(tracker, turn.kb)
        events += picked_from_choices(tracker)
        entry_id = next(tracker.get_latest_entity_values(FAQ_ENTITY), None)
        regional = pending_entry(turn, str(entry_id or ""))  # a regional Q&A entry ("qa:<id>") offered as a choice
        if regional:
            return events + answer_or_ask(turn, municipality, regional)
        if municipality is None:
            return events + ask_municipality(turn, None, "")
        entry = published_entries(get_settings().data_dir, municipality).get(str(entry_id))
        if entry is None:
            dispatcher.utter_message(response="utter_default")
            turn.meta("fallback", None, municipality)
            return events
        return events + answer_faq(turn, municipality, entry, None)


class ActionOutOfScope(Action):
    """Small talk never hides a matching FAQ entry: answer it when the gate is sure, offer the entries when unsure."""

    def name(self) -> str:
        return "action_out_of_scope"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        turn = Turn.start(dispatcher, tracker, domain)
        municipality, events = resolve_municipality(tracker, turn.kb)
        decision, entries = faq_entries_for(tracker, municipality)
        if decision is FaqDecision.ANSWER and municipality is not None:
            return events + answer_faq(turn, municipality, entries[0], None)
        if decision is FaqDecision.CHOICES and entries:
            dispatcher.utter_message(response="utter_out_of_scope")
            other = {"title": turn.templates.text("utter_clarify_other"), "payload": other_token()}
            dispatcher.utter_message(response="utter_clarify", buttons=faq_buttons(entries) + [other])
            turn.meta("clarify", None, municipality, faq_choices=[entry.id for entry in entries])
            return events
        dispatcher.utter_message(response="utter_out_of_scope")
        turn.meta("fallback", None, municipality)
        return events
