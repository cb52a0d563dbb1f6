"""The string rules of the API: the server accepts exactly what the OpenAPI document's patterns allow."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from connectors.schemas import HAS_VISIBLE, SENDER_ID, SPACE, VISIBLE_TEXT, ChatRequest, matches


@pytest.mark.parametrize(
    "value,ok",
    [("abcdefgh", True), ("A-b_c-9_" * 8, True), ("abcdefg", False), ("abcdefgh\n", False), ("abcdefgh ", False)],
)
def test_sender_ids_match_as_a_whole(value, ok):
    assert matches(SENDER_ID, value) is ok


@pytest.mark.parametrize(
    "value,ok",
    [
        ("住民票", True),
        (" 住民票\r\n", True),
        ("\t改行\nあり", True),
        ("", False),
        ("   ", False),
        ("\u3000\u3000", False),  # full-width spaces only
        ("\x1c", False),  # a separator str.strip() removes (ECMA's \s would not)
        ("hi\x00there", False),
        ("a\x0bb", False),
    ],
)
def test_message_text_is_visible_and_free_of_control_characters(value, ok):
    assert matches(VISIBLE_TEXT, value) is ok


def test_the_space_class_is_what_strip_removes():
    assert all(c.isspace() for c in SPACE) and "".join(SPACE).strip() == ""
    assert matches(HAS_VISIBLE, " x ") and not matches(HAS_VISIBLE, SPACE)


@pytest.mark.parametrize(
    "body",
    [
        {"sender_id": 12345678, "message": "hi"},
        {"sender_id": "valid-sender", "message": 5},
        {"sender_id": "valid-sender", "message": "hi", "municipality": 3},
        {"sender_id": "valid-sender", "message": "x" * 501},
        {"sender_id": "valid-sender", "message": "hi", "extra": True},
    ],
)
def test_chat_requests_take_strings_only_and_nothing_extra(body):
    with pytest.raises(ValidationError):
        ChatRequest.parse_obj(body)


def test_the_schema_states_the_same_rules():
    properties = ChatRequest.schema()["properties"]
    assert properties["sender_id"]["pattern"] == SENDER_ID
    assert properties["message"] == {
        "title": "Message",
        "minLength": 1,
        "maxLength": 500,
        "pattern": VISIBLE_TEXT,
        "type": "string",
    }
    assert properties["municipality"]["anyOf"][1] == {"type": "null"}
    assert ChatRequest.schema()["additionalProperties"] is False
