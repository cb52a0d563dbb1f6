"""Japanese token views for retrieval, built on Sudachi (the dictionary loads on first use)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any, List, Optional, Tuple

from bot.faq.synonyms import SynonymTable
from bot.sudachi import split_mode, sudachi_tokenizer
from bot.text import fold

# Parts of speech that carry no topic: particles, auxiliaries, punctuation, blanks.
SKIPPED_POS = frozenset({"助詞", "助動詞", "補助記号", "空白", "記号"})


@dataclass
class TokenViews:
    """Four views of one text: lemmas (B units plus their A parts), readings, synonym groups, same-word variants."""

    lemmas: List[str] = field(default_factory=list)
    readings: List[str] = field(default_factory=list)
    synonyms: List[str] = field(default_factory=list)
    variants: List[str] = field(default_factory=list)
    # Content words of the text as the resident wrote them (mode B units; the compounds' parts not counted).
    words: int = 0
    # Unfolded normalized form of each content unit with its mode A parts' (word vectors are keyed so).
    units: List[Tuple[str, Tuple[str, ...]]] = field(default_factory=list)


class JapaneseAnalyzer:
    """Split text with Sudachi (mode B, plus mode A parts of compounds) into folded token views.

    Lemmas are Sudachi normalized forms folded with `bot.text.fold` (so 子ども/子供/こども and
    ゴミ/ごみ meet); readings are katakana readings folded to hiragana, which join spellings the
    dictionary does not normalise; synonym tokens are Sudachi's synonym group ids (保育園/保育所),
    joined by the groups of Sudachi's synonym dictionary (`bot.faq.synonyms`) for words the system
    dictionary gives none or splits (原動機付自転車); variant tokens mark one word in its spellings
    and abbreviations (原付 = 原動機付自転車, 子ども手当 = 児童手当).
    Like a Sudachi tokenizer, one analyzer must not be used from several threads at once.
    """

    def __init__(self, synonyms: Optional[SynonymTable] = None, dictionary: str = "core") -> None:
        self._dictionary = dictionary
        self.synonym_table = synonyms or SynonymTable.empty()
        self._tokenizer: Optional[Any] = None
        self._split_a: Optional[Any] = None

    def _load(self) -> Any:
        if self._tokenizer is None:
            self._tokenizer = sudachi_tokenizer("B", self._dictionary)
            self._split_a = split_mode("A")
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
        surfaces: List[str] = []
        lemmas: List[str] = []
        for morpheme in tokenizer.tokenize(unicodedata.normalize("NFKC", text)):
            if not morpheme.surface().strip():
                continue
            surfaces.append(morpheme.surface())
            lemmas.append(fold(morpheme.normalized_form()))
            if morpheme.part_of_speech()[0] in SKIPPED_POS:
                continue
            views.words += 1
            self._add(views, morpheme)
            parts = morpheme.split(self._split_a)
            content = [part for part in parts if part.part_of_speech()[0] not in SKIPPED_POS] if len(parts) > 1 else []
            for part in content:
                self._add(views, part)
            views.units.append((morpheme.normalized_form(), tuple(part.normalized_form() for part in content)))
        expanded = self.synonym_table.tokens(surfaces, lemmas)
        views.variants = expanded.variants
        known = set(views.synonyms)
        views.synonyms.extend(token for token in dict.fromkeys(expanded.groups) if token not in known)
        return views
