"""Sparse character n-gram features over Sudachi reading forms (katakana)."""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Type

import rasa.shared.utils.io
import scipy.sparse
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.featurizers.sparse_featurizer.sparse_featurizer import SparseFeaturizer
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.sudachi_tokenizer import READING

logger = logging.getLogger(__name__)

VOCABULARY_FILE = "reading_vocabulary.json"


def token_reading(token: Token) -> str:
    """Return the token's katakana reading (falls back to its text)."""
    reading = token.get(READING) or token.text
    return "" if reading == "キゴウ" else reading


def char_ngrams(text: str, sizes: List[int]) -> List[str]:
    """Return the character n-grams of the given sizes, with word boundary marks."""
    padded = f"<{text}>"
    grams: List[str] = []
    for n in sizes:
        grams.extend(padded[i : i + n] for i in range(max(len(padded) - n + 1, 0)))
    return grams


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True)
class ReadingFeaturizer(SparseFeaturizer, GraphComponent):
    """Featurize how a message sounds, so kana-only input meets kanji training data.

    「いんかんとうろく」 and 「印鑑登録」 share no characters, but Sudachi reads both as
    インカントウロク. Sentence features are n-grams over the concatenated reading of
    the whole message, so the match survives Sudachi segmenting unknown kana
    differently; sequence features are n-grams of each token's reading.
    """

    @classmethod
    def required_components(cls) -> List[Type]:
        """Needs tokens carrying readings (SudachiTokenizer)."""
        return [Tokenizer]

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        """Default configuration."""
        return {
            **SparseFeaturizer.get_default_config(),
            # n-gram sizes over katakana readings; 2–3 morae capture words like
            # コクホ/トウロク without blowing up the vocabulary.
            "ngram_sizes": [2, 3],
            # n-grams seen in fewer training messages than this are dropped.
            "min_count": 1,
        }

    def __init__(
        self,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        vocabulary: Dict[str, int] | None = None,
    ) -> None:
        """Create the featurizer, optionally with a learned vocabulary."""
        super().__init__(execution_context.node_name, config)
        self._model_storage = model_storage
        self._resource = resource
        self._sizes = [int(n) for n in config["ngram_sizes"]]
        self.vocabulary: Dict[str, int] = vocabulary or {}

    @classmethod
    def validate_config(cls, config: Dict[str, Any]) -> None:
        """Check that n-gram sizes are positive integers."""
        sizes = config.get("ngram_sizes") or []
        if not sizes or any(int(n) < 1 for n in sizes):
            raise ValueError("ReadingFeaturizer: ngram_sizes must be positive integers")

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> ReadingFeaturizer:
        """Create an untrained featurizer."""
        return cls(config, model_storage, resource, execution_context)

    def train(self, training_data: TrainingData) -> Resource:
        """Learn the n-gram vocabulary from the training messages and persist it."""
        counts: Dict[str, int] = {}
        for message in training_data.training_examples:
            tokens = message.get(TOKENS_NAMES[TEXT]) or []
            for gram in set(self._sentence_grams(tokens)):
                counts[gram] = counts.get(gram, 0) + 1
        kept = sorted(g for g, c in counts.items() if c >= int(self._config["min_count"]))
        self.vocabulary = {gram: i for i, gram in enumerate(kept)}
        self.persist()
        return self._resource

    def _sentence_grams(self, tokens: List[Token]) -> List[str]:
        return char_ngrams("".join(token_reading(t) for t in tokens), self._sizes)

    def _row(self, grams: List[str]) -> Dict[int, float]:
        row: Dict[int, float] = {}
        for gram in grams:
            index = self.vocabulary.get(gram)
            if index is not None:
                row[index] = row.get(index, 0.0) + 1.0
        return row

    def _matrix(self, rows: List[Dict[int, float]]) -> scipy.sparse.coo_matrix:
        data, row_ids, col_ids = [], [], []
        for r, row in enumerate(rows):
            for c, value in row.items():
                data.append(value)
                row_ids.append(r)
                col_ids.append(c)
        shape = (len(rows), len(self.vocabulary))
        return scipy.sparse.coo_matrix((data, (row_ids, col_ids)), shape=shape)

    def featurize(self, message: Message) -> None:
        """Add sequence and sentence reading features to one message."""
        tokens = message.get(TOKENS_NAMES[TEXT])
        if not tokens or not self.vocabulary:
            return
        sequence = self._matrix([self._row(char_ngrams(token_reading(t), self._sizes)) for t in tokens])
        sentence = self._matrix([self._row(self._sentence_grams(tokens))])
        self.add_features_to_message(sequence, sentence, TEXT, message)

    def process(self, messages: List[Message]) -> List[Message]:
        """Featurize incoming messages in place."""
        for message in messages:
            self.featurize(message)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Featurize the training examples in place."""
        self.process(training_data.training_examples)
        return training_data

    def persist(self) -> None:
        """Write the vocabulary to model storage."""
        with self._model_storage.write_to(self._resource) as path:
            rasa.shared.utils.io.dump_obj_as_json_to_file(path / VOCABULARY_FILE, self.vocabulary)

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> ReadingFeaturizer:
        """Load the vocabulary learned in training."""
        try:
            with model_storage.read_from(resource) as path:
                vocabulary = rasa.shared.utils.io.read_json_file(path / VOCABULARY_FILE)
        except ValueError:
            logger.debug("ReadingFeaturizer: no persisted vocabulary, starting empty")
            vocabulary = {}
        return cls(config, model_storage, resource, execution_context, vocabulary)
