import datetime as dt

import pytest
import redis

from bot.escalations.models import Escalation, Line
from bot.escalations.store import EscalationStore


def make(receipt, office="kitakata/citizen", when=None, sender="sender-1"):
    municipality, function = office.split("/")
    when = when or dt.datetime.now(dt.timezone.utc)
    return Escalation(
        receipt=receipt,
        sender_id=sender,
        municipality=municipality,
        function=function,
        office_name="市民課",
        topic="resident_certificate",
        resident_message="至急",
        transcript=[Line(speaker="resident", text="住民票")],
        consent=False,
        contact=None,
        created_at=when,
        updated_at=when,
    )


@pytest.fixture()
def store(redis_server, request):
    with redis.Redis.from_url(redis_server.url) as client:
        yield EscalationStore(client, f"t{abs(hash(request.node.name))}", retention_days=30)


def test_receipts_are_unique_and_readable(store):
    now = dt.datetime(2026, 11, 28, 3, tzinfo=dt.timezone.utc)
    first, second = store.new_receipt(now), store.new_receipt(now)
    assert first != second
    assert first.startswith("20261128-0001-") and second.startswith("20261128-0002-")


def test_office_sees_only_its_own(store):
    store.save(make("r1", "kitakata/citizen"))
    store.save(make("r2", "kitakata/tax"))
    store.save(make("r3", "showa/citizen"))
    assert [e.receipt for e in store.for_office("kitakata/citizen")] == ["r1"]


def test_records_past_retention_disappear_from_the_index(store):
    old = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=31)
    store.save(make("old", when=old))
    store.save(make("new"))
    assert [e.receipt for e in store.for_office("kitakata/citizen")] == ["new"]


def test_records_expire_in_redis(store, redis_server):
    store.save(make("ttl"))
    with redis.Redis.from_url(redis_server.url) as client:
        ttl = client.ttl(store._key("ttl"))
    assert 29 * 86400 < ttl <= 30 * 86400


def test_resident_can_delete_only_their_own(store):
    store.save(make("mine", sender="me-123456"))
    store.save(make("theirs", sender="other-1234"))
    assert store.delete_for_sender("me-123456", ["mine", "theirs"]) == 1
    assert store.get("mine") is None and store.get("theirs") is not None


def test_urgent_unresolved_escalations_come_first(store):
    now = dt.datetime.now(dt.timezone.utc)
    store.save(make("old-urgent", when=now - dt.timedelta(hours=3)).copy(update={"urgent": True, "safety": ["dv"]}))
    store.save(make("newest", when=now))
    store.save(
        make("done-urgent", when=now - dt.timedelta(hours=1)).copy(update={"urgent": True, "status": "resolved"})
    )
    store.save(make("older", when=now - dt.timedelta(hours=2)))
    assert [e.receipt for e in store.for_office("kitakata/citizen")] == ["old-urgent", "newest", "done-urgent", "older"]
    assert store.get("old-urgent").safety == ["dv"]
