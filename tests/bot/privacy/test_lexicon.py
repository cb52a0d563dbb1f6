"""The staff-edited word lists for names (data/privacy/name_words.yml)."""

from pathlib import Path

import pytest

from bot.knowledge.yaml_source import DataFileError
from bot.privacy.lexicon import read_name_words

ROOT = Path(__file__).resolve().parents[3]


def test_the_shipped_lists_read():
    words = read_name_words(ROOT / "data" / "privacy" / "name_words.yml")
    assert "葵" in words.given_names and "星" in words.surnames and "ケアマネ" in words.roles


def test_a_missing_file_gives_empty_lists(tmp_path):
    words = read_name_words(tmp_path / "none.yml")
    assert not words.given_names and not words.surnames and not words.roles


@pytest.mark.parametrize(
    ("content", "message"),
    [("given_names: 葵\n", "given_names is not a list"), ("nicknames: [たっくん]\n", "unknown section nicknames")],
)
def test_a_wrong_file_names_the_problem(tmp_path, content, message):
    path = tmp_path / "name_words.yml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError, match=message):
        read_name_words(path)
