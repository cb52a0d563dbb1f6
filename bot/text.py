"""Text normalisation shared by matching and search (pure functions)."""

from __future__ import annotations

import unicodedata
from typing import List, Tuple

_VOICING_MARKS = {"\u3099", "\u309a"}
_KATAKANA_START, _KATAKANA_END = 0x30A1, 0x30F6
_KANA_OFFSET = 0x60


def katakana_to_hiragana(text: str) -> str:
    """Map katakana letters to hiragana (ー and symbols stay as they are)."""
    return "".join(chr(ord(ch) - _KANA_OFFSET) if _KATAKANA_START <= ord(ch) <= _KATAKANA_END else ch for ch in text)


def fold(text: str) -> str:
    """Fold width, case and kana so spellings of one word compare equal."""
    return katakana_to_hiragana(unicodedata.normalize("NFKC", text)).lower()


def fold_with_offsets(text: str) -> Tuple[str, List[int], List[int]]:
    """Fold `text`; return it with each folded character's start and end index in `text`.

    Folding is done one character at a time so every output character can be
    traced back; a half-width voicing mark (ﾊﾞ) is composed into the character
    before it, as NFKC would do for the whole string.
    """
    out: List[str] = []
    starts: List[int] = []
    ends: List[int] = []
    for index, ch in enumerate(text):
        for folded in fold(ch):
            if folded in _VOICING_MARKS and out:
                out[-1] = unicodedata.normalize("NFC", out[-1] + folded)
                ends[-1] = index + 1
                continue
            out.append(folded)
            starts.append(index)
            ends.append(index + 1)
    return "".join(out), starts, ends


def one_line(text: str, limit: int) -> str:
    """The text on one line (runs of whitespace become one space), cut to `limit` characters with "…"."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
