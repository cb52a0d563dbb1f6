"""The review CSV can attach questions to a municipality's FAQ entry or write a new entry; all or nothing."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Dict, List

import pytest
import redis

from bot.faq.importer import import_csv
from bot.faq.models import STAFF_SOURCE, FaqEntry
from bot.faq.store import load_entries, save_entries
from bot.knowledge.yaml_source import DataFileError
from bot.learning.grouping import group_questions
from bot.learning.review import COLUMNS, apply_decisions, export_csv, read_decisions
from bot.learning.store import LearningStore
from bot.settings import PROJECT_ROOT
from tests.bot.helpers import write_municipality

TODAY = dt.date(2026, 11, 28)
TOPICS = ["bulky_waste"]


@pytest.fixture()
def store(redis_server, request):
    with redis.Redis.from_url(redis_server.url) as client:
        yield LearningStore(client, f"f{abs(hash(request.node.name))}")


@pytest.fixture()
def data(tmp_path) -> Path:
    """data/ with two municipalities, an FAQ for each, and one topic's NLU file."""
    root = tmp_path / "data"
    for municipality, code in (("alpha", "070001"), ("beta", "070002")):
        write_municipality(root, municipality, code)
    save_entries(
        root / "faq" / "alpha.yml",
        [
            FaqEntry(
                id="10",
                question="粗大ごみの出し方は？",
                answer="受付センターへ電話してください。",
                source_file="alpha.csv",
                imported=TODAY,
            )
        ],
    )
    save_entries(
        root / "faq" / "beta.yml",
        [
            FaqEntry(
                id="20", question="犬の登録は？", answer="窓口で登録できます。", source_file="beta.csv", imported=TODAY
            )
        ],
    )
    topics = root / "nlu" / "topics"
    topics.mkdir(parents=True)
    (topics / "bulky_waste.yml").write_text(
        'version: "3.1"\nnlu:\n- intent: bulky_waste\n  examples: |\n    - 粗大ごみ\n', encoding="utf-8"
    )
    return root


def sheet(store: LearningStore, path: Path, decide: Dict[str, Dict[str, str]]) -> Path:
    """Export the pending groups and fill the columns of the group whose questions contain a key."""
    export_csv(group_questions(store.pending()), path)
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert list(rows[0]) == COLUMNS
    for row in rows:
        for needle, values in decide.items():
            if needle in row["questions"]:
                row.update(values)
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="cp932")  # as Excel saves it in Japan
    return path


def snapshot(root: Path) -> Dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.yml"))}


def apply(path: Path, data: Path, store: LearningStore):
    return apply_decisions(read_decisions(path, TOPICS), data / "nlu", store, TODAY)


def test_assign_to_faq_entry_and_new_entry(store, data, tmp_path):
    store.record("clarify", "こたつを始末したい", "alpha", [("bulky_waste", 0.2)])
    store.record("fallback", "ごみ袋はどこで売ってる", "alpha", [])
    path = sheet(
        store,
        tmp_path / "review.csv",
        {
            "こたつ": {"action": "assign:faq:10"},
            "ごみ袋": {
                "action": "new",
                "new_question": "ごみ袋はどこで買えますか？",
                "new_answer": "町内の商店で買えます。\n詳しくは役場へ。",
                "new_url": "https://alpha.example.jp/bag",
            },
        },
    )
    report = apply(path, data, store)
    assert report.faq_examples == {"alpha/10": 1} and len(report.new_entries) == 1 and report.resolved == 2
    assert store.pending() == []
    old, new = load_entries(data / "faq" / "alpha.yml")
    assert old.examples == ["こたつを始末したい"]
    assert new.id.startswith("staff-") and report.new_entries == [f"alpha/{new.id}"]
    assert (new.source_file, new.imported, new.examples) == (STAFF_SOURCE, TODAY, ["ごみ袋はどこで売ってる"])
    assert new.answer == "町内の商店で買えます。\n詳しくは役場へ。" and new.url == "https://alpha.example.jp/bag"

    csv_path = tmp_path / "alpha.csv"
    csv_path.write_text(
        "id,question,answer\n10,粗大ごみの出し方は？,受付センターへ電話してください。\n", encoding="utf-8"
    )
    reimport = import_csv(csv_path, "alpha", data, TODAY)
    assert reimport.kept == [new.id] and not reimport.retired
    assert [e.examples for e in load_entries(data / "faq" / "alpha.yml")] == [
        ["こたつを始末したい"],
        ["ごみ袋はどこで売ってる"],
    ]


def test_group_across_municipalities_goes_to_those_with_the_entry(store, data, tmp_path):
    store.record("clarify", "こたつを始末したい", "alpha", [])
    store.record("clarify", "こたつを始末したいです", "beta", [])
    report = apply(sheet(store, tmp_path / "review.csv", {"こたつ": {"action": "assign:faq:10"}}), data, store)
    assert report.faq_examples == {"alpha/10": 2}
    assert report.not_applied == ["line 2: beta has no entry '10'"]
    assert load_entries(data / "faq" / "beta.yml")[0].examples == []


def invalid_rows(store: LearningStore, data: Path, tmp_path: Path, bad: Dict[str, str]) -> str:
    store.record("clarify", "こたつを始末したい", "alpha", [])
    store.record("clarify", "期日前投票の場所", "alpha", [])
    store.record("clarify", "ごみ袋はどこで売ってる", "alpha", [])
    before = snapshot(data)
    path = sheet(
        store,
        tmp_path / "review.csv",
        {"こたつ": {"action": "assign:faq:10"}, "投票": {"action": "assign:bulky_waste"}, "ごみ袋": bad},
    )
    with pytest.raises(DataFileError) as raised:
        apply(path, data, store)
    assert snapshot(data) == before and len(store.pending()) == 3  # nothing half-applied
    return str(raised.value)


@pytest.mark.parametrize(
    ("bad", "expected"),
    [
        ({"action": "assign:faq:99"}, ["no published FAQ entry '99' in data/faq/alpha.yml", "new_question"]),
        ({"action": "new", "new_question": "ごみ袋は？", "new_answer": ""}, ["new_answer must not be empty"]),
        (
            {"action": "new", "new_question": "ごみ袋は？", "new_answer": "商店で。", "new_url": "www.example.jp"},
            ["new_url must be a full web address"],
        ),
        ({"action": "assign:nope"}, ["unknown action 'assign:nope'", "assign:faq:<FAQ entry id>"]),
    ],
)
def test_one_invalid_row_names_its_line_and_writes_nothing(store, data, tmp_path, bad, expected):
    message = invalid_rows(store, data, tmp_path, bad)
    assert "review.csv:" in message
    for part in expected:
        assert part in message


def test_new_entry_needs_exactly_one_municipality(store, data, tmp_path):
    store.record("clarify", "ごみ袋はどこで売ってる", "alpha", [])
    store.record("clarify", "ごみ袋はどこで売ってるの", "beta", [])
    store.record("clarify", "ごみ袋はどこで売ってますか", None, [])
    path = sheet(
        store,
        tmp_path / "review.csv",
        {"ごみ袋": {"action": "new", "new_question": "ごみ袋は？", "new_answer": "商店で買えます。"}},
    )
    with pytest.raises(DataFileError) as raised:
        read_decisions(path, TOPICS)
    assert "review.csv:2: error: a new FAQ entry belongs to one municipality, the group has: alpha beta" in str(
        raised.value
    )
    text = path.read_text(encoding="cp932").replace("alpha:1 beta:1 -:1", "beta:1")
    path.write_text(text, encoding="cp932")
    report = apply(path, data, store)
    assert [e.source_file for e in load_entries(data / "faq" / "beta.yml")] == ["beta.csv", STAFF_SOURCE]
    assert report.new_entries[0].startswith("beta/staff-") and report.resolved == 3


def test_faq_action_without_municipality_is_refused(store, data, tmp_path):
    store.record("clarify", "こたつを始末したい", None, [])
    path = sheet(store, tmp_path / "review.csv", {"こたつ": {"action": "assign:faq:10"}})
    with pytest.raises(DataFileError) as raised:
        read_decisions(path, TOPICS)
    assert "review.csv:2: error: the group has no municipality" in str(raised.value)


def test_old_sheets_without_new_columns_still_apply(store, data, tmp_path):
    store.record("clarify", "こたつを始末したい", "alpha", [])
    path = tmp_path / "old.csv"
    (item,) = store.pending()
    path.write_text(
        "group,count,municipalities,best_guess,questions,ids,action\n"
        f"g1,1,alpha:1,,こたつを始末したい,{item.id},assign:faq:10\n",
        encoding="utf-8",
    )
    lines: List[str] = apply(path, data, store).not_applied
    assert lines == [] and load_entries(data / "faq" / "alpha.yml")[0].examples == ["こたつを始末したい"]


def test_cli_exports_applies_and_reports_problems(redis_server, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(PROJECT_ROOT / "data", data, ignore=shutil.ignore_patterns("open", "eval"))
    save_entries(
        data / "faq" / "showa.yml",
        [
            FaqEntry(
                id="7",
                question="からむし織の体験はできますか？",
                answer="体験の申し込みは役場へ。",
                source_file="showa.csv",
                imported=TODAY,
            )
        ],
    )
    env = {
        **os.environ,
        "AIZU_REDIS_URL": redis_server.url,
        "AIZU_REDIS_PREFIX": f"cli{uuid.uuid4().hex[:6]}",
        "AIZU_DATA_DIR": str(data),
    }
    store = LearningStore(redis.Redis.from_url(redis_server.url), env["AIZU_REDIS_PREFIX"])
    store.record("clarify", "からむしの機織りやってみたい", "showa", [])

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "bot", "review", *args],
            cwd=PROJECT_ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    assert "assign:faq:<entry id>" in run("--help").stdout
    sheet_path = tmp_path / "review.csv"
    exported = run("--export", str(sheet_path))
    assert exported.returncode == 0 and "assign:faq:<FAQ entry id>" in exported.stdout
    text = sheet_path.read_text(encoding="utf-8-sig").splitlines()
    sheet_path.write_text("\n".join([text[0], text[1] + "assign:faq:8"]) + "\n", encoding="utf-8")
    failed = run("--apply", str(sheet_path))
    assert failed.returncode == 1 and "review.csv:2" in failed.stderr and "nothing was written" in failed.stderr
    sheet_path.write_text("\n".join([text[0], text[1] + "assign:faq:7"]) + "\n", encoding="utf-8")
    done = run("--apply", str(sheet_path))
    assert done.returncode == 0 and "FAQ examples: {'showa/7': 1}" in done.stdout, done.stderr
    assert load_entries(data / "faq" / "showa.yml")[0].examples == ["からむしの機織りやってみたい"]
