"""Find municipality names in resident text (pure, no Rasa dependency)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Iterable, List, Mapping

from bot.text import fold, fold_with_offsets

SUFFIXES = ("市", "町", "村", "し", "まち", "ちょう", "むら", "そん")


@dataclass(frozen=True)
class MunicipalityMatch:
    """One mention of a municipality in a text."""

    municipality: str
    start: int
    end: int
    surface: str


def surface_forms(name: str, kana: str, aliases: Iterable[str]) -> List[str]:
    """All spellings of a municipality: name, kana, aliases, each with and without 市町村."""
    forms = {name, kana, *aliases}
    for form in list(forms):
        for suffix in SUFFIXES:
            if form.endswith(suffix) and len(form) - len(suffix) >= 2:
                forms.add(form[: -len(suffix)])
    return sorted(f for f in forms if f)


class MunicipalityMatcher:
    """Longest-match lookup of folded surface forms."""

    def __init__(self, forms: Mapping[str, str]) -> None:
        """Take a mapping of surface form -> municipality id ("" marks a word to skip)."""
        self._forms: Dict[str, str] = {fold(f): m for f, m in forms.items() if f}
        self._forms.update({fold(f): "" for f, m in forms.items() if f and m == ""})
        self._lengths = sorted({len(f) for f in self._forms}, reverse=True)

    @property
    def forms(self) -> Dict[str, str]:
        """Folded form -> municipality id."""
        return dict(self._forms)

    def find(self, text: str) -> List[MunicipalityMatch]:
        """Return every non-overlapping mention, longest first at each position."""
        folded, starts, ends = fold_with_offsets(text)
        matches: List[MunicipalityMatch] = []
        i = 0
        while i < len(folded):
            for length in self._lengths:
                candidate = folded[i : i + length]
                municipality = self._forms.get(candidate) if len(candidate) == length else None
                if municipality is not None:
                    if municipality:
                        start, end = starts[i], ends[i + length - 1]
                        matches.append(MunicipalityMatch(municipality, start, end, text[start:end]))
                    i += length
                    break
            else:
                i += 1
        return matches
