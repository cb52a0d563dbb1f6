"""Saving a cell: version-checked, validated as a whole file, atomic."""

from __future__ import annotations

import shutil

import pytest

from bot.knowledge.base import load_knowledge
from bot.knowledge.yaml_source import DataFileError
from bot.localfacts import document
from bot.localfacts.saving import CellFacts, StaleVersion, municipality_file, read, save_section
from bot.settings import PROJECT_ROOT

BULKY = CellFacts("bulky_waste")
FACT = {"text": "新しい事実です。", "source": "https://www.vill.yugawa.fukushima.jp/x.html", "seen": "2026-12-01"}


@pytest.fixture()
def data(tmp_path):
    shutil.copytree(PROJECT_ROOT / "data", tmp_path / "data")
    return tmp_path / "data"


def test_save_writes_the_fact_and_returns_before_after_and_the_new_version(data):
    path = municipality_file(data, "yugawa")
    version = document.version_of(read(path))
    saved = save_section(path, BULKY, [FACT], version)
    assert saved.before == [] and saved.after == [FACT]
    assert saved.version == document.version_of(read(path)) != version
    assert load_knowledge(data).answer("yugawa", "bulky_waste").facts[0].text == "新しい事実です。"
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_a_stale_version_is_refused_and_nothing_is_written(data):
    path = municipality_file(data, "yugawa")
    old = document.version_of(read(path))
    save_section(path, BULKY, [FACT], old)
    after_first = read(path)
    with pytest.raises(StaleVersion):
        save_section(path, BULKY, [], old)
    assert read(path) == after_first


def test_a_fact_the_schema_refuses_is_never_written(data):
    path = municipality_file(data, "yugawa")
    before = read(path)
    with pytest.raises(DataFileError) as error:
        save_section(path, BULKY, [{**FACT, "source": "not a url"}], document.version_of(before))
    assert "source" in str(error.value)
    assert read(path) == before
