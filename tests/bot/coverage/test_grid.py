"""The municipality × topic coverage grid on a tiny knowledge folder."""

from __future__ import annotations

import argparse
import datetime as dt
import re

import pytest

from bot.cli.staff import register
from bot.coverage.grid import Status, coverage_grid
from bot.coverage.render import render_html, render_text
from bot.knowledge.base import load_knowledge
from tests.bot.helpers import write_municipality

TODAY = dt.date(2026, 11, 28)
TOPICS = {"dog": "environment", "cert": "citizen", "taxpay": "tax", "care": "welfare", "furusato": "planning"}

ALPHA = """\
departments:
  environment:
    name: 生活課
    source: https://alpha.example.jp/env
    seen: 2026-10-01
  planning:
    name: 企画課（民間サイト）
    source: https://other.example.com/
    seen: 2026-10-01
    third_party: true
topics:
  cert:
    facts:
      - text: 住民票は役場で取れます。
        source: https://alpha.example.jp/cert
        seen: 2024-01-15
  taxpay:
    facts:
      - text: 民間サイトの情報です。
        source: https://other.example.com/tax
        seen: 2026-10-01
        third_party: true
"""
BETA = """\
topics:
  cert:
    facts:
      - text: 民間サイトの情報です。
        source: https://other.example.com/cert
        seen: 2026-10-01
        third_party: true
      - text: 住民票はコンビニでも取れます。
        source: https://beta.example.jp/cert
        seen: 2026-09-01
"""


@pytest.fixture()
def tiny_knowledge(tmp_path):
    root = tmp_path / "data"
    (root / "topics").mkdir(parents=True)
    functions = sorted(set(TOPICS.values()))
    (root / "functions.yml").write_text("".join(f"{f}: {f} office\n" for f in functions), encoding="utf-8")
    for topic, function in TOPICS.items():
        (root / "topics" / f"{topic}.yml").write_text(
            f"id: {topic}\nlabel: {topic}ラベル\nfunction: {function}\nanswer: 全国共通の説明です。\n", encoding="utf-8"
        )
    write_municipality(root, "alpha", "070001", ALPHA)
    write_municipality(root, "beta", "070002", BETA)
    return root


def test_cells_are_classified(tiny_knowledge):
    grid = coverage_grid(load_knowledge(tiny_knowledge), TODAY, stale_months=12)
    status = {key: cell.status for key, cell in grid.cells.items()}
    assert status[("alpha", "dog")] is Status.VERIFIED  # own department for the function
    assert status[("alpha", "cert")] is Status.STALE  # own fact last seen 2024-01
    assert status[("alpha", "taxpay")] is Status.UNVERIFIED  # only a third-party fact
    assert status[("alpha", "furusato")] is Status.UNVERIFIED  # only a third-party department
    assert status[("alpha", "care")] is Status.CORE_ONLY  # nothing local
    assert status[("beta", "cert")] is Status.VERIFIED  # own recent fact next to a third-party one
    assert status[("beta", "dog")] is Status.CORE_ONLY
    cell = grid.cell("beta", "cert")
    assert (cell.facts, cell.third_party_facts, cell.newest_seen) == (1, 1, dt.date(2026, 9, 1))
    assert grid.counts("alpha")[Status.UNVERIFIED] == 2


def test_stale_threshold_follows_the_option(tiny_knowledge):
    grid = coverage_grid(load_knowledge(tiny_knowledge), TODAY, stale_months=48)
    assert grid.cell("alpha", "cert").status is Status.VERIFIED


def test_text_grid_is_compact_with_a_legend(tiny_knowledge):
    text = render_text(coverage_grid(load_knowledge(tiny_knowledge), TODAY))
    rows = {line.split()[0]: line.split()[1:] for line in text.splitlines() if line.startswith(tuple(TOPICS))}
    assert rows["cert"] == ["~", "#"] and rows["care"] == [".", "."] and rows["taxpay"] == ["?", "."]
    assert "legend:" in text and "core only" in text and "1  alpha" in text


def test_html_page_is_self_contained(tiny_knowledge):
    page = render_html(coverage_grid(load_knowledge(tiny_knowledge), TODAY))
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page and page.rstrip().endswith("</html>")
    assert not re.search(r"<script|<link|<img|src=|href=|url\(|@import|https?://", page)
    assert "alpha町" in page and "certラベル" in page
    assert page.count("<td style=") == len(TOPICS) * 2


def test_coverage_command_prints_grid_and_writes_html(tiny_knowledge, tmp_path, capsys):
    parser = argparse.ArgumentParser(prog="python -m bot")
    register(parser.add_subparsers(dest="command", required=True))
    out = tmp_path / "docs" / "coverage.html"
    args = parser.parse_args(["coverage", "--data-dir", str(tiny_knowledge), "--html", str(out), "--stale-months", "6"])
    assert args.func(args) == 0
    assert "legend:" in capsys.readouterr().out
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_searched_empty_cell_is_its_own_state(tiny_knowledge):
    from bot.coverage.research import check_research, load_research

    (tiny_knowledge / "research").mkdir()
    (tiny_knowledge / "research" / "alpha.yml").write_text(
        "municipality: alpha\nsearched: 2026-12-02\ncells:\n"
        "  care:\n    verdict: nothing_public\n    queries: [alpha 介護]\n    pages: []\n"
        "  dog:\n    verdict: nothing_public\n",
        encoding="utf-8",
    )
    kb = load_knowledge(tiny_knowledge)
    grid = coverage_grid(kb, TODAY, research=load_research(tiny_knowledge))
    assert grid.cell("alpha", "care").status is Status.SEARCHED_NOTHING
    assert grid.cell("alpha", "dog").status is Status.VERIFIED  # facts win over the record
    assert grid.cell("beta", "care").status is Status.CORE_ONLY  # never searched
    assert "-" in render_text(grid).split("legend:")[0]
    assert check_research(tiny_knowledge, list(kb.municipalities), list(kb.topics)) == []
    (tiny_knowledge / "research" / "alpha.yml").write_text(
        "municipality: alpha\nsearched: 2026-12-02\ncells:\n  nope:\n    verdict: maybe\n", encoding="utf-8"
    )
    problems = check_research(tiny_knowledge, list(kb.municipalities), list(kb.topics))
    assert problems and "alpha.yml" in problems[0].file


def test_html_escapes_every_text_from_data(tiny_knowledge):
    topic = tiny_knowledge / "topics" / "cert.yml"
    topic.write_text(topic.read_text(encoding="utf-8").replace("certラベル", '"<i>cert</i>&"'), encoding="utf-8")
    page = render_html(coverage_grid(load_knowledge(tiny_knowledge), TODAY))
    assert "<i>" not in page and "&lt;i&gt;cert&lt;/i&gt;&amp;" in page


def test_third_party_only_searched_since_is_searched_nothing_public(tiny_knowledge):
    from bot.coverage.research import load_research

    (tiny_knowledge / "research").mkdir()
    record = tiny_knowledge / "research" / "alpha.yml"
    # alpha's taxpay holds only a third-party fact seen 2026-10-01.
    record.write_text(
        "municipality: alpha\nsearched: 2026-12-02\ncells:\n  taxpay:\n    verdict: nothing_public\n", encoding="utf-8"
    )
    grid = coverage_grid(load_knowledge(tiny_knowledge), TODAY, research=load_research(tiny_knowledge))
    cell = grid.cell("alpha", "taxpay")
    assert cell.status is Status.SEARCHED_NOTHING and "1 third-party fact" in cell.detail()
    record.write_text(record.read_text(encoding="utf-8").replace("2026-12-02", "2026-09-30"), encoding="utf-8")
    grid = coverage_grid(load_knowledge(tiny_knowledge), TODAY, research=load_research(tiny_knowledge))
    assert grid.cell("alpha", "taxpay").status is Status.UNVERIFIED  # searched before the fact was seen
