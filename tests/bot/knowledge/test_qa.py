"""The regional Q&A loader and its checks: file:line problems, ids unique, topics known, overrides of real entries."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.knowledge.qa import check_overrides, load_qa
from bot.knowledge.yaml_source import DataFileError

ENTRY = """  - id: {id}
    facet: amount
    question: いくらですか
    examples: [いくら]
    answer: 千円です。
    sources:
      - url: https://example.jp/a
        seen: 2026-12-04
"""


def write(root: Path, topic: str, *ids: str, header: str = "") -> Path:
    path = root / "qa" / f"{topic}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + f"topic: {topic}\nentries:\n" + "".join(ENTRY.format(id=i) for i in ids), "utf-8")
    return path


def problems(root: Path, topics=("fee",)) -> list[str]:
    with pytest.raises(DataFileError) as error:
        load_qa(root, dict.fromkeys(topics))
    return [str(p) for p in error.value.problems]


def test_any_number_of_files_load_by_topic(tmp_path):
    write(tmp_path, "fee", "fee.amount", "fee.other")
    write(tmp_path, "tax", "tax.amount")
    book = load_qa(tmp_path, dict.fromkeys(["fee", "tax"]))
    assert sorted(book.entries) == ["fee.amount", "fee.other", "tax.amount"]
    assert [e.id for e in book.by_topic["fee"]] == ["fee.amount", "fee.other"]


def test_unknown_topic_duplicate_id_and_foreign_prefix_name_file_and_line(tmp_path):
    path = write(tmp_path, "fee", "fee.amount", "fee.amount", "tax.amount")
    found = problems(tmp_path, topics=())
    assert f"{path}:1: error: unknown topic 'fee'" in found[0]
    assert any(p.startswith(f"{path}:11:") and "used twice (first" in p for p in found)
    assert any(p.startswith(f"{path}:19:") and "does not start with 'fee.'" in p for p in found)


def test_sources_are_required(tmp_path):
    path = tmp_path / "qa" / "fee.yml"
    write(tmp_path, "fee", "fee.amount")
    path.write_text(path.read_text("utf-8").split("    sources:")[0], "utf-8")
    assert any("'entries.0.sources'" in p and "add the required key 'sources'" in p for p in problems(tmp_path))


def test_an_override_must_name_an_entry(tmp_path, knowledge):
    write(tmp_path, "fee", "fee.amount")
    book = load_qa(tmp_path, dict.fromkeys(["fee"]))
    municipality = next(iter(knowledge.municipalities.values()))
    folder = tmp_path / "municipalities"
    folder.mkdir()
    override = "qa:\n  fee.nothing:\n    note: x\n    source: https://example.jp/b\n    seen: 2026-12-04\n"
    (folder / f"{municipality.id}.yml").write_text(f"id: {municipality.id}\n{override}", "utf-8")
    changed = municipality.copy(update={"qa": {"fee.nothing": None}})
    found = [str(p) for p in check_overrides(book, {municipality.id: changed}, tmp_path)]
    assert found == [
        f"{folder / municipality.id}.yml:3: error: unknown Q&A entry 'fee.nothing' -> use an id of data/qa/"
    ]


def test_an_override_needs_an_answer_or_a_note():
    from pydantic import ValidationError

    from bot.knowledge.models import QaOverride

    with pytest.raises(ValidationError, match="answer"):
        QaOverride.parse_obj({"source": "https://example.jp/b", "seen": "2026-12-04"})
