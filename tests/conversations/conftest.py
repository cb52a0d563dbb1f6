import pytest

from bot.engine.runtime import Assistant


@pytest.fixture(scope="session")
def assistant(trained_model):
    """The trained assistant with in-process actions and in-memory conversations."""
    return Assistant.load(trained_model)
