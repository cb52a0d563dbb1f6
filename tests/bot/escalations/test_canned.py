from dataclasses import dataclass

import pytest
import redis

from bot.escalations.canned import CannedReplies, CannedReplyNotFound
from bot.escalations.workflow import InvalidUpdate


@dataclass(frozen=True)
class Staff:
    username: str
    office_key: str


KITAKATA = Staff("kitakata-a", "kitakata/environment")
KITAKATA_TAX = Staff("kitakata-tax", "kitakata/tax")
SHOWA = Staff("showa-a", "showa/citizen")


@pytest.fixture()
def canned(redis_server, request):
    with redis.Redis.from_url(redis_server.url) as client:
        yield CannedReplies(client, f"c{abs(hash(request.node.name))}")


def test_a_municipalitys_replies_are_shared_by_its_departments_and_no_one_else(canned):
    added = canned.add(KITAKATA, " 粗大ごみの申込 ", "粗大ごみは前日までに電話でお申し込みください。")
    assert (added.title, added.updated_by) == ("粗大ごみの申込", "kitakata-a")
    assert [r.id for r in canned.for_municipality("kitakata")] == [added.id]
    assert canned.for_municipality("showa") == []
    changed = canned.change(KITAKATA_TAX, added.id, "粗大ごみ", "新しい本文")
    assert (canned.get("kitakata", added.id).text, changed.updated_by) == ("新しい本文", "kitakata-tax")
    with pytest.raises(CannedReplyNotFound):
        canned.change(SHOWA, added.id, "x", "y")
    with pytest.raises(CannedReplyNotFound):
        canned.delete(SHOWA, added.id)
    canned.delete(KITAKATA, added.id)
    assert canned.for_municipality("kitakata") == []


def test_empty_or_long_fields_are_refused_by_name(canned):
    with pytest.raises(InvalidUpdate) as refused:
        canned.add(KITAKATA, "  ", "x" * 4001)
    assert [p["field"] for p in refused.value.detail] == ["title", "text"]


def test_odd_ids_are_not_found(canned):
    with pytest.raises(CannedReplyNotFound):
        canned.get("kitakata", "../../etc")
