"""The calibrated answer gate and the calibration that chooses its operating points."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bot.faq.calibration import answer_threshold, calibrate, choices_threshold, curve, summary_at
from bot.faq.decision import FaqDecision
from bot.faq.gate import AnswerGate
from bot.faq.search import FEATURES, RankFeatures
from bot.knowledge.yaml_source import DataFileError

ROOT = Path(__file__).resolve().parents[3]
SHIPPED = ROOT / "data" / "faq" / "settings" / "gate.yml"


def gate(**changes):
    values = dict(
        features=list(FEATURES),
        weights=[1.0, 1.0, 1.0, 2.0, 3.0],
        bias=-5.0,
        answer_at=0.8,
        choices_at=0.3,
        calibrated_on="test",
        calibrated="2026-12-02",
    )
    return AnswerGate(**{**values, **changes})


def test_the_shipped_gate_is_valid_and_offers_strong_evidence_but_not_weak():
    shipped = AnswerGate.load(SHIPPED)
    assert 0 < shipped.choices_at <= shipped.answer_at <= 1
    strong = RankFeatures(relevance=0.9, top_relevance=0.9, top_score=1.0, margin=0.6, coverage=1.0)
    weak = RankFeatures(relevance=0.1, top_relevance=0.05, top_score=0.4, margin=0.01, coverage=0.1)
    assert shipped.decide(shipped.confidence(strong)) is not FaqDecision.NONE
    assert shipped.decide(shipped.confidence(weak)) is FaqDecision.NONE


def test_decisions_at_the_operating_points():
    g = gate()
    assert g.decide(0.8) is FaqDecision.ANSWER
    assert g.decide(0.5) is FaqDecision.CHOICES
    assert g.decide(0.29) is FaqDecision.NONE
    assert g.confidence(RankFeatures(coverage=1.0)) > g.confidence(RankFeatures(coverage=0.2))


def test_a_gate_for_other_features_or_inverted_points_is_refused(tmp_path):
    with pytest.raises(ValueError, match="must be exactly"):
        gate(features=["relevance"])
    with pytest.raises(ValueError, match="above answer_at"):
        gate(choices_at=0.9)
    path = tmp_path / "gate.yml"
    path.write_text("features: [relevance]\nweights: [1]\nbias: 0\n", encoding="utf-8")
    with pytest.raises(DataFileError):
        AnswerGate.load(path)


def test_curve_and_thresholds_meet_the_precision_target():
    rng = np.random.default_rng(0)
    estimates = rng.random(400)
    right = rng.random(400) < estimates  # calibrated by construction
    points = curve(estimates, right)
    assert points[0].coverage < points[-1].coverage and points[-1].coverage == 1.0
    threshold = answer_threshold(points, 0.9, len(right))
    coverage, precision = summary_at(estimates, right, threshold)
    assert precision >= 0.9 and 0.05 < coverage < 0.5
    choices = choices_threshold(estimates, right, threshold, 0.5)
    assert choices < threshold


def test_calibrate_fits_separable_evidence():
    rng = np.random.default_rng(1)
    good = rng.uniform(0.6, 1.0, size=(150, len(FEATURES)))
    bad = rng.uniform(0.0, 0.5, size=(150, len(FEATURES)))
    features = np.vstack([good, bad])
    right = [True] * 150 + [False] * 150
    result = calibrate(features, right, right)
    assert all(w > 0 for w in result.weights)
    coverage, precision = summary_at(result.out_of_fold, np.array(right), result.answer_at)
    assert precision >= 0.9 and coverage >= 0.4


def test_a_threshold_backed_by_too_few_queries_is_never_the_operating_point():
    # The best-scored query is right, then precision falls to 40 %: one query is not evidence of 90 %.
    estimates = np.linspace(1.0, 0.0, 100)
    right = np.zeros(100, dtype=bool)
    right[0] = True
    right[1:60:3] = True
    points = curve(estimates, right)
    assert points[0].precision == 1.0
    assert answer_threshold(points, 0.9, len(right)) == 1.0
