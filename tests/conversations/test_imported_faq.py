"""The open 661-entry FAQ imported as one municipality's list, answered in chat for that municipality only."""

from __future__ import annotations

import os
import re
import uuid

import pytest

from bot.faq.open_corpus import load_corpus, load_queries
from bot.settings import get_settings
from tests.open_faq import OPEN, copy_project, import_csv, write_csv

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def faq_project(open_faq_trained, tmp_path_factory):
    """A project copy where 湯川村 imported the open FAQ through the staff command (from a Shift_JIS CSV)."""
    return copy_project(open_faq_trained[0], tmp_path_factory.mktemp("faqdata"))


@pytest.fixture(scope="module")
def data_with_faq(faq_project):
    return faq_project / "data"


@pytest.fixture(scope="module")
def faq_model(open_faq_trained):
    return open_faq_trained[1]


def _clear_caches():
    from bot.knowledge import cache

    get_settings.cache_clear()
    cache.live_knowledge.cache_clear()


@pytest.fixture(scope="module")
def faq_assistant(data_with_faq, faq_model):
    from bot.engine.runtime import Assistant

    previous = os.environ.get("AIZU_DATA_DIR")
    os.environ["AIZU_DATA_DIR"] = str(data_with_faq)
    _clear_caches()
    yield Assistant.load(faq_model)
    if previous is None:
        os.environ.pop("AIZU_DATA_DIR", None)
    else:
        os.environ["AIZU_DATA_DIR"] = previous
    _clear_caches()


async def _ask(assistant, text, municipality="yugawa", sender=None):
    return await assistant.handle(sender or f"faq-{uuid.uuid4().hex[:10]}", text, municipality)


async def test_development_queries_are_answered_from_the_imported_faq(faq_assistant):
    queries = load_queries(OPEN / "development.json")
    right = wrong = offered = 0
    for query in queries:
        result = await _ask(faq_assistant, query.text)
        faq_id = result.meta.faq_id
        if faq_id == query.expected:
            right += 1
        elif faq_id is not None:
            wrong += 1
        elif query.expected in (result.meta.faq_choices or []):
            offered += 1
    print(f"answered from the FAQ: right={right} wrong={wrong}, offered as a choice={offered} of {len(queries)}")
    # The gate answers directly only where residents' queries showed it right >= 90 % of the time
    # (data/faq/settings/gate.yml: today nowhere); unsure, it offers the entries as choices, except
    # where the topic classifier is sure of a catalogue topic, which then answers (49 of 90 offered
    # on 2026-12-02).
    assert wrong <= 0.1 * max(right + wrong, 1)
    assert (right + offered) / len(queries) >= 0.5


async def test_another_municipality_never_gets_that_faq(faq_assistant):
    for query in load_queries(OPEN / "development.json")[:30]:
        result = await _ask(faq_assistant, query.text, "showa")
        assert result.meta.faq_id is None and result.meta.faq_choices is None


async def test_close_entries_are_offered_and_the_picked_one_is_answered(faq_assistant):
    entries = {e.id: e for e in load_corpus(OPEN / "corpus.json")}
    sender = f"faq-{uuid.uuid4().hex[:10]}"
    # Vague questions: the topic classifier is unsure and no single entry clearly leads.
    for text in (
        "子ども",
        "私立幼稚園の補助金について、自分も対象になるか確認したい",
        "市民が参加できるスポーツ大会を探している",
    ):
        offer = await _ask(faq_assistant, text, sender=sender)
        choices = offer.meta.faq_choices
        if choices:
            break
    assert offer.meta.kind == "clarify" and choices and len(choices) <= 3, offer.meta
    buttons = [b for m in offer.messages for b in m["buttons"]]
    assert [b["payload"] for b in buttons[: len(choices)]] == [f"faq:{c}" for c in choices]
    assert buttons[0]["title"].startswith(entries[choices[0]].question[:20])
    picked = await _ask(faq_assistant, f"faq:{choices[1]}", sender=sender)
    assert picked.meta.kind == "answer" and picked.meta.faq_id == choices[1]
    assert entries[choices[1]].answer.split()[0][:15] in picked.messages[0]["text"]


async def test_a_forged_or_foreign_entry_id_is_not_answered(faq_assistant):
    some_id = load_corpus(OPEN / "corpus.json")[0].id
    for text, municipality in (("faq:no-such-entry", "yugawa"), (f"faq:{some_id}", "showa")):
        result = await _ask(faq_assistant, text, municipality)
        assert result.meta.faq_id is None and result.meta.kind == "fallback"


async def test_a_retired_entry_is_never_shown_even_before_retraining(faq_assistant, data_with_faq, tmp_path):
    corpus = load_corpus(OPEN / "corpus.json")
    gone = corpus[0]
    output = import_csv(write_csv(tmp_path / "yugawa-faq.csv", corpus[1:], "utf-8"), "yugawa", data_with_faq)
    assert re.search(r"retired\s+1\b", output), output
    clicked = await _ask(faq_assistant, f"faq:{gone.id}")
    assert clicked.meta.faq_id is None
    asked = await _ask(faq_assistant, gone.question)
    assert asked.meta.faq_id != gone.id and gone.id not in (asked.meta.faq_choices or [])


async def test_noise_from_the_neighbours_is_never_answered_with_the_child_abuse_entry(faq_assistant):
    for text in ("近所の騒音がうるさいです", "隣の家の音がうるさくて眠れない"):
        result = await _ask(faq_assistant, text)
        assert result.meta.faq_id != "176" and "176" not in (result.meta.faq_choices or []), (text, result.meta)


async def test_small_talk_does_not_hide_a_matching_entry(faq_assistant):
    weather = await _ask(faq_assistant, "○○市の天気")
    assert weather.meta.faq_id == "538" or "538" in (weather.meta.faq_choices or []), weather.meta
    thanks = await _ask(faq_assistant, "ありがとうございました")
    assert thanks.meta.faq_id is None and thanks.meta.faq_choices is None
