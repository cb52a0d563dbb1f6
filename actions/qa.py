"""Answer with a regional Q&A entry (data/qa/): its answer first, then local facts, the office and 「くわしく」."""

from __future__ import annotations

from typing import List

from rasa_sdk.events import EventType, SlotSet

from actions.support import Turn
from bot.qa.selection import select_entry
from bot.replies.payloads import topic_token
from bot.replies.qa import compose_entry

PENDING_PREFIX = "qa:"


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
