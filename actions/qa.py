"""Answer with a regional Q&A entry (data/qa/): its answer first, then local facts, the office and 「くわしく」."""

from __future__ import annotations

from typing import Dict, List

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet

from actions.support import Turn, ask_municipality
from bot.qa.region import RegionMatch, match_region
from bot.qa.selection import select_entry
from bot.replies.payloads import qa_token, topic_token
from bot.replies.qa import compose_entry
from bot.text import one_line
from bot.turn import TurnMeta

PENDING_PREFIX = "qa:"
CHOICE_TITLE_LENGTH = 60


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


def region_match(turn: Turn, text: str) -> RegionMatch:
    """The entry of any topic the text clearly asks for, or the close entries to offer (the topic is unsure)."""
    return match_region(turn.kb.qa, text)


def entry_buttons(turn: Turn, entry_ids: List[str]) -> List[Dict[str, str]]:
    """One button per regional entry, titled with its question."""
    entries = turn.kb.qa.entries
    return [{"title": one_line(entries[i].question, CHOICE_TITLE_LENGTH), "payload": qa_token(i)} for i in entry_ids]


def answer_or_ask(turn: Turn, municipality: str | None, entry_id: str) -> List[EventType]:
    """Answer the entry, or first ask the municipality (the entry stays pending)."""
    if municipality is None:
        return ask_municipality(turn, entry_id.split(".", 1)[0], f"{PENDING_PREFIX}{entry_id}")
    return answer_entry(turn, municipality, entry_id)


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
