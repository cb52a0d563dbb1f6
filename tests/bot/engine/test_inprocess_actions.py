"""Actions run in-process; a crashing action ends in an apology with the main office, never silence."""

import pytest

from actions.answer import ActionAnswerTopic
from bot.engine.inprocess_actions import InProcessActionEndpoint


def action_call(slots):
    tracker = {
        "sender_id": "t-12345678",
        "slots": slots,
        "latest_message": {"intent": {"name": "bulky_waste"}},
        "events": [],
        "paused": False,
        "followup_action": None,
        "active_loop": {},
        "latest_action_name": "action_listen",
    }
    return {"next_action": "action_answer_topic", "tracker": tracker, "domain": {"responses": {}}}


async def test_failing_action_apologises_with_main_office(monkeypatch, knowledge):
    async def broken(self, dispatcher, tracker, domain):
        raise RuntimeError("bug")

    monkeypatch.setattr(ActionAnswerTopic, "run", broken)
    response = await InProcessActionEndpoint().request(json=action_call({"municipality": "kitakata"}))
    apology = response["responses"][0]
    assert apology["response"] == "utter_action_failed"
    assert apology["phone"] == knowledge.municipalities["kitakata"].main_office.phone
    assert response["responses"][-1]["custom"]["meta"]["kind"] == "fallback"


async def test_failing_action_without_municipality_still_answers(monkeypatch):
    async def broken(self, dispatcher, tracker, domain):
        raise KeyError("x")

    monkeypatch.setattr(ActionAnswerTopic, "run", broken)
    response = await InProcessActionEndpoint().request(json=action_call({}))
    assert response["responses"][0]["response"] == "utter_action_failed_no_municipality"


async def test_unknown_action_is_rejected():
    from rasa_sdk.interfaces import ActionNotFoundException

    with pytest.raises(ActionNotFoundException):
        await InProcessActionEndpoint().request(json={**action_call({}), "next_action": "action_nope"})
