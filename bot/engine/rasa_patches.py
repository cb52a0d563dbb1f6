"""Three measured fixes for Rasa 3.6 costs on the hot path (see docs/benchmarks.md).

1. RemoteAction validates every action result with `jsonschema.validate`, which re-checks the
   schema itself each time (19 ms per action on this machine). We validate against the same
   schema with a validator built once.
2. RedisTrackerStore.save re-reads and merges the stored tracker on every save to survive
   concurrent writers. Our connector serialises each conversation with a Redis ticket lock, so
   the store can write directly (~10 ms per turn).
3. Event.resolve_by_type walks every Event subclass recursively for each stored event whenever a
   tracker is deserialised (7.5% of a turn, growing with the conversation). We remember the
   classes it found; misses, defaults and errors still go through Rasa's own lookup.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, Dict, Optional, Type

from rasa.core.actions.action import RemoteAction
from rasa.core.tracker_store import RedisTrackerStore
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker

from bot.engine.tracker_bounds import bound_dialogue
from bot.privacy.tracker import mask_dialogue

DEFAULT_MAX_EVENTS = 400  # Settings.tracker_max_events


@lru_cache(maxsize=1)
def _action_result_validator() -> Any:
    from jsonschema.validators import validator_for

    schema = RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _validate_action_result(self: RemoteAction, result: Dict[str, Any]) -> bool:
    from jsonschema import ValidationError

    try:
        _action_result_validator().validate(result)
    except ValidationError as error:
        error.message += ". Failed to validate the action response."
        raise
    return True


_rasa_resolve_by_type = Event.resolve_by_type
_event_classes: Dict[str, Type[Event]] = {}


def _resolve_by_type(type_name: str, default: Optional[Type[Event]] = None) -> Optional[Type[Event]]:
    found = _event_classes.get(type_name)
    if found is not None:
        return found
    found = _rasa_resolve_by_type(type_name, default)
    if found is not None and getattr(found, "type_name", None) == type_name:
        _event_classes[type_name] = found
    return found


def install() -> None:
    """Use the cached validator for action results and the cached event class lookup (same results)."""
    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]
    Event.resolve_by_type = staticmethod(_resolve_by_type)  # type: ignore[method-assign,assignment]


class MaskedRedisTrackerStore(RedisTrackerStore):
    """Rasa's Redis tracker store that stores the resident's words with personal data masked.

    What the resident typed (user events, their parse data and free-text slots) is masked before
    the tracker is written; the policies need only intents and slots, so the conversation goes on
    unchanged. The consented contact and a report's place stay as typed: later turns of the form
    send them to the office.
    """

    max_events: int = DEFAULT_MAX_EVENTS

    def serialise_tracker(self, tracker: DialogueStateTracker) -> str:  # type: ignore[override]
        """The tracker as JSON: the current session only, at most `max_events`, personal data masked."""
        initial = {slot.name: slot.initial_value for slot in self.domain.slots}
        dialogue = bound_dialogue(tracker.as_dialogue().as_dict(), self.max_events, initial)
        return json.dumps(mask_dialogue(dialogue))


class LockedRedisTrackerStore(MaskedRedisTrackerStore):
    """A Redis tracker store for callers that serialise each conversation themselves."""

    async def save(self, tracker: DialogueStateTracker, timeout: Optional[float] = None) -> None:
        """Write the tracker without re-reading it (the caller holds the conversation's turn)."""
        await self.stream_events(tracker)
        self.red.set(
            self.key_prefix + tracker.sender_id, self.serialise_tracker(tracker), ex=timeout or self.record_exp
        )
