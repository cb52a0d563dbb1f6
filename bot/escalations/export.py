"""The inbox list as CSV that Excel opens correctly (pure)."""

from __future__ import annotations

import csv
import io
from typing import Iterable, Sequence

BOM = "\ufeff"  # without it, Excel reads UTF-8 CSV as Shift_JIS and garbles the Japanese
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    """A value as a CSV cell; text Excel would run as a formula (=HYPERLINK…) is prefixed with '."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """UTF-8 CSV text with a byte-order mark, CRLF line ends and every field quoted where needed."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([cell(h) for h in header])
    writer.writerows([cell(v) for v in row] for row in rows)
    return BOM + out.getvalue()
