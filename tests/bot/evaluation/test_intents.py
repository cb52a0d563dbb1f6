"""The topic report's numbers on a small fixed set of predictions, and its Markdown and HTML."""

from __future__ import annotations

import pytest

from bot.evaluation.datasets import LabelledQuestion
from bot.evaluation.intents import Prediction, Report, known_topics, prediction_from, write_report


def question(text, intent, municipality=None):
    return LabelledQuestion(text, intent, municipality, 1)


@pytest.fixture()
def report():
    return Report(
        [
            Prediction(
                question("住民票がほしい", "resident_certificate", "showa"),
                "resident_certificate",
                0.9,
                "showa",
                ["resident_certificate", "family_register"],
            ),
            Prediction(
                question("そだいごみ", "bulky_waste"),
                "garbage_sorting",
                0.5,
                None,
                ["garbage_sorting", "bulky_waste", "library"],
            ),
            Prediction(question("本を借りたい", "library"), "garbage_sorting", 0.4, "kitakata", ["garbage_sorting"]),
        ]
    )


def test_measures(report):
    assert report.accuracy == pytest.approx(1 / 3)
    assert [report.hit_at(k) for k in (1, 3, 10)] == pytest.approx([1 / 3, 2 / 3, 2 / 3])
    assert report.mrr == pytest.approx((1 + 1 / 2 + 0) / 3)
    assert report.municipality_accuracy == pytest.approx(2 / 3)
    assert report.kana_only_accuracy == 0.0


def test_per_topic_precision_recall_and_confusions(report):
    scores = report.per_intent()
    assert scores["resident_certificate"] == (1.0, 1.0, 1.0, 1)
    assert scores["bulky_waste"] == (0.0, 0.0, 0.0, 1)
    assert report.confusions() == [(("bulky_waste", "garbage_sorting"), 1), (("library", "garbage_sorting"), 1)]
    assert [p.question.text for p in report.misses()] == ["そだいごみ", "本を借りたい"]


def test_markdown_has_every_measure_and_every_miss(report):
    text = report.markdown("Title", ["note one"], ["## Extra", ""])
    for expected in (
        "# Title",
        "- note one",
        "| Hit@1 | 33.3% |",
        "| Hit@3 | 66.7% |",
        "| Hit@10 | 66.7% |",
        "| MRR | 0.500 |",
        "## Extra",
        "| resident_certificate | 1.00 | 1.00 | 1.00 | 1 |",
        "| bulky_waste | garbage_sorting | 1 |",
        "## Misses (2)",
        "| そだいごみ | bulky_waste | garbage_sorting | 0.50 | 2 |",
        "| 本を借りたい | library | garbage_sorting | 0.40 | - |",
    ):
        assert expected in text
    assert "municipality accuracy" not in Report(report.predictions, municipalities=False).markdown("T", [])


def test_prediction_looks_past_nlu_fallback():
    parsed = {
        "intent": {"name": "nlu_fallback", "confidence": 0.5},
        "intent_ranking": [
            {"name": "nlu_fallback", "confidence": 0.5},
            {"name": "library", "confidence": 0.4},
            {"name": "elections", "confidence": 0.3},
        ],
        "entities": [{"entity": "municipality", "value": "showa"}],
    }
    prediction = prediction_from(question("x", "elections"), parsed)
    assert (prediction.intent, prediction.confidence, prediction.municipality) == ("library", 0.4, "showa")
    assert prediction.rank() == 2


def test_write_report_writes_markdown_and_html_with_charts(report, tmp_path):
    out = tmp_path / "docs" / "eval.md"
    html = write_report(report.markdown("T", []), "T", report.charts(), out, None)
    assert html == tmp_path / "docs" / "eval.html"
    page = html.read_text(encoding="utf-8")
    assert page.count("<svg") == 2 and "Hit@k and MRR" in page and "F1 per topic" in page
    assert "<td>本を借りたい</td>" in page and "<h2>Misses (2)</h2>" in page


def test_known_topics_are_topic_files_and_domain_intents(project_root):
    topics = known_topics(project_root)
    assert {"bulky_waste", "library", "greet", "emergency"} <= topics
    assert "nlu_fallback" not in topics
