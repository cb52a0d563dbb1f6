"""The turn contract shared by actions, runtime, CLI and API."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from bot.engine.runtime import collect
from bot.turn import TurnMeta


def test_meta_round_trips_through_the_custom_message():
    meta = TurnMeta(kind="answer", topic="bulky_waste", municipality="kitakata", confidence=0.912345678)
    custom = meta.message()
    assert TurnMeta.is_meta(custom) and not TurnMeta.is_meta({"text": "x"}) and not TurnMeta.is_meta(None)
    back = TurnMeta.from_custom(custom)
    assert back == meta and back.confidence == 0.9123


def test_unknown_keys_and_kinds_are_rejected():
    with pytest.raises(ValidationError):
        TurnMeta(kind="answer", topik="typo")  # type: ignore[call-arg]
    with pytest.raises(ValidationError):
        TurnMeta(kind="answered")  # type: ignore[arg-type]
    meta = TurnMeta()
    with pytest.raises(ValidationError):
        meta.kind = "nonsense"  # type: ignore[assignment]


def test_runtime_reads_the_meta_and_fills_the_site_for_safety_turns():
    raw = [
        {"text": "119番へ", "recipient_id": "s"},
        {"custom": TurnMeta(kind="safety", safety=["emergency"]).message(), "recipient_id": "s"},
    ]
    result = collect(raw, site="yugawa")
    assert (result.meta.kind, result.meta.safety, result.meta.municipality) == ("safety", ["emergency"], "yugawa")
    assert result.as_dict()["meta"]["kind"] == "safety"
    assert [m["text"] for m in result.messages] == ["119番へ"]


def test_a_turn_without_meta_is_a_fallback():
    assert collect([{"text": "?"}], site=None).meta == TurnMeta(kind="fallback")
