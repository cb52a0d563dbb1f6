"""The live FAQ indexes of a worker: rebuilt when the published version moves, swapped in whole."""

from __future__ import annotations

import threading
from typing import Callable, Dict, List, Optional

import pytest

from bot.faq.live import LiveIndexes


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Builds:
    """Builds that run only when the test says so (as a background thread would, later)."""

    def __init__(self) -> None:
        self.waiting: List[Callable[[], None]] = []
        self.files: Dict[str, str] = {"yugawa": "v1 entries"}
        self.reports: List[tuple] = []

    def run(self, work: Callable[[], None]) -> None:
        self.waiting.append(work)

    def finish_all(self) -> None:
        while self.waiting:
            self.waiting.pop(0)()

    def build(self, municipality: str) -> str:
        return f"index of {self.files[municipality]}"

    def report(self, municipality: str, version: str, state: str) -> None:
        self.reports.append((municipality, version, state))


@pytest.fixture()
def setup():
    versions: Dict[str, Optional[Dict[str, str]]] = {"now": {}}
    builds, clock = Builds(), Clock()
    live = LiveIndexes(lambda: versions["now"], builds.build, builds.run, builds.report, clock=clock)
    return live, versions, builds, clock


def test_a_published_version_is_built_in_the_background_then_swapped_in(setup):
    live, versions, builds, clock = setup
    live.check()
    assert live.get("yugawa") is None and builds.waiting == []
    versions["now"] = {"yugawa": "1"}
    clock.now += 1
    live.check()
    assert live.get("yugawa") is None  # still building: residents get the model's index meanwhile
    builds.finish_all()
    assert live.get("yugawa") == "index of v1 entries" and live.municipalities() == {"yugawa"}
    assert builds.reports == [("yugawa", "1", "building"), ("yugawa", "1", "live")]
    clock.now += 1
    live.check()
    assert builds.waiting == []  # the same version is not built twice


def test_the_versions_are_read_at_most_once_a_second(setup):
    live, versions, builds, clock = setup
    live.check()
    versions["now"] = {"yugawa": "1"}
    clock.now += 0.5
    live.check()
    assert builds.waiting == []
    clock.now += 0.5
    live.check()
    assert len(builds.waiting) == 1


def test_a_version_published_during_a_build_is_built_next(setup):
    live, versions, builds, clock = setup
    versions["now"] = {"yugawa": "1"}
    live.check()
    versions["now"] = {"yugawa": "2"}
    builds.files["yugawa"] = "v2 entries"
    clock.now += 1
    live.check()
    assert len(builds.waiting) == 1  # one build at a time per municipality
    builds.finish_all()
    clock.now += 1
    live.check()
    builds.finish_all()
    assert live.get("yugawa") == "index of v2 entries"
    assert [r[1:] for r in builds.reports if r[2] == "live"] == [("1", "live"), ("2", "live")]


def test_a_failed_build_keeps_the_index_residents_had_and_is_reported(setup):
    live, versions, builds, clock = setup
    versions["now"] = {"yugawa": "1"}
    live.check()
    builds.finish_all()
    versions["now"] = {"yugawa": "2"}
    builds.files.pop("yugawa")  # the build raises KeyError
    clock.now += 1
    live.check()
    builds.finish_all()
    assert live.get("yugawa") == "index of v1 entries"
    assert builds.reports[-1] == ("yugawa", "2", "failed")
    clock.now += 1
    live.check()
    assert builds.waiting == []  # not retried until the next publish


def test_without_redis_nothing_changes(setup):
    live, versions, builds, clock = setup
    versions["now"] = {"yugawa": "1"}
    live.check()
    builds.finish_all()
    versions["now"] = None
    clock.now += 1
    live.check()
    assert builds.waiting == [] and live.get("yugawa") == "index of v1 entries"


def test_readers_see_the_old_or_the_new_index_never_a_mix(setup):
    live, versions, builds, clock = setup
    versions["now"] = {"yugawa": "1", "showa": "1"}
    builds.files["showa"] = "showa entries"
    live.check()
    builds.waiting.pop(0)()
    seen = live._live  # what a reader holds while the next build swaps
    builds.finish_all()
    assert seen == {"yugawa": "index of v1 entries"} and live.get("showa") == "index of showa entries"


def test_the_watcher_builds_a_publish_without_any_request():
    built = threading.Event()

    def build(municipality: str) -> str:
        built.set()
        return f"index of {municipality}"

    live = LiveIndexes(lambda: {"yugawa": "1"}, build, run=lambda work: work(), interval=0.05)
    stop = live.watch()
    try:
        assert built.wait(2) and live.get("yugawa") == "index of yugawa"
    finally:
        stop.set()
