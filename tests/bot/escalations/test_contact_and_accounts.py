import datetime as dt

import pytest

from bot.escalations.accounts import AccountBook, AccountError
from bot.escalations.contact import NONE, last_resident_time, parse_contact, transcript


@pytest.mark.parametrize(
    "text,expected",
    [
        ("090-1234-5678", "090-1234-5678"),
        ("電話は０２４２－３９－１１１１です", "0242-39-1111"),
        ("taro@example.jp にお願いします", "taro@example.jp"),
        ("なし", NONE),
        ("いいえ", NONE),
        ("あした", None),
    ],
)
def test_parse_contact(text, expected):
    assert parse_contact(text) == expected


def test_transcript_masks_but_keeps_consented_contact():
    events = [
        {"event": "user", "text": "マイナンバー123456789012を落とした"},
        {"event": "bot", "text": "お手数ですが…"},
        {"event": "user", "text": "/escalate"},
        {"event": "user", "text": "090-1111-2222に電話ください"},
        {"event": "slot", "name": "x"},
    ]
    lines = transcript(events, keep=["090-1111-2222"])
    assert [line.speaker for line in lines] == ["resident", "bot", "resident"]
    assert "123456789012" not in lines[0].text
    assert "090-1111-2222" in lines[2].text


def test_accounts_hash_passwords_and_verify(tmp_path):
    book = AccountBook(tmp_path / "accounts.json")
    book.add("kitakata-shimin", "correct horse battery", "kitakata", "citizen", "a@example.jp")
    stored = (tmp_path / "accounts.json").read_text()
    assert "correct horse battery" not in stored and "$argon2" in stored
    assert book.verify("kitakata-shimin", "correct horse battery").office_key == "kitakata/citizen"
    assert book.verify("kitakata-shimin", "wrong password!!") is None
    assert book.verify("nobody", "correct horse battery") is None
    with pytest.raises(AccountError):
        book.add("x", "short", "kitakata", "citizen")


def test_last_resident_time_skips_bot_lines_and_button_payloads():
    events = [
        {"event": "user", "text": "粗大ごみ", "timestamp": 100.0},
        {"event": "user", "text": "ソファです", "timestamp": 160.0},
        {"event": "bot", "text": "受け付けました", "timestamp": 170.0},
        {"event": "user", "text": "/confirm", "timestamp": 180.0},
    ]
    assert last_resident_time(events) == dt.datetime.fromtimestamp(160.0, dt.timezone.utc)
    assert last_resident_time([{"event": "bot", "text": "x", "timestamp": 1.0}]) is None
