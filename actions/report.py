"""Reports (通報): after a reportable topic, the resident gives the place and the office gets a structured report."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.escalation import deliver, help_first, validate_contact
from actions.handoff import GENERAL_TOPIC
from actions.support import Turn, ask_municipality, latest_confidence, resolve_municipality, turn_meta
from bot.escalations.contact import NONE
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.cache import get_knowledge
from bot.replies.payloads import no_token, yes_token
from bot.replies.templates import Templates
from bot.text import one_line

MAX_PLACE = 300
MIN_PLACE = 2
DESCRIPTION_CHARS = 200
SLOTS = ("report_place", "escalation_contact", "report_confirm")
REPORT_PAYLOAD = "/report"


def reported_topic(tracker: Tracker, kb: KnowledgeBase) -> str | None:
    """The reportable topic the resident was answered last, if any."""
    topic = tracker.get_slot("last_topic")
    return topic if topic in kb.topics and kb.topics[topic].report else None


def description(tracker: Tracker, topic: str | None) -> str:
    """What the resident said about the matter, before pressing the report button.

    Their message that was answered with the topic; when the topic came from a choice button, the last
    message they typed before the report.
    """
    before_report: List[Dict[str, Any]] = []
    since: List[Dict[str, Any]] = []
    for event in tracker.events:
        if event.get("event") != "user":
            continue
        if str(event.get("text") or "").startswith(REPORT_PAYLOAD):
            before_report, since = since, []  # only what was said since the previous report counts
            continue
        since.append(event)
    typed = [e for e in (before_report or since) if not str(e.get("text") or "").startswith("/")]
    for event in reversed(typed):
        parse = event.get("parse_data") or {}
        intents = {
            (parse.get("intent") or {}).get("name"),
            ((parse.get("safety") or {}).get("intent") or {}).get("name"),
        }
        if topic in intents:
            return str(event.get("text"))
    return str(typed[-1].get("text")) if typed else ""


class ValidateReportForm(FormValidationAction):
    """Check the place, the contact answer and the confirmation."""

    def name(self) -> str:
        return "validate_report_form"

    def validate_report_place(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        place = str(value or "").strip()[:MAX_PLACE]
        if len(place) < MIN_PLACE or place.startswith("/"):
            dispatcher.utter_message(response="utter_report_place_invalid")
            return {"report_place": None}
        return {"report_place": place, **help_first(dispatcher, tracker, domain)}

    def validate_escalation_contact(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        return validate_contact(value, dispatcher, tracker, domain)


class ActionAskReportConfirm(Action):
    """Say what will be sent, to whom, and ask to confirm (はい / いいえ buttons; typing works too)."""

    def name(self) -> str:
        return "action_ask_report_confirm"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        kb = get_knowledge()
        templates = Templates.from_domain(domain)
        municipality, _ = resolve_municipality(tracker, kb)
        topic = reported_topic(tracker, kb)
        office = kb.office_for(municipality, topic or GENERAL_TOPIC) if municipality else None
        contact = tracker.get_slot("escalation_contact")
        dispatcher.utter_message(
            text=templates.text(
                "utter_report_summary",
                office_name=office.name if office else "",
                label=kb.label(topic) if topic else "",
                place=tracker.get_slot("report_place") or "",
                description=one_line(description(tracker, topic), DESCRIPTION_CHARS),
                contact=templates.text("utter_report_no_contact_given") if contact in (None, NONE) else contact,
            ),
            buttons=[
                {"title": templates.text("utter_report_yes"), "payload": yes_token()},
                {"title": templates.text("utter_report_no"), "payload": no_token()},
            ],
        )
        return []


class ActionSubmitReport(Action):
    """Send the confirmed report to the responsible office and give the receipt number."""

    def name(self) -> str:
        return "action_submit_report"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        kb = get_knowledge()
        confidence = latest_confidence(tracker)
        municipality, events = resolve_municipality(tracker, kb)
        reset: List[EventType] = [SlotSet(slot, None) for slot in SLOTS] + [SlotSet("pending", None)]
        if not tracker.get_slot("report_confirm"):
            dispatcher.utter_message(response="utter_report_cancelled")
            return events + reset
        if municipality is None:
            return (
                events
                + reset
                + ask_municipality(Turn(dispatcher, kb, Templates.from_domain(domain), confidence), None, "handoff")
            )
        topic = reported_topic(tracker, kb)
        office = kb.office_for(municipality, topic or GENERAL_TOPIC)
        escalation = await deliver(
            tracker,
            office,
            topic,
            description(tracker, topic),
            tracker.get_slot("escalation_contact"),
            place=tracker.get_slot("report_place") or "",
        )
        if escalation is None:
            dispatcher.utter_message(response="utter_escalation_failed", office_name=office.name, phone=office.phone)
            dispatcher.utter_message(
                json_message=turn_meta("handoff", topic, municipality, confidence, office).message()
            )
            return events + reset
        dispatcher.utter_message(response="utter_report_created", office_name=office.name, receipt=escalation.receipt)
        meta = turn_meta("handoff", topic, municipality, confidence, office, receipt=escalation.receipt)
        dispatcher.utter_message(json_message=meta.message())
        return events + reset
