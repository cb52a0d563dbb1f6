"""Send an inquiry to the responsible office: collect message and consented contact, store, notify."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from typing import Any, Dict, List

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from redis.exceptions import RedisError

from actions.handoff import GENERAL_TOPIC
from actions.safety import found_categories, safety_texts
from actions.support import ask_municipality, latest_confidence, meta_message, resolve_municipality
from bot.escalations.contact import DECLINE_WORDS, parse_contact
from bot.escalations.notify import notify
from bot.escalations.service import (
    EscalationsUnavailable,
    build_escalation,
    get_accounts,
    get_store,
    mail_texts,
)
from bot.knowledge.cache import get_knowledge
from bot.safety.catalogue import get_catalogue
from bot.settings import get_settings
from bot.templates import Templates

logger = logging.getLogger(__name__)
MAX_MESSAGE = 1000


def help_first(dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[str, Any]:
    """A crisis typed into the form: its help is said at once, and the inquiry will be marked urgent."""
    catalogue = get_catalogue()
    categories = found_categories(tracker, catalogue)
    if not categories:
        return {}
    kb = get_knowledge()
    municipality, _ = resolve_municipality(tracker, kb)
    for text in safety_texts(categories, catalogue, Templates.from_domain(domain), kb, municipality):
        dispatcher.utter_message(text=text)
    seen = list(tracker.get_slot("safety_categories") or [])
    return {"safety_categories": seen + [c for c in categories if c not in seen]}


class ValidateEscalationForm(FormValidationAction):
    """Check the resident's message and contact answer."""

    def name(self) -> str:
        return "validate_escalation_form"

    def validate_escalation_message(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        text = str(value or "").strip()[:MAX_MESSAGE]
        return {"escalation_message": "" if text in DECLINE_WORDS else text, **help_first(dispatcher, tracker, domain)}

    def validate_escalation_contact(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        contact = parse_contact(str(value or ""))
        if contact is None:
            dispatcher.utter_message(response="utter_escalation_contact_invalid")
        return {"escalation_contact": contact, **help_first(dispatcher, tracker, domain)}


class ActionSubmitEscalation(Action):
    """Store the escalation durably, notify the office and give the receipt number."""

    def name(self) -> str:
        return "action_submit_escalation"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        kb = get_knowledge()
        settings = get_settings()
        confidence = latest_confidence(tracker)
        municipality, events = resolve_municipality(tracker, kb)
        reset = [SlotSet("escalation_message", None), SlotSet("escalation_contact", None), SlotSet("pending", None)]
        if municipality is None:
            return events + reset + ask_municipality(dispatcher, kb, None, "handoff", confidence)
        topic = tracker.get_slot("last_topic")
        office = kb.office_for(municipality, topic if topic in kb.topics else GENERAL_TOPIC)
        now = dt.datetime.now(dt.timezone.utc)
        safety = list(tracker.get_slot("safety_categories") or [])
        try:
            store = get_store()
            receipt = store.new_receipt(now)
            escalation = build_escalation(
                receipt,
                tracker.sender_id,
                office,
                topic if topic in kb.topics else None,
                tracker.get_slot("escalation_message") or "",
                tracker.get_slot("escalation_contact"),
                tracker.events,
                now,
                safety=safety,
                urgent=get_catalogue().is_urgent(safety),
            )
            store.save(escalation)
        except (EscalationsUnavailable, RedisError, OSError) as error:
            logger.warning("escalation not stored: %s", type(error).__name__)
            dispatcher.utter_message(response="utter_escalation_failed", office_name=office.name, phone=office.phone)
            dispatcher.utter_message(json_message=meta_message("handoff", topic, municipality, confidence, office))
            return events + reset
        recipients = [a.email for a in get_accounts().for_office(escalation.office_key) if a.email]
        texts = mail_texts()
        await asyncio.to_thread(notify, escalation, settings, recipients, texts["subject"], texts["body"])
        dispatcher.utter_message(
            response="utter_escalation_created", office_name=office.name, receipt=receipt, phone=office.phone
        )
        meta = meta_message("handoff", escalation.topic, municipality, confidence, office)
        meta["meta"]["receipt"] = receipt
        dispatcher.utter_message(json_message=meta)
        return events + reset
