"""The turn contract: the machine-readable summary of what one resident message produced.

Built by the actions (`TurnMeta(...).message()` travels as Rasa's custom JSON), read back by the
runtime (`TurnMeta.from_custom`), printed by the CLI and returned by the chat API (`ChatResponse.meta`),
so all four share one typed model (pydantic v1, as Rasa 3.6 pins it).
"""

from __future__ import annotations

from typing import Any, Dict, List, Literal, Mapping, Optional, TypeGuard

from pydantic import BaseModel, Extra, validator

from bot.jsonschema import allow_null

KEY = "meta"

Kind = Literal["answer", "chitchat", "ask_municipality", "clarify", "handoff", "safety", "fallback"]


class OfficeMeta(BaseModel):
    """The office a turn names: who handles the topic for the municipality."""

    municipality: str
    function: str
    name: str
    phone: Optional[str] = None
    via_main_office: bool = False
    hours: Optional[str] = None
    url: Optional[str] = None
    source: Optional[str] = None

    class Config:
        extra = Extra.forbid
        schema_extra = staticmethod(allow_null)


class TurnMeta(BaseModel):
    """What kind of answer a turn gave, about what, for whom, and which help lines it showed."""

    kind: Kind = "fallback"
    topic: Optional[str] = None
    municipality: Optional[str] = None
    confidence: Optional[float] = None
    office: Optional[OfficeMeta] = None
    # Safety categories whose replies were shown; the sure/unsure/maybe tiers of the safety layer.
    safety: List[str] = []
    safety_unsure: Optional[str] = None
    safety_maybe: Optional[str] = None
    # Imported FAQ: the entry answered, or the entries offered as choices.
    faq_id: Optional[str] = None
    faq_choices: Optional[List[str]] = None
    # Regional Q&A (data/qa/): the entry answered first, before the office.
    qa_id: Optional[str] = None
    # Escalation receipt number, once an inquiry was handed to an office.
    receipt: Optional[str] = None

    class Config:
        extra = Extra.forbid
        schema_extra = staticmethod(allow_null)
        validate_assignment = True

    @validator("confidence")
    def _rounded(cls, value: Optional[float]) -> Optional[float]:
        return None if value is None else round(float(value), 4)

    def message(self) -> Dict[str, Any]:
        """The custom JSON message an action sends (the runtime strips it before display)."""
        return {KEY: self.dict()}

    @classmethod
    def from_custom(cls, custom: Mapping[str, Any]) -> "TurnMeta":
        """Read the meta back from a custom JSON message."""
        return cls.parse_obj(custom[KEY])

    @staticmethod
    def is_meta(custom: Any) -> TypeGuard[Mapping[str, Any]]:
        """Whether a custom message carries the turn's meta."""
        return isinstance(custom, dict) and KEY in custom
