"""Sensitive FAQ entries (abuse, violence, suicide, death, debt, bullying) only answer messages about them."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.faq.open_corpus import OpenFaq, load_corpus
from bot.faq.search import FaqIndex
from bot.faq.sensitive import SensitiveSubjects
from bot.knowledge.yaml_source import DataFileError
from bot.nlu.faq_setup import word_vectors
from bot.paths import open_corpus_dir

ROOT = Path(__file__).resolve().parents[3]
SHIPPED = ROOT / "data" / "faq" / "settings" / "sensitive.yml"


@pytest.fixture(scope="module")
def subjects():
    return SensitiveSubjects.load(SHIPPED)


@pytest.fixture(scope="module")
def open_index(subjects):
    """The open FAQ indexed as the chat does it, with GiNZA's word vectors (they rank every entry)."""
    corpus = load_corpus(open_corpus_dir(ROOT / "data") / "corpus.json")
    return FaqIndex.build(corpus, sensitive=subjects, vectors=word_vectors({"word_vectors": "ja_ginza"}))


def test_entries_and_queries_get_their_subjects(subjects):
    assert subjects.of_entry("近所で虐待されている子どもがいます。", None) == {"abuse"}
    assert subjects.of_entry("親が亡くなった時の児童手当の手続き", "子どもの手当") == {"death"}
    assert subjects.of_entry("粗大ごみの出し方", "ごみ") == frozenset()
    assert subjects.of_query("ぎゃくたいかもしれない") == {"abuse"}  # kana only
    assert subjects.of_query("近所の騒音がうるさいです") == frozenset()


def test_noise_from_the_neighbours_never_gets_the_child_abuse_entry(open_index):
    for query in ("近所の騒音がうるさいです", "隣の家がうるさくて眠れない", "近所の子どもの声が気になる"):
        assert "176" not in [entry_id for entry_id, _ in open_index.search(query, top_k=10)], query


def test_a_clearly_matching_entry_stays_first_for_small_talk_wording(open_index):
    assert open_index.search("○○市の天気", top_k=3)[0][0] == "538"


def test_a_message_about_abuse_still_finds_it(open_index):
    assert open_index.search("近所で子どもが虐待されているみたいです", top_k=1)[0][0] == "176"
    assert "176" in [i for i, _ in open_index.search("隣の子がいつも叩かれて泣いている", top_k=3)]


def test_death_entries_only_for_a_death(open_index):
    assert open_index.search("親が亡くなったときの児童手当", top_k=1)[0][0] in {"79", "80"}
    assert not {"79", "80", "148"} & {i for i, _ in open_index.search("児童手当の手続き", top_k=10)}


def test_without_subjects_nothing_is_filtered():
    entries = [OpenFaq("a", "虐待の相談", "児童相談所へ", None)]
    assert FaqIndex.build(entries).search("相談", top_k=1)[0][0] == "a"


def test_a_broken_file_names_the_field(tmp_path):
    path = tmp_path / "sensitive.yml"
    path.write_text("classes:\n  abuse:\n    entry: [虐待]\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="query"):
        SensitiveSubjects.load(path)
