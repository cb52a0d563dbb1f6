"""Names found from where they stand in the sentence, with the dictionary's help (pure: tokens, text and a lookup).

- a surname after an address or a clause, before です: (門田町)の平出です, 窯元をしている宗像です;
- a kana name after a comma, before です: 住む、きくち です;
- a hiragana given name joined to a surname: 蓮沼そうたが迷子;
- a name in quotes after 名前: 名前は「りく」, 名前を「湊」にしました;
- a name before a family word in brackets: ケンタ（息子）;
- a name in half-width katakana: ｵｵﾀｹ ﾐﾂｺ.

`lookup(word)` gives what the dictionary knows the word as, in any reading: 姓, 名 or 一般 for its
person-name entries, "word" for any other entry (empty when it does not know the word at all).
星 is a star and a surname, 平出 a printing term and a surname: where a name is expected, that is enough.
"""

from __future__ import annotations

import re
from typing import Callable, FrozenSet, Iterator, List

from bot.privacy.lexicon import NameWords
from bot.privacy.name_rules import COPULA_AFTER, FAMILY, SENTENCE_BREAKS, Token
from bot.privacy.patterns import Span

Lookup = Callable[[str], FrozenSet[str]]
_GRAMMAR = ("助詞", "助動詞", "補助記号", "接尾辞", "空白")
# Directions are surnames too (南, 東), but after a place they say where: 駅の南です.
DIRECTIONS = frozenset({"東", "西", "南", "北", "前", "後", "横", "奥", "先", "裏", "表", "上", "下"})
QUOTED = re.compile(
    r"(?:名前|なまえ|名|氏名)(?:は|を|が|:|：)?\s?[「『](?P<name>[^」』\s]{1,10})[」』]"
    r"|[「『](?P<before>[^」』\s]{1,10})[」』](?:って|という|っていう|っつう|と言う|との)(?:名前|なまえ)"
    r"(?=で|だ|です|の(?:子|娘|息子|孫|人|方|女の子|男の子))"
)
HALF_WIDTH = re.compile(r"(?<![ｦ-ﾟ])[ｦ-ﾟ]{2,8}[ 　][ｦ-ﾟ]{1,8}(?![ｦ-ﾟ])")
# Half-width katakana is how old phones write everything (ｺｸﾎ ｶﾆｭｳ): it is a name when announced or when a
# birth date, an honorific or a copula follows it.
HALF_WIDTH_BEFORE = re.compile(r"(?:名前|氏名|名義|ﾅﾏｴ|ｼﾒｲ|ﾒｲｷﾞ)(?:は|が|:|：|ﾊ)?\s?$")
HALF_WIDTH_AFTER = re.compile(
    r"\s?(?:[（(]|様|さま|さん|ｻﾝ|ｻﾏ|です|ﾃﾞｽ|と申|ﾄﾓｳｼ|\+?\d{2,4}-|(?:明治|大正|昭和|平成|令和|[MTSHR])\.?\s?\d|(?:19|20)\d\d|\d{1,2}[./年]|生)"
)
_HIRAGANA = re.compile(r"[ぁ-ん]+")
# Where an address ends: a lot number, 番地, 号 (in kana too).
ADDRESS_END = re.compile(r"(?:\d|[０-９]|番地|ばんち|号|ごう)$")
_KANJI = re.compile(r"[\u4e00-\u9fff]")
_KANA_NAME = re.compile(r"[ぁ-ん]{3,6}|[ァ-ヶー]{2,8}")
_KANA_WORD = re.compile(r"[ぁ-んァ-ヶー]{2,8}")
# What may follow a given name: a particle, an honorific, a copula, a comma.
_AFTER_GIVEN = re.compile(r"(?:[がはをのとにもへ、。（(\s]|ちゃん|くん|君|さん|です|$)")


def _surname(token: Token, words: NameWords, lookup: Lookup) -> bool:
    surface, tag = token[2], token[3]
    if surface in words.surnames:
        return True
    if len(surface) < 2 or surface in DIRECTIONS or tag.startswith(_GRAMMAR) or not _KANJI.search(surface):
        return False
    return tag.startswith("名詞-固有名詞-人名") or "姓" in lookup(surface)


# A clause's last word before a surname (窯元をしている宗像です, 住んでる渡辺です).
CLAUSE_ENDS = frozenset({"いる", "た", "だ", "る", "おる", "住む", "でる", "てる", "ている", "でいる"})
# Jobs and roles a resident introduces themself by: ケアマネジャーの関です, 民生委員の星です, 担当の佐藤です.
ROLE_ENDS = ("員", "師", "士", "者", "長", "担当", "ジャー", "ャー", "係")


def _placed(tokens: List[Token], i: int, words: NameWords) -> bool:
    """Token i follows a place or an address and の (門田町の, 7244-2の), or a clause (している, 越してきた)."""
    if i < 1:
        return False
    before = tokens[i - 1]
    if before[2] == "の" and i >= 2:
        place = tokens[i - 2]
        if place[2] in words.roles or place[2].endswith(ROLE_ENDS):
            return True  # ケアマネジャーの関です, 担当の星です
        return place[3].startswith(("名詞-固有名詞-地名", "名詞-数詞")) or place[2].endswith(("町", "村", "市", "号"))
    return before[3].startswith(("動詞", "助動詞")) and before[2] in CLAUSE_ENDS


def placed_surnames(tokens: List[Token], text: str, words: NameWords, lookup: Lookup) -> Iterator[Span]:
    """A surname said of oneself after an address or a clause: …の平出ですが, …している宗像です."""
    for i, token in enumerate(tokens):
        if COPULA_AFTER.match(text, token[1]) and _placed(tokens, i, words) and _surname(token, words, lookup):
            yield token[0], token[1], "name"


def kana_after_break(tokens: List[Token], text: str, lookup: Lookup) -> Iterator[Span]:
    """A kana word the dictionary does not know, between a comma or a sentence's start and です: 住む、きくち です."""
    for m in _KANA_NAME.finditer(text):
        before = text[: m.start()].rstrip(" 　")
        after_address = before.endswith("の") and bool(ADDRESS_END.search(before[:-1]))  # …4567ばんちの　おおはし　です
        if before and before[-1] not in SENTENCE_BREAKS and not before.endswith("は") and not after_address:
            continue
        if not COPULA_AFTER.match(text, m.end()) or lookup(m.group()):
            continue
        inside = [t for t in tokens if m.start() <= t[0] < m.end()]
        if inside and not any(t[3].startswith(("助詞", "助動詞")) for t in inside):
            yield m.start(), m.end(), "name"


def given_after_surname(tokens: List[Token], text: str, words: NameWords, lookup: Lookup) -> Iterator[Span]:
    """A hiragana given name written onto the surname: 蓮沼そうたが, 佐藤ゆいの (not 佐藤から, 星まつり)."""
    for i, token in enumerate(tokens[:-1]):
        nxt = tokens[i + 1]
        if nxt[0] != token[1] or nxt[3].startswith(_GRAMMAR) or not _KANJI.search(token[2]):
            continue
        if not _surname(token, words, lookup):
            continue
        for size in (4, 3, 2):
            given = text[token[1] : token[1] + size]
            if _HIRAGANA.fullmatch(given) and _AFTER_GIVEN.match(text, token[1] + size) and not lookup(given):
                yield token[0], token[1] + size, "name"
                break


def quoted_names(text: str) -> Iterator[Span]:
    """A name in quotes after 名前: 下の子の名前は「りく」です, 名前を「湊」にしました."""
    for m in QUOTED.finditer(text):
        group = "name" if m.group("name") else "before"
        yield m.start(group), m.end(group), "name"


def before_family_bracket(tokens: List[Token]) -> Iterator[Span]:
    """A proper noun, kana or unknown word before a family word in brackets: ケンタ（息子）, 美咲(長女)."""
    for i in range(1, len(tokens) - 2):
        if tokens[i][2] not in ("（", "(") or tokens[i + 1][2] not in FAMILY:
            continue
        begin, end, surface, tag, unknown = tokens[i - 1]
        if tag.startswith("名詞-固有名詞") or unknown or _KANA_WORD.fullmatch(surface):
            yield begin, end, "name"


def half_width_names(text: str) -> Iterator[Span]:
    """Two words in half-width katakana, as forms and old systems write a name: ｵｵﾀｹ ﾐﾂｺ S20.1.1生."""
    for m in HALF_WIDTH.finditer(text):
        if HALF_WIDTH_BEFORE.search(text[: m.start()]) or HALF_WIDTH_AFTER.match(text, m.end()):
            yield m.start(), m.end(), "name"
