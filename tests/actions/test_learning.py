"""Clarifications enter the staff review queue, and leave it when the resident picks one of the choices."""

from rasa_sdk.executor import CollectingDispatcher

from actions.answer import ActionAnswerTopic
from actions.clarify import ActionClarify
from actions.learning import CLARIFY_RECORD
from tests.actions.conftest import make_tracker

UNSURE = [
    {"name": "nlu_fallback", "confidence": 0.5},
    {"name": "nursery_school", "confidence": 0.4},
    {"name": "after_school_club", "confidence": 0.35},
]


async def _clarify(domain, text):
    tracker = make_tracker("nlu_fallback", 0.5, slots={"municipality": "kitakata"}, ranking=UNSURE, text=text)
    events = await ActionClarify().run(CollectingDispatcher(), tracker, domain)
    return next(e["value"] for e in events if e.get("name") == CLARIFY_RECORD)


async def _answer(domain, text, record):
    tracker = make_tracker("nursery_school", 1.0, slots={"municipality": "kitakata", CLARIFY_RECORD: record}, text=text)
    events = await ActionAnswerTopic().run(CollectingDispatcher(), tracker, domain)
    assert {"event": "slot", "name": CLARIFY_RECORD, "value": None, "timestamp": None} in events


async def test_a_picked_choice_takes_the_question_out_of_the_review_queue(domain, learning_store):
    record = await _clarify(domain, "子どもを預けたい 090-1234-5678")
    queued = {u.id: u for u in learning_store.pending()}
    assert record in queued and "090-1234-5678" not in queued[record].text  # masked
    await _answer(domain, "/nursery_school", record)
    assert record not in {u.id for u in learning_store.pending()}


async def test_typing_something_else_instead_keeps_it_for_review(domain, learning_store):
    record = await _clarify(domain, "子どもを預けたい")
    await _answer(domain, "保育園に入りたい", record)  # typed, not a button: the choices did not help
    assert record in {u.id for u in learning_store.pending()}


def test_safety_messages_are_kept_flagged_and_masked(learning_store):
    item = learning_store.record("safety", "夫に殴られます。電話は090-1234-5678です", "kitakata", [], safety=["dv"])
    (stored,) = [u for u in learning_store.pending() if u.id == item.id]
    assert stored.flagged and stored.safety == ["dv"]
    assert "090-1234-5678" not in stored.text
