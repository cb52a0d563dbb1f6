"""Safety replies and help lines: loaded from data/safety, every number sourced, validate catches gaps."""

from __future__ import annotations

import shutil

import yaml

from bot.cli.validate import check_safety
from bot.knowledge.base import load_knowledge
from bot.replies.templates import Templates
from bot.safety.catalogue import load_catalogue, load_detection
from bot.safety.reply import render


def test_every_situation_has_a_reply_with_sourced_numbers(project_root):
    directory = project_root / "data" / "safety"
    catalogue = load_catalogue(directory)
    assert check_safety(directory, load_knowledge(project_root / "data")) == []
    for category in load_detection(directory).categories:
        lines = catalogue.lines_of(category)
        assert any(line.number for line in lines), category
        assert all(line.source.startswith("http") and line.seen for line in lines)


def test_the_crisis_reply_names_the_lines_and_the_office(project_root, knowledge):
    catalogue = load_catalogue(project_root / "data" / "safety")
    office = knowledge.office_for_function("bandai", "health")
    domain = yaml.safe_load((project_root / "domain.yml").read_text(encoding="utf-8"))
    text = render("suicide", catalogue, Templates.from_domain(domain), office, "磐梯町")
    assert "0120-279-226" in text and "0570-064-556" in text and "119" in text
    assert office.phone in text


def test_validate_fails_when_a_line_loses_its_source(project_root, tmp_path):
    target = tmp_path / "safety"
    shutil.copytree(project_root / "data" / "safety", target)
    lines = target / "lines.yml"
    lines.write_text(
        lines.read_text(encoding="utf-8").replace("  source: https://www.gov-online.go.jp/cam/no_dvca/ca03/\n", "", 1),
        encoding="utf-8",
    )
    problems = check_safety(target, None)
    assert any("source" in p.message and p.file.endswith("lines.yml") for p in problems)


def test_validate_fails_when_a_reply_has_no_number(project_root, tmp_path):
    target = tmp_path / "safety"
    shutil.copytree(project_root / "data" / "safety", target)
    replies = target / "replies.yml"
    text = replies.read_text(encoding="utf-8").replace(
        "lines: [police_9110, consumer_188, police_110]", "lines: [q_suke]"
    )
    replies.write_text(text, encoding="utf-8")
    assert any("no line with a phone number" in p.message for p in check_safety(target, None))
