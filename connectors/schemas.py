"""Request and response bodies of the chat API, and the string rules they share with the OpenAPI document.

Each rule is a pattern written so that Python's `re` and the ECMA-262 regexes of OpenAPI read it the same way
(explicit characters, no `\\s`), and the server checks exactly what the document promises: a request the
schema allows is answered, one it forbids is refused.
"""

from __future__ import annotations

import re
import sys
from typing import Any, Dict, List, Mapping, Optional, Pattern, Sequence

from pydantic import BaseModel, ConstrainedStr, Extra, StrictStr, errors

from bot.jsonschema import allow_null
from bot.turn import TurnMeta

MAX_MESSAGE_CHARS = 500
# What str.strip() removes (str.isspace), and the control characters a message may not contain.
SPACE = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())
CONTROL = "".join(chr(c) for c in range(32) if chr(c) not in "\t\n\r")
VISIBLE_TEXT = f"^[^{CONTROL}]*[^{SPACE}{CONTROL}][^{CONTROL}]*$"  # something besides spaces, no control characters
HAS_VISIBLE = f"[^{SPACE}]"  # anything with one character that is not a space
SENDER_ID = "^[A-Za-z0-9_-]{8,64}$"
NO_SPACE_ID = f"^[^{SPACE}]{{1,64}}$"


def fully(pattern: str) -> Pattern[str]:
    """The pattern as the whole string must match it (Python's `$` would also accept a final newline)."""
    return re.compile(pattern.removeprefix("^").removesuffix("$"))


def matches(pattern: str, value: str) -> bool:
    """Whether `value` is what the pattern of the OpenAPI document allows."""
    return (
        fully(pattern).fullmatch(value) is not None
        if pattern.startswith("^")
        else re.search(pattern, value) is not None
    )


class Checked(ConstrainedStr):
    """A JSON string (never a number turned into one) matching `regex` as a whole, as the schema says."""

    strict = True

    @classmethod
    def validate(cls, value: str) -> str:
        pattern = cls.regex if isinstance(cls.regex, str) or cls.regex is None else cls.regex.pattern
        if pattern is not None and not matches(pattern, value):
            raise errors.StrRegexError(pattern=pattern)
        return value


class SenderId(Checked):
    """The widget's conversation id."""

    regex = re.compile(SENDER_ID)


class MessageText(Checked):
    """A resident's message: 1–500 characters, not only spaces, no control characters but tab and newlines."""

    min_length = 1
    max_length = MAX_MESSAGE_CHARS
    regex = re.compile(VISIBLE_TEXT)


class ChatRequest(BaseModel):
    """One resident message."""

    sender_id: SenderId
    message: MessageText
    municipality: Optional[StrictStr] = None  # one of the knowledge base's ids (listed in the OpenAPI document)

    class Config:
        extra = Extra.forbid
        schema_extra = staticmethod(allow_null)


class Button(BaseModel):
    title: str
    payload: str


class Phone(BaseModel):
    """A phone number in the message text, as written, and its tel: URI (the widget links it)."""

    number: str
    tel: str


class Message(BaseModel):
    text: str
    buttons: List[Button] = []
    phones: List[Phone] = []


class ChatResponse(BaseModel):
    """What the assistant answered, plus the turn's meta."""

    sender_id: str
    messages: List[Message]
    meta: TurnMeta


class Deleted(BaseModel):
    """What 「会話を消去」 removed."""

    deleted: bool
    escalations_deleted: int


def field_problems(raw: Sequence[Mapping[str, Any]]) -> List[Dict[str, str]]:
    """pydantic's errors as the API's {"field", "problem"} list."""
    return [{"field": ".".join(str(p) for p in e["loc"]), "problem": e["msg"]} for e in raw]
