"""The municipality file as a round-trip document: untouched files come back byte for byte."""

from __future__ import annotations

import pytest

from bot.knowledge.models import Municipality
from bot.localfacts import document
from bot.settings import PROJECT_ROOT

FILES = sorted((PROJECT_ROOT / "data" / "municipalities").glob("*.yml"))
FACT = {"text": "新しい事実です。", "source": "https://www.vill.yugawa.fukushima.jp/x.html", "seen": "2026-12-01"}


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_municipality_file_round_trips_unchanged(path):
    text = path.read_text(encoding="utf-8")
    assert document.dump(document.load(text)) == text


def test_adding_a_fact_changes_only_those_lines_and_keeps_comments():
    text = (PROJECT_ROOT / "data" / "municipalities" / "yugawa.yml").read_text(encoding="utf-8")
    tree = document.load(text)
    facts = document.cell_facts(tree, "vaccination")
    document.set_cell_facts(tree, "vaccination", [*facts, FACT])
    out = document.dump(tree)
    added = [line for line in out.splitlines() if line not in text.splitlines()]
    assert added == [
        "      - text: 新しい事実です。",
        "        source: https://www.vill.yugawa.fukushima.jp/x.html",
        "        seen: 2026-12-01",
    ]
    assert "# 全国地方公共団体コード" in out
    assert document.cell_facts(document.load(out), "vaccination")[-1] == FACT
    Municipality.parse_obj(document.load(out))


def test_a_new_topic_in_an_empty_flow_mapping_is_written_in_block_style():
    tree = document.load("id: x\ntopics: {}\n")
    document.set_cell_facts(tree, "bulky_waste", [FACT])
    assert document.dump(tree) == (
        "id: x\ntopics:\n  bulky_waste:\n    facts:\n      - text: 新しい事実です。\n"
        "        source: https://www.vill.yugawa.fukushima.jp/x.html\n        seen: 2026-12-01\n"
    )


def test_unchanged_facts_keep_their_comments_and_removed_ones_go():
    text = (
        "topics:\n  t:\n    facts:\n      - text: a  # kept\n        source: https://a.jp/\n        seen: 2026-01-01\n"
        "      - text: b\n        source: https://b.jp/\n        seen: 2026-01-02\n"
    )
    tree = document.load(text)
    first, _ = document.cell_facts(tree, "t")
    document.set_cell_facts(tree, "t", [first])
    assert document.dump(tree) == (
        "topics:\n  t:\n    facts:\n      - text: a  # kept\n        source: https://a.jp/\n        seen: 2026-01-01\n"
    )


def test_version_is_the_content_hash():
    assert document.version_of("a: 1\n") == document.version_of("a: 1\n") != document.version_of("a: 2\n")


def test_removing_the_last_fact_of_a_topic_with_nothing_else_removes_the_topic():
    text = "topics:\n  keep:\n    url: https://k.jp/\n    facts: []\n"
    tree = document.load(text)
    document.set_cell_facts(tree, "t", [FACT])
    document.set_cell_facts(tree, "t", [])
    document.set_cell_facts(tree, "keep", [])
    assert document.dump(tree) == text
