"""Fold splitting and the epoch override (fast); cross-validation end to end on a tiny project (slow)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from bot.evaluation.cross_validation import CrossValidation, Fold, override_epochs, stratified_folds
from bot.evaluation.intents import Report
from tests.bot.evaluation.helpers import run_cli, tiny_project


def test_folds_cover_every_example_once_and_spread_each_label():
    labels = ["a"] * 10 + ["b"] * 7 + ["c"] * 5
    folds = stratified_folds(labels, 5, seed=1)
    assert sorted(i for fold in folds for i in fold) == list(range(len(labels)))
    for fold in folds:
        counts = Counter(labels[i] for i in fold)
        assert counts["a"] == 2 and counts["c"] == 1 and counts["b"] in (1, 2)
    assert sorted(len(fold) for fold in folds) == [4, 4, 4, 5, 5]


def test_folds_are_reproducible_per_seed():
    labels = ["a", "b"] * 20
    assert stratified_folds(labels, 4, seed=7) == stratified_folds(labels, 4, seed=7)
    assert stratified_folds(labels, 4, seed=7) != stratified_folds(labels, 4, seed=8)


def test_override_epochs_touches_only_components_with_epochs():
    config = {
        "language": "ja",
        "pipeline": [
            {"name": "WhitespaceTokenizer"},
            {"name": "DIETClassifier"},
            {"name": "ResponseSelector", "epochs": 100},
        ],
    }
    changed = override_epochs(config, 3)
    assert changed["pipeline"] == [
        {"name": "WhitespaceTokenizer"},
        {"name": "DIETClassifier", "epochs": 3},
        {"name": "ResponseSelector", "epochs": 3},
    ]
    assert config["pipeline"][1] == {"name": "DIETClassifier"}  # the original is left alone


def test_sections_show_each_fold_and_the_spread():
    result = CrossValidation(Report(), [Fold(1, 8, 8, 0.5, 60), Fold(2, 8, 8, 1.0, 30)], 16, {"thank": 1})
    text = "\n".join(result.sections())
    assert "| 1 | 8 | 8 | 50.0% | 1.0 |" in text and "| 2 | 8 | 8 | 100.0% | 0.5 |" in text
    assert "mean 75.0%, standard deviation 25.0%" in text and "thank (1)" in text


@pytest.mark.slow
def test_cross_validate_end_to_end_on_a_tiny_project(tmp_path):
    project = tiny_project(tmp_path / "project")  # no data/faq: the FAQ ranker must cope
    out = tmp_path / "cv.md"
    result = run_cli(
        ["evaluate", "--cross-validate", "--folds", "2", "--epochs", "2", "--root", str(project), "--out", str(out)],
        tmp_path,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "fold 1/2: training on 16 examples" in result.stderr and "fold 2/2: accuracy" in result.stderr
    text = out.read_text(encoding="utf-8")
    for measure in (
        "accuracy (top topic = expected)",
        "Hit@1",
        "Hit@3",
        "Hit@10",
        "MRR",
        "## Per fold",
        "## Per topic",
        "## Most confused pairs",
        "## Misses",
        "overridden to 2 (--epochs)",
    ):
        assert measure in text
    folds = re.findall(r"^\| [12] \| 16 \| 16 \| ([\d.]+)% \|", text, re.MULTILINE)
    assert len(folds) == 2 and all(0 <= float(f) <= 100 for f in folds)
    assert "<svg" in out.with_suffix(".html").read_text(encoding="utf-8")
    assert "fold accuracies=" in result.stdout
