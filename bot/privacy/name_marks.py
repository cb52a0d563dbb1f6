"""Names marked off by brackets, quotes or a form's layout (pure: text and the dictionary's lookup).

- a surname alone in brackets after whose it is: 0241-22-3087（山口）, 私の名前（小沼）, うちの前（八代）;
- given names in brackets after a family word: 長男（樹）, 双子（蒼空と陽葵）, うちの子（小２の颯太）;
- a surname in quotes said as a name: …番地の「渋谷」です, 免許証に「大和田」とありました;
- a surname signing after a phone number: 090-4417-2863　菅家, …　あ、矢部です;
- the householder of a "care of" address: …3番10号 本田方 中川 律子.

A word is a surname here when the dictionary has a surname entry for it (八代 is a city and a surname:
in these places it is the surname), or name_words.yml lists it; the region's districts (坂下, 高田) never are.
"""

from __future__ import annotations

import re
from typing import FrozenSet, Iterator

from bot.privacy.lexicon import NameWords
from bot.privacy.name_context import DIRECTIONS, Lookup
from bot.privacy.name_rules import FAMILY, FIRST_PERSON
from bot.privacy.patterns import Span

_KANJI = r"[\u4e00-\u9fff々]"
_FAMILY = "|".join(
    sorted(FAMILY | {"子", "子ども", "子供", "息子", "娘", "むすめ", "むすこ", "まご"}, key=len, reverse=True)
)
# Whose a bracket is: a phone number's end, a word for a name, the resident, the house (うちの前（八代）).
OWNER_BRACKET = re.compile(
    rf"(?:\d|名前|氏名|名義|なまえ|私|わたし|自分|うち|自宅|実家|家|宅|前|隣)\s?[（(](?P<name>{_KANJI}{{1,4}})[)）]"
)
# Brackets after a family word hold that person's name (or a school year and the name: 小２の颯太).
FAMILY_BRACKET = re.compile(rf"(?:{_FAMILY})\s?[（(](?P<inner>[^()（）]{{1,16}}?)[)）]")
# Numbers in kanji are an age (父（八十二）), not a name.
_NUMERAL = re.compile(r"[〇一二三四五六七八九十百千\d０-９]")
_LISTED = re.compile(r"[と・、,]")
_COMMA_LISTED = re.compile(r"[・、,]")  # (かいと、6歳): と ends kana names too
AGE_IN_BRACKET = re.compile(r"[、,・]\s?\d{1,2}(?:歳|才|さい)$")
_KANA_GIVEN = re.compile(r"[ぁ-んァ-ヶー]{2,6}")
_GIVEN = re.compile(rf"{_KANJI}{{1,3}}|[ぁ-んァ-ヶー]{{2,6}}")
QUOTED_SURNAME = re.compile(
    rf"[「『](?P<name>{_KANJI}{{1,4}})[」』]"
    r"(?=です|でした|だ(?![けっ])|と(?:あり|あっ|書|名乗|い[いう]|言)|さん|様|の(?:家|表札|名前)|宅)"
)
AFTER_PHONE = re.compile(
    rf"\d[ 　]+(?:(?:あ|あっ|えっと|あと|以上)[、,]?\s?)?(?P<name>{_KANJI}{{1,4}})"
    r"(?=\s?(?:です|でした|だす|と申します|より|まで)?\s?[。！!]?\s*$)"
)
CARE_OF = re.compile(rf"(?:\d|号|番地?)[ 　]+(?P<name>{_KANJI}{{1,3}})方(?=[ 　])")


def _surname(word: str, words: NameWords, lookup: Lookup, districts: FrozenSet[str]) -> bool:
    if word in districts or word in DIRECTIONS or word in FIRST_PERSON:
        return False
    return word in words.surnames or (len(word) >= 2 and "姓" in lookup(word))


def _given(word: str, words: NameWords, lookup: Lookup) -> bool:
    """A given name the dictionary knows (颯太, 樹), a listed one (陸), or a word it does not know (はると)."""
    kinds = lookup(word)
    return word in words.given_names or "名" in kinds or not kinds


def bracketed_names(text: str, words: NameWords, lookup: Lookup, districts: FrozenSet[str]) -> Iterator[Span]:
    """Surnames in brackets after whose they are, given names in brackets after a family word."""
    for m in OWNER_BRACKET.finditer(text):
        if _surname(m.group("name"), words, lookup, districts):
            yield m.start("name"), m.end("name"), "name"
    for m in FAMILY_BRACKET.finditer(text):
        inner, at = m.group("inner"), m.start("inner")
        if "の" in inner:  # 小２の颯太: the name after the school year
            cut = inner.rindex("の") + 1
            inner, at = inner[cut:], at + cut
        position = at
        aged = bool(AGE_IN_BRACKET.search(inner))  # むすこ（かいと、6歳）: kana before an age is the child's name
        for part in (_COMMA_LISTED if aged else _LISTED).split(inner):
            kana = aged and bool(_KANA_GIVEN.fullmatch(part))
            if (
                _GIVEN.fullmatch(part)
                and not _NUMERAL.search(part)
                and part not in FIRST_PERSON
                and (kana or _given(part, words, lookup))
            ):
                yield position, position + len(part), "name"
            position += len(part) + 1


def quoted_surnames(text: str, words: NameWords, lookup: Lookup, districts: FrozenSet[str]) -> Iterator[Span]:
    """A surname in quotes said as a name: …の「渋谷」です, 「大和田」とありました (not 「会津」と書く)."""
    for m in QUOTED_SURNAME.finditer(text):
        if _surname(m.group("name"), words, lookup, districts):
            yield m.start("name"), m.end("name"), "name"


def signed_after_phone(text: str, words: NameWords, lookup: Lookup, districts: FrozenSet[str]) -> Iterator[Span]:
    """A surname closing a message after a phone number, and the householder of a care-of address (本田方)."""
    for pattern in (AFTER_PHONE, CARE_OF):
        for m in pattern.finditer(text):
            if _surname(m.group("name"), words, lookup, districts):
                yield m.start("name"), m.end("name"), "name"
