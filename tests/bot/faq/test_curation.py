"""Staff curation of imported FAQs: examples round-trip, survive re-imports, and make entries findable."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.faq.curation import FaqChanges, NewEntry, UnknownEntry, with_examples
from bot.faq.importer import import_csv
from bot.faq.models import STAFF_SOURCE, FaqEntry
from bot.faq.open_corpus import OpenFaq
from bot.faq.search import FaqIndex
from bot.faq.store import active_entries, load_entries, render, save_entries

TODAY = dt.date(2026, 11, 28)
CSV = (
    "id,question,answer\n"
    "1,粗大ごみの出し方を教えてください。,粗大ごみは受付センターに電話で申し込んでください。\n"
    "2,犬の登録はどこでできますか？,生活課の窓口で登録できます。\n"
)


def entry(entry_id: str, question: str, answer: str = "答えです。", **extra) -> FaqEntry:
    return FaqEntry(id=entry_id, question=question, answer=answer, source_file="faq.csv", imported=TODAY, **extra)


def import_text(data_dir: Path, tmp_path: Path, text: str, name: str = "faq.csv", today: dt.date = TODAY):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return import_csv(path, "alpha", data_dir, today)


def test_examples_round_trip_and_are_omitted_when_empty(tmp_path):
    path = tmp_path / "alpha.yml"
    save_entries(
        path,
        [
            entry("1", "質問1", examples=["こたつを始末したい", " こたつを始末したい ", "", "ごみ  袋"]),
            entry("2", "質問2"),
        ],
    )
    first, second = load_entries(path)
    assert first.examples == ["こたつを始末したい", "ごみ 袋"]  # trimmed, blanks folded, duplicates dropped
    assert second.examples == []
    text = path.read_text(encoding="utf-8")
    assert text.count("examples:") == 1 and "- こたつを始末したい" in text
    assert render(load_entries(path)) == text


def test_reimport_keeps_examples_and_never_retires_staff_entries(data_dir, tmp_path):
    import_text(data_dir, tmp_path, CSV)
    changes = FaqChanges(data_dir, TODAY)
    assert changes.attach("alpha", "1", ["こたつを始末したい"]) == 1
    staff_id = changes.add(
        "alpha", NewEntry.of("ごみ袋はどこで買えますか？", "町内のスーパーで買えます。", None), ["ごみ袋どこ"]
    )
    changes.commit()

    same = import_text(data_dir, tmp_path, CSV, "again.csv")
    assert (same.unchanged, same.kept, same.written) == (["1", "2"], [staff_id], False)
    edited = CSV.replace("電話で申し込んでください。", "電話かウェブで申し込んでください。").replace(
        "2,犬の登録はどこでできますか？,生活課の窓口で登録できます。\n", ""
    )
    report = import_text(data_dir, tmp_path, edited, "v2.csv", TODAY + dt.timedelta(days=1))
    assert (report.updated, report.retired, report.kept) == (["1"], ["2"], [staff_id])
    assert "kept" in "\n".join(report.lines())

    stored = {e.id: e for e in load_entries(data_dir / "faq" / "alpha.yml")}
    assert stored["1"].examples == ["こたつを始末したい"] and "ウェブ" in stored["1"].answer
    assert stored["2"].retired
    staff = stored[staff_id]
    assert staff_id.startswith("staff-") and not staff.retired
    assert (staff.source_file, staff.imported, staff.examples) == (STAFF_SOURCE, TODAY, ["ごみ袋どこ"])


def test_attach_skips_known_wordings_and_refuses_unknown_or_retired_entries(tmp_path):
    save_entries(
        tmp_path / "faq" / "alpha.yml",
        [entry("1", "質問1", examples=["言い方A"]), entry("old", "古い質問", retired=True)],
    )
    changes = FaqChanges(tmp_path, TODAY)
    assert changes.attach("alpha", "1", ["言い方A", "質問1", "言い方B", "言い方B"]) == 1
    for missing in ("nope", "old"):
        with pytest.raises(UnknownEntry):
            changes.attach("alpha", missing, ["x"])
    assert with_examples(entry("2", "q"), ["q"]).examples == []


def test_new_entry_is_validated_and_reused_when_written_twice(data_dir):
    assert NewEntry.of(" ", "回答", "ftp://x").problems() == {
        "question": "must not be empty",
        "url": "must be a full web address starting with https:// or http://",
    }
    assert NewEntry.of("質問", "回答", " https://alpha.example.jp/a ").problems() == {}
    changes = FaqChanges(data_dir, TODAY)
    with pytest.raises(ValueError):
        changes.add("alpha", NewEntry.of("質問", "", None), ["x"])
    new = NewEntry.of("質問", "回答", "https://alpha.example.jp/a")
    first = changes.add("alpha", new, ["言い方1"])
    assert changes.add("alpha", new, ["言い方2"]) == first
    assert changes.commit() == [data_dir / "faq" / "alpha.yml"]
    (stored,) = active_entries(data_dir / "faq" / "alpha.yml")
    assert (stored.url, stored.examples) == ("https://alpha.example.jp/a", ["言い方1", "言い方2"])


def test_nothing_is_written_before_commit(data_dir):
    changes = FaqChanges(data_dir, TODAY)
    changes.add("alpha", NewEntry.of("質問", "回答", None), ["x"])
    assert not (data_dir / "faq" / "alpha.yml").exists()


def test_an_attached_example_makes_the_entry_findable():
    entries = [
        entry("bulky", "粗大ごみの出し方を教えてください。", "受付センターに電話で申し込んでください。"),
        entry("dog", "犬の登録はどこでできますか？", "生活課の窓口で登録できます。"),
    ]
    query = "こたつを始末したい"
    before = FaqIndex.build(entries).search(query, top_k=2)
    assert not before or before[0][0] != "bulky"
    entries[0] = with_examples(entries[0], ["こたつを始末したいです"])
    assert FaqIndex.build(entries).search(query, top_k=2)[0][0] == "bulky"


def test_open_corpus_entries_without_examples_still_index():
    index = FaqIndex.build([OpenFaq("1", "保育園に入るには", "子育て支援課へ", None)])
    assert index.search("保育園", top_k=1)[0][0] == "1"
