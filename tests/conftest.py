"""Session fixtures: a real redis-server and a model trained once per test run."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

import pytest

from bot.settings import PROJECT_ROOT

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


@pytest.fixture(scope="session")
def project_root() -> Path:
    return PROJECT_ROOT


@pytest.fixture(scope="session")
def knowledge():
    from bot.knowledge.base import load_knowledge

    return load_knowledge(PROJECT_ROOT / "data")


@pytest.fixture(scope="session")
def trained_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Train the real assistant once for the whole session (or reuse AIZU_TEST_MODEL)."""
    preset = os.environ.get("AIZU_TEST_MODEL")
    if preset:
        return Path(preset).resolve()
    from bot.training import train

    return train(PROJECT_ROOT, tmp_path_factory.mktemp("models"))


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator["object"]:
    """A real redis-server started for this session, with AOF persistence."""
    from connectors.embedded_redis import start_redis

    server = start_redis(tmp_path_factory.mktemp("redis"))
    yield server
    server.stop()
