"""FAQ mode: query helpers (fast), and import + train + rank end to end on a tiny project (slow)."""

from __future__ import annotations

import re

import pytest

from bot.evaluation.datasets import LabelledQuestion
from bot.evaluation.faq import EntryInfo
from bot.evaluation.faq_run import check_query_municipalities, copy_project, smoke_queries
from bot.faq.open_corpus import load_corpus, load_queries
from bot.knowledge.yaml_source import DataFileError
from bot.settings import PROJECT_ROOT
from tests.bot.evaluation.helpers import run_cli, tiny_project, write_rows
from tests.open_faq import write_csv

OPEN = PROJECT_ROOT / "data" / "faq" / "open"


def test_smoke_queries_are_the_entries_own_questions():
    queries = smoke_queries({"7": EntryInfo("ごみの出し方"), "9": EntryInfo("図書館", "施設")})
    assert [(q.text, q.intent, q.line) for q in queries] == [("ごみの出し方", "7", 1), ("図書館", "9", 2)]


def test_queries_for_another_municipality_are_refused():
    questions = [
        LabelledQuestion("a", "1", None, 2),
        LabelledQuestion("b", "1", "showa", 3),
        LabelledQuestion("c", "1", "kitakata", 4),
    ]
    with pytest.raises(DataFileError) as caught:
        check_query_municipalities(questions, "showa", "q.csv")
    assert [p.line for p in caught.value.problems] == [4]


def test_copy_project_copies_what_training_reads(tmp_path):
    project = tiny_project(tmp_path / "p")
    copy = copy_project(project, project / "config.yml", tmp_path / "copy")
    assert {p.name for p in copy.iterdir()} == {"config.yml", "domain.yml", "data"}
    assert (copy / "data" / "nlu" / "topics.yml").read_text() == (project / "data/nlu/topics.yml").read_text()


@pytest.fixture(scope="module")
def faq_sheet(tmp_path_factory):
    """30 open-corpus entries (those 8 development queries expect, then others) and those queries."""
    folder = tmp_path_factory.mktemp("faqsheet")
    queries = load_queries(OPEN / "development.json")[:8]
    wanted = {q.expected for q in queries}
    corpus = load_corpus(OPEN / "corpus.json")
    entries = [e for e in corpus if e.id in wanted] + [e for e in corpus if e.id not in wanted][: 30 - len(wanted)]
    sheet = write_csv(folder / "faq.csv", entries)
    questions = write_rows(
        folder / "queries.csv", ["question", "expected"], [[q.text, q.expected] for q in queries], encoding="cp932"
    )
    return sheet, questions


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """One tiny project for both runs: the second reuses its training cache."""
    return tiny_project(tmp_path_factory.mktemp("faqproject") / "project")


@pytest.mark.slow
def test_faq_mode_end_to_end(tmp_path, faq_sheet, project):
    sheet, questions = faq_sheet
    out = tmp_path / "faq.md"
    result = run_cli(
        [
            "evaluate",
            "--faq",
            str(sheet),
            "--municipality",
            "yugawa",
            "--questions",
            str(questions),
            "--root",
            str(project),
            "--out",
            str(out),
            "--html",
            str(tmp_path / "page.html"),
        ],
        tmp_path,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    text = out.read_text(encoding="utf-8")
    for measure in (
        "| queries (with an answering entry) | 8 (8) |",
        "Hit@1",
        "Hit@3",
        "Hit@10",
        "MRR",
        "answered directly",
        "nDCG@10",
        "time per query",
        "## Wrong direct answers",
        "## Hit@1 per category of the expected entry",
        "## Misses",
        "30 published entries",
    ):
        assert measure in text
    hit10 = float(re.search(r"hit@10=([\d.]+)%", result.stdout).group(1))
    assert 0 < hit10 <= 100  # the ranker found expected entries among its candidates
    assert (tmp_path / "page.html").read_text(encoding="utf-8").count("<svg") == 2
    assert not list((project / "data" / "faq").glob("*.yml"))  # the import went to a copy only


@pytest.mark.slow
def test_faq_mode_without_questions_is_a_smoke_check_and_gates_ci(tmp_path, faq_sheet, project):
    sheet, _ = faq_sheet
    out = tmp_path / "smoke.md"
    result = run_cli(
        [
            "evaluate",
            "--faq",
            str(sheet),
            "--municipality",
            "yugawa",
            "--root",
            str(project),
            "--out",
            str(out),
            "--min-accuracy",
            "1.01",
        ],
        tmp_path,
    )
    assert result.returncode == 1 and "below --min-accuracy" in result.stderr
    text = out.read_text(encoding="utf-8")
    assert "| queries (with an answering entry) | 30 (30) |" in text and "smoke check" in text
