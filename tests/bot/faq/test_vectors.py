"""GiNZA's word vectors as a dense FAQ signal: the table, its model round trip, and what it adds to ranking."""

from __future__ import annotations

import numpy as np
import pytest

from bot.faq.japanese import JapaneseAnalyzer
from bot.faq.open_corpus import OpenFaq
from bot.faq.search import FaqIndex
from bot.faq.vectors import DenseIndex, WordVectors
from bot.nlu.faq_setup import word_vectors


def toy() -> WordVectors:
    """Three directions: childcare (育児, 子育て, 悩み), rubbish (ごみ, 箪笥) and a lone word."""
    matrix = np.array([[1.0, 0.0, 0.0], [0.9, 0.1, 0.0], [0.0, 1.0, 0.0], [0.1, 0.9, 0.0], [0.0, 0.0, 1.0]])
    rows = {"育児": 0, "子育て": 1, "悩み": 1, "ごみ": 2, "箪笥": 3, "天気": 4}
    return WordVectors(rows, matrix.astype(np.float16))


@pytest.fixture(scope="module")
def ginza():
    return word_vectors({"word_vectors": "ja_ginza"})


def test_a_unit_without_a_vector_falls_back_to_its_parts():
    vectors = toy()
    assert vectors.words_of([("育児相談", ("育児", "相談")), ("ごみ", ())]) == ["育児", "ごみ"]
    assert vectors.words_of([("未知語", ())]) == []


def test_cosines_follow_meaning_not_shared_words():
    index = DenseIndex(toy(), [[("子育て", ()), ("悩み", ())], [("ごみ", ())]])
    cosines = index.cosines([("育児", ())])
    assert cosines[0] > 0.9 > 0.2 > cosines[1]
    assert index.cosines([("箪笥", ())])[1] > 0.9
    assert not index.cosines([("未知語", ())]).any()  # no known word: no signal, not a guess


def test_the_table_survives_the_model_round_trip(tmp_path):
    table = toy()
    table.save(tmp_path / "vectors.npz")
    again = WordVectors.load(tmp_path / "vectors.npz")
    assert len(again) == len(table)
    assert np.array_equal(again.vector("箪笥"), table.vector("箪笥"))
    WordVectors.empty().save(tmp_path / "empty.npz")
    assert len(WordVectors.load(tmp_path / "empty.npz")) == 0


def test_without_vectors_the_ranking_is_the_lexical_one():
    entries = [
        OpenFaq("a", "粗大ごみの申込方法", "受付センターへ", None),
        OpenFaq("b", "育児の相談", "支援センターへ", None),
    ]
    plain = FaqIndex.build(entries)
    empty = FaqIndex.build(entries, vectors=WordVectors.empty())
    assert plain.dense is None and empty.dense is None
    assert plain.search("粗大ごみ") == empty.search("粗大ごみ")


def test_ginza_vectors_are_keyed_by_sudachi_normalized_forms(ginza):
    assert len(ginza) > 400_000
    analyzer = JapaneseAnalyzer()
    assert "箪笥" in ginza.words_of(analyzer.analyze("タンスを捨てたい").units)  # タンス normalises to 箪笥


def test_ginza_vectors_relate_words_the_entries_do_not_use(ginza):
    entries = [
        OpenFaq("care", "育児の悩みを相談したいのですが。", "子育て支援センターで相談できます。", None),
        OpenFaq("bulky", "粗大ごみの申込方法を教えてください。", "受付センターに電話してください。", None),
        OpenFaq("dog", "犬の登録について教えてください。", "保健所で登録します。", None),
    ]
    analyzer = JapaneseAnalyzer()
    lexical = FaqIndex.build(entries, analyzer=analyzer)
    dense = FaqIndex.build(entries, analyzer=analyzer, vectors=ginza)
    assert dense.dense is not None
    furniture = dense.dense.cosines(analyzer.analyze("古いタンスとベッドを捨てたい").units)
    assert furniture[1] > furniture[2]  # bulky rubbish, not the dog
    assert "bulky" not in [i for i, _ in lexical.search("古いタンスとベッドを捨てたい")]
    assert [i for i, _ in dense.search("古いタンスとベッドを捨てたい")][:2] == ["care", "bulky"]
    puppy = dense.dense.cosines(analyzer.analyze("子犬を飼い始めた").units)
    assert int(np.argmax(puppy)) == 2
    scores = [score for _, score in dense.search("粗大ごみを出したい")]
    assert dense.search("粗大ごみを出したい")[0][0] == "bulky" and 0 < scores[-1] <= scores[0] <= 1.0
