import json
import uuid

import redis
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    Event,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from bot.engine.tracker_bounds import bound_dialogue, bounded_session, current_session, state_before

DOMAIN = Domain.from_dict(
    {
        "intents": ["ask", "inform"],
        "slots": {
            "municipality": {"type": "text", "mappings": [{"type": "custom"}]},
            "topic": {"type": "text", "mappings": [{"type": "custom"}]},
            "count": {"type": "float", "initial_value": 0, "mappings": [{"type": "custom"}]},
        },
        "forms": {"report_form": {"required_slots": []}},
        "actions": ["action_answer"],
    }
)


def turn(number: int) -> list:
    return [
        ActionExecuted("action_listen"),
        UserUttered(f"質問{number}", {"name": "ask", "confidence": 0.9}),
        SlotSet("count", float(number)),
        ActionExecuted("action_answer"),
        BotUttered(f"答え{number}"),
    ]


def session_start(**slots: object) -> list:
    return [ActionExecuted("action_session_start"), SessionStarted()] + [SlotSet(k, v) for k, v in slots.items()]


def as_dicts(events: list) -> list:
    return [event.as_dict() for event in events]


def replayed(events: list) -> DialogueStateTracker:
    return DialogueStateTracker.from_dict("s", events, DOMAIN.slots)


INITIAL = {slot.name: slot.initial_value for slot in DOMAIN.slots}


def test_a_short_session_is_kept_exactly():
    events = as_dicts(session_start() + turn(1) + turn(2))
    assert bounded_session(events, 100, INITIAL) == events


def test_earlier_sessions_are_dropped_and_the_carried_over_slots_stay():
    events = as_dicts(
        session_start() + [SlotSet("municipality", "showa")] + turn(1) + session_start(municipality="showa") + turn(2)
    )
    session = current_session(events)
    assert session[0]["name"] == "action_session_start"
    assert [e["text"] for e in session if e["event"] == "user"] == ["質問2"]
    assert replayed(session).get_slot("municipality") == "showa"


def test_a_long_session_keeps_its_newest_whole_turns_and_the_state_at_the_cut():
    events = as_dicts(
        session_start()
        + [SlotSet("municipality", "kitakata")]
        + turn(1)
        + [SlotSet("topic", "bulky_waste"), ActiveLoop("report_form")]
        + [e for n in range(2, 200) for e in turn(n)]
    )
    bounded = bounded_session(events, 60, INITIAL)

    assert len(bounded) <= 60
    users = [e["text"] for e in bounded if e["event"] == "user"]
    assert users[-1] == "質問199" and len(users) >= 10
    assert users == [f"質問{n}" for n in range(200 - len(users), 200)]  # whole, consecutive turns
    full, cut = replayed(events), replayed(bounded)
    assert cut.current_slot_values() == full.current_slot_values()
    assert cut.active_loop_name == full.active_loop_name == "report_form"
    assert cut.latest_message.text == full.latest_message.text
    assert [e.as_dict() for e in cut.events][-5:] == events[-5:]


def test_the_state_at_a_point_replays_slots_resets_and_loops():
    events = as_dicts(
        [
            SlotSet("topic", "a"),
            ActiveLoop("report_form"),
            SlotSet("count", 3.0),
            ActiveLoop(None),
            SlotSet("topic", "b"),
        ]
    )
    slots, loop = state_before(events, 3, INITIAL)
    assert (slots["topic"], slots["count"], slots["municipality"], loop) == ("a", 3.0, None, "report_form")
    slots, loop = state_before(events, 5, INITIAL)
    assert (slots["topic"], slots["count"], loop) == ("b", 3.0, None)


def test_one_turn_longer_than_the_bound_is_kept_whole():
    long_turn = [ActionExecuted("action_listen"), UserUttered("x", {"name": "ask"})] + [
        BotUttered(str(n)) for n in range(80)
    ]
    events = as_dicts(session_start() + turn(1) + long_turn)
    bounded = bounded_session(events, 30, INITIAL)
    assert [e["text"] for e in bounded if e["event"] == "user"] == ["x"]
    assert len(bounded) < len(events)


def test_bounding_is_stable_over_many_saves():
    """A conversation saved after every turn stays bounded and keeps its slots, as the store does it."""
    events: list = as_dicts(session_start(municipality="yugawa"))
    for n in range(1, 300):
        events += as_dicts(turn(n))
        events = bound_dialogue({"events": events}, 50, INITIAL)["events"]
        assert len(events) <= 50
    tracker = replayed(events)
    assert tracker.get_slot("municipality") == "yugawa" and tracker.get_slot("count") == 299.0


async def test_the_redis_store_keeps_a_long_conversation_bounded(redis_server):
    """Through Rasa's own save and retrieve, on a real redis-server: size bounded, the state kept."""
    from bot.engine.redis_store import redis_tracker_store
    from bot.settings import Settings

    settings = Settings(redis_url=redis_server.url, redis_prefix=f"bound{uuid.uuid4().hex[:6]}", tracker_max_events=80)
    store = redis_tracker_store(settings, DOMAIN, ordered=True)
    sender = f"s-{uuid.uuid4().hex[:8]}"
    client = redis.Redis.from_url(redis_server.url)
    tracker = DialogueStateTracker.from_events(
        sender, session_start() + [SlotSet("municipality", "showa")], DOMAIN.slots
    )
    sizes = []
    key = f"{store.key_prefix}{sender}"
    for n in range(1, 400):
        tracker = await store.retrieve(sender) or tracker
        for event in turn(n):
            tracker.update(event)
        await store.save(tracker)
        if n in (50, 399):
            sizes.append(len(client.get(key) or b""))
    stored = json.loads(client.get(key) or b"{}")
    assert len(stored["events"]) <= 80
    assert sizes[1] < sizes[0] * 1.2  # message 399 stores no more than message 50
    again = await store.retrieve(sender)
    assert again is not None
    assert again.get_slot("municipality") == "showa" and again.get_slot("count") == 399.0
    assert again.latest_message.text == "質問399"
    assert all(isinstance(Event.from_parameters(e), Event) for e in stored["events"])
