"""Fixtures of the safety tests: the detector of data/safety and Sudachi's reading of a message."""

from __future__ import annotations

import pytest

from bot.safety.catalogue import load_detection
from bot.safety.detector import SafetyDetector


@pytest.fixture(scope="module")
def detector(project_root):
    return SafetyDetector(load_detection(project_root / "data" / "safety"))


@pytest.fixture(scope="module")
def reading():
    from bot.sudachi import sudachi_tokenizer

    tokenizer = sudachi_tokenizer("B")
    return lambda text: "".join(m.reading_form() for m in tokenizer.tokenize(text) if m.surface().strip())
