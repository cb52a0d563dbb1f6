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
    from bot.engine.training import train

    return train(PROJECT_ROOT, tmp_path_factory.mktemp("models"))


@pytest.fixture(scope="session")
def open_faq_trained(tmp_path_factory: pytest.TempPathFactory, trained_model: Path) -> "tuple[Path, Path]":
    """A project copy where 湯川村 imported the open FAQ, and the model trained on it: trained once per run.

    Modules that change the project's data take their own copy (`tests.open_faq.copy_project`).
    `trained_model` comes first so that Rasa's cache holds every component but the FAQ ranker.
    """
    from tests.open_faq import project_with_open_faq, train_project

    project = project_with_open_faq(tmp_path_factory.mktemp("openfaq"))
    return project, train_project(project)


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator["object"]:
    """A real redis-server started for this session, with AOF persistence."""
    from connectors.embedded_redis import start_redis

    server = start_redis(tmp_path_factory.mktemp("redis"))
    yield server
    server.stop()


@pytest.fixture()
def learning_store(monkeypatch: pytest.MonkeyPatch, redis_server: "object") -> Iterator["object"]:
    """The review queue on the session's redis-server, under a key prefix of its own."""
    import uuid

    from bot.learning import service
    from bot.settings import get_settings

    monkeypatch.setenv("AIZU_REDIS_URL", redis_server.url)  # type: ignore[attr-defined]
    monkeypatch.setenv("AIZU_REDIS_PREFIX", f"learn{uuid.uuid4().hex[:6]}")
    get_settings.cache_clear()
    service.get_learning_store.cache_clear()
    yield service.get_learning_store()
    get_settings.cache_clear()
    service.get_learning_store.cache_clear()
