"""Which phone numbers and e-mail addresses are an office's or a public line's, and so stay (pure but for reading).

A resident's own number is personal data; the city hall's 0242-39-1111, a free dial, the pension
hotline or kouhou@city.….lg.jp are not, and masking them makes a question about them unreadable.
A number is public when
- the offices' files list it (data/municipalities/*.yml) or data/privacy/public_contacts.yml does;
- it begins with a prefix only businesses and public services have (0120, 0570 …);
- or, not being a mobile number, its sentence says it is a line (an office word before it: 市民課の,
  代表, ダイヤル; or a question about it: …ですか, …で合っていますか) and says nothing private (私, 自宅,
  携帯, 母, さん …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, FrozenSet, Iterator

from bot.knowledge.yaml_source import read_yaml
from bot.privacy.lexicon import read_sections

SECTIONS = ("prefixes", "numbers", "office_words", "private_words", "email_domains", "email_hosts", "email_roles")
MOBILE = re.compile(r"0[789]0")
# A question about a line rather than a number given: 0242-39-1111で合っていますか, …ですか (not …に電話ください).
ASKED_AFTER = re.compile(
    r"\s?(?:ですか|でしょうか|ですよね|でしたよね|でしたっけ|ですっけ|だっけ|で合って|であって|で(?:いい|良い|よろしい)(?:ですか|でしょうか|の)|は正しい"
    r"|は(?:何|なん)時|は(?:つなが|繋が)り?ます?か)"
)
# Whose address it is: the place named before は or の住所は (喜多方市役所は, 猪苗代町役場の住所は, 会津大学は).
PUBLIC_SUBJECT = re.compile(
    r"(?P<place>[^\s、。はのが]{2,20})(?:の(?:住所|所在地|場所))?(?:は|って)\s?(?:[^\s、。]{0,12})$"
)
# An address in brackets right after a public place's name: 喜多方市役所（〒966-8601 喜多方市字…）宛て.
BRACKET_OWNER = re.compile(r"(?P<place>[^\s、。（(]{2,20})[（(][^()（）]{0,24}$")
SENTENCE_END = re.compile(r"[。！？!?\n]")


def digits(number: str) -> str:
    """Only the digits of a phone number (0242-39-1111 → 0242391111)."""
    return re.sub(r"\D", "", number)


@dataclass(frozen=True)
class PublicContacts:
    """The data that tells an office's number or address from a person's."""

    prefixes: FrozenSet[str] = frozenset()
    numbers: FrozenSet[str] = frozenset()
    office_words: FrozenSet[str] = frozenset()
    private_words: FrozenSet[str] = frozenset()
    email_domains: FrozenSet[str] = frozenset()
    email_hosts: FrozenSet[str] = frozenset()
    email_roles: FrozenSet[str] = frozenset()
    place_words: FrozenSet[str] = frozenset()

    def public_phone(self, text: str, start: int, end: int) -> bool:
        """The phone number at text[start:end] is an office's or a public line's."""
        number = digits(text[start:end])
        if number in self.numbers or any(number.startswith(p) for p in self.prefixes):
            return True
        if MOBILE.match(number):
            return False
        before, after = _sentence(text, start, end)
        if any(word in before or word in after for word in self.private_words):
            return False
        return any(word in before for word in self.office_words) or bool(ASKED_AFTER.match(text, end))

    def public_address(self, text: str, start: int, end: int) -> bool:
        """The address at text[start:end] is asked about as an office's or a public place's: 市役所は…で合ってますか,
        役場の住所は…ですよね, 会津大学は…ですか (not 私の住所は…ですか, 実家は…ですか)."""
        owner = BRACKET_OWNER.search(text, 0, start)
        if owner and self._public_place(owner.group("place")):
            return True
        if not ASKED_AFTER.match(text, end):
            return False
        before, after = _sentence(text, start, end)
        if any(word in before or word in after for word in self.private_words):
            return False
        subject = PUBLIC_SUBJECT.search(before)
        return bool(subject and self._public_place(subject.group("place")))

    def _public_place(self, place: str) -> bool:
        """The name ends in an office's or a public place's word (市役所, 役場, 公民館, 大学)."""
        return any(place.endswith(w) for w in self.office_words | self.place_words)

    def public_email(self, address: str) -> bool:
        """kouhou@city.aizuwakamatsu.fukushima.jp, soudan@pref.…, info@shop.jp: an office's or a business's box."""
        local, _, host = address.lower().rpartition("@")
        labels = host.split(".")
        domain = any(host == d or host.endswith("." + d) for d in self.email_domains)
        return domain or labels[0] in self.email_hosts or local in self.email_roles


def _sentence(text: str, start: int, end: int) -> tuple[str, str]:
    """The words of the number's sentence before it and after it."""
    breaks = [m.end() for m in SENTENCE_END.finditer(text, 0, start)]
    after = SENTENCE_END.search(text, end)
    return text[breaks[-1] if breaks else 0 : start], text[end : after.start() if after else len(text)]


def _phones(node: Any) -> Iterator[str]:
    """Every `phone:` value in a YAML tree."""
    if hasattr(node, "items"):
        for key, value in node.items():
            if key == "phone" and isinstance(value, str):
                yield value
            else:
                yield from _phones(value)
    elif isinstance(node, list):
        for item in node:
            yield from _phones(item)


def read_public_contacts(path: Path, offices: Path, places: FrozenSet[str] = frozenset()) -> PublicContacts:
    """data/privacy/public_contacts.yml, plus every office's number in the `offices` folder's files.

    `places` are the words that end a public place's name (大学, 公民館: place_words.yml), whose address is public.
    """
    words = read_sections(path, SECTIONS)
    listed = {digits(n) for n in words["numbers"]}
    for office_file in sorted(offices.glob("*.yml")) if offices.is_dir() else []:
        listed |= {digits(n) for n in _phones(read_yaml(office_file))}
    words["numbers"] = frozenset(listed)
    words["email_domains"] = frozenset(d.lower() for d in words["email_domains"])
    return PublicContacts(**words, place_words=places)
