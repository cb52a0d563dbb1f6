import datetime as dt

from bot.cli.validate import check_imported_faqs
from bot.faq.models import FaqEntry
from bot.faq.store import save_entries

IDS = ["kitakata", "yugawa"]


def _entry(entry_id):
    return FaqEntry(id=entry_id, question="質問", answer="回答", source_file="faq.csv", imported=dt.date(2026, 11, 28))


def test_valid_files_have_no_problems(tmp_path):
    save_entries(tmp_path / "yugawa.yml", [_entry("1"), _entry("2")])
    assert check_imported_faqs(tmp_path, IDS) == []


def test_duplicate_ids_wrong_names_and_bad_entries_name_file_and_line(tmp_path):
    save_entries(tmp_path / "yugawa.yml", [_entry("1"), _entry("2"), _entry("1")])
    save_entries(tmp_path / "tokyo.yml", [_entry("1")])
    (tmp_path / "kitakata.yml").write_text("- id: 1\n  question: ''\n  answer: a\n", encoding="utf-8")
    problems = {p.file.rsplit("/", 1)[-1]: p for p in check_imported_faqs(tmp_path, IDS)}
    assert set(problems) == {"yugawa.yml", "tokyo.yml", "kitakata.yml"}
    duplicate = problems["yugawa.yml"]
    assert "'1' appears twice" in duplicate.message and duplicate.line > 1 and "re-import" in duplicate.fix
    assert "not a municipality id" in problems["tokyo.yml"].message
    assert problems["kitakata.yml"].line >= 1
