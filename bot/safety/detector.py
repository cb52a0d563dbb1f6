"""Recognise safety situations in a message (pure; patterns compiled once)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Pattern, Sequence, Tuple

from bot.safety.models import CategoryPatterns, Detection
from bot.text import katakana_to_hiragana

_SMALL_VOWELS = str.maketrans("ぁぃぅぇぉゎ", "あいうえおわ")
_DROPPED = re.compile(r"[\s\u30fc\u301c\uff5e~\u30fb]+")  # spaces, ー, 〜, ～, ~, ・
Span = Tuple[int, int]


def fold_for_match(text: str) -> str:
    """Fold a message (or a pattern) so spellings meet: width, kana, small vowels, ー, spaces."""
    folded = katakana_to_hiragana(unicodedata.normalize("NFKC", text)).translate(_SMALL_VOWELS)
    return _DROPPED.sub("", folded)


def _compile(patterns: Sequence[str]) -> List[Pattern[str]]:
    return [re.compile(fold_for_match(p), re.IGNORECASE) for p in patterns]


@dataclass(frozen=True)
class _Category:
    name: str
    any: List[Pattern[str]]
    sounds: List[Pattern[str]]
    all: List[List[Pattern[str]]]
    unless: List[Pattern[str]]
    unless_message: List[Pattern[str]]


def _spans(patterns: Sequence[Pattern[str]], text: str) -> List[Span]:
    return [m.span() for p in patterns for m in p.finditer(text)]


def _free(pattern: Pattern[str], text: str, blocked: List[Span]) -> bool:
    """The pattern occurs somewhere in `text` outside every blocked span.

    A blocked match is retried from its next character, not after its end: in 「猪苗代町の畑で…イノシシが
    突進してきて」 the first match starts at 猪苗代 (blocked) and would otherwise swallow the real one.
    """
    position = 0
    while (match := pattern.search(text, position)) is not None:
        start, end = match.span()
        if end > start and not any(start < b_end and b_start < end for b_start, b_end in blocked):
            return True
        position = start + 1
    return False


@dataclass(frozen=True)
class Views:
    """The two folded views of a message the patterns are matched against."""

    typed: str
    reading: str

    @classmethod
    def of(cls, text: str, reading: str) -> "Views":
        """Fold the text as typed and its kana reading."""
        return cls(fold_for_match(text), fold_for_match(reading))


class SafetyDetector:
    """Which situations of detection.yml a message describes, in the order of the file.

    A match counts unless an `unless` expression of its category matches text overlapping it
    (so 「詐欺防止講座」 cancels 詐欺 there, while a crisis later in a long message still counts);
    `unless_message` cancels the category for the whole message, and `unless_everywhere` (matched
    on the text as typed only: its kana words must not meet homophones such as 口座/講座) every category.
    """

    def __init__(self, detection: Detection) -> None:
        """Compile every pattern once."""
        self._unless = _compile(detection.unless_everywhere)
        self._past = _compile(detection.settled.past)
        self._resolved = _compile(detection.settled.resolved)
        self._paperwork = _compile(detection.settled.paperwork)
        self._still = _compile(detection.settled.still)
        self._ongoing = _compile(detection.settled.ongoing)
        self._categories = [self._build(name, spec) for name, spec in detection.categories.items()]

    @staticmethod
    def _build(name: str, spec: CategoryPatterns) -> _Category:
        return _Category(
            name,
            _compile(spec.any),
            _compile(spec.sounds),
            [_compile(group) for group in spec.all],
            _compile(spec.unless),
            _compile(spec.unless_message),
        )

    @property
    def categories(self) -> List[str]:
        """The category names, in display order."""
        return [c.name for c in self._categories]

    def detect(self, text: str, reading: str = "") -> List[str]:
        """The categories that apply to `text` (with `reading`, its kana reading), in display order."""
        return [name for name, _ in self.explain(text, reading)]

    def explain(self, text: str, reading: str = "") -> List[Tuple[str, str]]:
        """(category, the pattern that matched) for each category that applies: for staff and tests."""
        views = Views.of(text, reading or text)
        found = []
        for category in self._categories:
            trigger = self._trigger(category, views)
            if trigger is not None:
                found.append((category.name, trigger))
        return found

    def everyday(self, category: str, text: str, reading: str = "", spans: bool = True) -> bool:
        """Whether the message has this category's everyday wording anywhere (its unless lists).

        Used to check the learned classifier's guesses, which have no spans to compare. With `spans`
        False only the message-wide lists count (unless_message, unless_everywhere): for a guess the
        classifier is sure of, a word such as 消火器 elsewhere in the message does not explain it away.
        """
        views = Views.of(text, reading or text)
        spec = next((c for c in self._categories if c.name == category), None)
        patterns = (spec.unless if spans else []) + spec.unless_message if spec else []
        return any(p.search(views.typed) for p in self._unless) or any(
            p.search(views.typed) or p.search(views.reading) for p in patterns
        )

    def everyday_everywhere(self, text: str) -> bool:
        """The message has wording that makes every situation an everyday request (unless_everywhere)."""
        typed = fold_for_match(text)
        return any(p.search(typed) for p in self._unless)

    def settled(self, text: str) -> bool:
        """The message tells of something in the past that is over now, and nothing that goes on.

        「去年空き巣に入られ、もう解決しました。保険証の再発行は…」 asks for paperwork: the situation's reply
        would answer a danger that has passed. A word that it still goes on inside the paperwork asked
        about (「閲覧制限は今も続いているのか」) is about the paperwork; a word of danger now counts anywhere.
        """
        typed = fold_for_match(text)  # not the reading: there 済んだ meets 住んだ
        paperwork = _spans(self._paperwork, typed)
        return (
            any(p.search(typed) for p in self._past)
            and (bool(paperwork) or any(p.search(typed) for p in self._resolved))
            and not any(_free(p, typed, paperwork) for p in self._still)
            and not any(p.search(typed) for p in self._ongoing)
        )

    def paperwork(self, text: str) -> bool:
        """The message is settled and asks only for the paperwork after it (no pointer is needed either)."""
        return self.settled(text) and bool(_spans(self._paperwork, fold_for_match(text)))

    def _trigger(self, category: _Category, views: Views) -> Optional[str]:
        if any(p.search(views.typed) or p.search(views.reading) for p in category.unless_message) or any(
            p.search(views.typed) for p in self._unless
        ):
            return None
        typed_blocked = _spans(category.unless, views.typed)
        reading_blocked = _spans(category.unless, views.reading)
        for pattern in category.any:
            if _free(pattern, views.typed, typed_blocked):
                return pattern.pattern
        for pattern in category.sounds:
            if _free(pattern, views.reading, reading_blocked) or _free(pattern, views.typed, typed_blocked):
                return pattern.pattern
        for group in category.all:
            if all(_free(p, views.typed, typed_blocked) or _free(p, views.reading, reading_blocked) for p in group):
                return " & ".join(p.pattern for p in group)
        return None


def detector_from_json(value: Dict[str, Any]) -> SafetyDetector:
    """Rebuild a detector from the patterns stored in the model."""
    return SafetyDetector(Detection.parse_obj(value))
