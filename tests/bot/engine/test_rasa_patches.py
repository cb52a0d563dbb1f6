import pytest
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered
from rasa.shared.utils.common import all_subclasses

from bot.engine import rasa_patches


def test_cached_event_lookup_gives_rasas_answers():
    rasa_patches.install()
    for cls in all_subclasses(Event):
        if getattr(cls, "type_name", None):
            assert Event.resolve_by_type(cls.type_name) is rasa_patches._rasa_resolve_by_type(cls.type_name)
    assert Event.resolve_by_type("user") is UserUttered
    assert Event.resolve_by_type("slot") is SlotSet
    assert Event.resolve_by_type("no_such_event", default=ActionExecuted) is ActionExecuted
    assert "no_such_event" not in rasa_patches._event_classes
    with pytest.raises(ValueError):
        Event.resolve_by_type("no_such_event")
    assert Event.resolve_by_type("topic") is None


def test_events_round_trip_through_the_cached_lookup():
    rasa_patches.install()
    events = [
        UserUttered("住民票", {"name": "resident_certificate", "confidence": 0.9}),
        SlotSet("municipality", "showa"),
        ActionExecuted("action_answer_topic"),
    ]
    assert [Event.from_parameters(e.as_dict()) for e in events] == events
