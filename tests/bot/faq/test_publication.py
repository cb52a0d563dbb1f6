"""Publishing a municipality's FAQ in a real redis-server: versions, the rebuild's progress, the history."""

from __future__ import annotations

import uuid

import pytest
import redis

from bot.faq.publication import FaqPublications, Publication


@pytest.fixture()
def publications(redis_server):
    client = redis.Redis.from_url(redis_server.url)
    yield FaqPublications(client, f"p{uuid.uuid4().hex[:6]}")
    client.close()


def test_each_publish_bumps_only_that_municipalitys_version(publications):
    assert publications.versions() == {} and publications.progress("yugawa") is None
    assert publications.publish("yugawa") == "1"
    assert publications.publish("yugawa") == "2"
    assert publications.publish("showa") == "1"
    assert publications.versions() == {"yugawa": "2", "showa": "1"}


def test_progress_is_that_of_the_newest_version_and_the_first_worker_sets_each_time(publications):
    version = publications.publish("yugawa")
    assert publications.progress("yugawa").state == "queued"
    publications.report("yugawa", version, "building")
    assert publications.progress("yugawa").state == "building"
    publications.report("yugawa", version, "live")
    first = publications.progress("yugawa")
    publications.report("yugawa", version, "live")  # a second worker swaps later
    assert first.state == "live" and publications.progress("yugawa").times == first.times
    assert set(first.times) == {"queued", "building", "live"}
    publications.publish("yugawa")
    assert publications.progress("yugawa").state == "queued"


def test_a_failed_rebuild_is_shown_as_failed(publications):
    version = publications.publish("yugawa")
    publications.report("yugawa", version, "building")
    publications.report("yugawa", version, "failed")
    assert publications.progress("yugawa").state == "failed"


def test_the_history_lists_publications_newest_first_per_municipality(publications):
    first = publications.record("yugawa", Publication("a", "v1.csv", "1", 3, 0, 0, 0))
    second = publications.record("yugawa", Publication("b", "v2.csv", "2", 1, 1, 1, 0))
    publications.record("showa", Publication("c", "s.csv", "1", 1, 0, 0, 0))
    assert publications.history("yugawa") == [second, first]


def test_an_unreachable_redis_reads_as_unknown_versions():
    client = redis.Redis(port=1, socket_connect_timeout=0.2)
    assert FaqPublications(client, "x").versions() is None
