"""Offer the closest topics as choices when the assistant is unsure."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.faq import answer_faq, faq_buttons, faq_entries_for
from actions.learning import CLARIFY_RECORD, remember_unanswered
from actions.qa import answer_or_ask, entry_buttons, region_match
from actions.support import Turn, latest_confidence, topic_buttons, turn_meta
from bot.faq.decision import FaqDecision
from bot.faq.models import FaqEntry
from bot.knowledge.ambiguity import which
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.cache import get_knowledge
from bot.replies.payloads import other_token
from bot.replies.templates import Templates
from bot.safety.models import PARSE_KEY as SAFETY
from bot.settings import get_settings


def candidate_topics(ranking: List[Dict[str, Any]], kb: KnowledgeBase, limit: int, min_confidence: float) -> List[str]:
    """The best-ranked catalog topics above a minimum confidence."""
    topics = [
        r["name"] for r in ranking if r.get("name") in kb.topics and float(r.get("confidence") or 0) >= min_confidence
    ]
    return topics[:limit]


def possibly_emergency(ranking: List[Dict[str, Any]], threshold: float, quiet: bool = False) -> bool:
    """Unsure, but it may be an emergency: better to say 119/110 once too often than once too few.

    Not when the safety layer found the message plainly everyday (`quiet`: a CPR course, a drill,
    paperwork after a settled matter), where the line would only alarm.
    """
    return not quiet and any(
        r.get("name") == "emergency" and float(r.get("confidence") or 0) >= threshold for r in ranking
    )


def offer_entries_and_topic(
    turn: Turn, tracker: Tracker, entries: List[FaqEntry], topic: str, municipality: str
) -> List[EventType]:
    """The municipality's own FAQ entries first, then the topic the classifier is not sure of, as choices."""
    record = remember_unanswered(
        "clarify", tracker, tracker.latest_message.get("intent_ranking") or [], turn.kb, municipality
    )
    other = {"title": turn.templates.text("utter_clarify_other"), "payload": other_token()}
    buttons = faq_buttons(entries) + topic_buttons(turn.kb, [topic]) + [other]
    turn.dispatcher.utter_message(response="utter_clarify", buttons=buttons)
    turn.meta("clarify", None, municipality, faq_choices=[entry.id for entry in entries])
    return [SlotSet(CLARIFY_RECORD, record)]


class ActionClarify(Action):
    """Answer the municipality's FAQ entry or a regional Q&A entry that clearly fits; else offer choices.

    The choices: the municipality's FAQ entries, the regional entries that fit about as well, then the
    closest topics. Not when it may be an emergency: then the 119/110 line and the choices, as before.
    """

    def name(self) -> str:
        return "action_clarify"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        kb = get_knowledge()
        settings = get_settings()
        ranking = tracker.latest_message.get("intent_ranking") or []
        topics = candidate_topics(ranking, kb, settings.clarify_candidates, settings.clarify_min_confidence)
        confidence = latest_confidence(tracker)
        municipality = tracker.get_slot("municipality") or (tracker.latest_message.get("metadata") or {}).get(
            "municipality"
        )
        if municipality not in kb.municipalities:
            municipality = None
        quiet = bool((tracker.latest_message.get(SAFETY) or {}).get("quiet"))
        unsure = possibly_emergency(ranking, settings.emergency_min_confidence, quiet)
        if unsure:
            dispatcher.utter_message(response="utter_emergency_unsure")
        decision, entries = faq_entries_for(tracker, municipality)
        templates = Templates.from_domain(domain)
        turn = Turn(dispatcher, kb, templates, confidence)
        if decision is FaqDecision.ANSWER and municipality is not None:  # unsure topics must not pick the office
            return answer_faq(turn, municipality, entries[0], None)
        region = region_match(turn, "" if unsure else tracker.latest_message.get("text") or "")
        if region.entry_id:  # the question names its entry though the topic classifier is unsure
            return answer_or_ask(turn, municipality, region.entry_id)
        record = remember_unanswered(
            "clarify" if topics or entries or region.choices else "fallback", tracker, ranking, kb, municipality
        )
        if entries or region.choices:  # the entries first, then the closest topics
            topics = topics[: max(1, settings.clarify_candidates - len(entries) - len(region.choices))]
        meanings = which(tracker.latest_message.get("text") or "", None, settings.data_dir)
        if meanings and not entries and not region.choices:  # a word with several meanings (data/ambiguity.yml)
            topics = meanings
        if not topics and not entries and not region.choices:
            dispatcher.utter_message(response="utter_default")
            meta = turn_meta("fallback", None, tracker.get_slot("municipality"), confidence)
            if unsure:
                meta.safety_unsure = "emergency"
            dispatcher.utter_message(json_message=meta.message())
            return []
        other = templates.text("utter_clarify_other")
        buttons = faq_buttons(entries) + entry_buttons(turn, region.choices) + topic_buttons(kb, topics)
        buttons.append({"title": other, "payload": other_token()})
        dispatcher.utter_message(response="utter_clarify", buttons=buttons)
        meta = turn_meta("clarify", None, tracker.get_slot("municipality"), confidence)
        if unsure:
            meta.safety_unsure = "emergency"
        if entries:
            meta.faq_choices = [entry.id for entry in entries]
        dispatcher.utter_message(json_message=meta.message())
        return [SlotSet(CLARIFY_RECORD, record)]
