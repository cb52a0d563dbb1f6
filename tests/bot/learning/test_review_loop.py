"""The review loop end to end: unanswered → assigned → retrained → answered."""

from __future__ import annotations

import shutil
import uuid

import pytest

from bot.engine.runtime import Assistant
from bot.engine.training import train
from bot.learning.grouping import group_questions
from bot.learning.review import apply_decisions, export_csv, read_decisions
from bot.settings import PROJECT_ROOT

pytestmark = pytest.mark.slow
QUESTION = "こたつを始末したい"


async def test_unanswered_question_is_answered_after_review_and_retraining(learning_store, trained_model, tmp_path):
    learning = learning_store
    before = await Assistant.load(trained_model).handle(f"r-{uuid.uuid4().hex[:8]}", QUESTION, "kitakata")
    assert before.meta.kind in {"clarify", "fallback"}
    assert [u.text for u in learning.pending()] == [QUESTION]

    root = tmp_path / "project"
    root.mkdir()
    for name in ("config.yml", "domain.yml"):
        shutil.copy(PROJECT_ROOT / name, root / name)
    shutil.copytree(PROJECT_ROOT / "data", root / "data")
    sheet = tmp_path / "review.csv"
    export_csv(group_questions(learning.pending()), sheet)
    lines = sheet.read_text(encoding="utf-8-sig").splitlines()
    sheet.write_text(
        "\n".join([lines[0]] + [line + "assign:bulky_waste" for line in lines[1:]]) + "\n", encoding="utf-8"
    )
    report = apply_decisions(read_decisions(sheet, ["bulky_waste"]), root / "data" / "nlu", learning)
    assert report.added == {"bulky_waste": 1} and learning.pending() == []

    # A short fine-tune (6 of 40 epochs; `python -m bot train --finetune` uses 0.3) keeps the test quick.
    model = train(root, tmp_path / "models", finetune=trained_model, epoch_fraction=0.15)
    after = await Assistant.load(model).handle(f"r-{uuid.uuid4().hex[:8]}", QUESTION, "kitakata")
    assert (after.meta.kind, after.meta.topic) == ("answer", "bulky_waste")
