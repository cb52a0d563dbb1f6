"""Build rasa_sdk trackers and the real domain for calling actions directly."""

from __future__ import annotations

from typing import Any, Dict, List

import pytest
from rasa_sdk import Tracker

from bot.knowledge.yaml_source import read_yaml


def make_tracker(
    intent: str = "resident_certificate",
    confidence: float = 0.95,
    slots: Dict[str, Any] | None = None,
    metadata: Dict[str, Any] | None = None,
    ranking: List[Dict[str, Any]] | None = None,
    text: str = "",
) -> Tracker:
    latest = {
        "intent": {"name": intent, "confidence": confidence},
        "entities": [],
        "text": text,
        "intent_ranking": ranking or [{"name": intent, "confidence": confidence}],
        "metadata": metadata or {},
    }
    return Tracker(
        "test-sender",
        {"municipality": None, "pending": None, "last_topic": None, **(slots or {})},
        latest,
        [],
        False,
        None,
        {},
        "action_listen",
    )


@pytest.fixture(scope="session")
def domain(project_root) -> Dict[str, Any]:
    """The real domain.yml as a plain dict (as rasa_sdk receives it)."""
    import json

    return json.loads(json.dumps(read_yaml(project_root / "domain.yml")))
