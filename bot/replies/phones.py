"""Find the phone numbers in a reply, so the widget can make them tappable (pure)."""

from __future__ import annotations

import re
from typing import Dict, List

# Full numbers (0242-39-1111, 0120-279-226), #-numbers (#8008) and the 3-digit lines followed by 番
# or standing alone in a help-line list (110, 119, 188, 189).
_PHONE = re.compile(r"(?<![\d-])(0\d{1,4}-\d{1,4}-\d{3,4}|#\d{4}|1(?:10|19|88|89))(?![\d-])")


def tel_uri(number: str) -> str:
    """The tel: URI of a number as written ("#8008" -> "tel:%238008")."""
    return "tel:" + number.replace("-", "").replace("#", "%23")


def find_phones(text: str) -> List[Dict[str, str]]:
    """Each number in `text` once, in order: {"number": as written, "tel": its tel: URI}."""
    found: List[Dict[str, str]] = []
    for match in _PHONE.finditer(text):
        number = match.group(1)
        if number.isdigit() and not _is_short_line(text, match.end()):
            continue
        if all(p["number"] != number for p in found):
            found.append({"number": number, "tel": tel_uri(number)})
    return found


def _is_short_line(text: str, end: int) -> bool:
    """A bare 110/119/188/189 is a phone line only as 「110番」 or as a list entry's number."""
    rest = text[end : end + 1]
    return rest in ("番", "（", "(", "\n", "") or rest.isspace()
