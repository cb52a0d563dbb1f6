"""The FAQ report's numbers on fake parse results shaped like FaqRanker's output."""

from __future__ import annotations

import pytest

from bot.evaluation.datasets import LabelledQuestion
from bot.evaluation.faq import EntryInfo, FaqReport, faq_prediction, percentile
from bot.faq.decision import FaqDecision

ENTRIES = {
    "1": EntryInfo("ごみの出し方", "ごみ"),
    "2": EntryInfo("粗大ごみ", "ごみ"),
    "3": EntryInfo("保育園の申込", "保育"),
    "4": EntryInfo("図書館の時間", None),
}


def parsed(ids, margin, relevance, municipality="yugawa"):
    return {
        "faq": {
            municipality: {
                "candidates": [{"id": i, "score": 1.0 - n / 10} for n, i in enumerate(ids)],
                "margin": margin,
                "relevance": relevance,
            }
        }
    }


@pytest.fixture()
def report():
    rows = [  # (query, expected, parse result, seconds)
        ("ごみはいつ", "1", parsed(["1", "2"], 0.3, 0.6), 0.010),
        ("大きいごみ", "2", parsed(["1", "2", "3"], 0.05, 0.5), 0.020),
        ("ほいくえん", "3", parsed(["4", "1"], 0.2, 0.1), 0.030),
        ("ほん", "4", parsed(["4"], 0.5, 0.9, municipality="showa"), 0.040),
    ]
    predictions = [
        faq_prediction(LabelledQuestion(text, expected, None, n), result, "yugawa", 0.1, 0.2, seconds)
        for n, (text, expected, result, seconds) in enumerate(rows, start=2)
    ]
    return FaqReport("yugawa", ENTRIES, 0.1, 0.2, predictions)


def test_decisions_follow_the_chat(report):
    assert [p.decision for p in report.predictions] == [
        FaqDecision.ANSWER,
        FaqDecision.CHOICES,
        FaqDecision.NONE,
        FaqDecision.NONE,
    ]
    assert report.predictions[3].ranked == []  # another municipality's ranking is never used


def test_measures(report):
    assert [report.hit_at(k) for k in (1, 3, 10)] == pytest.approx([1 / 4, 2 / 4, 2 / 4])
    assert report.mrr == pytest.approx((1 + 1 / 2) / 4)
    assert report.decision_share(FaqDecision.ANSWER) == pytest.approx(1 / 4)
    assert report.decision_share(FaqDecision.CHOICES) == pytest.approx(1 / 4)
    assert report.direct_answers_right == 1.0
    assert report.per_category() == {"(no category)": (0.0, 1), "ごみ": (0.5, 2), "保育": (0.0, 1)}
    assert [p.question.intent for p in report.misses()] == ["2", "3", "4"]


def test_percentile_is_nearest_rank():
    assert percentile([0.03, 0.01, 0.02, 0.04], 0.5) == 0.02
    assert percentile([0.03, 0.01, 0.02, 0.04], 0.95) == 0.04
    assert percentile([], 0.5) == 0.0


def test_markdown_lists_measures_categories_and_misses_with_top_three(report):
    text = report.markdown("FAQ", ["queries: test"])
    for expected in (
        "| Hit@1 | 25.0% |",
        "| Hit@3 | 50.0% |",
        "| MRR | 0.375 |",
        "| answered directly (margin ≥ 0.1, relevance ≥ 0.2) | 25.0% |",
        "| ごみ | 2 | 50.0% |",
        "## Misses (3)",
        "| 大きいごみ | [2] 粗大ごみ | 2 | [1] ごみの出し方 | [2] 粗大ごみ | [3] 保育園の申込 |",
        "| ほん | [4] 図書館の時間 | - | - | - | - |",
        "latency per query p50 / p95",
    ):
        assert expected in text
    assert len(report.charts()) == 2
