"""Offer the closest topics as choices when the assistant is unsure."""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from redis.exceptions import RedisError

from actions.faq import answer_faq, faq_buttons, faq_entries_for
from actions.support import latest_confidence, meta_message, topic_buttons
from bot.faq_answers import FaqDecision
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.cache import get_knowledge
from bot.learning.service import get_learning_store
from bot.payloads import other_token
from bot.settings import get_settings
from bot.templates import Templates

logger = logging.getLogger(__name__)


def candidate_topics(ranking: List[Dict[str, Any]], kb: KnowledgeBase,
                     limit: int, min_confidence: float) -> List[str]:
    """The best-ranked catalog topics above a minimum confidence."""
    topics = [r["name"] for r in ranking
              if r.get("name") in kb.topics and float(r.get("confidence") or 0) >= min_confidence]
    return topics[:limit]


def remember_unanswered(kind: str, tracker: Tracker, ranking: List[Dict[str, Any]],
                        kb: KnowledgeBase, municipality: Optional[str]) -> None:
    """Queue the question for staff review (masked); never let this break the reply."""
    store = get_learning_store()
    text = tracker.latest_message.get("text") or ""
    if store is None or not text or text.startswith("/"):
        return
    guesses = [(r["name"], float(r.get("confidence") or 0)) for r in ranking if r.get("name") in kb.topics]
    try:
        store.record(kind, text, municipality, guesses)
    except (RedisError, OSError) as error:
        logger.warning("could not queue unanswered question: %s", type(error).__name__)


def possibly_emergency(ranking: List[Dict[str, Any]], threshold: float) -> bool:
    """Unsure, but it may be an emergency: better to say 119/110 once too often than once too few."""
    return any(r.get("name") == "emergency" and float(r.get("confidence") or 0) >= threshold
               for r in ranking)


class ActionClarify(Action):
    """Answer from the municipality's FAQ when one entry clearly fits; else offer FAQ entries and topics as choices."""

    def name(self) -> str:
        return "action_clarify"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[str, Any]) -> List[EventType]:
        kb = get_knowledge()
        settings = get_settings()
        ranking = tracker.latest_message.get("intent_ranking") or []
        topics = candidate_topics(ranking, kb, settings.clarify_candidates,
                                  settings.clarify_min_confidence)
        confidence = latest_confidence(tracker)
        municipality = tracker.get_slot("municipality") or (tracker.latest_message.get("metadata") or {}).get(
            "municipality")
        if municipality not in kb.municipalities:
            municipality = None
        if possibly_emergency(ranking, settings.emergency_min_confidence):
            dispatcher.utter_message(response="utter_emergency")
        decision, entries = faq_entries_for(tracker, municipality)
        templates = Templates.from_domain(domain)
        if decision is FaqDecision.ANSWER and municipality is not None:  # unsure topics must not pick the office
            return answer_faq(dispatcher, kb, templates, municipality, entries[0], None, confidence)
        remember_unanswered("clarify" if topics or entries else "fallback", tracker, ranking, kb, municipality)
        if entries:  # the municipality's own entries first, then the closest topics
            topics = topics[: max(1, settings.clarify_candidates - len(entries))]
        if not topics and not entries:
            dispatcher.utter_message(response="utter_default")
            dispatcher.utter_message(json_message=meta_message(
                "fallback", None, tracker.get_slot("municipality"), confidence))
            return []
        other = templates.text("utter_clarify_other")
        buttons = faq_buttons(entries) + topic_buttons(kb, topics) + [{"title": other, "payload": other_token()}]
        dispatcher.utter_message(response="utter_clarify", buttons=buttons)
        meta = meta_message("clarify", None, tracker.get_slot("municipality"), confidence)
        if entries:
            meta["meta"]["faq_choices"] = [entry.id for entry in entries]
        dispatcher.utter_message(json_message=meta)
        return []
