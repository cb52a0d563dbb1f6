import datetime as dt

from bot.escalations.listing import InboxFilter, select, status_counts, waiting_seconds
from bot.escalations.models import Note
from tests.bot.escalations.test_store import make

NAMES = {"resident_certificate": "住民票", "bulky_waste": "粗大ごみ"}.get
UTC = dt.timezone.utc


def name(topic):
    return NAMES(topic or "", topic or "")


def sample():
    first = make("20261201-0001-AAAA", when=dt.datetime(2026, 11, 30, 16, tzinfo=UTC))  # 12/1 01:00 JST
    second = make("20261203-0001-BBBB", when=dt.datetime(2026, 12, 3, 2, tzinfo=UTC))
    second.topic, second.resident_message, second.status = "bulky_waste", "ＳＯＦＡを出したい", "in_progress"
    third = make("20261205-0001-CCCC", when=dt.datetime(2026, 12, 5, 2, tzinfo=UTC))
    third.urgent, third.place = True, "塩川町の県道"
    third.notes.append(Note(author="a", text="電話で折り返し済み", at=third.created_at))
    return [first, second, third]


def receipts(found):
    return [e.receipt for e in found]


def test_each_restriction_narrows_the_list():
    rows = sample()
    assert receipts(select(rows, InboxFilter(), name)) == receipts(rows)
    assert receipts(select(rows, InboxFilter(status="in_progress"), name)) == ["20261203-0001-BBBB"]
    assert receipts(select(rows, InboxFilter(topic="bulky_waste"), name)) == ["20261203-0001-BBBB"]
    assert receipts(select(rows, InboxFilter(urgent=True), name)) == ["20261205-0001-CCCC"]


def test_dates_are_japan_days_inclusive():
    rows = sample()
    # 2026-11-30 16:00 UTC is 12/1 in Japan
    assert receipts(select(rows, InboxFilter(date_to=dt.date(2026, 12, 1)), name)) == ["20261201-0001-AAAA"]
    between = InboxFilter(date_from=dt.date(2026, 12, 2), date_to=dt.date(2026, 12, 5))
    assert receipts(select(rows, between, name)) == ["20261203-0001-BBBB", "20261205-0001-CCCC"]


def test_search_folds_width_and_case_and_needs_every_word():
    rows = sample()
    assert receipts(select(rows, InboxFilter(text="sofa"), name)) == ["20261203-0001-BBBB"]
    assert receipts(select(rows, InboxFilter(text="粗大ごみ"), name)) == ["20261203-0001-BBBB"]  # topic name
    assert receipts(select(rows, InboxFilter(text="県道 折り返し"), name)) == ["20261205-0001-CCCC"]  # place + note
    assert select(rows, InboxFilter(text="県道 ソファ"), name) == []
    assert receipts(select(rows, InboxFilter(text="0001-aaaa"), name)) == ["20261201-0001-AAAA"]


def test_counts_per_status_ignore_the_status_but_keep_the_rest():
    rows = sample()
    assert status_counts(rows, InboxFilter(status="resolved"), name) == {"new": 2, "in_progress": 1, "resolved": 0}
    assert status_counts(rows, InboxFilter(urgent=True), name) == {"new": 1, "in_progress": 0, "resolved": 0}


def test_waiting_runs_from_the_last_resident_message_until_a_reply():
    e = make("w", when=dt.datetime(2026, 12, 1, 0, tzinfo=UTC))
    e.resident_at = dt.datetime(2026, 11, 30, 23, 50, tzinfo=UTC)
    now = dt.datetime(2026, 12, 1, 1, tzinfo=UTC)
    assert waiting_seconds(e, now) == 70 * 60
    e.reply, e.replied_at = "回答です", dt.datetime(2026, 12, 1, 0, 30, tzinfo=UTC)
    assert waiting_seconds(e, now) is None
    e.reply, e.replied_at, e.status = None, None, "resolved"
    assert waiting_seconds(e, now) is None
