"""One way to open a Sudachi tokenizer (SudachiPy 0.6, the version GiNZA accepts); loads on call, never at import."""

from __future__ import annotations

from typing import Any


def sudachi_tokenizer(mode: str = "B", dictionary: str = "core") -> Any:
    """A Sudachi tokenizer of the installed dictionary edition (core, small or full) in split mode A, B or C.

    Like any Sudachi tokenizer it must not be shared between threads.
    """
    from sudachipy import Dictionary, SplitMode

    return Dictionary(dict=dictionary).create(mode=getattr(SplitMode, mode))


def split_mode(mode: str) -> Any:
    """Sudachi's SplitMode value for A, B or C (to split a morpheme further)."""
    from sudachipy import SplitMode

    return getattr(SplitMode, mode)
