"""The graded FAQ report's numbers on fake parse results shaped like FaqRanker's output."""

from __future__ import annotations

import pytest

from bot.evaluation.datasets import LabelledQuestion
from bot.evaluation.faq import EntryInfo, FaqReport, faq_prediction, parse_grades, percentile
from bot.faq.decision import FaqDecision

ENTRIES = {
    "1": EntryInfo("ごみの出し方", "ごみ"),
    "2": EntryInfo("粗大ごみ", "ごみ"),
    "3": EntryInfo("保育園の申込", "保育"),
    "4": EntryInfo("図書館の時間", None),
}


def parsed(ids, decision, municipality="yugawa"):
    return {
        "faq": {
            municipality: {
                "candidates": [{"id": i, "score": 1.0 - n / 10} for n, i in enumerate(ids)],
                "confidence": {"answer": 0.95, "choices": 0.5, "none": 0.1}[decision],
                "decision": decision,
            }
        }
    }


@pytest.fixture()
def report():
    rows = [  # (query, expected, parse result, seconds)
        ("ごみはいつ", "1", parsed(["1", "2"], "answer"), 0.010),
        ("大きいごみ", "2:2 1:1", parsed(["1", "2", "3"], "choices"), 0.020),
        ("ほいくえん", "3", parsed(["4", "1"], "none"), 0.030),
        ("ほん", "4", parsed(["4"], "answer", municipality="showa"), 0.040),
        ("除雪はいつ", "none", parsed(["2"], "answer"), 0.050),
    ]
    predictions = [
        faq_prediction(LabelledQuestion(text, expected, None, n), result, "yugawa", seconds)
        for n, (text, expected, result, seconds) in enumerate(rows, start=2)
    ]
    return FaqReport("yugawa", ENTRIES, predictions)


def test_grades_are_parsed_from_the_expected_column():
    assert parse_grades("12") == {"12": 2}
    assert parse_grades("12:2 34:1") == {"12": 2, "34": 1}
    assert parse_grades("12;34:1") == {"12": 2, "34": 1}
    assert parse_grades("なし") == {} and parse_grades("none") == {}


def test_decisions_come_from_the_parse_of_the_residents_municipality(report):
    assert [p.decision for p in report.predictions] == [
        FaqDecision.ANSWER,
        FaqDecision.CHOICES,
        FaqDecision.NONE,
        FaqDecision.NONE,  # another municipality's ranking is never used
        FaqDecision.ANSWER,
    ]
    assert report.predictions[3].ranked == []


def test_ranking_measures_count_answerable_queries_only(report):
    assert len(report.answerable) == 4
    assert [report.hit_at(k) for k in (1, 3, 10)] == pytest.approx([1 / 4, 2 / 4, 2 / 4])
    assert report.mrr == pytest.approx((1 + 1 / 2) / 4)
    related_first = (1 / 1 + 3 / 1.5849625) / (3 + 1 / 1.5849625)  # gains 1, 3 against ideal 3, 1
    assert report.predictions[1].ndcg() == pytest.approx(related_first)
    assert report.ndcg10 == pytest.approx((1 + related_first) / 4)


def test_direct_answers_precision_coverage_and_the_wrong_ones(report):
    assert report.decision_share(FaqDecision.ANSWER) == pytest.approx(2 / 5)
    assert report.direct_answers_right == pytest.approx(1 / 2)
    assert [p.question.text for p in report.wrong_direct_answers()] == ["除雪はいつ"]
    assert report.choices_useful == 1.0
    assert report.no_entry_declined == 0.0
    assert report.per_category() == {"(no category)": (0.0, 1), "ごみ": (0.5, 2), "保育": (0.0, 1)}
    assert [p.question.text for p in report.misses()] == ["大きいごみ", "ほいくえん", "ほん"]


def test_percentile_is_nearest_rank():
    assert percentile([0.03, 0.01, 0.02, 0.04], 0.5) == 0.02
    assert percentile([0.03, 0.01, 0.02, 0.04], 0.95) == 0.04
    assert percentile([], 0.5) == 0.0


def test_markdown_lists_measures_wrong_answers_and_misses(report):
    text = report.markdown("FAQ", ["queries: test"])
    for expected in (
        "| Hit@1 | 25.0% |",
        "| Hit@3 | 50.0% |",
        "| MRR | 0.375 |",
        "| answered directly (coverage) | 40.0% |",
        "| … of which right (precision) | 50.0% |",
        "| ごみ | 2 | 50.0% |",
        "## Wrong direct answers (1)",
        "| 除雪はいつ | [2] 粗大ごみ | (none) | 0.95 |",
        "## Misses (3)",
        "| 大きいごみ | [2] 粗大ごみ<br>[1] ごみの出し方 (related) | 2 | [1] ごみの出し方 | [2] 粗大ごみ | [3] 保育園の申込 |",
    ):
        assert expected in text
    assert len(report.charts()) == 2
