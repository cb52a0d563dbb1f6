"""Answer with a regional Q&A entry (data/qa/): its answer first, then local facts, the office and 「くわしく」."""

from __future__ import annotations

from typing import List

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet

from actions.support import Turn
from bot.qa.selection import select_entry
from bot.replies.payloads import topic_token
from bot.replies.qa import compose_entry
from bot.turn import TurnMeta

PENDING_PREFIX = "qa:"


def asked_text(tracker: Tracker) -> str:
    """The resident's question to choose an entry for.

    Typed text is the question. A topic picked from the choices the previous turn offered answers the
    question that led to them, so that question is used; any other button (「くわしく」, a menu) asks
    no question of its own.
    """
    text = tracker.latest_message.get("text") or ""
    if not text.startswith("/"):
        return text
    users = [i for i, event in enumerate(tracker.events) if event.get("event") == "user"]
    if len(users) < 2:
        return ""
    previous, latest = users[-2], users[-1]
    offered = any(
        TurnMeta.is_meta(custom) and TurnMeta.from_custom(custom).kind == "clarify"
        for event in tracker.events[previous:latest]
        if event.get("event") == "bot"
        for custom in [(event.get("data") or {}).get("custom")]
    )
    asked = str(tracker.events[previous].get("text") or "")
    return asked if offered and not asked.startswith("/") else ""


def entry_for(turn: Turn, topic: str, text: str) -> str | None:
    """The id of the entry of `topic` the resident's text clearly asks for, if any."""
    return select_entry(turn.kb.qa, topic, text, turn.kb.label(topic)).entry_id


def pending_entry(turn: Turn, pending: str) -> str | None:
    """The entry a pending municipality question was about (`qa:<entry id>`), if it still exists."""
    entry_id = pending[len(PENDING_PREFIX) :] if pending.startswith(PENDING_PREFIX) else ""
    return entry_id if entry_id in turn.kb.qa.entries else None


def answer_entry(turn: Turn, municipality: str, entry_id: str) -> List[EventType]:
    """Send the entry's answer, then the local part with the office and a button for the topic's full answer."""
    entry = turn.kb.qa.entries[entry_id]
    topic = entry_id.split(".", 1)[0]
    answer = turn.kb.answer(municipality, topic)
    texts = turn.kb.qa.texts
    first, rest = compose_entry(entry, answer, texts, turn.templates)
    turn.dispatcher.utter_message(text=first)
    more = {"title": texts["more"], "payload": topic_token(topic)}
    turn.dispatcher.utter_message(text=rest, buttons=[more])
    turn.meta("answer", topic, municipality, answer.office, qa_id=entry_id)
    return [SlotSet("last_topic", topic), SlotSet("pending", None)]
