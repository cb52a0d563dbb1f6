"""Reports: the offer after a reportable topic, the summary to confirm, and what the report describes."""

from __future__ import annotations

import asyncio

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.answer import answer_topic
from actions.report import ActionAskReportConfirm, ActionSubmitReport, description
from actions.support import Turn
from bot.knowledge.cache import get_knowledge
from bot.replies.payloads import no_token, report_token, yes_token
from bot.replies.templates import Templates
from tests.actions.conftest import make_tracker


def user(text: str, intent: str, safety_first: str | None = None) -> dict:
    parse = {"intent": {"name": intent}}
    if safety_first:
        parse["safety"] = {"intent": {"name": safety_first}}
    return {"event": "user", "text": text, "parse_data": parse}


def test_a_reportable_answer_offers_the_report_button(domain, monkeypatch):
    monkeypatch.setenv("AIZU_REDIS_URL", "redis://127.0.0.1:1/0")
    from bot.settings import get_settings

    get_settings.cache_clear()
    try:
        dispatcher = CollectingDispatcher()
        answer_topic(Turn(dispatcher, get_knowledge(), Templates.from_domain(domain), 0.9), "kitakata", "road_damage")
        buttons = [b for m in dispatcher.messages for b in m.get("buttons") or []]
        assert [b["payload"] for b in buttons] == [report_token()]
        dispatcher = CollectingDispatcher()
        answer_topic(Turn(dispatcher, get_knowledge(), Templates.from_domain(domain), 0.9), "kitakata", "bulky_waste")
        assert not [b for m in dispatcher.messages for b in m.get("buttons") or []]
    finally:
        get_settings.cache_clear()


def test_the_description_is_the_message_answered_with_the_topic():
    tracker = make_tracker(slots={"last_topic": "road_damage"})
    tracker.events = [
        user("こんにちは", "greet"),
        user("家の前の道路に穴があいてる", "safety", safety_first="road_damage"),
        user("/report", "report"),
        user("駅前の交差点", "nlu_fallback"),
    ]
    assert description(tracker, "road_damage") == "家の前の道路に穴があいてる"


def test_after_a_choice_button_the_description_is_what_was_typed_before():
    tracker = make_tracker(slots={"last_topic": "road_damage"})
    tracker.events = [
        user("みちのあな", "nlu_fallback"),
        user("/road_damage", "road_damage"),
        user("/report", "report"),
        user("駅前の交差点", "nlu_fallback"),
        user("なし", "deny"),
    ]
    assert description(tracker, "road_damage") == "みちのあな"


def test_the_summary_names_office_place_and_asks_yes_or_no(domain):
    tracker = make_tracker(
        slots={
            "last_topic": "street_lights",
            "municipality": "kitakata",
            "report_place": "押切川の橋のたもと",
            "escalation_contact": "none",
        }
    )
    tracker.events = [user("街灯が一本ついてない", "street_lights")]
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionAskReportConfirm().run(dispatcher, tracker, domain))
    text = dispatcher.messages[0]["text"]
    assert "押切川の橋のたもと" in text and "街灯が一本ついてない" in text and "伝えない" in text
    assert "街灯・防犯灯" in text
    assert [b["payload"] for b in dispatcher.messages[0]["buttons"]] == [yes_token(), no_token()]


def test_an_unconfirmed_report_is_not_sent(domain):
    tracker: Tracker = make_tracker(slots={"last_topic": "road_damage", "municipality": "kitakata"})
    tracker.slots["report_confirm"] = False
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionSubmitReport().run(dispatcher, tracker, domain))
    assert dispatcher.messages[0]["response"] == "utter_report_cancelled"
    assert {"event": "slot", "name": "report_place", "value": None, "timestamp": None} in events
