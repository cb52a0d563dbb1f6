"""A Rasa tokenizer for Japanese built on SudachiPy."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.training_data.message import Message

from bot.sudachi import split_mode, sudachi_tokenizer

READING = "reading"
"""Token property holding Sudachi's reading form (katakana), used by ReadingFeaturizer."""

SPLIT_MODES = ("A", "B", "C")


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class SudachiTokenizer(Tokenizer):
    """Split Japanese text into morphemes with SudachiPy.

    Offsets come from Sudachi, which maps its internally normalised text (width,
    case) back to the original string, so `start`/`end` always index the text the
    resident typed. `lemma` is Sudachi's normalized form, which folds spelling
    variants (「取れます」→「取れる」, ｶﾀｶﾅ→カタカナ) so featurizers using lemmas see one form.
    """

    @staticmethod
    def supported_languages() -> List[str] | None:
        """Japanese only."""
        return ["ja"]

    @staticmethod
    def required_packages() -> List[str]:
        """Sudachi and its core dictionary."""
        return ["sudachipy", "sudachidict_core"]

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        """Default configuration (see the comments for each key)."""
        return {
            # Sudachi split mode. "B" (middle units) keeps everyday compounds such as
            # 住民票/印鑑 as units residents recognise while still splitting long
            # administrative compounds (国民健康保険 → 国民/健康/保険), so a resident's
            # short form (国保, 保険) shares tokens with the official name. "A" splits
            # too finely for intent features, "C" keeps 国民健康保険 whole.
            "split_mode": "B",
            # Sudachi dictionary edition installed from PyPI: small, core or full.
            "dictionary": "core",
            "intent_tokenization_flag": False,
            "intent_split_symbol": "_",
            "token_pattern": None,
            "prefix_separator_symbol": None,
        }

    def __init__(self, config: Dict[str, Any]) -> None:
        """Build the Sudachi tokenizer once per process."""
        super().__init__(config)
        mode = str(config.get("split_mode", "B")).upper()
        if mode not in SPLIT_MODES:
            raise ValueError(f"SudachiTokenizer: split_mode must be one of {SPLIT_MODES}, got {mode!r}")
        self._mode = split_mode(mode)
        self._sudachi = sudachi_tokenizer(mode, config.get("dictionary", "core"))

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SudachiTokenizer:
        """Create the component (the dictionary is loaded here, never at import)."""
        return cls(config)

    def tokenize(self, message: Message, attribute: str) -> List[Token]:
        """Tokenize the attribute's text into morphemes with exact offsets."""
        text = message.get(attribute)
        tokens: List[Token] = []
        for morpheme in self._sudachi.tokenize(text):
            surface = morpheme.surface()
            if not surface.strip():
                continue
            token = Token(
                surface,
                morpheme.begin(),
                morpheme.end(),
                lemma=morpheme.normalized_form(),
            )
            token.set(READING, morpheme.reading_form())
            tokens.append(token)
        return self._apply_token_pattern(tokens)
