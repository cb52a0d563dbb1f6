"""`python -m bot evaluate` refuses bad input with file:line problems and exit status 1 (no model needed)."""

from __future__ import annotations

import pytest

from bot.cli.main import build_parser
from bot.evaluation.commands import run_evaluate
from bot.settings import PROJECT_ROOT
from tests.bot.evaluation.helpers import tiny_project, write_rows


def evaluate(argv):
    args = build_parser().parse_args(["evaluate", *argv])
    return run_evaluate(args, lambda: pytest.fail("no model should be loaded"))


def test_malformed_questions_file_exits_1_naming_file_and_line(tmp_path, capsys):
    path = write_rows(
        tmp_path / "q.csv",
        ["question", "expected"],
        [["住民票", "resident_certificate"], ["粗大ごみ", ""]],
        encoding="cp932",
    )
    assert evaluate(["--questions", str(path), "--out", str(tmp_path / "r.md")]) == 1
    err = capsys.readouterr().err
    assert f"{path}:3: error: the expected is empty -> write the expected or delete the line" in err
    assert "Traceback" not in err and not (tmp_path / "r.md").exists()


def test_unknown_topic_ids_are_listed(tmp_path, capsys):
    path = write_rows(
        tmp_path / "q.csv", ["question", "topic"], [["住民票", "resident_certificate"], ["図書館", "libary"]]
    )
    assert evaluate(["--questions", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:3: error: unknown topic id 'libary' -> did you mean 'library'?" in err


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--faq", "x.csv"], "--faq needs --municipality"),
        (["--faq", "x.csv", "--municipality", "showa", "--cross-validate"], "one at a time"),
        (["--cross-validate", "--folds", "1"], "--folds must be at least 2"),
    ],
)
def test_wrong_option_combinations_exit_2(argv, message, capsys):
    assert evaluate(argv) == 2
    assert message in capsys.readouterr().err


def test_faq_mode_rejects_unknown_entry_ids_before_training(tmp_path, capsys):
    project = tiny_project(tmp_path / "project")
    sheet = write_rows(
        tmp_path / "faq.csv", ["id", "question", "answer"], [["a1", "q1", "answer one"], ["a2", "q2", "answer two"]]
    )
    queries = write_rows(tmp_path / "queries.csv", ["question", "expected"], [["q", "a1"], ["q", "a3"]])
    assert (
        evaluate(["--faq", str(sheet), "--municipality", "showa", "--questions", str(queries), "--root", str(project)])
        == 1
    )
    err = capsys.readouterr().err
    assert f"{queries}:3: error: unknown FAQ entry id 'a3'" in err and "id column of faq.csv" in err
    assert not list((project / "data" / "faq").glob("*.yml"))  # the project's data/ is never written


def test_faq_mode_reports_the_importers_problems(tmp_path, capsys):
    sheet = write_rows(tmp_path / "faq.csv", ["id", "question"], [["a1", "q1"]])
    assert evaluate(["--faq", str(sheet), "--municipality", "showa", "--root", str(PROJECT_ROOT)]) == 1
    assert "required column 'answer' is missing" in capsys.readouterr().err


def test_faq_mode_rejects_an_unknown_municipality(tmp_path, capsys):
    sheet = write_rows(tmp_path / "faq.csv", ["id", "question", "answer"], [["a1", "q1", "a"]])
    assert evaluate(["--faq", str(sheet), "--municipality", "tokyo", "--root", str(tiny_project(tmp_path / "p"))]) == 1
    assert "unknown municipality id 'tokyo'" in capsys.readouterr().err
