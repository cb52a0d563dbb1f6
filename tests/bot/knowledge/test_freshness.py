"""The live knowledge base: reloaded after a file or the published version changes, checked at most once a second."""

from __future__ import annotations

import os
import shutil

import pytest

from bot.knowledge.freshness import LiveKnowledge
from bot.localfacts import document
from bot.localfacts.saving import CellFacts, municipality_file, read, save_section
from bot.settings import PROJECT_ROOT

FACT = {"text": "新しい事実です。", "source": "https://www.vill.yugawa.fukushima.jp/x.html", "seen": "2026-12-01"}


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture()
def data(tmp_path):
    shutil.copytree(PROJECT_ROOT / "data", tmp_path / "data")
    return tmp_path / "data"


def _facts(kb):
    return [f.text for f in kb.answer("yugawa", "bulky_waste").facts]


def _save(data):
    path = municipality_file(data, "yugawa")
    save_section(path, CellFacts("bulky_waste"), [FACT], document.version_of(read(path)))


def test_a_saved_file_is_seen_after_the_interval_and_not_before(data):
    clock = Clock()
    live = LiveKnowledge(data, clock=clock)
    first = live.get()
    _save(data)
    clock.now += 0.5
    assert live.get() is first  # checked at most once a second
    clock.now += 0.6
    fresh = live.get()
    assert _facts(fresh) == ["新しい事実です。"] and _facts(first) == []
    assert fresh.topics is first.topics  # only the municipality file was parsed again
    clock.now += 2
    assert live.get() is fresh  # nothing changed: no reload


def test_a_new_published_version_reloads_even_when_no_file_looks_changed(data):
    clock, version = Clock(), ["1"]
    live = LiveKnowledge(data, published=lambda: version[0], clock=clock)
    first = live.get()
    path = municipality_file(data, "yugawa")
    stat = path.stat()
    path.write_text(read(path).replace("湯川村役場", "湯川村役所"), encoding="utf-8")  # same size
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # and the same mtime: only the version tells
    clock.now += 1.1
    assert live.get() is first
    version[0] = "2"
    clock.now += 1.1
    assert live.get().municipalities["yugawa"].main_office.name == "湯川村役所"
    version[0] = None  # Redis unreachable: no reload because of that
    clock.now += 1.1
    kept = live.get()
    clock.now += 1.1
    assert live.get() is kept


def test_broken_data_keeps_the_last_good_knowledge(data):
    clock = Clock()
    live = LiveKnowledge(data, clock=clock)
    first = live.get()
    municipality_file(data, "yugawa").write_text("id: yugawa\nname: [\n", encoding="utf-8")
    clock.now += 1.1
    assert live.get() is first
