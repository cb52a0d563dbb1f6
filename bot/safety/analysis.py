"""The Japanese views the safety layer reads: kana reading, and words with Sudachi's synonym groups."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, List, Optional

from bot.safety.detector import fold_for_match

_NO_CONTENT = frozenset({"助詞", "助動詞", "補助記号", "空白", "記号"})


@dataclass(frozen=True)
class Analysis:
    """One message as the detector and the classifier see it."""

    text: str
    reading: str
    words: List[str] = field(default_factory=list)
    synonyms: List[str] = field(default_factory=list)
    # The message is one dictionary noun and nothing else that carries meaning (「年金」「夫」「施設」):
    # it names a thing, not a situation, so only the patterns may read a crisis into it.
    lone_noun: bool = False

    @property
    def characters(self) -> str:
        """The folded text and its folded reading (the classifier's character n-grams)."""
        return fold_for_match(self.text) + " " + fold_for_match(self.reading or self.text)

    @property
    def word_features(self) -> str:
        """Content words (normalized, folded), their bigrams and synonym groups, space-separated."""
        bigrams = [f"{a}_{b}" for a, b in zip(self.words, self.words[1:], strict=False)]
        return " ".join(self.words + bigrams + self.synonyms)


class SafetyAnalyzer:
    """Sudachi (mode B, core dictionary), loaded on first use; not for several threads at once."""

    def __init__(self) -> None:
        self._tokenizer: Optional[Any] = None

    def _load(self) -> Any:
        if self._tokenizer is None:
            from bot.sudachi import sudachi_tokenizer

            self._tokenizer = sudachi_tokenizer("B")
        return self._tokenizer

    def analyze(self, text: str) -> Analysis:
        """Reading and words of one message."""
        morphemes = [m for m in self._load().tokenize(text) if m.surface().strip()]
        reading = "".join(m.reading_form() for m in morphemes if m.reading_form() != "キゴウ")
        content = [m for m in morphemes if m.part_of_speech()[0] not in _NO_CONTENT]
        lone_noun = len(content) == 1 and content[0].part_of_speech()[0] == "名詞" and not content[0].is_oov()
        return Analysis(
            text,
            reading,
            [fold_for_match(m.normalized_form()) for m in content],
            [f"#{g}" for m in content for g in m.synonym_group_ids()],
            lone_noun,
        )
