"""Japanese token views for retrieval, built on Sudachi (the dictionary loads on first use)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any, List, Optional

from bot.text import fold

# Parts of speech that carry no topic: particles, auxiliaries, punctuation, blanks.
SKIPPED_POS = frozenset({"助詞", "助動詞", "補助記号", "空白", "記号"})


@dataclass
class TokenViews:
    """Three views of one text: lemmas (B units plus their A parts), readings, synonym groups."""

    lemmas: List[str] = field(default_factory=list)
    readings: List[str] = field(default_factory=list)
    synonyms: List[str] = field(default_factory=list)


class JapaneseAnalyzer:
    """Split text with Sudachi (mode B, plus mode A parts of compounds) into folded token views.

    Lemmas are Sudachi normalized forms folded with `bot.text.fold` (so 子ども/子供/こども and
    ゴミ/ごみ meet); readings are katakana readings folded to hiragana, which join spellings the
    dictionary does not normalise; synonym tokens are Sudachi's synonym group ids (保育園/保育所).
    Like a Sudachi tokenizer, one analyzer must not be used from several threads at once.
    """

    def __init__(self, dictionary: str = "core") -> None:
        self._dictionary = dictionary
        self._tokenizer: Optional[Any] = None
        self._split_a: Optional[Any] = None

    def _load(self) -> Any:
        if self._tokenizer is None:
            from sudachipy import Dictionary, SplitMode

            self._tokenizer = Dictionary(dict=self._dictionary).tokenizer(mode=SplitMode.B)
            self._split_a = SplitMode.A
        return self._tokenizer

    @staticmethod
    def _add(views: TokenViews, morpheme: Any) -> None:
        views.lemmas.append(fold(morpheme.normalized_form()))
        reading = morpheme.reading_form()
        if reading:
            views.readings.append(fold(reading))
        views.synonyms.extend(f"#{group}" for group in morpheme.synonym_group_ids())

    def analyze(self, text: str) -> TokenViews:
        """Token views of `text` (content words only)."""
        tokenizer = self._load()
        views = TokenViews()
        for morpheme in tokenizer.tokenize(unicodedata.normalize("NFKC", text)):
            if morpheme.part_of_speech()[0] in SKIPPED_POS or not morpheme.surface().strip():
                continue
            self._add(views, morpheme)
            parts = morpheme.split(self._split_a)
            if len(parts) > 1:
                for part in parts:
                    if part.part_of_speech()[0] not in SKIPPED_POS:
                        self._add(views, part)
        return views
