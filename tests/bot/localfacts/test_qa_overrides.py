"""A municipality's overrides of a topic's regional Q&A entries: read, checked with the validate model, written."""

from __future__ import annotations

import shutil

import pytest

from bot.knowledge.base import load_knowledge
from bot.knowledge.qa import check_overrides
from bot.localfacts import document
from bot.localfacts.qa_overrides import OverrideRow, TopicOverrides, apply_override_rows, topic_overrides
from bot.localfacts.saving import municipality_file, read, save_section
from bot.settings import PROJECT_ROOT

WHERE = "appliance_recycling.where"
AMOUNT = "appliance_recycling.fee"
SOURCE = "https://www.city.kitakata.fukushima.jp/x.html"


@pytest.fixture()
def data(tmp_path):
    shutil.copytree(PROJECT_ROOT / "data", tmp_path / "data")
    return tmp_path / "data"


def test_only_the_topic_s_overrides_are_read():
    tree = document.load(read(municipality_file(PROJECT_ROOT / "data", "kitakata")))
    assert list(topic_overrides(tree, "appliance_recycling")) == [WHERE]
    assert topic_overrides(tree, "bulky_waste") == {}


def test_rows_are_checked_like_validate_and_each_problem_names_its_field():
    rows = [
        OverrideRow(AMOUNT, answer="喜多方市では…", source="www.example.jp", seen="2026-13-01"),
        OverrideRow("appliance_recycling.how", source=SOURCE, seen="2026-12-01"),
        OverrideRow("appliance_recycling.bring"),
    ]
    _, problems = apply_override_rows({}, rows)
    assert problems == {
        f"source-{AMOUNT}": "url",
        f"seen-{AMOUNT}": "date",
        "answer-appliance_recycling.how": "answer_or_note",
    }


def test_blank_or_removed_rows_drop_the_override_and_unlisted_ones_are_kept():
    current = {WHERE: {"note": "補足", "source": SOURCE, "seen": "2026-12-02", "third_party": True}, "x.y": {}}
    kept, problems = apply_override_rows(
        current, [OverrideRow(WHERE, note="新しい補足", source=SOURCE, seen="2026-12-03")]
    )
    assert problems == {} and kept[WHERE]["third_party"] is True and kept[WHERE]["note"] == "新しい補足"
    assert "x.y" in kept
    assert apply_override_rows(current, [OverrideRow(WHERE)])[0] == {"x.y": {}}
    assert apply_override_rows(current, [OverrideRow(WHERE, note="n", source=SOURCE, seen="2026-12-03", remove=True)])[
        0
    ] == {"x.y": {}}


def test_a_save_writes_the_override_keeps_the_rest_and_the_knowledge_answers_with_it(data):
    path = municipality_file(data, "kitakata")
    before = read(path)
    section = TopicOverrides("appliance_recycling")
    current = section.read(document.load(before))
    value = {**current, AMOUNT: {"answer": "喜多方市の試験用の回答です。", "source": SOURCE, "seen": "2026-12-01"}}
    saved = save_section(path, section, value, document.version_of(before))
    assert saved.before == current and saved.after == value
    text = read(path)
    assert text.startswith(before) and text[len(before) :] == (
        f"  {AMOUNT}:\n    answer: 喜多方市の試験用の回答です。\n    source: {SOURCE}\n    seen: 2026-12-01\n"
    )
    kb = load_knowledge(data)
    assert kb.municipalities["kitakata"].qa[AMOUNT].answer == "喜多方市の試験用の回答です。"
    assert check_overrides(kb.qa, kb.municipalities, data) == []
    save_section(path, section, current, saved.version)
    assert read(path) == before  # byte for byte


def test_removing_the_last_override_removes_the_qa_key(data):
    path = municipality_file(data, "kitakata")
    before = read(path)
    save_section(path, TopicOverrides("appliance_recycling"), {}, document.version_of(before))
    text = read(path)
    assert "\nqa:" not in text and load_knowledge(data).municipalities["kitakata"].qa == {}
