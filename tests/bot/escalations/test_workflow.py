import pytest
import redis

from bot.escalations.store import EscalationStore
from bot.escalations.workflow import InvalidUpdate, apply_update
from tests.bot.escalations.test_canned import KITAKATA
from tests.bot.escalations.test_store import make


@pytest.fixture()
def store(redis_server, request):
    with redis.Redis.from_url(redis_server.url) as client:
        yield EscalationStore(client, f"w{abs(hash(request.node.name))}", retention_days=30)


def test_assignment_to_a_staff_member_of_the_office_is_stored_and_audited(store):
    store.save(make("r1", "kitakata/environment"))
    staff = ["kitakata-a", "kitakata-b"]
    apply_update(store, store.get("r1"), KITAKATA, None, None, None, "kitakata-b", staff)
    assert store.get("r1").assignee == "kitakata-b"
    apply_update(store, store.get("r1"), KITAKATA, "in_progress", None, None, "kitakata-b", staff)  # unchanged
    apply_update(store, store.get("r1"), KITAKATA, None, None, None, "", staff)
    assert store.get("r1").assignee is None
    actions = [(a["user"], a["action"], a["receipt"]) for a in store.audit_log()]
    assert actions == [("kitakata-a", "assign:kitakata-b", "r1"), ("kitakata-a", "assign:-", "r1")]


def test_nobody_outside_the_office_can_be_assigned(store):
    store.save(make("r2", "kitakata/environment"))
    with pytest.raises(InvalidUpdate) as refused:
        apply_update(store, store.get("r2"), KITAKATA, None, None, None, "showa-a", ["kitakata-a"])
    assert refused.value.detail[0]["field"] == "assignee"
    assert store.get("r2").assignee is None
