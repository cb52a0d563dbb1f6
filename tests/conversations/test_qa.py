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
    offered = await assistant.handle(conversation, "火葬の許可はどこでもらう", municipality="kitakata")
    assert offered.meta.kind == "clarify"  # two entries of two topics fit alike: both offered, then the topic
    payloads = [b["payload"] for m in offered.messages for b in m["buttons"]]
    assert payloads[:2] == ["qa:cemetery_crematorium.kaiso_where", "qa:death_procedures.cremation_permit"]
    topic = payloads[2].removeprefix("topic:")  # the topic the classifier leans to, either of the two
    assert topic in {"cemetery_crematorium", "death_procedures"}, payloads
    picked = await assistant.handle(conversation, payloads[2], municipality="kitakata")
    assert picked.meta.topic == topic
    assert picked.meta.qa_id is not None  # the button alone asks nothing: the question before it chose the entry
    assert picked.meta.qa_id.startswith(f"{topic}.")
    assert picked.messages[0]["text"] == knowledge.qa.entries[picked.meta.qa_id].answer
    more = picked.messages[1]["buttons"][0]  # 「くわしく」 then gives the whole topic answer, not the entry again
    detail = await assistant.handle(conversation, more["payload"], municipality="kitakata")
    assert detail.meta.qa_id is None
    entry = await assistant.handle(sender(), "qa:death_procedures.cremation_permit", municipality="kitakata")
    assert (entry.meta.topic, entry.meta.qa_id) == ("death_procedures", "death_procedures.cremation_permit")


async def test_an_unsure_topic_is_answered_from_the_entry_the_question_names(assistant, knowledge):
    conversation = sender()
    result = await assistant.handle(conversation, "冷蔵庫を捨てるのにいくらかかる", municipality="kitakata")
    assert (result.meta.kind, result.meta.qa_id) == ("answer", "appliance_recycling.fee")  # NLU: nlu_fallback
    assert result.messages[0]["text"] == knowledge.qa.entries["appliance_recycling.fee"].answer
    assert result.meta.office.phone in result.messages[1]["text"]
    detail = await assistant.handle(conversation, result.messages[1]["buttons"][0]["payload"], municipality="kitakata")
    assert (detail.meta.topic, detail.meta.qa_id) == ("appliance_recycling", None)  # its topic became last_topic
    kana = await assistant.handle(sender(), "じどうてあて いくら", municipality="bandai")
    assert (kana.meta.kind, kana.meta.qa_id) == ("answer", "child_allowance.amount")


async def test_entries_that_fit_alike_are_offered_and_the_picked_one_answered(assistant, knowledge):
    conversation = sender()
    offered = await assistant.handle(conversation, "電子レンジもリサイクル法の対象？", municipality="kitakata")
    assert offered.meta.kind == "clarify"
    entry = knowledge.qa.entries["appliance_recycling.small_appliances"]
    (button,) = [b for m in offered.messages for b in m["buttons"] if b["payload"] == f"qa:{entry.id}"]
    assert button["title"] == entry.question
    picked = await assistant.handle(conversation, button["payload"], municipality="kitakata")
    assert (picked.meta.kind, picked.meta.topic, picked.meta.qa_id) == ("answer", "appliance_recycling", entry.id)


async def test_a_general_question_the_classifier_is_sure_of_keeps_the_topic_answer(assistant, knowledge):
    result = await assistant.handle(sender(), "税金の払い方を教えて", municipality="kitakata")
    assert (result.meta.kind, result.meta.topic, result.meta.qa_id) == ("answer", "tax_payment", None)
    assert knowledge.topics["tax_payment"].answer.strip() in result.messages[0]["text"]


@pytest.mark.parametrize("text", ["家が火事です", "ハチに刺されて息が苦しい", "火事で焼けた家の証明がほしい"])
async def test_a_safety_message_is_never_answered_by_an_entry(assistant, text):
    result = await assistant.handle(sender(), text, municipality="kitakata")
    assert result.meta.kind == "safety" and result.meta.safety
    assert result.meta.qa_id is None
