"""Children's and relatives' names as families and children say them (pure: text and the dictionary's lookup).

- kana names after a kin word, in kana or dialect too: いもうとのひなは6さい, 孫のゆいと・はると・めいの3人,
  ばあちゃん、ふじこっていうんだけど, うちの子、まなとって言うんですけど;
- a child saying who they are with their school year: わたしは5年生のさくらです, 俺、中3のハルト。;
- a given name after a dialect honorific: よしおっつぁん;
- a kanji given name stated after a family word: 母は真理です.

A kana word the dictionary knows only as an everyday word (ひな, めい) is a name here only where the cue
is strong: an age after it (ひなは6さい) or 〜って言う / という after it; an unknown word (はると) or
one with a given-name entry (まなと, ゆい) needs only a particle.
"""

from __future__ import annotations

import re
from typing import Iterator, List

from bot.privacy.name_context import Lookup
from bot.privacy.name_rules import FAMILY, FIRST_PERSON, Token
from bot.privacy.patterns import Span

_KANA = r"[ぁ-んァ-ヶー]"
_KANJI = r"[\u4e00-\u9fff々]"
KIN = sorted(
    FAMILY
    | {"いもうと", "おとうと", "あね", "あに", "むすめ", "むすこ", "まご", "ふたご", "うちの子", "子ども", "子供"}
    | {"ばあちゃん", "じいちゃん", "おばあちゃん", "おじいちゃん", "ばあさん", "じいさん", "婆ちゃん", "爺ちゃん"}
    | {"ばっちゃ", "じっちゃ", "婆っちゃ", "爺っちゃ", "ばあば", "じいじ"},
    key=len,
    reverse=True,
)
_NAME = rf"{_KANA}{{2,6}}?"
_FOLLOW = r"(?:は|が|を|も|って|という|っていう|ちゃん|くん|です|だよ|[、。]|と(?![・])|の(?=\d|[０-９]))"
KIN_KANA = re.compile(rf"(?:{'|'.join(KIN)})(?:の|は|、|：|:|\s)\s?(?P<names>{_NAME}(?:・{_NAME}){{0,4}})(?={_FOLLOW})")
# What makes an everyday kana word a name: an age (ひなは6さい) or 〜って言う (めいっていう子).
STRONG_AFTER = re.compile(
    r"(?:は|が)\s?(?:\d|[０-９一二三四五六七八九十])|って\s?(?:いう|言う|いい|言い)|という(?:名前|子)|ちゃん|くん"
)
_FIRST = "|".join(sorted(FIRST_PERSON, key=len, reverse=True))
GRADE = r"(?:\d{1,2}|[０-９]{1,2}|[一二三四五六])年生|[小中高][\d０-９一二三四五六]|年長|年中|年少"
SCHOOL_YEAR_SELF = re.compile(
    rf"(?:{_FIRST})(?:は|、|,)?\s?(?:{GRADE})の(?P<name>{_KANA}{{2,6}}?|{_KANJI}{{1,3}}{_KANA}{{0,2}}?)"
    r"(?=です|だ(?![けっ])|。|！|!|、|$)"
)
DIALECT_HONORIFIC = re.compile(r"(?:っつぁん|っつぁま|つぁん)")
_BEFORE_HONORIFIC = re.compile(rf"(?:{_KANJI}{{1,3}}|[ぁ-ん]{{2,4}})$")
FAMILY_STATED = re.compile(
    rf"(?<!{_KANJI})(?:{'|'.join(sorted(FAMILY, key=len, reverse=True))})は(?P<name>{_KANJI}{{1,3}})(?=です|。|、)"
)
NOT_NAMES = frozenset(
    {"わたし", "あたし", "ぼく", "おれ", "みんな", "ひとり", "ふたり", "いつも", "まだ", "もう"}
    | {"とき", "ころ", "こと", "もの", "ため", "まま", "はず", "ほう", "うち", "ところ"}
)
# A kana run that begins with a verb or an adjective is a clause, not a name (孫はかわいくて、).
CLAUSE = ("動詞", "形容詞")


def _kana_name(word: str, strong: bool, lookup: Lookup) -> bool:
    if word in NOT_NAMES or word in FIRST_PERSON:
        return False
    kinds = lookup(word)
    return not kinds or "名" in kinds or "姓" in kinds or strong


def kin_kana_names(text: str, tokens: List[Token], lookup: Lookup) -> Iterator[Span]:
    """Kana names after a kin word: いもうとのひなは6さい, 孫のゆいと・はると・めいの3人 (not 孫はかわいくて)."""
    for m in KIN_KANA.finditer(text):
        names = m.group("names").split("・")
        strong = bool(STRONG_AFTER.match(text, m.end("names"))) or len(names) > 1
        inside = [t for t in tokens if m.start("names") <= t[0] < m.end("names")]
        starts = bool(inside) and inside[0][0] == m.start("names")
        if not strong and (not starts or any(t[3].startswith(CLAUSE) for t in inside)):
            continue
        at = m.start("names")
        for name in names:
            if _kana_name(name, strong, lookup):
                yield at, at + len(name), "name"
            at += len(name) + 1


def school_year_names(text: str, lookup: Lookup) -> Iterator[Span]:
    """A child saying who they are: わたしは5年生のさくらです, 俺、中3のハルト。 (a kanji word only if a name)."""
    for m in SCHOOL_YEAR_SELF.finditer(text):
        name = m.group("name")
        kinds = lookup(name)
        kana = bool(re.fullmatch("[ぁ-んァ-ヶー]+", name))  # ミオ, そうた: a child's own name
        if name not in NOT_NAMES and (kana or not kinds or "名" in kinds or "姓" in kinds):
            yield m.start("name"), m.end("name"), "name"


def dialect_honorific_names(text: str, lookup: Lookup) -> Iterator[Span]:
    """よしおっつぁん: a given name before the dialect honorific."""
    for m in DIALECT_HONORIFIC.finditer(text):
        before = _BEFORE_HONORIFIC.search(text, 0, m.start())
        if not before:
            continue
        word = before.group()
        # the longest piece before it that is a given name (のたけし → たけし), else a kanji run or unknown kana
        for size in range(len(word), 1 if word[-1] >= "ぁ" and word[-1] <= "ん" else 0, -1):
            piece = word[-size:]
            if {"名", "姓"} & lookup(piece):
                yield m.start() - size, m.start(), "name"
                break
        else:
            if not lookup(word) and (before.start() == 0 or not "ぁ" <= text[before.start() - 1] <= "ん"):
                yield before.start(), m.start(), "name"


def stated_given_names(text: str, lookup: Lookup) -> Iterator[Span]:
    """母は真理です: a kanji word with a given-name entry, stated as a family member (not 母は元気です)."""
    for m in FAMILY_STATED.finditer(text):
        if "名" in lookup(m.group("name")):
            yield m.start("name"), m.end("name"), "name"
