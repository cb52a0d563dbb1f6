"""Sudachi's synonym dictionary (installed from npm) joins words residents and FAQ writers spell differently."""

from __future__ import annotations

import pytest

from bot.faq.japanese import JapaneseAnalyzer
from bot.faq.open_corpus import OpenFaq
from bot.faq.search import FaqIndex
from bot.faq.synonyms import SynonymTable
from bot.settings import get_settings

GROUPS = [
    {
        "id": "001092",
        "items": [
            {"midashi": "原動機付自転車", "vocabularyNumber": 1, "expandControl": 0},
            {"midashi": "原付", "vocabularyNumber": 1, "expandControl": 0},
            {"midashi": "原チャリ", "vocabularyNumber": 2, "expandControl": 0},
        ],
    },
    {
        "id": "000050",
        "items": [
            {"midashi": "蜂", "vocabularyNumber": 1, "expandControl": 0},
            {"midashi": "はち", "vocabularyNumber": 1, "expandControl": 1},
            {"midashi": "ハチ", "vocabularyNumber": 1, "expandControl": 2},
        ],
    },
]


@pytest.fixture(scope="module")
def installed():
    return SynonymTable.from_sudachi_json(get_settings().synonym_dictionary)


def test_same_word_and_group_tokens_for_spellings_the_tokenizer_splits():
    table = SynonymTable.from_groups(GROUPS)
    joined = table.tokens(["原動機", "付", "自転車", "の", "登録"], ["原動機", "付", "自転車", "の", "登録"])
    short = table.tokens(["原付", "の", "登録"], ["原付", "の", "登録"])
    assert "=1092.1" in joined.variants and "=1092.1" in short.variants
    slang = table.tokens(["原チャリ"], ["原チャリ"])
    assert "=1092.1" not in slang.variants and "#1092" in slang.groups  # a near synonym, not the same word


def test_expansion_flags_and_single_characters_are_honoured():
    table = SynonymTable.from_groups(GROUPS)
    assert len(table) == 3  # 蜂 (one character), はち (flag 1) and ハチ (flag 2) never trigger
    assert table.tokens(["はち", "みつ"], ["はち", "みつ"]).groups == []


def test_the_table_survives_the_model_round_trip():
    table = SynonymTable.from_groups(GROUPS)
    again = SynonymTable.from_json(table.to_json())
    assert again.tokens(["原付"], ["原付"]) == table.tokens(["原付"], ["原付"])


def test_installed_dictionary_joins_the_issues_pairs(installed):
    analyzer = JapaneseAnalyzer(installed)
    for one, other in (("原付", "原動機付自転車"), ("子ども手当", "児童手当"), ("母子手帳", "母子健康手帳")):
        assert set(analyzer.analyze(one).variants) & set(analyzer.analyze(other).variants), (one, other)


def test_a_missing_dictionary_says_how_to_install_it(tmp_path):
    with pytest.raises(FileNotFoundError, match="make venv"):
        SynonymTable.from_sudachi_json(tmp_path / "absent.json")


def test_moped_registration_is_not_a_registered_cultural_property(installed):
    entries = [
        OpenFaq("moped", "原動機付自転車のナンバープレートを受け取りたい", "税務課で登録の手続きをします。", None),
        OpenFaq("heritage", "登録文化財はどこにありますか", "教育委員会が公開しています。", None),
        OpenFaq("allowance", "児童手当はいつ振り込まれますか", "年6回、偶数月に振り込みます。", None),
        OpenFaq("checkup", "乳幼児健診の日程", "広報に載せています。", None),
    ]
    index = FaqIndex.build(entries, analyzer=JapaneseAnalyzer(installed))
    assert index.search("原付の登録", top_k=1)[0][0] == "moped"
    assert index.search("子ども手当は何か月ごとに振り込まれる", top_k=1)[0][0] == "allowance"
