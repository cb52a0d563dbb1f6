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


async def test_the_redis_tracker_store_keeps_the_conversation_but_not_the_personal_data(redis_server, monkeypatch):
    """What Redis holds of a conversation (a real redis-server): the resident's words masked, slots and intents kept."""
    import json
    import uuid

    import redis
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.engine.redis_store import redis_tracker_store
    from bot.settings import Settings

    settings = Settings(redis_url=redis_server.url, redis_prefix=f"mask{uuid.uuid4().hex[:6]}")
    sender = f"s-{uuid.uuid4().hex[:8]}"
    typed = "粗大ごみを出したい、山田太郎です。住所は喜多方市字御清水東7244-2です"
    for ordered in (False, True):
        store = redis_tracker_store(settings, ordered=ordered)
        tracker = DialogueStateTracker.from_events(
            sender,
            [
                UserUttered(typed, {"name": "bulky_waste", "confidence": 0.9}),
                SlotSet("escalation_message", "高橋ヨシ子と申します"),
                SlotSet("escalation_contact", "090-1234-5678"),
            ],
        )
        await store.save(tracker)
        client = redis.Redis.from_url(redis_server.url)
        keys = list(client.scan_iter(f"{settings.redis_prefix}*{sender}*"))
        assert keys
        raw = " ".join(json.dumps(json.loads(client.get(key) or b"{}"), ensure_ascii=False) for key in keys)
        assert "粗大ごみを出したい" in raw and "090-1234-5678" in raw  # the conversation and the consented contact
        for personal in ("山田太郎", "御清水東", "7244-2", "高橋ヨシ子"):
            assert personal not in raw, (ordered, personal)
        again = await store.retrieve(sender)
        assert again is not None and again.latest_message.intent["name"] == "bulky_waste"
