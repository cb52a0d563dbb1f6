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
from actions.support import Turn, ask_municipality, latest_confidence, resolve_municipality, turn_meta
from bot.escalations.contact import DECLINE_WORDS, parse_contact
from bot.escalations.models import Escalation
from bot.escalations.notify import notify
from bot.escalations.service import (
    EscalationsUnavailable,
    build_escalation,
    get_accounts,
    get_store,
    mail_texts,
)
from bot.knowledge.base import Office
from bot.knowledge.cache import get_knowledge
from bot.replies.templates import Templates
from bot.safety.catalogue import get_catalogue
from bot.settings import get_settings

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


def validate_contact(
    value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
) -> Dict[str, Any]:
    """The contact answer of an inquiry or report form: a phone, an e-mail address, or declined."""
    contact = parse_contact(str(value or ""))
    if contact is None:
        dispatcher.utter_message(response="utter_escalation_contact_invalid")
    return {"escalation_contact": contact, **help_first(dispatcher, tracker, domain)}


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
        return validate_contact(value, dispatcher, tracker, domain)


async def deliver(
    tracker: Tracker,
    office: Office,
    topic: str | None,
    message: str,
    contact: str | None,
    place: str | None = None,
) -> Escalation | None:
    """Store the inquiry (a report when `place` is given) durably and notify the office; None if it failed."""
    settings = get_settings()
    now = dt.datetime.now(dt.timezone.utc)
    safety = list(tracker.get_slot("safety_categories") or [])
    try:
        store = get_store()
        escalation = build_escalation(
            store.new_receipt(now),
            tracker.sender_id,
            office,
            topic,
            message,
            contact,
            tracker.events,
            now,
            safety=safety,
            urgent=get_catalogue().is_urgent(safety),
            place=place,
        )
        store.save(escalation)
    except (EscalationsUnavailable, RedisError, OSError) as error:
        logger.warning("escalation not stored: %s", type(error).__name__)
        return None
    recipients = [a.email for a in get_accounts().for_office(escalation.office_key) if a.email]
    texts = mail_texts()
    await asyncio.to_thread(notify, escalation, settings, recipients, texts["subject"], texts["body"])
    return escalation


class ActionSubmitEscalation(Action):
    """Store the escalation durably, notify the office and give the receipt number."""

    def name(self) -> str:
        return "action_submit_escalation"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        kb = get_knowledge()
        confidence = latest_confidence(tracker)
        municipality, events = resolve_municipality(tracker, kb)
        reset = [SlotSet("escalation_message", None), SlotSet("escalation_contact", None), SlotSet("pending", None)]
        if municipality is None:
            return (
                events
                + reset
                + ask_municipality(Turn(dispatcher, kb, Templates.from_domain(domain), confidence), None, "handoff")
            )
        topic = tracker.get_slot("last_topic")
        topic = topic if topic in kb.topics else None
        office = kb.office_for(municipality, topic or GENERAL_TOPIC)
        message = tracker.get_slot("escalation_message") or ""
        escalation = await deliver(tracker, office, topic, message, tracker.get_slot("escalation_contact"))
        if escalation is None:
            dispatcher.utter_message(response="utter_escalation_failed", office_name=office.name, phone=office.phone)
            dispatcher.utter_message(
                json_message=turn_meta("handoff", topic, municipality, confidence, office).message()
            )
            return events + reset
        dispatcher.utter_message(
            response="utter_escalation_created",
            office_name=office.name,
            receipt=escalation.receipt,
            phone=office.phone,
        )
        meta = turn_meta("handoff", escalation.topic, municipality, confidence, office, receipt=escalation.receipt)
        dispatcher.utter_message(json_message=meta.message())
        return events + reset
