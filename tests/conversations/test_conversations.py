"""Whole conversations against the model trained once for this test run."""

from __future__ import annotations

import uuid

import pytest

pytestmark = pytest.mark.slow


def new_sender() -> str:
    return f"conv-{uuid.uuid4().hex[:12]}"


async def test_municipality_from_text(assistant):
    result = await assistant.handle(new_sender(), "喜多方の粗大ごみはどうやって出せばいい？")
    assert (result.meta["kind"], result.meta["topic"], result.meta["municipality"]) == (
        "answer",
        "bulky_waste",
        "kitakata",
    )


async def test_municipality_from_the_site(assistant, knowledge):
    result = await assistant.handle(new_sender(), "住民票がほしいです", municipality="aizuwakamatsu")
    assert result.meta["kind"] == "answer"
    assert result.meta["topic"] == "resident_certificate"
    office = knowledge.office_for("aizuwakamatsu", "resident_certificate")
    assert result.meta["office"]["name"] == office.name
    assert office.phone in "\n".join(m["text"] for m in result.messages)


async def test_asked_then_remembered(assistant):
    sender = new_sender()
    asked = await assistant.handle(sender, "燃えるゴミ何曜？")
    assert asked.meta["kind"] == "ask_municipality"
    assert len(asked.messages[0]["buttons"]) == 13
    answered = await assistant.handle(sender, "美里です")
    assert (answered.meta["kind"], answered.meta["topic"], answered.meta["municipality"]) == (
        "answer",
        "garbage_sorting",
        "aizumisato",
    )
    again = await assistant.handle(sender, "粗大ごみも出したい")
    assert (again.meta["kind"], again.meta["municipality"]) == ("answer", "aizumisato")


async def test_changing_municipality_midway(assistant):
    sender = new_sender()
    first = await assistant.handle(sender, "犬の登録をしたい", municipality="kitakata")
    assert first.meta["municipality"] == "kitakata"
    await assistant.handle(sender, "会津美里町のことです")
    second = await assistant.handle(sender, "犬の登録をしたい", municipality="kitakata")
    assert second.meta["municipality"] == "aizumisato"


@pytest.mark.parametrize("text", ["火事です！！", "人が倒れて意識がない", "交通事故でけが人がいる"])
async def test_emergency_first(assistant, text):
    result = await assistant.handle(new_sender(), text, municipality="bandai")
    assert (result.meta["kind"], result.meta["safety"][0]) == ("safety", "emergency")
    first = result.messages[0]["text"]
    assert "119" in first and "110" in first


async def test_out_of_scope(assistant):
    result = await assistant.handle(new_sender(), "おすすめの映画を教えて")
    assert result.meta["kind"] == "fallback"
    assert result.messages


@pytest.mark.parametrize(
    "text,topic",
    [
        ("いんかんとうろく", "seal_registration"),
        ("ｺｸﾎ ｶﾆｭｳ", "national_health_insurance"),
        ("こせきとうほん", "family_register"),
        ("ﾏｲﾅﾝﾊﾞｰｶｰﾄﾞ なくした", "my_number_card"),
    ],
)
async def test_kana_and_half_width_input(assistant, text, topic):
    """Answered directly, or offered as the first choice when the model is less sure."""
    result = await assistant.handle(new_sender(), text, municipality="showa")
    if result.meta["kind"] == "clarify":
        assert result.messages[0]["buttons"][0]["payload"] == f"topic:{topic}"
    else:
        assert (result.meta["kind"], result.meta["topic"]) == ("answer", topic)


async def test_clarification_offers_choices_and_other(assistant):
    result = await assistant.handle(new_sender(), "証明", municipality="yugawa")
    if result.meta["kind"] != "clarify":
        pytest.fail(f"expected choices for an ambiguous word, got {result.meta}")
    titles = [b["title"] for b in result.messages[0]["buttons"]]
    assert 3 <= len(titles) <= 4 and titles[-1] == "その他"


async def test_picking_other_gives_the_office(assistant):
    sender = new_sender()
    await assistant.handle(sender, "証明", municipality="yugawa")
    result = await assistant.handle(sender, "choice:other", municipality="yugawa")
    assert result.meta["kind"] == "handoff"
    assert result.meta["office"]["phone"] == "0241-27-8800"


async def test_asking_for_a_person_after_a_topic_routes_to_that_office(assistant, knowledge):
    sender = new_sender()
    await assistant.handle(sender, "国民健康保険に入りたい", municipality="aizuwakamatsu")
    result = await assistant.handle(sender, "担当の人と直接話したい", municipality="aizuwakamatsu")
    assert result.meta["kind"] == "handoff"
    expected = knowledge.office_for("aizuwakamatsu", "national_health_insurance")
    assert result.meta["office"]["phone"] == expected.phone


async def test_greeting_is_chitchat(assistant):
    result = await assistant.handle(new_sender(), "こんにちは〜")
    assert result.meta["kind"] == "chitchat"
