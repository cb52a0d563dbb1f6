import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.reading_featurizer import ReadingFeaturizer, char_ngrams
from bot.nlu.sudachi_tokenizer import SudachiTokenizer


@pytest.fixture(scope="module")
def tokenizer():
    return SudachiTokenizer(SudachiTokenizer.get_default_config())


def _messages(tokenizer, texts):
    messages = [Message({TEXT: t, "intent": "x"}) for t in texts]
    tokenizer.process(messages)
    return messages


def _sentence_vector(message):
    _, sentence = message.get_sparse_features(TEXT)
    return sentence.features.toarray()[0]


def test_char_ngrams_with_boundaries():
    assert char_ngrams("アイ", [2]) == ["<ア", "アイ", "イ>"]


def test_persistence_round_trip_and_kana_similarity(tmp_path, tokenizer):
    storage = LocalModelStorage(tmp_path)
    resource = Resource("reading")
    context = ExecutionContext(node_name="reading", graph_schema=None)  # type: ignore[arg-type]
    config = ReadingFeaturizer.get_default_config()
    featurizer = ReadingFeaturizer.create(config, storage, resource, context)
    training = _messages(tokenizer, ["印鑑登録をしたい", "国民健康保険に加入", "粗大ごみを出したい"])
    featurizer.train(TrainingData(training))

    loaded = ReadingFeaturizer.load(config, storage, resource, context)
    assert loaded.vocabulary == featurizer.vocabulary

    kana, kanji, other = _messages(tokenizer, ["いんかんとうろく", "印鑑登録", "粗大ごみ"])
    loaded.process([kana, kanji, other])
    a, b, c = (_sentence_vector(m) for m in (kana, kanji, other))
    cosine = lambda x, y: float(np.dot(x, y) / (np.linalg.norm(x) * np.linalg.norm(y)))  # noqa: E731
    assert cosine(a, b) > 0.9
    assert cosine(a, c) < 0.2
    sequence, _ = kana.get_sparse_features(TEXT)
    assert sequence.features.shape[0] == len(kana.get("text_tokens"))
