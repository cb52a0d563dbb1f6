"""Question-level answers of the regional Q&A through the trained assistant (entries of data/qa/)."""

from __future__ import annotations

import uuid

import pytest

pytestmark = pytest.mark.slow


def sender() -> str:
    return f"qa-{uuid.uuid4().hex[:12]}"


async def test_a_question_gets_its_entry_first_then_the_office_and_the_full_answer_on_request(assistant, knowledge):
    result = await assistant.handle(sender(), "マイナンバーカードの再発行はいくらかかる？", municipality="mishima")
    entry = knowledge.qa.entries["my_number_card.reissue_fee"]
    assert (result.meta.kind, result.meta.topic, result.meta.qa_id) == ("answer", "my_number_card", entry.id)
    assert result.messages[0]["text"] == entry.answer
    assert result.meta.office.phone in result.messages[1]["text"]
    more = result.messages[1]["buttons"][0]
    detail = await assistant.handle(sender(), more["payload"], municipality="mishima")
    assert detail.meta.qa_id is None
    assert knowledge.topics["my_number_card"].answer.strip() in detail.messages[0]["text"]


async def test_a_general_question_keeps_the_topic_answer(assistant, knowledge):
    result = await assistant.handle(sender(), "マイナンバーカードについて教えてください", municipality="mishima")
    assert (result.meta.topic, result.meta.qa_id) == ("my_number_card", None)
    assert knowledge.topics["my_number_card"].answer.strip() in result.messages[0]["text"]


async def test_a_municipality_note_is_shown_with_its_source(assistant, knowledge):
    result = await assistant.handle(sender(), "古い冷蔵庫の引き取りはどこに頼めばいい", municipality="kitakata")
    note = knowledge.municipalities["kitakata"].qa["appliance_recycling.where"]
    assert result.meta.qa_id == "appliance_recycling.where"
    assert result.messages[0]["text"] == knowledge.qa.entries["appliance_recycling.where"].answer
    assert note.note in result.messages[1]["text"] and note.source in result.messages[1]["text"]
    elsewhere = await assistant.handle(sender(), "古い冷蔵庫の引き取りはどこに頼めばいい", municipality="bandai")
    assert note.note not in "\n".join(m["text"] for m in elsewhere.messages)


async def test_a_topic_picked_from_choices_answers_the_question_that_led_to_them(assistant, knowledge):
    conversation = sender()
    offered = await assistant.handle(
        conversation, "古いテレビはどこに引き取ってもらえばいい？", municipality="kitakata"
    )
    assert offered.meta.kind == "clarify"
    (button,) = [
        b for m in offered.messages for b in m["buttons"] if b["title"] == knowledge.label("appliance_recycling")
    ]
    picked = await assistant.handle(conversation, button["payload"], municipality="kitakata")
    assert (picked.meta.topic, picked.meta.qa_id) == ("appliance_recycling", "appliance_recycling.where")
    assert picked.messages[0]["text"] == knowledge.qa.entries["appliance_recycling.where"].answer
    more = picked.messages[1]["buttons"][0]  # 「くわしく」 then gives the whole topic answer, not the entry again
    detail = await assistant.handle(conversation, more["payload"], municipality="kitakata")
    assert detail.meta.qa_id is None
