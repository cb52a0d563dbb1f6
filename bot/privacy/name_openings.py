"""Names that open a message or a sentence, and names in kana written as forms write them (pure: text and a lookup).

- a surname that is also an everyday word, alone before です and a sentence's end: 林です。, 森です。(森の中 is no
  name), 山内でがす, …務めている皆川です, …の渡部ってもんだ;
- a full name in katakana with a space, each part a name the dictionary knows or a word it does not: ハヤシ
  ケンイチ, ヨシダ アイ (not マイナ ポイント);
- a full name in hiragana with a space, after a clause's の or after 名前、: …3ねんの ほし りこ です,
  名前、まつだいら きく;
- a given name in katakana after うちの: うちのケンタが熱を (not うちのネコが);
- the name after 長女 / 長男 / 児童 before a birth date or an age: 長女：さな（R3.6.5生）, 児童 森 ひなた（小2・8歳）;
  a spaced full name before a bracket with an age or a date: 父の長谷川 勇（91）.

`lookup(word)` is the dictionary's knowledge of a word (name_context.Lookup).
"""

from __future__ import annotations

import re
from typing import Iterator, List

from bot.privacy.name_context import Lookup
from bot.privacy.name_rules import PROPER, Token
from bot.privacy.patterns import Span

_KANJI = r"[\u4e00-\u9fff々]"
_NAME_KINDS = frozenset({"姓", "名", "一般"})
# What a resident says after their surname, closing the sentence: 林です。, 山内でがす, 渡部ってもんだ.
_SAID = r"(?:です|でがす|だす|でございます|ってもん|っつうもん|っていうもん|というもん|と申)"
_CLOSES = r"(?:[。、！？!?\s]|$|(?<=もん)|(?<=申))"
# Alone at a sentence's start (any surname the dictionary knows, 林 and 森 too), or after a clause
# (…務めている, …の): then only a word the dictionary knows as a surname and nothing else (皆川, 渡部).
OPENING_SURNAME = re.compile(rf"(?:^|(?<=[。、！？!?\n\s]))(?P<name>{_KANJI}{{1,4}})\s?(?={_SAID}{_CLOSES})")
CLAUSE_SURNAME = re.compile(
    rf"(?:(?<=いる)|(?<=てる)|(?<=ている)|(?<=の))(?P<name>{_KANJI}{{2,3}})(?={_SAID}{_CLOSES})"
)
# Not a sentence written in spaced katakana (ジュウミンヒョウ ハ ドコデ): no katakana word and a space around it.
KATAKANA_FULL = re.compile(
    r"(?<![ァ-ヶー])(?<![ァ-ヶー][ 　])(?P<surname>[ァ-ヶー]{2,6})[ 　](?P<given>[ァ-ヶー]{1,6})"
    r"(?![ァ-ヶー])(?![ 　][ァ-ヶー])"
)
HIRAGANA_FULL = re.compile(
    r"(?:[のでは][ 　]|(?:名前|なまえ|氏名)[、,]\s?)"
    r"(?P<name>(?P<surname>[ぁ-ん]{2,6})[ 　](?P<given>[ぁ-ん]{1,5}))"
    r"(?=[ 　](?:です(?!か)|だ(?![けっ])|と申|といい)|です(?!か)|と申|といい)"
)
# うちの + a katakana word, then a particle: the family's child (うちのケンタが).
HOUSEHOLD = re.compile(r"(?:うちの|ウチの|家の|我が家の)(?P<name>[ァ-ヶー]{2,6})(?=[がはもをとにの、])")
# 長女：さな（R3.6.5生）, 長男 目黒 蒼（H30…）, 児童 森 ひなた（小2・8歳）: a child announced by a form's word,
# then a bracket holding a date, an age or a school year.
ANNOUNCED_CHILD = re.compile(
    r"(?:長女|長男|次女|次男|三女|三男|児童|園児|生徒|対象児)[：:\s　]\s?"
    rf"(?P<name>(?:{_KANJI}{{1,3}}[ 　])?(?:{_KANJI}{{1,3}}|[ぁ-んァ-ヶー]{{2,6}}))"
    r"(?=\s?[（(]?\s?(?:明治|大正|昭和|平成|令和|[MTSHR]\.?\s?\d|(?:19|20)\d\d|\d{1,3}(?:歳|才)|[小中高]\d))"
)
# A surname, a space and a given name right before a bracket holding an age or a date: 目黒 さゆり（42歳）,
# 父の長谷川 勇（91）.
SPACED_BEFORE_BRACKET = re.compile(
    rf"(?<!{_KANJI})(?P<surname>{_KANJI}{{1,3}})[ 　](?:[ぁ-ん]{{1,4}}|[ァ-ヶー]{{1,5}}|{_KANJI}{{1,2}})"
    r"(?=[（(]\s?(?:明治|大正|昭和|平成|令和|[MTSHR]\.?\s?\d|(?:19|20)\d\d|\d{1,3}(?:歳|才)?\s?[)）、・]|[小中高]\d))"
)
_PARTICLES = frozenset("はがをにのでともへや")


def _surname(word: str, lookup: Lookup, alone: bool) -> bool:
    kinds = lookup(word)
    return "姓" in kinds and (alone or kinds <= {"姓", "名"})


def opening_surnames(text: str, lookup: Lookup) -> Iterator[Span]:
    """A surname alone before です closing its sentence (林です。, 山内でがす), or after a clause (…の皆川です)."""
    for pattern, alone in ((OPENING_SURNAME, True), (CLAUSE_SURNAME, False)):
        for m in pattern.finditer(text):
            word = m.group("name")
            split = any("姓" in lookup(word[:i]) and "名" in lookup(word[i:]) for i in range(1, len(word)))
            if _surname(word, lookup, alone) or (alone and len(word) >= 3 and split):  # 星太郎 です
                yield m.start("name"), m.end("name"), "name"


def katakana_full_names(text: str, lookup: Lookup) -> Iterator[Span]:
    """Two katakana parts with a space, each a name or unknown, and the first a surname or the second a given name."""
    for m in KATAKANA_FULL.finditer(text):
        surname, given = m.group("surname"), m.group("given")
        if not (lookup(surname) & _NAME_KINDS or not lookup(surname)):
            continue
        if not (lookup(given) & _NAME_KINDS or not lookup(given)):
            continue
        if "姓" in lookup(surname) or "名" in lookup(given):
            yield m.start(), m.end(), "name"


def hiragana_full_names(text: str, lookup: Lookup) -> Iterator[Span]:
    """Two hiragana parts with a space after a clause's の or 名前、, one a word the dictionary does not know."""
    for m in HIRAGANA_FULL.finditer(text):
        surname, given = m.group("surname"), m.group("given")
        if surname[0] in _PARTICLES and len(surname) <= 2 or surname[-1] in "はがをも":  # ひは なんようび
            continue
        if not lookup(surname) or not lookup(given) or "姓" in lookup(surname):
            yield m.start("name"), m.end("name"), "name"


def household_names(tokens: List[Token], text: str, lookup: Lookup) -> Iterator[Span]:
    """A katakana given name after うちの: a proper noun, a name or a word the dictionary does not know (not ネコ)."""
    for m in HOUSEHOLD.finditer(text):
        token = next((t for t in tokens if t[0] == m.start("name")), None)
        proper = token is not None and token[1] == m.end("name") and (token[3].startswith(PROPER) or token[4])
        kinds = lookup(m.group("name"))
        if proper or not kinds or kinds & _NAME_KINDS:
            yield m.start("name"), m.end("name"), "name"


def announced_children(text: str, lookup: Lookup) -> Iterator[Span]:
    """The child a form's word announces before a date, an age or a school year; a spaced full name before one."""
    for m in ANNOUNCED_CHILD.finditer(text):
        yield m.start("name"), m.end("name"), "name"
    for m in SPACED_BEFORE_BRACKET.finditer(text):
        if "姓" in lookup(m.group("surname")):
            yield m.start(), m.end(), "name"
