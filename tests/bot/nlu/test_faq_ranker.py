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
from bot.faq.store import save_entries
from bot.nlu.faq_ranker import FAQ, FaqRanker

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


def _trained(tmp_path, faq_dir):
    (tmp_path / "storage").mkdir(exist_ok=True)
    storage = LocalModelStorage(tmp_path / "storage")
    resource = Resource("faq_ranker")
    context = ExecutionContext(node_name="faq_ranker", graph_schema=None)  # type: ignore[arg-type]
    config = {**FaqRanker.get_default_config(), "faq_dir": str(faq_dir)}
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
    assert 0 < yugawa["relevance"] <= 1


def test_decision_uses_the_residents_municipality_only(tmp_path, faq_dir):
    ranker = _trained(tmp_path, faq_dir)
    parsed = _parse(ranker, "児童手当の申請はどうすれば")
    own = ranking_for(parsed, "yugawa")
    assert own is not None and own.ids[0] == "y2"
    assert own.decide(min_margin=0.1, min_relevance=0.2) is FaqDecision.ANSWER
    assert ranking_for(parsed, "kitakata") is None  # no FAQ imported there: nothing borrowed from others
    assert ranking_for(parsed, None) is None


def test_unrelated_message_is_not_answered(tmp_path, faq_dir):
    parsed = _parse(_trained(tmp_path, faq_dir), "ありがとう")
    ranking = ranking_for(parsed, "yugawa")
    assert ranking is None or ranking.decide(0.1, 0.2) is FaqDecision.NONE


def test_close_candidates_become_choices():
    from bot.faq.decision import FaqRanking

    assert FaqRanking(["a", "b"], margin=0.03, relevance=0.5).decide(0.1, 0.2) is FaqDecision.CHOICES
    assert FaqRanking(["a", "b"], margin=0.3, relevance=0.1).decide(0.1, 0.2) is FaqDecision.NONE
    assert FaqRanking([], margin=0.0, relevance=0.0).decide(0.1, 0.2) is FaqDecision.NONE


def test_fingerprint_changes_with_the_faq_files(faq_dir):
    config = {"faq_dir": str(faq_dir)}
    before = FaqRanker.fingerprint_addon(config)
    assert FaqRanker.fingerprint_addon(config) == before
    save_entries(faq_dir / "showa.yml", [_entry("s1", "雪下ろしの補助はありますか", "条件が変わりました。")])
    assert FaqRanker.fingerprint_addon(config) != before


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
