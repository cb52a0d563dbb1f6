"""Conversation storage for `python -m bot ask`: Redis when configured, else a local SQLite file."""

from __future__ import annotations

from rasa.core.tracker_store import SQLTrackerStore, TrackerStore

from bot.settings import get_settings


def cli_tracker_store() -> TrackerStore:
    """A tracker store that survives between CLI invocations (so --sender continues)."""
    settings = get_settings()
    if settings.redis_url:
        from bot.engine.redis_store import redis_tracker_store

        return redis_tracker_store(settings)
    settings.state_dir.mkdir(parents=True, exist_ok=True)
    return SQLTrackerStore(dialect="sqlite", db=str(settings.state_dir / "cli-conversations.db"))
