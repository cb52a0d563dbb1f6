import pytest
import redis

from bot.knowledge.yaml_source import DataFileError
from bot.learning.grouping import group_questions, similarity
from bot.learning.review import add_examples, apply_decisions, export_csv, read_decisions
from bot.learning.store import LearningStore, Unanswered


def item(i, text, municipality="kitakata", guess="bulky_waste"):
    return Unanswered(f"id{i}", "clarify", text, municipality, [(guess, 0.3)], f"2026-11-28T00:00:0{i}")


def test_similar_wordings_group_together():
    groups = group_questions(
        [
            item(1, "こたつを捨てたい"),
            item(2, "コタツを捨てたい"),
            item(3, "期日前投票の場所"),
            item(4, "こたつ捨てたいです"),
        ]
    )
    assert [g.count for g in groups] == [3, 1]
    assert groups[0].best_guess == "bulky_waste"
    assert similarity("ｺﾀﾂ", "こたつ") == 1.0


@pytest.fixture()
def store(redis_server, request):
    with redis.Redis.from_url(redis_server.url) as client:
        yield LearningStore(client, f"l{abs(hash(request.node.name))}")


def test_store_masks_personal_data_and_counts_feedback(store):
    store.record("fallback", "電話090-1234-5678に折り返して", "showa", [])
    assert "090-1234-5678" not in store.pending()[0].text
    store.feedback("showa", "bulky_waste", "down")
    store.feedback("showa", "bulky_waste", "up")
    store.feedback("showa", "bulky_waste", "up")
    assert store.feedback_counts()[("showa", "bulky_waste")] == {"up": 2, "down": 1}


def test_csv_round_trip_assigns_examples_and_resolves(store, tmp_path):
    first = store.record("clarify", "こたつを始末したい", "kitakata", [("bulky_waste", 0.04)])
    second = store.record("fallback", "今日の運勢", "kitakata", [])
    csv_path = tmp_path / "review.csv"
    export_csv(group_questions(store.pending()), csv_path)
    text = csv_path.read_text(encoding="utf-8-sig").splitlines()
    edited = [text[0]] + [line + ("assign:bulky_waste" if "こたつ" in line else "dismiss") for line in text[1:]]
    csv_path.write_text("\n".join(edited) + "\n", encoding="cp932")  # as Excel saves it in Japan
    nlu = tmp_path / "nlu" / "topics"
    nlu.mkdir(parents=True)
    (nlu / "bulky_waste.yml").write_text(
        'version: "3.1"\nnlu:\n- intent: bulky_waste\n  examples: |\n    - 粗大ごみ\n', encoding="utf-8"
    )
    report = apply_decisions(read_decisions(csv_path, ["bulky_waste"]), tmp_path / "nlu", store)
    assert report.added == {"bulky_waste": 1} and report.dismissed == 1 and report.resolved == 2
    assert "    - こたつを始末したい\n" in (nlu / "bulky_waste.yml").read_text(encoding="utf-8")
    assert store.pending() == []
    assert first.id != second.id


def test_bad_action_names_the_line(tmp_path):
    path = tmp_path / "review.csv"
    path.write_text(
        "group,count,municipalities,best_guess,questions,ids,action\ng1,1,showa:1,,何か,x1,assign:no_such_topic\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as raised:
        read_decisions(path, ["bulky_waste"])
    assert "review.csv:2" in str(raised.value) and "assign:<topic id>" in str(raised.value)


def test_add_examples_skips_existing(tmp_path):
    path = tmp_path / "t.yml"
    path.write_text('version: "3.1"\nnlu:\n- intent: x\n  examples: |\n    - a\n', encoding="utf-8")
    assert add_examples(path, "x", ["a", "b", "b"]) == 1
    assert path.read_text(encoding="utf-8").count("- b") == 1


def test_flagged_safety_messages_never_become_review_groups():
    from bot.learning.grouping import flagged_questions, group_questions
    from bot.learning.store import Unanswered

    items = [
        Unanswered("a", "fallback", "ごみの日", "showa", at="1"),
        Unanswered("b", "safety", "ごみの日に夫に殴られた", "showa", at="2", safety=["dv"]),
    ]
    groups = group_questions(items)
    assert [i.id for g in groups for i in g.items] == ["a"]
    assert [u.id for u in flagged_questions(items)] == ["b"]
