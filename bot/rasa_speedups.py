"""Two measured fixes for Rasa 3.6 costs on the hot path (see docs/benchmarks.md).

1. RemoteAction validates every action result with `jsonschema.validate`, which re-checks the
   schema itself each time (~50 ms per action on this machine). We validate against the same
   schema with a validator built once.
2. RedisTrackerStore.save re-reads and merges the stored tracker on every save to survive
   concurrent writers. Our connector serialises each conversation with a Redis ticket lock, so
   the store can write directly (~10 ms per turn).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, Optional

from rasa.core.actions.action import RemoteAction
from rasa.core.tracker_store import RedisTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker


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


def install() -> None:
    """Use the cached validator for action results (same schema, same errors)."""
    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]


class LockedRedisTrackerStore(RedisTrackerStore):
    """A Redis tracker store for callers that serialise each conversation themselves."""

    async def save(self, tracker: DialogueStateTracker, timeout: Optional[float] = None) -> None:
        """Write the tracker without re-reading it (the caller holds the conversation's turn)."""
        await self.stream_events(tracker)
        self.red.set(self.key_prefix + tracker.sender_id, self.serialise_tracker(tracker),
                     ex=timeout or self.record_exp)
