"""action_safety on crafted parse results: full replies, topic too, and the one-line "maybe" pointer."""

from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

from actions.safety import ActionSafety
from tests.actions.conftest import make_tracker


def safety_tracker(safety, first_intent, confidence, text="テスト", ranking=None, municipality="kitakata"):
    tracker = make_tracker(
        "safety",
        1.0,
        slots={"municipality": municipality},
        text=text,
        ranking=[{"name": "safety", "confidence": 1.0}] + (ranking or []),
    )
    tracker.latest_message["safety"] = {**safety, "intent": {"name": first_intent, "confidence": confidence}}
    return tracker


def meta(dispatcher):
    return [m["custom"]["meta"] for m in dispatcher.messages if m.get("custom")][-1]


async def test_the_reply_comes_first_and_a_procedure_is_answered_too(domain):
    dispatcher = CollectingDispatcher()
    tracker = safety_tracker({"categories": ["dv"], "topic": "resident_certificate"}, "resident_certificate", 0.9)
    await ActionSafety().run(dispatcher, tracker, domain)
    texts = [m.get("text") or "" for m in dispatcher.messages]
    assert "#8008" in texts[0] and "【住民票の写し】" in texts[1]
    assert (meta(dispatcher)["kind"], meta(dispatcher)["safety"], meta(dispatcher)["topic"]) == (
        "safety",
        ["dv"],
        "resident_certificate",
    )


async def test_a_maybe_crisis_adds_its_pointer_before_the_ordinary_answer(domain):
    dispatcher = CollectingDispatcher()
    tracker = safety_tracker({"categories": [], "topic": None, "maybe": "suicide"}, "garbage_sorting", 0.8)
    await ActionSafety().run(dispatcher, tracker, domain)
    texts = [m.get("text") or "" for m in dispatcher.messages]
    assert "0120-279-226" in texts[0] and "【ごみの分別・収集日】" in texts[1]
    assert meta(dispatcher)["kind"] == "answer" and meta(dispatcher)["safety_maybe"] == "suicide"


async def test_a_maybe_crisis_without_a_clear_topic_gets_choices(domain):
    dispatcher = CollectingDispatcher()
    ranking = [{"name": "livelihood_support", "confidence": 0.3}, {"name": "national_pension", "confidence": 0.2}]
    tracker = safety_tracker({"categories": [], "topic": None, "maybe": "dv"}, "nlu_fallback", 0.5, ranking=ranking)
    await ActionSafety().run(dispatcher, tracker, domain)
    assert "0120-279-889" in dispatcher.messages[0]["text"]
    assert any(m.get("buttons") for m in dispatcher.messages)
    assert meta(dispatcher)["kind"] == "clarify" and meta(dispatcher)["safety_maybe"] == "dv"
