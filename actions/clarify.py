"""Offer the closest topics as choices when the assistant is unsure."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.support import latest_confidence, meta_message, topic_buttons
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.cache import get_knowledge
from bot.payloads import other_token
from bot.settings import get_settings
from bot.templates import Templates


def candidate_topics(ranking: List[Dict[str, Any]], kb: KnowledgeBase,
                     limit: int, min_confidence: float) -> List[str]:
    """The best-ranked catalog topics above a minimum confidence."""
    topics = [r["name"] for r in ranking
              if r.get("name") in kb.topics and float(r.get("confidence") or 0) >= min_confidence]
    return topics[:limit]


class ActionClarify(Action):
    """Offer the top 2–3 topics as buttons plus 「その他」."""

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
        if not topics:
            dispatcher.utter_message(response="utter_default")
            dispatcher.utter_message(json_message=meta_message(
                "fallback", None, tracker.get_slot("municipality"), confidence))
            return []
        other = Templates.from_domain(domain).text("utter_clarify_other")
        buttons = topic_buttons(kb, topics) + [{"title": other, "payload": other_token()}]
        dispatcher.utter_message(response="utter_clarify", buttons=buttons)
        dispatcher.utter_message(json_message=meta_message(
            "clarify", None, tracker.get_slot("municipality"), confidence))
        return []
