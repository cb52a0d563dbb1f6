"""Mask personal data (マイナンバー-like numbers, phone numbers, e-mail addresses) in text."""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
TWELVE_DIGITS = re.compile(r"(?<!\d)\d{4}[ -]?\d{4}[ -]?\d{4}(?!\d)")
PHONE = re.compile(r"(?<!\d)(?:0\d{1,4}[-(（ ]?\d{1,4}[-)） ]?\d{3,4}|0[5789]0[- ]?\d{4}[- ]?\d{4})(?!\d)")

MASKS = {"email": "[メール]", "number": "[番号]", "phone": "[電話]"}


_DASHES = {"\uff0d": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-", "\u2013": "-"}


def _fold_digits(text: str) -> str:
    """Width-fold digits and dashes only, so the rest of the text stays as typed."""
    return "".join(unicodedata.normalize("NFKC", c) if c.isdigit() else _DASHES.get(c, c) for c in text)


def mask_pii(text: str, keep: Iterable[str] = ()) -> str:
    """Replace e-mail addresses, 12-digit numbers and phone numbers, except those in `keep`."""
    kept = {_fold_digits(k) for k in keep if k}
    text = _fold_digits(text)

    def replace(kind: str):  # type: ignore[no-untyped-def]
        return lambda m: m.group(0) if m.group(0) in kept else MASKS[kind]

    text = EMAIL.sub(replace("email"), text)
    text = TWELVE_DIGITS.sub(replace("number"), text)
    return PHONE.sub(replace("phone"), text)
