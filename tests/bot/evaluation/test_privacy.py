"""The masking service on the personal-data sets (data/eval/privacy_*.jsonl): a floor against regressions.

The targets (names and addresses found ≥ 95 %, look-alikes masked ≤ 2 %) and today's numbers are in
docs/privacy-evaluation.md (`benchmarks/privacy.py`, read with docs/privacy-findings.md); these floors
sit just under today's numbers: the first set's even half (developed on since the v2 round) and the
fresh v2 set (measured once, not developed on; its clean half is still far over the target).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.evaluation.privacy import GoldSpan, PiiCase, evaluate_masking, read_cases
from bot.knowledge.yaml_source import DataFileError
from bot.privacy import get_masker

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def report():
    held_out = lambda cases: [c for c in cases if int(c.id[1:]) % 2 == 0]  # noqa: E731  (the even half)
    masker = get_masker()
    return evaluate_masking(
        masker.spans,
        masker.mask,
        held_out(read_cases(ROOT / "data" / "eval" / "privacy_with.jsonl")),
        held_out(read_cases(ROOT / "data" / "eval" / "privacy_clean.jsonl")),
    )


@pytest.fixture(scope="module")
def fresh_report():
    masker = get_masker()
    return evaluate_masking(
        masker.spans,
        masker.mask,
        read_cases(ROOT / "data" / "eval" / "privacy_with_v2.jsonl"),
        read_cases(ROOT / "data" / "eval" / "privacy_clean_v2.jsonl"),
    )


def test_first_set_names_and_addresses_are_found(report):
    assert report.target_recall >= 0.97, report.summary()
    assert report.recall("PHONE") == 1.0 and report.recall("EMAIL") == 1.0


def test_first_set_look_alikes_are_rarely_masked(report):
    assert report.clean_message_rate <= 0.02, report.summary()


def test_fresh_set_does_not_fall_below_its_first_measure(fresh_report):
    assert fresh_report.target_recall >= 0.88, fresh_report.summary()
    assert fresh_report.clean_message_rate <= 0.135, fresh_report.summary()


def test_scoring_counts_found_missed_and_mistakes():
    def spans(text):
        at = text.find("山田")
        return [(at, at + 2, "name")] if at >= 0 else []

    def masked(text):
        return text.replace("山田", "[氏名]")

    with_pii = [
        PiiCase("P1", "山田です", (GoldSpan("NAME", "山田"),)),
        PiiCase("P2", "鈴木です", (GoldSpan("NAME", "鈴木"),)),
    ]
    clean = [PiiCase("N1", "山田地区の公園"), PiiCase("N2", "鶴ヶ城")]
    result = evaluate_masking(spans, masked, with_pii, clean)
    assert result.recall("NAME") == 0.5 and [g.text for _, g, _ in result.misses] == ["鈴木"]
    assert result.clean_message_rate == 0.5


def test_a_span_not_in_its_text_is_reported(tmp_path):
    path = tmp_path / "cases.jsonl"
    path.write_text(
        '{"id": "P1", "text": "山田です", "spans": [{"label": "NAME", "text": "鈴木"}]}\n', encoding="utf-8"
    )
    with pytest.raises(DataFileError, match="span not in the text"):
        read_cases(path)
