"""Reading test questions: JSON lines and CSV as Excel saves it, and clear problems for bad files."""

from __future__ import annotations

import codecs
import json

import pytest

from bot.evaluation.questions import check_labels, check_municipalities, read_questions
from bot.knowledge.yaml_source import DataFileError
from tests.bot.evaluation.helpers import write_rows


def problems_of(path):
    with pytest.raises(DataFileError) as caught:
        read_questions(path)
    return caught.value.problems


def test_csv_utf8_with_bom_and_optional_municipality(tmp_path):
    path = tmp_path / "q.csv"
    path.write_bytes(
        codecs.BOM_UTF8
        + "question,expected,municipality\n住民票がほしい,resident_certificate,kitakata\n"
        "粗大ごみ,bulky_waste,\n".encode()
    )
    questions = read_questions(path)
    assert [(q.text, q.intent, q.municipality, q.line) for q in questions] == [
        ("住民票がほしい", "resident_certificate", "kitakata", 2),
        ("粗大ごみ", "bulky_waste", None, 3),
    ]


def test_csv_shift_jis_with_topic_header_and_extra_columns(tmp_path):
    path = write_rows(
        tmp_path / "q.csv",
        ["メモ", "question", "topic"],
        [["a", "ｺｸﾎ ｶﾆｭｳ", "national_health_insurance"], ["", "", ""], ["b", "除雪はいつ来る？", "snow_removal"]],
        encoding="cp932",
    )
    questions = read_questions(path)
    assert [(q.text, q.intent, q.line) for q in questions] == [
        ("ｺｸﾎ ｶﾆｭｳ", "national_health_insurance", 2),
        ("除雪はいつ来る？", "snow_removal", 4),
    ]


def test_jsonl_accepts_both_spellings(tmp_path):
    path = tmp_path / "q.jsonl"
    lines = [
        {"text": "図書館", "intent": "library", "municipality": None},
        {"question": "FAQ", "expected": "１２", "municipality": "showa"},
    ]
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n\n", encoding="utf-8")
    questions = read_questions(path)
    assert [(q.text, q.intent, q.municipality) for q in questions] == [
        ("図書館", "library", None),
        ("FAQ", "12", "showa"),
    ]


def test_missing_column_names_the_fix(tmp_path):
    [problem] = problems_of(write_rows(tmp_path / "q.csv", ["question", "answer"], [["a", "b"]]))
    assert (problem.line, "expected" in problem.message) == (1, True)
    assert "expected (or topic/intent)" in problem.fix


def test_every_bad_row_is_reported_with_its_line(tmp_path):
    path = write_rows(tmp_path / "q.csv", ["question", "expected"], [["a", "library"], ["b", ""], ["", "x"]])
    assert [(p.line, p.message) for p in problems_of(path)] == [
        (3, "the expected is empty"),
        (4, "the question is empty"),
    ]


def test_bad_json_line(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text('{"text": "a", "intent": "library"}\n{"text": "b", intent}\n["x"]\n', encoding="utf-8")
    assert [p.line for p in problems_of(path)] == [2, 3]


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("q.txt", b"question,expected\n", "unsupported file type"),
        ("q.csv", b"", "the file is empty"),
        ("q.csv", b"question,expected\n", "no questions"),
        ("q.csv", b"question,expected\n\xff\xfe\xfa,x\n", "neither UTF-8 nor Shift_JIS"),
    ],
)
def test_unusable_files(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    assert message in problems_of(path)[0].message


def test_absent_file(tmp_path):
    assert "cannot open" in problems_of(tmp_path / "absent.csv")[0].message


def test_unknown_labels_are_listed_with_a_suggestion(tmp_path):
    path = write_rows(
        tmp_path / "q.csv", ["question", "expected"], [["a", "library"], ["b", "bulky_wast"], ["c", "nothing_like_it"]]
    )
    with pytest.raises(DataFileError) as caught:
        check_labels(read_questions(path), {"library", "bulky_waste"}, str(path), "topic id", "use a topic id")
    first, second = caught.value.problems
    assert (first.line, first.message) == (3, "unknown topic id 'bulky_wast'")
    assert first.fix.startswith("did you mean 'bulky_waste'?")
    assert (second.line, second.fix) == (4, "use a topic id")


def test_unknown_municipality(tmp_path):
    path = write_rows(
        tmp_path / "q.csv",
        ["question", "expected", "municipality"],
        [["a", "library", "showa"], ["b", "library", "tokyo"]],
    )
    with pytest.raises(DataFileError) as caught:
        check_municipalities(read_questions(path), {"showa"}, str(path))
    assert [(p.line, p.message) for p in caught.value.problems] == [(3, "unknown municipality id 'tokyo'")]
