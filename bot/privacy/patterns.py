"""Personal data that has a written shape: contact details, numbers, street addresses, birth dates (pure).

Every pattern runs on text whose digits and dashes are width-folded one character for one
character (`fold_digits`), so positions in the folded text are positions in the text as typed.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterator, Tuple

Span = Tuple[int, int, str]  # start, end, label

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
TWELVE_DIGITS = re.compile(r"(?<!\d)\d{4}[ -]?\d{4}[ -]?\d{4}(?!\d)")
PHONE = re.compile(r"(?<!\d)(?:0\d{1,4}[-(（ ]?\d{1,4}[-)） ]?\d{3,4}|0[5789]0[- ]?\d{4}[- ]?\d{4})(?!\d)")

_DASHES = {"\uff0d": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-", "\u2013": "-"}
_KANJI = r"[\u4e00-\u9fffヶケヵ々〆ノ]"  # place names: 上ノ台, 宮ノ下, 八ヶ森
_NUMBER = r"\d+"
# 番地 forms after the place: 7244-2, 123番地, 12番地の3, 3番5号, 4-5-6
_LOT = rf"{_NUMBER}(?:番地(?:の{_NUMBER})?|番(?:{_NUMBER}号?)?|号|(?:-{_NUMBER}){{1,3}}|(?:の{_NUMBER}){{1,2}})?"
# 字御清水東7244-2, 大字八幡字門田12番地の3, with the place names before it (cut where the
# municipality's name ends, see `_town`); a 大字 alone, without a lot number, is not masked
AZA = re.compile(rf"(?P<town>{_KANJI}{{0,12}}?)(?:大字{_KANJI}{{1,8}}?)?字{_KANJI}{{1,10}}?{_LOT}")
# 栄町3丁目4-5, みやまち2ちょうめ23の9 (a 丁目 with nothing after it, as in 3丁目の郵便局, is a landmark)
CHOME = re.compile(
    rf"(?P<town>(?:{_KANJI}|[ぁ-ん]){{0,8}}?){_NUMBER}(?:丁目|ちょうめ)(?:{_NUMBER}(?:番地?|-|の)?(?:{_NUMBER}号?)?)"
)
# 本町3-14, 駅前町5-1-21 メゾン-105, 123番地の4 (a hyphenated number followed by a unit, 2-3日, is not)
LOT_NUMBER = re.compile(
    rf"(?P<town>{_KANJI}{{0,8}}?)(?:(?<![\d-]){_NUMBER}番地(?:の{_NUMBER})?"
    rf"|(?<![\d-])\d{{1,5}}(?:-\d{{1,4}}){{1,2}}(?![\d-]|[日年月時分歳人回円個本件%％]))"
)
# The building and room after a street address: パレス大町 203, コーポ桜302号室, ﾊｲﾂ大町105,
# サンハイツ西栄 B棟 102号, 定住促進住宅5号, -302. It starts with katakana or a Latin letter, or is
# kanji ending in a building word, and it always ends in a room number (から徒歩5分 is not a building).
_BUILDING_WORD = r"(?:住宅|団地|荘|寮|ビル|館|アパート|マンション|ハイツ|コーポ)"
BUILDING = re.compile(
    rf"[ 　]?(?:(?:[ァ-ヶｦ-ﾟー・A-Za-z][ァ-ヶｦ-ﾟー・A-Za-z\u4e00-\u9fff]{{1,15}}?|{_KANJI}{{1,8}}{_BUILDING_WORD}))"
    r"(?:[ 　]?[A-Z]棟)?[ 　-]?\d{1,4}(?:号室|号棟|号)?(?![\d-])"
)
ROOM = re.compile(rf"{_NUMBER}号室")
_ERA = r"(?:明治|大正|昭和|平成|令和|[MTSHRmtshr]\.?)"
_KANJI_NUMBER = r"[〇一二三四五六七八九十元]{1,4}"
BIRTH_DATE = re.compile(
    rf"(?:{_ERA}\s?(?:\d{{1,2}}|元)年\s?\d{{1,2}}月\s?\d{{1,2}}日|{_ERA}\d{{1,2}}[./]\d{{1,2}}[./]\d{{1,2}}"
    rf"|{_ERA}{_KANJI_NUMBER}年{_KANJI_NUMBER}月{_KANJI_NUMBER}日"
    rf"|(?:19|20)\d{{2}}[年/.-]\d{{1,2}}[月/.-]\d{{1,2}}日?)"
)
BIRTH_CUE = re.compile(
    r"生まれ|生年月日|誕生日|生[)）\s、。]|生$|生です|生の|産まれ|うまれ|せいねんがっぴ|たんじょうび"
)
AGE = re.compile(r"(?:\d{1,3}|[一二三四五六七八九十百]{1,4})(?:歳|才)")
# An age said of oneself or a person: 今年で82歳になります, (七十歳くらい), 年齢は45歳 (not 3歳児健診)
AGE_STATED = re.compile(
    r"(?:今年で|年齢は|年齢|現在|私は|わたしは|父は|母は|[（(])\s?(?P<age>(?:\d{2,3}|[一二三四五六七八九十百]{2,4})(?:歳|才))"
    r"|(?P<age2>(?:\d{2,3}|[一二三四五六七八九十百]{2,4})(?:歳|才))(?=になります|になる|になりました|くらい|位|です|の[父母祖])"
    # 七十九歳、ひとり暮らしです: an age opening a sentence, then a comma or です (not 75歳以上の人)
    r"|(?:^|(?<=[。！？!?\n]))\s?(?P<age3>(?:\d{2,3}|[一二三四五六七八九十百]{2,4})(?:歳|才))(?=[、,]|です|で、)"
)
ID_NUMBER = re.compile(
    r"(?:口座番号|こうざばんごう|口座|こうざ|預金|貯金|ゆうちょ|銀行|信金|信用金庫|農協|保険証番号|保険証の番号|被保険者番号|"
    r"記号番号|免許証番号|免許証の番号|マイナンバー|個人番号|受給者番号|会員番号|住民票コード|コード|番号|ばんごう|普通|当座)"
    r"[はが:：、\s]*(?:[^\d。、\s]{0,8}?[:：\s]?)?(?P<number>[\dA-Za-z][\dA-Za-z-]{5,})"
)
# Where a municipality's name ends inside a run of kanji before an address (会津若松市栄町 -> 栄町).
_MUNICIPALITY_END = re.compile(r".*(?:[市郡村県]|会津坂下町|会津美里町|西会津町|猪苗代町|磐梯町|柳津町|三島町|金山町)")


def _town(m: re.Match[str]) -> int:
    """Where the masked part of an address match starts: after the municipality's name, if any."""
    town = m.group("town") or ""
    cut = _MUNICIPALITY_END.match(town)
    return m.start() + (cut.end() if cut else 0)


def fold_digits(text: str) -> str:
    """Width-fold digits, Latin letters and dashes only, one character for one, so offsets stay valid."""
    out = []
    for ch in text:
        folded = unicodedata.normalize("NFKC", ch) if (ch.isdigit() or "\uff21" <= ch <= "\uff5a") else ch
        out.append(folded if len(folded) == 1 else ch)
    return "".join(_DASHES.get(c, c) for c in out)


def contact_spans(text: str) -> Iterator[Span]:
    """E-mail addresses, 12-digit numbers and phone numbers."""
    for pattern, label in ((EMAIL, "email"), (TWELVE_DIGITS, "number"), (PHONE, "phone")):
        for m in pattern.finditer(text):
            yield m.start(), m.end(), label


def address_spans(text: str) -> Iterator[Span]:
    """Street addresses below the 大字: 字 and lot numbers, 丁目 with a number after it, room numbers."""
    for pattern in (AZA, CHOME, LOT_NUMBER):
        for m in pattern.finditer(text):
            building = BUILDING.match(text, m.end())
            yield _town(m), building.end() if building else m.end(), "address"
    for m in ROOM.finditer(text):
        yield m.start(), m.end(), "address"


def number_spans(text: str) -> Iterator[Span]:
    """Account, insurance, licence and other personal numbers named as such."""
    for m in ID_NUMBER.finditer(text):
        yield m.start("number"), m.end("number"), "number"


def stated_age_spans(text: str) -> Iterator[Span]:
    """Ages said of a person (今年で82歳になります), not ages in a service's name (3歳児健診)."""
    for m in AGE_STATED.finditer(text):
        group = next(g for g in ("age", "age2", "age3") if m.group(g))
        yield m.start(group), m.end(group), "age"


def birth_date_spans(text: str) -> Iterator[Span]:
    """Dates with a year that are said to be a birth date (a collection day is not)."""
    for m in BIRTH_DATE.finditer(text):
        around = text[max(0, m.start() - 8) : m.end() + 6]
        if BIRTH_CUE.search(around):
            yield m.start(), m.end(), "birth_date"
