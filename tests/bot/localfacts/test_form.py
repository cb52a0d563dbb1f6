"""Form rows become facts checked with the same schema as `python -m bot validate`."""

from __future__ import annotations

from bot.localfacts.form import FactRow, apply_rows

CURRENT = [
    {"text": "a", "source": "https://a.jp/", "seen": "2026-01-01", "third_party": True, "page_date": "2025-12-01"},
    {"text": "b", "source": "https://b.jp/", "seen": "2026-01-02"},
]


def test_change_remove_and_add_keep_the_fields_the_form_does_not_show():
    rows = [
        FactRow(0, "a2", "https://a.jp/", "2026-02-01"),
        FactRow(1, "b", "https://b.jp/", "2026-01-02", remove=True),
        FactRow(None, "c", "https://c.jp/", "2026-03-01", "memo"),
    ]
    facts, problems = apply_rows(CURRENT, rows)
    assert problems == {}
    assert facts == [
        {"text": "a2", "source": "https://a.jp/", "seen": "2026-02-01", "third_party": True, "page_date": "2025-12-01"},
        {"text": "c", "source": "https://c.jp/", "seen": "2026-03-01", "note": "memo"},
    ]


def test_an_empty_new_row_is_ignored():
    facts, problems = apply_rows(CURRENT, [FactRow(0, "a", "https://a.jp/", "2026-01-01"), FactRow(None)])
    assert problems == {} and len(facts) == 1


def test_each_problem_is_named_by_its_field():
    rows = [
        FactRow(0, "a", "a.jp", "2026-01-01"),
        FactRow(1, "b", "https://b.jp/", "1.2.2026"),
        FactRow(None, "c", "", ""),
    ]
    _, problems = apply_rows(CURRENT, rows)
    assert problems == {"source-0": "url", "seen-1": "date", "source-new": "missing", "seen-new": "missing"}


def test_an_emptied_text_is_missing_and_an_unknown_row_is_refused():
    _, problems = apply_rows(CURRENT, [FactRow(0, " ", "https://a.jp/", "2026-01-01"), FactRow(7, "x")])
    assert problems == {"text-0": "missing", "text-7": "invalid"}


def test_too_long_text_is_refused():
    _, problems = apply_rows([], [FactRow(None, "あ" * 2001, "https://a.jp/", "2026-01-01")])
    assert problems == {"text-new": "too_long"}
