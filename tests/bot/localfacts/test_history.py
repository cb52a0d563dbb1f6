"""The history of a cell in a real redis-server."""

from __future__ import annotations

import uuid

import pytest
import redis

from bot.localfacts.history import KEEP, CellHistory, Change


@pytest.fixture()
def history(redis_server):
    client = redis.Redis.from_url(redis_server.url)
    yield CellHistory(client, f"h{uuid.uuid4().hex[:6]}")
    client.close()


def test_changes_are_listed_newest_first_per_cell_and_found_by_id(history):
    first = history.record("yugawa", "bulky_waste", Change("a", "save", [], [{"text": "x"}]))
    second = history.record("yugawa", "bulky_waste", Change("b", "revert", [{"text": "x"}], [], reverts=first.id))
    history.record("showa", "bulky_waste", Change("c", "save", [], []))
    assert [c.id for c in history.changes("yugawa", "bulky_waste")] == [second.id, first.id]
    assert history.find("yugawa", "bulky_waste", first.id) == first
    assert history.find("showa", "bulky_waste", first.id) is None


def test_only_the_newest_changes_are_kept(history):
    for i in range(KEEP + 3):
        history.record("yugawa", "t", Change(str(i), "save", [], []))
    changes = history.changes("yugawa", "t", KEEP + 10)
    assert len(changes) == KEEP and changes[0].user == str(KEEP + 2)
