"""Choosing the entry a question asks for, within one topic (real Sudachi analysis, entries written here)."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.knowledge.qa import QaBook, QaEntry, QaSettings, QaSource
from bot.qa.selection import cue_facets, decide, select_entry

SOURCE = [QaSource(url="https://example.jp/", seen=dt.date(2026, 12, 4))]
CUES = {"amount": ["いくら", "金額"], "deadline": ["いつまで", "期限"], "bring": ["持ち物", "必要なもの"]}


def entry(slug: str, facet: str, question: str, *examples: str) -> QaEntry:
    return QaEntry(
        id=f"pet.{slug}", facet=facet, question=question, examples=list(examples), answer="-", sources=SOURCE
    )


@pytest.fixture(scope="module")
def book() -> QaBook:
    entries = [
        entry("fee", "amount", "犬の登録の手数料はいくらですか", "登録料 値段"),
        entry("deadline", "deadline", "犬を飼い始めたらいつまでに登録しますか", "登録の期限"),
        entry("bring", "bring", "犬の登録に持っていくものは何ですか", "持ち物 書類"),
        entry("death", "other", "飼い犬が死んだときはどうしますか", "犬が亡くなった 届け出"),
    ]
    settings = QaSettings(cue_weight=0.3, min_score=0.5, min_margin=0.15, cues=CUES)
    return QaBook(entries={e.id: e for e in entries}, by_topic={"pet": entries}, settings=settings)


def test_cue_words_match_across_width_and_kana():
    assert cue_facets("ｲｸﾗかかる？", {"amount": ["いくら"]}) == {"amount"}
    assert cue_facets("犬の登録", CUES) == frozenset()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("犬の登録っていくらかかるの", "pet.fee"),
        ("犬を飼い始めたけど登録の期限は？", "pet.deadline"),
        ("飼い犬が死んだらどうすればいい", "pet.death"),
        ("犬の登録について知りたい", None),  # a general question keeps the topic's answer
        ("/dog_registration", None),  # a button press is not a question
    ],
)
def test_the_question_picks_its_entry_or_none(book, text, expected):
    assert select_entry(book, "pet", text, label="犬の登録").entry_id == expected


def test_a_close_second_means_no_entry():
    settings = QaSettings(cue_weight=0.3, min_score=0.5, min_margin=0.15, cues={})
    assert decide([("a", 0.9), ("b", 0.8)], settings) is None
    assert decide([("a", 0.9), ("b", 0.7)], settings) == "a"
    assert decide([("a", 0.4)], settings) is None


def test_a_word_only_the_answer_states_finds_its_entry():
    def answered(slug: str, facet: str, question: str, answer: str) -> QaEntry:
        return QaEntry(id=f"card.{slug}", facet=facet, question=question, answer=answer, sources=SOURCE)

    entries = [
        answered("use", "how", "コンビニ交付の使い方", "マルチコピー機でカードを置き、数字4桁の暗証番号を入れます。"),
        answered("fee", "amount", "コンビニ交付の手数料", "手数料は市町村が決めます。"),
    ]
    plain = QaSettings(cue_weight=0.3, min_score=0.5, min_margin=0.1, cues=CUES)
    with_answers = QaSettings(cue_weight=0.3, min_score=0.5, min_margin=0.1, cues=CUES, answer_weight=1.0)
    for settings, expected in ((plain, None), (with_answers, "card.use")):
        book = QaBook(entries={e.id: e for e in entries}, by_topic={"card": entries}, settings=settings)
        assert select_entry(book, "card", "暗証番号を忘れそう", label="コンビニ交付").entry_id == expected


@pytest.mark.parametrize(
    ("text", "facet"),
    [
        ("車検の代行はなんぼ？", "amount"),
        ("パスポートの申請、なにがいるの", "bring"),
        ("胃の検査は何年おきに受ける", "when"),
        ("収入印紙はどこで買える", "where"),
    ],
)
def test_the_shipped_cue_words_cover_plain_and_dialect_wordings(text, facet):
    from pathlib import Path

    from bot.knowledge.yaml_source import parse, read_yaml

    path = Path(__file__).parents[3] / "data" / "qa" / "settings" / "selection.yml"
    settings = parse(path, read_yaml(path), QaSettings)
    assert facet in cue_facets(text, settings.cues)
