"""The masking service: every kind of personal data a resident types, replaced by a readable label (pure but for GiNZA).

Used wherever residents' words are stored or shown to someone other than the resident: the
conversation tracker in Redis, logs, the review queue, escalation transcripts and exports. The
municipality and landmarks stay (they route the inquiry and locate a road report), and so do the
numbers and e-mail addresses of offices and public lines; what the resident consented to give the
office (`keep`) stays as typed.
"""

from __future__ import annotations

from typing import Iterable, List, Optional

from bot.privacy.ages import (
    AGE,
    ages_after,
    birth_date_spans,
    dates_after,
    is_range,
    listed_ages,
    stated_age_spans,
)
from bot.privacy.contacts import PublicContacts
from bot.privacy.names import NameFinder
from bot.privacy.patterns import Span, address_spans, contact_spans, fold_digits, number_spans

LABELS = {
    "name": "[氏名]",
    "address": "[住所]",
    "birth_date": "[生年月日]",
    "age": "[年齢]",
    "number": "[番号]",
    "phone": "[電話]",
    "email": "[メール]",
}
# An age is personal only near a name or a birth date (山田ヨシ、昭和12年生まれの78歳); 3歳児健診 is not.
AGE_NEAR_NAME = 20


def merge(spans: Iterable[Span]) -> List[Span]:
    """Overlapping spans joined; the label of the longest part wins."""
    merged: List[Span] = []
    for start, end, label in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if start >= end:
            continue
        if merged and start < merged[-1][1]:
            first, last, kept = merged[-1]
            if end - start > last - first:
                kept = label
            merged[-1] = (first, max(last, end), kept)
        else:
            merged.append((start, end, label))
    return merged


def _bracketed(text: str, span: Span) -> Span:
    """An age alone in brackets spans its brackets, as written: 山田ヨシ（84）, Kenta (7) (`mask` keeps them)."""
    start, end, label = span
    if start > 0 and end < len(text) and text[start - 1] in "（(" and text[end] in "）)":
        return start - 1, end + 1, label
    return span


def _repeated(text: str, names: List[Span]) -> List[Span]:
    """The names found, and each name of two characters or more wherever else the message says it again
    (ミキちゃんの…。ミキは今3歳です): the second mention is the same person's."""
    found = list(names)
    for word in {text[start:end] for start, end, _ in names if end - start >= 2}:
        at = text.find(word)
        while at >= 0:
            if not any(start < at + len(word) and at < end for start, end, _ in found):
                found.append((at, at + len(word), "name"))
            at = text.find(word, at + len(word))
    return found


class Masker:
    """Find and replace personal data; one per process (the GiNZA pipeline loads on first use)."""

    def __init__(
        self, names: Optional[NameFinder] = None, use_names: bool = True, contacts: Optional[PublicContacts] = None
    ) -> None:
        self._names = names or NameFinder()
        self._use_names = use_names
        self._contacts = contacts or PublicContacts()

    def _contact_spans(self, folded: str) -> List[Span]:
        """Phones, e-mails and 12-digit numbers, less the offices' and public lines'."""
        found = []
        for start, end, label in contact_spans(folded):
            phone = label == "phone" and self._contacts.public_phone(folded, start, end)
            email = label == "email" and self._contacts.public_email(folded[start:end])
            found.append((start, end, "public" if phone or email else label))
        return found

    def spans(self, text: str) -> List[Span]:
        """Every personal-data span of `text` (offsets into `text`), merged."""
        folded = fold_digits(text)
        contacts = self._contact_spans(folded)
        found: List[Span] = [
            *(
                s
                for s in address_spans(folded, self._names.landmark)
                if not self._contacts.public_address(folded, *s[:2])
            ),
            *number_spans(folded),
            *birth_date_spans(folded),
            *stated_age_spans(folded),
        ]
        if self._use_names:
            names = _repeated(text, list(self._names.spans(text)))
            found += names
            for _, end, _ in names:
                found += dates_after(folded, end)  # 長女ひまり（R3.6.5）
            for _, end, _ in [*names, *(s for s in found if s[2] == "birth_date")]:
                found += ages_after(folded, end)  # 山田ヨシ（84）, 星さん、86です, （…生まれ、95）
            anchors = names + [s for s in found if s[2] == "birth_date"]
            for m in AGE.finditer(folded):
                near = any(
                    -2 <= m.start() - end <= AGE_NEAR_NAME or 0 <= start - m.end() <= 2 for start, end, _ in anchors
                )
                if near and not is_range(folded, m.start(), m.end()):
                    found.append((m.start(), m.end(), "age"))
        found += [listed for s in found if s[2] == "age" for listed in listed_ages(folded, s[1])]  # 12歳と9歳
        # A phone number's or an e-mail's digits are that, whatever else they look like (0242-39-1111 is no lot
        # number, 番号は0242-… no account); a public one is left as typed.
        found = [_bracketed(folded, s) if s[2] == "age" else s for s in found]
        lines = [(s, e) for s, e, label in contacts if label in ("phone", "email", "public")]
        found = [s for s in found if not any(a < s[1] and s[0] < b for a, b in lines)]
        return merge([*found, *(s for s in contacts if s[2] != "public")])

    def mask(self, text: str, keep: Iterable[str] = (), allow: Iterable[str] = ()) -> str:
        """`text` with personal data replaced by labels ([氏名], [住所] …), except the consented `keep`.

        `allow` names kinds left as typed where the office needs them: the place of a road report
        is kept with `allow={"address"}` (it is where the pothole is, not who reported it).
        """
        if not text:
            return text
        allowed = set(allow)
        kept = {fold_digits(k) for k in keep if k}
        folded = fold_digits(text)
        out: List[str] = []
        position = 0
        for start, end, label in self.spans(text):
            if label in allowed:
                continue
            if folded[start:end] in kept or any(folded[start:end] in k for k in kept if label in {"phone", "email"}):
                continue
            out.append(folded[position:start])
            if label == "age" and folded[start] in "（(" and folded[end - 1] in "）)":
                out.append(folded[start] + LABELS[label] + folded[end - 1])  # 山田ヨシ（[年齢]）
            else:
                out.append(LABELS[label])
            position = end
        out.append(folded[position:])
        return "".join(out)
