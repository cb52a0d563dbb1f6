"""Finding the entry a question asks for among every topic's entries (real Sudachi analysis, entries written here)."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.knowledge.qa import QaBook, QaEntry, QaSettings, QaSource, RegionSettings
from bot.qa.region import decide_region, match_region, region_index

SOURCE = [QaSource(url="https://example.jp/", seen=dt.date(2026, 12, 4))]
CUES = {"amount": ["いくら", "金額"], "deadline": ["いつまで", "期限"]}
REGION = RegionSettings(
    cue_weight=0.3, min_score=0.7, min_margin=0.15, choice_min_score=0.5, choice_margin=0.1, choices=3, min_words=2
)


def entry(entry_id: str, facet: str, question: str, *examples: str) -> QaEntry:
    return QaEntry(id=entry_id, facet=facet, question=question, examples=list(examples), answer="-", sources=SOURCE)


@pytest.fixture(scope="module")
def book() -> QaBook:
    entries = [
        entry("dog.fee", "amount", "犬の登録の手数料はいくらですか", "登録料 値段"),
        entry("dog.deadline", "deadline", "犬を飼い始めたらいつまでに登録しますか", "登録の期限"),
        entry("birth.deadline", "deadline", "出生届はいつまでに出せばいいですか", "出生届の期限"),
        entry("birth.where", "where", "出生届はどこの役場に出せますか", "里帰り出産 出生届"),
        entry("bees.stung", "how", "ハチに刺されたらどうすればいいですか", "蜂に刺された"),
        entry("disaster.fire", "where", "火事の被害の証明はどこでもらえますか", "火事 証明"),
    ]
    settings = QaSettings(cue_weight=0.3, min_score=0.5, min_margin=0.15, cues=CUES, region=REGION)
    by_topic: dict[str, list[QaEntry]] = {}
    for e in entries:
        by_topic.setdefault(e.id.split(".")[0], []).append(e)
    return QaBook(entries={e.id: e for e in entries}, by_topic=by_topic, settings=settings)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("犬の登録っていくらかかるの", "dog.fee"),
        ("里帰り出産の出生届はどこに出す", "birth.where"),
        ("出生届 期限", "birth.deadline"),  # a two-word search
    ],
)
def test_a_clear_question_finds_its_entry_in_any_topic(book, text, expected):
    match = match_region(book, text)
    assert (match.entry_id, match.choices) == (expected, [])


def test_two_entries_that_fit_alike_are_offered_not_answered(book):
    match = match_region(book, "期限はいつまで")  # which deadline: the dog's or the birth's?
    assert match.entry_id is None
    assert set(match.choices) == {"dog.deadline", "birth.deadline"}


@pytest.mark.parametrize("text", ["こんにちは", "", "/choose_faq", "天気はどう"])
def test_no_entry_for_what_no_entry_asks(book, text):
    match = match_region(book, text)
    assert (match.entry_id, match.choices) == (None, [])


def test_a_single_word_names_no_entry(book):
    assert match_region(book, "火事です").entry_id is None  # an entry has 火事; one word is not its question
    assert match_region(book, "火事の証明").entry_id == "disaster.fire"


def test_without_region_settings_nothing_is_searched(book):
    bare = QaBook(entries=book.entries, by_topic=book.by_topic, settings=book.settings.copy(update={"region": None}))
    assert match_region(bare, "犬の登録っていくらかかるの").entry_id is None


def test_the_index_is_built_once_per_book(book):
    assert region_index(book) is region_index(book)
    assert region_index(QaBook()) is None


def test_decision_answers_offers_or_declines():
    assert decide_region([("a", 0.9), ("b", 0.7)], REGION).entry_id == "a"
    assert decide_region([("a", 0.6), ("b", 0.2)], REGION).entry_id is None  # too weak to answer
    close = decide_region([("a", 0.9), ("b", 0.85), ("c", 0.82), ("d", 0.1)], REGION)
    assert (close.entry_id, close.choices) == (None, ["a", "b", "c"])
    assert decide_region([("a", 0.45), ("b", 0.45)], REGION).choices == []  # too weak to offer
    four = [("a", 0.9), ("b", 0.9), ("c", 0.9), ("d", 0.9)]
    assert decide_region(four, REGION).choices == []  # four alike: the question says too little
    assert decide_region([], REGION).entry_id is None
