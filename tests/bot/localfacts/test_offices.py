"""The offices section of a municipality file: read, replaced in place, everything else kept as written."""

from __future__ import annotations

import copy
import difflib

import pytest

from bot.knowledge.models import Municipality
from bot.localfacts import document
from bot.localfacts.offices import Offices
from bot.settings import PROJECT_ROOT

FILES = sorted((PROJECT_ROOT / "data" / "municipalities").glob("*.yml"))
KITAKATA = PROJECT_ROOT / "data" / "municipalities" / "kitakata.yml"


def changed_lines(before: str, after: str):
    """(removed, added) lines, in order (a line repeated elsewhere in the file counts too)."""
    removed, added = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before.splitlines(), after.splitlines()).get_opcodes():
        if tag in {"replace", "delete"}:
            removed += before.splitlines()[i1:i2]
        if tag in {"replace", "insert"}:
            added += after.splitlines()[j1:j2]
    return removed, added


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_writing_back_what_was_read_leaves_every_file_byte_for_byte(path):
    text = path.read_text(encoding="utf-8")
    tree = document.load(text)
    Offices().write(tree, copy.deepcopy(Offices().read(tree)))
    assert document.dump(tree) == text


def test_a_new_phone_and_hours_change_only_their_lines_and_are_quoted_like_the_files():
    text = KITAKATA.read_text(encoding="utf-8")
    tree = document.load(text)
    offices = Offices().read(tree)
    health = offices["departments"]["health"]
    assert health["name"] == "保健課 健康推進室" and "phone" not in health and "hours" not in health
    health["phone"] = "0241-24-0000"
    health["hours"] = {"weekdays": "08:30-17:15"}
    Offices().write(tree, offices)
    out = document.dump(tree)
    assert changed_lines(text, out) == (
        [],
        ['    phone: "0241-24-0000"', "    hours:", '      weekdays: "08:30-17:15"'],
    )
    model = Municipality.parse_obj(document.load(out))
    assert model.departments["health"].phone == "0241-24-0000"
    assert Offices().read(document.load(out)) == offices


def test_departments_are_added_renamed_and_removed_and_topics_routed_without_touching_their_facts():
    text = KITAKATA.read_text(encoding="utf-8")
    tree = document.load(text)
    offices = Offices().read(tree)
    facts = document.cell_facts(tree, "dog_registration")
    assert offices["topics"]["dog_registration"] == {
        "department": "environment",
        "url": "http://www.city.kitakata.fukushima.jp/soshiki/kankyo/472.html",
    }
    offices["departments"]["consumer"] = {"name": "消費生活センター", "source": "https://a.jp/", "seen": "2026-12-02"}
    del offices["departments"]["citizen"]
    offices["topics"]["dog_registration"] = {"department": "consumer"}
    offices["topics"]["bulky_waste"] = {"url": "https://www.city.kitakata.fukushima.jp/x.html"}
    Offices().write(tree, offices)
    out = document.load(document.dump(tree))
    model = Municipality.parse_obj(out)
    assert list(model.departments)[-1] == "consumer" and "citizen" not in model.departments
    assert model.topics["dog_registration"].department == "consumer"
    assert model.topics["dog_registration"].url is None
    assert document.cell_facts(out, "dog_registration") == facts
    assert model.topics["bulky_waste"].url == "https://www.city.kitakata.fukushima.jp/x.html"
    assert Offices().read(out) == offices


def test_a_topic_left_with_nothing_is_removed():
    tree = document.load("topics:\n  t:\n    url: https://a.jp/\n  u:\n    facts: []\n")
    offices = Offices().read(tree)
    assert offices["topics"] == {"t": {"url": "https://a.jp/"}}
    offices["topics"] = {}
    Offices().write(tree, {**offices, "website": {}, "main_office": {}})
    assert document.dump(tree) == "topics:\n  u:\n    facts: []\nwebsite: {}\nmain_office: {}\n"
