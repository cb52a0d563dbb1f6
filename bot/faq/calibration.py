"""Fit the FAQ answer gate on realistic queries and read its operating points off held-out folds (offline).

Used by `benchmarks/retrieval.py --calibrate`, never on the request path. Input: one row of
`RankFeatures` per query, whether the best entry answers it (`right`) and whether one of the
first three is at least related (`useful`). Output: the logistic weights (fitted on all rows), and
thresholds chosen on out-of-fold estimates, so the curve that picks them is not the data that
fitted the weights.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Sequence, Tuple

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

# Fewest direct answers a threshold must keep before its precision is trusted.
MIN_ANSWERED = 15


@dataclass(frozen=True)
class CurvePoint:
    """Answering every query whose estimate is at least `threshold`."""

    threshold: float
    coverage: float  # share of all queries answered directly
    precision: float  # share of those answered with an entry that answers them


@dataclass(frozen=True)
class Calibration:
    """Fitted weights, the chosen operating points and the out-of-fold curve behind them."""

    weights: List[float]
    bias: float
    answer_at: float
    choices_at: float
    curve: List[CurvePoint]
    out_of_fold: np.ndarray


def _model() -> LogisticRegression:
    return LogisticRegression(C=1.0, max_iter=1000)


def out_of_fold(x: np.ndarray, right: np.ndarray, folds: int = 5, seed: int = 0) -> np.ndarray:
    """Each row's estimate from a model fitted without its fold."""
    estimates = np.zeros(len(right))
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train, test in splitter.split(x, right):
        estimates[test] = _model().fit(x[train], right[train]).predict_proba(x[test])[:, 1]
    return estimates


def curve(estimates: np.ndarray, right: np.ndarray) -> List[CurvePoint]:
    """Precision and coverage of answering at every distinct estimate, highest threshold first."""
    order = np.argsort(-estimates, kind="stable")
    points: List[CurvePoint] = []
    hits = 0
    for answered, index in enumerate(order, start=1):
        hits += int(right[index])
        if answered == len(order) or estimates[order[answered]] < estimates[index]:
            points.append(CurvePoint(float(estimates[index]), answered / len(order), hits / answered))
    return points


def answer_threshold(points: Sequence[CurvePoint], target: float, total: int) -> float:
    """The lowest threshold whose precision, and that of every higher one past MIN_ANSWERED, meets `target`.

    1.0 (never answer) when no threshold answering at least MIN_ANSWERED queries meets it.
    """
    chosen = 1.0
    for point in points:  # highest threshold first
        if point.coverage * total < MIN_ANSWERED:
            # Too few answered to trust their precision: one right query is not 100 % precision, so
            # such a threshold is never chosen on its own; the first trusted point decides.
            continue
        if point.precision < target:
            break
        chosen = point.threshold
    return chosen


def choices_threshold(estimates: np.ndarray, useful: np.ndarray, answer_at: float, target: float) -> float:
    """The threshold below `answer_at` from which offering choices helps more residents than it bothers.

    Scanning down from `answer_at`, each query offered choices counts +1 when one of them is right or
    related and −target/(1−target) when none is (target 0.5: one for one); the threshold with the best
    running total wins, so choices are offered where they are useful at least `target` of the time.
    """
    band = np.argsort(-estimates, kind="stable")
    band = band[estimates[band] < answer_at]
    penalty = target / (1.0 - target)
    best, total, chosen = 0.0, 0.0, answer_at
    for index in band:
        total += 1.0 if useful[index] else -penalty
        if total > best:
            best, chosen = total, float(estimates[index])
    return chosen


def calibrate(
    features: Sequence[Sequence[float]],
    right: Sequence[bool],
    useful: Sequence[bool],
    precision_target: float = 0.9,
    choices_target: float = 0.5,
    seed: int = 0,
) -> Calibration:
    """Weights from all rows; thresholds from the out-of-fold curve."""
    x = np.asarray(features, dtype=float)
    y = np.asarray(right, dtype=int)
    estimates = out_of_fold(x, y, seed=seed)
    points = curve(estimates, y)
    answer_at = answer_threshold(points, precision_target, len(y))
    choices_at = choices_threshold(estimates, np.asarray(useful, dtype=bool), answer_at, choices_target)
    model = _model().fit(x, y)
    return Calibration(
        [round(float(w), 4) for w in model.coef_[0]],
        round(float(model.intercept_[0]), 4),
        round(answer_at, 4),
        round(min(choices_at, answer_at), 4),
        points,
        estimates,
    )


def summary_at(estimates: np.ndarray, right: np.ndarray, threshold: float) -> Tuple[float, float]:
    """(coverage, precision) of answering at `threshold`."""
    answered = estimates >= threshold
    coverage = float(answered.mean()) if len(answered) else 0.0
    precision = float(right[answered].mean()) if answered.any() else 0.0
    return coverage, precision
