"""Sudachi's synonym dictionary as a lookup table: which words of a text stand for the same thing.

The dictionary is the `synonyms.txt` of SudachiDict (Apache-2.0), installed from npm as
`sudachi-synonyms-dictionary` (package.json). It is read once when the model is trained
(`SynonymTable.from_sudachi_json`), reduced to what search needs and stored in the model
(`to_json` / `from_json`), so nothing is read from node_modules or downloaded at run time.

A group of the dictionary holds words of one meaning; inside a group, the items that share a
vocabulary number are one word in different spellings or abbreviations (原付 = 原動機付自転車,
母子手帳 = 母子健康手帳, 子ども手当 = 児童手当), other numbers are near synonyms (保育園 ~ 保育所).
Each headword maps to two kinds of token: `=<group>.<number>` (the same word) and `#<group>`
(the group; Sudachi's own `synonym_group_ids` use the same numbers). The dictionary's expansion
flag is honoured: 1 = the word does not trigger expansion (e.g. the ambiguous kana はち), 2 = never.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Sequence, Tuple

from bot.text import fold

# Longest run of tokens joined to look up one headword (原動機 / 付 / 自転車 = 3).
MAX_TOKENS = 4
# Headwords this short (after folding) are too ambiguous to expand.
MIN_LENGTH = 2
_HIRAGANA_ONLY_MIN_LENGTH = 3
# Expansion flags of the dictionary (docs/synonyms.md of SudachiDict).
_EXPAND_ALWAYS = 0


def _usable(headword: str) -> bool:
    if len(headword) < MIN_LENGTH:
        return False
    hiragana = all("\u3041" <= ch <= "\u309f" for ch in headword)
    return not hiragana or len(headword) >= _HIRAGANA_ONLY_MIN_LENGTH


@dataclass(frozen=True)
class Synonyms:
    """Tokens of one text: same-word variants and synonym groups."""

    variants: List[str]
    groups: List[str]


class SynonymTable:
    """Folded headword → (variant tokens, group tokens)."""

    def __init__(self, words: Mapping[str, Tuple[Sequence[str], Sequence[str]]]) -> None:
        self._words = {key: (tuple(v), tuple(g)) for key, (v, g) in words.items()}

    def __len__(self) -> int:
        return len(self._words)

    @classmethod
    def empty(cls) -> SynonymTable:
        """A table that expands nothing."""
        return cls({})

    @classmethod
    def from_groups(cls, groups: Iterable[Mapping[str, Any]]) -> SynonymTable:
        """Build from the dictionary's groups (`{"id": "000001", "items": [{"midashi", ...}]}`)."""
        variants: Dict[str, List[str]] = {}
        group_tokens: Dict[str, List[str]] = {}
        for group in groups:
            number = int(str(group["id"]))
            for item in group.get("items") or []:
                if int(item.get("expandControl") or 0) != _EXPAND_ALWAYS:
                    continue
                headword = fold(str(item.get("midashi") or "").strip())
                if not _usable(headword):
                    continue
                variant = f"={number}.{int(item.get('vocabularyNumber') or 0)}"
                if variant not in variants.setdefault(headword, []):
                    variants[headword].append(variant)
                if f"#{number}" not in group_tokens.setdefault(headword, []):
                    group_tokens[headword].append(f"#{number}")
        return cls({word: (variants[word], group_tokens[word]) for word in variants})

    @classmethod
    def from_sudachi_json(cls, path: Path) -> SynonymTable:
        """Read `sudachi-synonyms-dictionary.json` of the npm package."""
        try:
            groups = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as error:
            raise FileNotFoundError(
                f"{path}: Sudachi's synonym dictionary is missing -> run `make venv` (npm ci installs it)"
            ) from error
        return cls.from_groups(groups)

    def to_json(self) -> Dict[str, List[List[str]]]:
        """What the model stores."""
        return {word: [list(v), list(g)] for word, (v, g) in self._words.items()}

    @classmethod
    def from_json(cls, data: Mapping[str, Sequence[Sequence[str]]]) -> SynonymTable:
        """Inverse of `to_json`."""
        return cls({word: (pair[0], pair[1]) for word, pair in data.items()})

    def tokens(self, surfaces: Sequence[str], lemmas: Sequence[str]) -> Synonyms:
        """Synonym tokens of a text given as its consecutive token surfaces and their lemmas.

        Every run of up to MAX_TOKENS consecutive surfaces is looked up joined, so a headword the
        tokenizer splits (原動機付自転車) is found; single tokens are also looked up by lemma, so an
        inflected or differently spelled form finds its headword. A token run is never split:
        はちみつ does not contain はち.
        """
        found = Synonyms([], [])
        if not self._words:
            return found
        folded = [fold(s) for s in surfaces]
        for start in range(len(folded)):
            keys = ["".join(folded[start : start + n]) for n in range(1, MAX_TOKENS + 1) if start + n <= len(folded)]
            if start < len(lemmas):
                keys.append(lemmas[start])
            variants: Dict[str, None] = {}
            groups: Dict[str, None] = {}
            for key in keys:
                if key in self._words:
                    variants.update(dict.fromkeys(self._words[key][0]))
                    groups.update(dict.fromkeys(self._words[key][1]))
            found.variants.extend(variants)
            found.groups.extend(groups)
        return found
