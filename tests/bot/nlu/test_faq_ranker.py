import datetime as dt

import pytest
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.faq.decision import FaqDecision, ranking_for
from bot.faq.models import FaqEntry
from bot.faq.sensitive import SensitiveSubjects
from bot.faq.store import save_entries
from bot.faq.synonyms import SynonymTable
from bot.nlu.faq_ranker import FAQ, FaqRanker
from bot.nlu.faq_setup import SearchSetup

TODAY = dt.date(2026, 11, 28)


def _entry(entry_id, question, answer, retired=False):
    return FaqEntry(
        id=entry_id, question=question, answer=answer, source_file="faq.csv", imported=TODAY, retired=retired
    )


@pytest.fixture()
def faq_dir(tmp_path):
    folder = tmp_path / "faq"
    save_entries(
        folder / "yugawa.yml",
        [
            _entry("y1", "粗大ごみの出し方を知りたい", "事前に申し込みが必要です。"),
            _entry("y2", "児童手当の申請方法は？", "出生の翌日から15日以内に申請します。"),
            _entry("y3", "図書館の開館時間は？", "広報をご覧ください。"),
            _entry("y-old", "犬の登録をしたい", "古い回答", retired=True),
        ],
    )
    save_entries(folder / "showa.yml", [_entry("s1", "雪下ろしの補助はありますか", "条件があります。")])
    (folder / "README.md").write_text("not an FAQ file", encoding="utf-8")
    return folder


def _trained(tmp_path, faq_dir, **options):
    (tmp_path / "storage").mkdir(exist_ok=True)
    storage = LocalModelStorage(tmp_path / "storage")
    resource = Resource("faq_ranker")
    context = ExecutionContext(node_name="faq_ranker", graph_schema=None)  # type: ignore[arg-type]
    config = {**FaqRanker.get_default_config(), "faq_dir": str(faq_dir), **options}
    FaqRanker.create(config, storage, resource, context).train(TrainingData([]))
    return FaqRanker.load(config, storage, resource, context)


def _parse(ranker, text):
    message = Message({TEXT: text})
    ranker.process([message])
    return message.as_dict(only_output_properties=True)


def test_each_municipality_ranks_only_its_own_published_entries(tmp_path, faq_dir):
    ranker = _trained(tmp_path, faq_dir)
    parsed = _parse(ranker, "そだいごみを出したいんだけど")
    assert set(parsed[FAQ]) <= {"yugawa", "showa"} and "yugawa" in parsed[FAQ]
    yugawa = parsed[FAQ]["yugawa"]
    assert yugawa["candidates"][0]["id"] == "y1"
    assert {c["id"] for c in yugawa["candidates"]} <= {"y1", "y2", "y3"}  # retired y-old never ranked
    assert {c["id"] for c in parsed[FAQ].get("showa", {}).get("candidates", [])} <= {"s1"}
    snow = _parse(ranker, "雪下ろしの補助")[FAQ]
    assert [c["id"] for c in snow["showa"]["candidates"]] == ["s1"]
    assert 0 < yugawa["features"]["relevance"] <= 1 and 0 < yugawa["features"]["coverage"] <= 1
    assert 0 < yugawa["confidence"] < 1 and yugawa["decision"] in {"answer", "choices", "none"}


def test_decision_uses_the_residents_municipality_only(tmp_path, faq_dir):
    ranker = _trained(tmp_path, faq_dir)
    parsed = _parse(ranker, "児童手当の申請はどうすれば")
    own = ranking_for(parsed, "yugawa")
    assert own is not None and own.ids[0] == "y2"
    assert own.decision is not FaqDecision.NONE  # answered or offered, as the shipped gate decides
    assert ranking_for(parsed, "kitakata") is None  # no FAQ imported there: nothing borrowed from others
    assert ranking_for(parsed, None) is None


def test_unrelated_message_is_not_answered(tmp_path, faq_dir):
    parsed = _parse(_trained(tmp_path, faq_dir), "ありがとう")
    ranking = ranking_for(parsed, "yugawa")
    assert ranking is None or ranking.decision is FaqDecision.NONE


def test_the_decision_is_read_from_the_parse_and_never_answers_without_candidates():
    def parsed(candidates, decision):
        return {"faq": {"yugawa": {"candidates": candidates, "confidence": 0.5, "decision": decision}}}

    one = [{"id": "a", "score": 1.0}]
    assert ranking_for(parsed(one, "choices"), "yugawa").decision is FaqDecision.CHOICES
    assert ranking_for(parsed([], "answer"), "yugawa").decision is FaqDecision.NONE
    assert ranking_for(parsed(one, "bogus"), "yugawa").decision is FaqDecision.CHOICES  # never answered unasked


def test_the_model_keeps_synonyms_sensitive_subjects_and_gate(tmp_path, faq_dir):
    save_entries(
        faq_dir / "yugawa.yml",
        [
            _entry("moped", "原動機付自転車のナンバー登録", "税務課で登録します。"),
            _entry("heritage", "登録文化財を見学したい", "教育委員会へ。"),
            _entry("abuse", "近所で虐待されている子どもがいます", "児童相談所へ。"),
            _entry("noise", "犬の鳴き声の相談", "保健所へ。"),
        ],
    )
    ranker = _trained(tmp_path, faq_dir, word_vectors="ja_ginza")
    assert len(ranker._search.vectors) > 400_000  # GiNZA's word vectors, read at training and stored
    assert ranker._indexes["yugawa"].dense is not None
    moped = _parse(ranker, "原付の登録")[FAQ]["yugawa"]
    assert moped["candidates"][0]["id"] == "moped"  # 原付 = 原動機付自転車 (Sudachi's synonym dictionary)
    noise = _parse(ranker, "近所の騒音がうるさいです")[FAQ].get("yugawa", {"candidates": []})
    assert "abuse" not in [c["id"] for c in noise["candidates"]]
    worried = _parse(ranker, "近所の子どもが虐待されているかもしれない")[FAQ]["yugawa"]
    assert worried["candidates"][0]["id"] == "abuse"


def test_fingerprint_changes_with_the_faq_files_and_the_search_settings(tmp_path, faq_dir):
    settings = tmp_path / "settings"
    settings.mkdir()
    (settings / "gate.yml").write_text("answer_at: 0.8\n", encoding="utf-8")
    config = {"faq_dir": str(faq_dir), "settings_dir": str(settings)}
    before = FaqRanker.fingerprint_addon(config)
    assert FaqRanker.fingerprint_addon(config) == before
    save_entries(faq_dir / "showa.yml", [_entry("s1", "雪下ろしの補助はありますか", "条件が変わりました。")])
    changed = FaqRanker.fingerprint_addon(config)
    assert changed != before
    (settings / "gate.yml").write_text("answer_at: 0.9\n", encoding="utf-8")
    assert FaqRanker.fingerprint_addon(config) != changed


def test_without_any_faq_nothing_is_ranked(tmp_path):
    ranker = _trained(tmp_path, tmp_path / "absent")
    assert _parse(ranker, "粗大ごみ")[FAQ] == {}


def test_only_the_sites_and_named_municipalities_are_ranked_when_known(tmp_path, faq_dir):
    ranker = _trained(tmp_path, faq_dir)
    on_site = Message({TEXT: "雪下ろしの補助", "metadata": {"municipality": "yugawa"}})
    named = Message(
        {
            TEXT: "昭和村の雪下ろしの補助",
            "metadata": {"municipality": "yugawa"},
            "entities": [{"entity": "municipality", "value": "showa", "start": 0, "end": 3}],
        }
    )
    ranker.process([on_site, named])
    assert "showa" not in on_site.get(FAQ)
    assert [c["id"] for c in named.get(FAQ)["showa"]["candidates"]] == ["s1"]


def _live(ranker_config, stored, data_dir, versions):
    from bot.faq.live import LiveIndexes
    from bot.nlu.faq_live import LiveBuilder

    return LiveIndexes(
        lambda: versions, LiveBuilder(data_dir, ranker_config, stored), run=lambda work: work(), interval=0
    )


def test_a_published_file_is_ranked_from_its_live_index_without_retraining(tmp_path, faq_dir):
    trained = _trained(tmp_path, faq_dir)
    data_dir = tmp_path / "data"
    save_entries(
        data_dir / "faq" / "yugawa.yml",
        [_entry("new", "会津桜まつりの臨時駐車場はどこですか", "村役場の駐車場を開放します。")],
    )
    save_entries(data_dir / "faq" / "kitakata.yml", [_entry("k1", "ラーメンの店を知りたい", "観光協会へ。")])
    versions = {"yugawa": "1"}
    live = _live(trained._config, trained._search, data_dir, versions)
    ranker = FaqRanker(
        trained._config, trained._model_storage, trained._resource, trained._entries, trained._search, live
    )
    assert _parse(ranker, "桜まつりの駐車場")[FAQ]["yugawa"]["candidates"][0]["id"] == "new"
    assert "y1" not in [
        c["id"] for c in _parse(ranker, "粗大ごみの出し方")[FAQ].get("yugawa", {"candidates": []})["candidates"]
    ]
    assert [c["id"] for c in _parse(ranker, "雪下ろしの補助")[FAQ]["showa"]["candidates"]] == [
        "s1"
    ]  # still the model's
    versions["kitakata"] = "1"  # a municipality the model had no FAQ for
    on_site = Message({TEXT: "ラーメンの店", "metadata": {"municipality": "kitakata"}})
    ranker.process([on_site])
    assert on_site.get(FAQ)["kitakata"]["candidates"][0]["id"] == "k1"


def test_a_model_trained_with_no_faq_ranks_a_published_file_with_the_configured_gate(tmp_path):
    data_dir = tmp_path / "data"
    save_entries(
        data_dir / "faq" / "yugawa.yml", [_entry("new", "原動機付自転車のナンバー登録", "税務課で登録します。")]
    )
    config = FaqRanker.get_default_config()
    empty_model_setup = SearchSetup(SynonymTable.empty(), SensitiveSubjects(), None)  # as such models stored it
    live = _live(config, empty_model_setup, data_dir, {"yugawa": "1"})
    storage = LocalModelStorage(tmp_path / "storage")
    ranker = FaqRanker(config, storage, Resource("faq_ranker"), {}, empty_model_setup, live)
    ranked = _parse(ranker, "原付の登録")[FAQ]["yugawa"]  # 原付: the synonym dictionary is used too
    assert ranked["candidates"][0]["id"] == "new" and ranked["decision"] in {"answer", "choices"}
