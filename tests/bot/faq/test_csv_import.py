"""Importing FAQ CSVs: encodings, re-import report, and refusing malformed files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.faq.importer import import_csv
from bot.faq.store import load_entries
from bot.knowledge.yaml_source import DataFileError

TODAY = dt.date(2026, 11, 28)
ROWS = (
    "ID,質問,回答,カテゴリ,担当,URL\r\n"
    '1,粗大ごみはどう出せばいいですか？,"環境センターへ持ち込めます。\r\n家庭のものは無料です。",ごみ,生活課,https://a.example.jp/1\r\n'
    "2,犬の登録はどこでできますか？,生活課の窓口で登録できます。,,,\r\n"
)


def write(path: Path, text: str, encoding: str) -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def snapshot(folder: Path) -> dict:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932"])
def test_imports_utf8_with_or_without_bom_and_shift_jis(data_dir, tmp_path, encoding):
    csv_path = write(tmp_path / "faq.csv", ROWS, encoding)
    report = import_csv(csv_path, "alpha", data_dir, TODAY)
    assert report.added == ["1", "2"] and report.written
    entries = load_entries(data_dir / "faq" / "alpha.yml")
    assert [e.id for e in entries] == ["1", "2"]
    first = entries[0]
    assert first.question == "粗大ごみはどう出せばいいですか？"
    assert first.answer == "環境センターへ持ち込めます。\n家庭のものは無料です。"
    assert (first.category, first.office, first.url) == ("ごみ", "生活課", "https://a.example.jp/1")
    assert (first.source_file, first.imported, first.retired) == ("faq.csv", TODAY, False)
    assert entries[1].category is None


def test_reimport_reports_added_updated_retired_and_unchanged(data_dir, tmp_path):
    import_csv(write(tmp_path / "v1.csv", ROWS, "cp932"), "alpha", data_dir, TODAY)
    same = import_csv(write(tmp_path / "v1b.csv", ROWS, "utf-8-sig"), "alpha", data_dir, TODAY)
    assert (same.unchanged, same.changed, same.written) == (["1", "2"], False, False)

    later = TODAY + dt.timedelta(days=30)
    v2 = (
        "id,question,answer\n"
        "2,犬の登録はどこでできますか？,生活課か支所の窓口で登録できます。\n"
        "3,ごみの収集日は？,地区のカレンダーをご覧ください。\n"
        "4,転入届はどこに出しますか？,住民課の窓口です。\n"
    )
    report = import_csv(write(tmp_path / "v2.csv", v2, "utf-8"), "alpha", data_dir, later)
    assert (report.added, report.updated, report.retired, report.unchanged) == (["3", "4"], ["2"], ["1"], [])
    text = "\n".join(report.lines())
    assert "added" in text and "3, 4" in text and "retired" in text

    stored = {e.id: e for e in load_entries(data_dir / "faq" / "alpha.yml")}
    assert stored["1"].retired and stored["1"].question.startswith("粗大ごみ")
    assert stored["2"].answer.startswith("生活課か支所") and stored["2"].imported == later
    assert not stored["3"].retired

    back = import_csv(write(tmp_path / "v3.csv", ROWS, "utf-8"), "alpha", data_dir, later)
    assert back.updated == ["1", "2"] and back.retired == ["3", "4"]
    assert not {e.id: e for e in load_entries(data_dir / "faq" / "alpha.yml")}["1"].retired


def test_dry_run_reports_but_writes_nothing(data_dir, tmp_path):
    report = import_csv(write(tmp_path / "faq.csv", ROWS, "utf-8"), "alpha", data_dir, TODAY, dry_run=True)
    assert report.added == ["1", "2"] and not report.written
    assert list((data_dir / "faq").iterdir()) == []


@pytest.mark.parametrize(
    ("content", "line", "words"),
    [
        (b"id,question\n1,a\n", 1, "required column 'answer' is missing"),
        (b"id,question,answer\n1,a,b\n2,c,d\n1,e,f\n", 4, "already used on line 2"),
        (b"id,question,answer\n1,,b\n", 2, "question is empty"),
        ("id,質問,回答\n1,ごみ,b\n2,い".encode() + b"\xff" + "う,c\n".encode(), 3, "neither UTF-8 nor Shift_JIS"),
        (b"\xef\xbb\xbfid,question,answer\n1,a,b\n2,\xffc,d\n", 3, "byte 0xff is neither"),
        ("id,question,answer\n1,ごみ,b\n".encode("cp932") + b"2,\x81\x20,c\n", 3, "neither UTF-8 nor Shift_JIS"),
        (b"id,question,answer,municipality\n1,a,b,beta\n", 2, "for municipality 'beta'"),
        (b"id,question,answer,memo\n1,a,b,x\n", 1, "unknown column 'memo'"),
    ],
    ids=[
        "missing-column",
        "duplicate-id",
        "empty-question",
        "bad-encoding",
        "bad-encoding-bom",
        "bad-shift-jis",
        "other-municipality",
        "unknown-column",
    ],
)
def test_malformed_csv_names_file_line_and_fix_and_writes_nothing(data_dir, tmp_path, content, line, words):
    import_csv(write(tmp_path / "good.csv", ROWS, "utf-8"), "alpha", data_dir, TODAY)
    before = snapshot(data_dir / "faq")
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content)
    with pytest.raises(DataFileError) as raised:
        import_csv(bad, "alpha", data_dir, TODAY)
    problem = next(p for p in raised.value.problems if words in p.message)
    assert problem.file == str(bad) and problem.line == line and problem.fix
    assert snapshot(data_dir / "faq") == before


def test_unknown_municipality_is_refused(data_dir, tmp_path):
    with pytest.raises(DataFileError) as raised:
        import_csv(write(tmp_path / "faq.csv", ROWS, "utf-8"), "gamma", data_dir, TODAY)
    assert "unknown municipality id 'gamma'" in raised.value.problems[0].message
    assert "alpha, beta" in raised.value.problems[0].fix
    assert list((data_dir / "faq").iterdir()) == []


def test_every_problem_is_reported_at_once(data_dir, tmp_path):
    bad = write(tmp_path / "bad.csv", "id,question,answer,url\n,a,b,\n2,,c,ftp://x\n", "utf-8")
    with pytest.raises(DataFileError) as raised:
        import_csv(bad, "alpha", data_dir, TODAY)
    messages = [(p.line, p.message) for p in raised.value.problems]
    assert (2, "the id is empty") in messages
    assert (3, "the question is empty") in messages
    assert any(line == 3 and "url" in message for line, message in messages)


def test_a_hand_edited_store_with_a_bad_key_is_reported_and_kept(data_dir, tmp_path):
    import_csv(write(tmp_path / "good.csv", ROWS, "utf-8"), "alpha", data_dir, TODAY)
    store = data_dir / "faq" / "alpha.yml"
    broken = store.read_text(encoding="utf-8").replace("  office: 生活課", "  ofice: 生活課")
    store.write_text(broken, encoding="utf-8")
    with pytest.raises(DataFileError) as raised:
        import_csv(write(tmp_path / "next.csv", ROWS, "utf-8"), "alpha", data_dir, TODAY)
    problem = raised.value.problems[0]
    assert problem.file == str(store) and "ofice" in problem.message
    assert broken.splitlines()[problem.line - 1].strip().startswith("ofice")
    assert store.read_text(encoding="utf-8") == broken
