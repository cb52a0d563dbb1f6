"""Queue what the assistant could not answer for staff review, and take it back when a choice was picked."""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from redis.exceptions import RedisError

from bot.knowledge.base import KnowledgeBase
from bot.learning.service import get_learning_store

logger = logging.getLogger(__name__)

# Slot holding the review-queue id of the latest clarification, until the resident picks a choice.
CLARIFY_RECORD = "clarify_record"


def remember_unanswered(
    kind: str, tracker: Tracker, ranking: List[Dict[str, Any]], kb: KnowledgeBase, municipality: Optional[str]
) -> Optional[str]:
    """Queue the question for staff review (masked) and return its id; never let this break the reply."""
    store = get_learning_store()
    text = tracker.latest_message.get("text") or ""
    if store is None or not text or text.startswith("/"):
        return None
    guesses = [(r["name"], float(r.get("confidence") or 0)) for r in ranking if r.get("name") in kb.topics]
    try:
        return store.record(kind, text, municipality, guesses).id
    except (RedisError, OSError) as error:
        logger.warning("could not queue unanswered question: %s", type(error).__name__)
        return None


def picked_from_choices(tracker: Tracker) -> List[EventType]:
    """The resident clicked one of the offered choices: that clarification found its answer."""
    record = tracker.get_slot(CLARIFY_RECORD)
    if not record:
        return []
    if (tracker.latest_message.get("text") or "").startswith("/"):  # a button, not typed text
        store = get_learning_store()
        try:
            if store is not None:
                store.resolve([str(record)])
        except (RedisError, OSError) as error:
            logger.warning("could not update the review queue: %s", type(error).__name__)
    return [SlotSet(CLARIFY_RECORD, None)]
