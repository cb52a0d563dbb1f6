"""The dry run staff see before publishing a CSV: the importer's outcome per id, with before → after."""

from __future__ import annotations

import datetime as dt

from bot.faq.csv_source import read_faq_bytes
from bot.faq.importer import ImportReport
from bot.faq.models import STAFF_SOURCE, FaqEntry
from bot.faq.preview import FieldChange, fingerprint, preview

TODAY = dt.date(2026, 12, 3)
BEFORE = dt.date(2026, 11, 1)


def _entry(entry_id, question, answer, **extra):
    return FaqEntry(id=entry_id, question=question, answer=answer, source_file="old.csv", imported=BEFORE, **extra)


EXISTING = [
    _entry("1", "粗大ごみの出し方は？", "申し込みが必要です。", category="ごみ"),
    _entry("2", "犬の登録は？", "窓口で登録します。"),
    _entry("3", "図書館の休館日は？", "月曜日です。"),
    _entry("4", "古い質問", "古い回答", retired=True),
    FaqEntry(id="s1", question="職員が書いた質問", answer="回答", source_file=STAFF_SOURCE, imported=BEFORE),
]
CSV = (
    "id,question,answer,category\n"
    "1,粗大ごみの出し方は？,電話で申し込んでください。,ごみ・リサイクル\n"
    "2,犬の登録は？,窓口で登録します。,\n"
    "4,古い質問,古い回答,\n"
    "5,新しい質問,新しい回答,\n"
).encode()


def _preview():
    rows = read_faq_bytes(CSV, "yugawa", "faq.csv")
    return preview(EXISTING, rows, "faq.csv", TODAY, ImportReport("yugawa", "faq.csv", "data/faq/yugawa.yml"))


def test_each_outcome_is_the_importers_and_names_its_entries():
    result = _preview()
    report = result.report
    assert (report.added, report.updated, report.retired, report.unchanged, report.kept) == (
        ["5"],
        ["1", "4"],
        ["3"],
        ["2"],
        ["s1"],
    )
    assert [e.question for e in result.added] == ["新しい質問"]
    assert [e.question for e in result.retired] == ["図書館の休館日は？"]


def test_a_changed_entry_shows_only_its_changed_fields_before_and_after():
    changed = {c.id: c for c in _preview().changed}
    assert changed["1"].fields == [
        FieldChange("answer", "申し込みが必要です。", "電話で申し込んでください。"),
        FieldChange("category", "ごみ", "ごみ・リサイクル"),
    ]
    assert not changed["1"].revived
    assert changed["4"].fields == [] and changed["4"].revived  # back from retirement, same text


def test_the_fingerprint_tells_a_changed_file_from_the_same_one():
    assert fingerprint("a: 1\n") == fingerprint("a: 1\n") != fingerprint("a: 2\n")
    assert fingerprint(None) == ""
