"""Give the responsible office's contact when the bot cannot help or a person is wanted."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.support import (
    PENDING_HANDOFF,
    Turn,
    ask_municipality,
    resolve_municipality,
)
from bot.replies.answers import office_lines
from bot.replies.payloads import escalate_token
from bot.settings import get_settings

GENERAL_TOPIC = "office_hours_access"


def send_office_contact(turn: Turn, municipality: str, topic: str | None) -> List[EventType]:
    """Tell the resident which office handles their matter and how to reach it."""
    dispatcher, kb, templates = turn.dispatcher, turn.kb, turn.templates
    topic_id = topic if topic in kb.topics else GENERAL_TOPIC
    office = kb.office_for(municipality, topic_id)
    name = kb.municipalities[municipality].name
    lines = [templates.text("utter_handoff")] + office_lines(office, name, templates)
    lines.append(templates.text("utter_official_page", url=office.url))
    dispatcher.utter_message(text="\n".join(lines))
    if get_settings().redis_url:
        button = {"title": templates.text("utter_escalate_button"), "payload": escalate_token()}
        dispatcher.utter_message(response="utter_handoff_offer", buttons=[button])
    turn.meta("handoff", topic if topic in kb.topics else None, municipality, office)
    return [SlotSet("pending", None)]


class ActionHandoff(Action):
    """Point the resident to the office for their last topic (or the main office)."""

    def name(self) -> str:
        return "action_handoff"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        turn = Turn.start(dispatcher, tracker, domain)
        municipality, events = resolve_municipality(tracker, turn.kb)
        if municipality is None:
            return events + ask_municipality(turn, None, PENDING_HANDOFF, response="utter_handoff_ask_municipality")
        return events + send_office_contact(turn, municipality, tracker.get_slot("last_topic"))
