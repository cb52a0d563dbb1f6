"""Keep what one conversation stores bounded, so a turn costs the same at message 10 and 10,000.

Rasa keeps every event of a conversation in its tracker, across sessions, and each turn reads,
masks and writes all of them. The dialogue needs far less: only RulePolicy decides here, and it
looks at the last few turns; slots carry everything older. So before a tracker is stored:

1. events before the current session's start are dropped (Rasa has already carried the slots over
   into the new session with SlotSet events);
2. if the session itself is longer than `max_events`, its oldest turns are replaced by a synthetic
   session start that restores the state at the cut: every slot that has a value, and the active
   loop (a form in progress). The newest turns are kept whole, from a resident message on.

The functions work on the JSON form of the events (`Dialogue.as_dict()["events"]`), the form the
Redis tracker store writes.
"""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Tuple

SESSION_START = "action_session_start"
LISTEN = "action_listen"

Event = Dict[str, Any]


def _is_action(event: Event, name: str) -> bool:
    return event.get("event") == "action" and event.get("name") == name


def current_session(events: List[Event]) -> List[Event]:
    """The events from the last session start on (all of them when there is none)."""
    for index in range(len(events) - 1, -1, -1):
        if _is_action(events[index], SESSION_START):
            return events[index:]
    return events


def _turn_starts(events: List[Event]) -> List[int]:
    """Indexes of resident messages that follow a listen: the places a history can be cut cleanly."""
    return [
        index
        for index in range(1, len(events))
        if events[index].get("event") == "user" and _is_action(events[index - 1], LISTEN)
    ]


def restored_state(slots: Mapping[str, Any], active_loop: Optional[str], timestamp: float) -> List[Event]:
    """A session start that puts the conversation back in the state it had at the cut."""
    events: List[Event] = [
        {"event": "action", "timestamp": timestamp, "name": SESSION_START, "policy": None, "confidence": None},
        {"event": "session_started", "timestamp": timestamp},
    ]
    events += [
        {"event": "slot", "timestamp": timestamp, "name": name, "value": value}
        for name, value in slots.items()
        if value is not None
    ]
    if active_loop:
        events.append({"event": "active_loop", "timestamp": timestamp, "name": active_loop})
    events.append({"event": "action", "timestamp": timestamp, "name": LISTEN, "policy": None, "confidence": None})
    return events


def bounded_session(session: List[Event], max_events: int, initial_slots: Mapping[str, Any]) -> List[Event]:
    """One session's events cut to at most about `max_events`, whole turns kept, the state restored."""
    if len(session) <= max_events:
        return session
    starts = _turn_starts(session)
    for keep_from in (start for start in starts if len(session) - start <= max_events - 3):
        slots, loop = state_before(session, keep_from, initial_slots)
        restored = restored_state(slots, loop, float(session[keep_from].get("timestamp") or 0.0))
        if len(restored) + len(session) - keep_from <= max_events:
            return restored + session[keep_from:]
    if not starts:
        return session
    # The last turn alone is longer than the bound: keep it whole.
    keep_from = starts[-1]
    slots, loop = state_before(session, keep_from, initial_slots)
    return restored_state(slots, loop, float(session[keep_from].get("timestamp") or 0.0)) + session[keep_from:]


def state_before(
    events: List[Event], index: int, initial_slots: Mapping[str, Any]
) -> Tuple[Dict[str, Any], Optional[str]]:
    """Slot values and the active loop just before `events[index]`, by replaying the events."""
    slots = dict(initial_slots)
    loop: Optional[str] = None
    for event in events[:index]:
        kind = event.get("event")
        if kind == "slot":
            slots[str(event.get("name"))] = event.get("value")
        elif kind == "active_loop":
            loop = event.get("name") or None
        elif kind == "reset_slots":
            slots = dict(initial_slots)
        elif kind == "restart":
            slots, loop = dict(initial_slots), None
    return slots, loop


def bound_dialogue(dialogue: Dict[str, Any], max_events: int, initial_slots: Mapping[str, Any]) -> Dict[str, Any]:
    """`dialogue` (Dialogue.as_dict()) with its events bounded, in place."""
    session = current_session(dialogue.get("events") or [])
    dialogue["events"] = bounded_session(session, max_events, initial_slots)
    return dialogue
