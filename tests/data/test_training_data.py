"""Training examples and held-out questions."""

from bot.cli.validate import MIN_EXAMPLES
from bot.evaluation.datasets import examples_by_intent, read_examples, read_heldout


def test_every_topic_has_enough_distinct_examples(knowledge, project_root):
    grouped = examples_by_intent(read_examples(project_root / "data/nlu"))
    for topic in knowledge.topics:
        texts = [e.text for e in grouped.get(topic, [])]
        assert len(set(texts)) >= MIN_EXAMPLES, topic


def test_heldout_questions_are_not_training_examples(project_root):
    training = {e.text for e in read_examples(project_root / "data/nlu")}
    heldout = read_heldout(project_root / "data/eval/heldout.jsonl")
    assert len(heldout) >= 200
    assert not [q.text for q in heldout if q.text in training]
