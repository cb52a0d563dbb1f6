"""Request and response bodies of the chat API."""

from __future__ import annotations

from typing import Any, List

from pydantic import BaseModel, Extra, constr, validator

from bot.turn import TurnMeta

SenderId = constr(regex=r"^[A-Za-z0-9_-]{8,64}$")
MAX_MESSAGE_CHARS = 500


class ChatRequest(BaseModel):
    """One resident message."""

    sender_id: SenderId  # type: ignore[valid-type]
    message: str
    municipality: str | None = None

    class Config:
        extra = Extra.forbid

    @validator("sender_id", "municipality", pre=True)
    def _strings_only(cls, value: Any) -> Any:
        if value is not None and not isinstance(value, str):
            raise ValueError("must be a string")
        return value

    @validator("message", pre=True)
    def _message(cls, value: Any) -> str:
        if not isinstance(value, str):
            raise ValueError("message must be a string")
        text = value.strip()
        if not 1 <= len(text) <= MAX_MESSAGE_CHARS:
            raise ValueError(f"message must be 1–{MAX_MESSAGE_CHARS} characters after trimming")
        if any(ord(c) < 32 and c not in "\n\t" for c in text):
            raise ValueError("message must not contain control characters")
        return text


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
