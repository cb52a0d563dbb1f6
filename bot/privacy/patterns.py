"""Personal data that has a written shape: contact details, personal numbers, street addresses (pure).

Every pattern runs on text whose digits and dashes are width-folded one character for one
character (`fold_digits`), so positions in the folded text are positions in the text as typed.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterator, Optional, Tuple

Span = Tuple[int, int, str]  # start, end, label

# ASCII only: a Japanese word written onto the address (母の連絡先はren@…) is not part of it.
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
TWELVE_DIGITS = re.compile(r"(?<!\d)\d{4}[ -]?\d{4}[ -]?\d{4}(?!\d)")
# A driving licence's 12 digits as the card groups them: 22 19 045677 12 (not a phone, whatever its middle looks like).
LICENCE_DIGITS = re.compile(r"(?<!\d)\d{2}[ -]\d{2}[ -]\d{6}[ -]\d{2}(?!\d)")
# 0242-39-1111, 090 1234 5678, +81-90-6623-1847 (from abroad)
PHONE = re.compile(
    r"(?<![\d-])(?:"
    + r"\+81[- ]?\d{1,4}[- ]?\d{1,4}[- ]?\d{3,4}|"
    + r"0\d{1,4}[-(（ ]?\d{1,4}[-)） ]?\d{3,4}|0[5789]0[- ]?\d{4}[- ]?\d{4})(?!\d)"
)

_KANA_DASH = re.compile(r"(?<=\d)[ーｰ](?=\d)")
_DASHES = {"\uff0d": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-", "\u2013": "-"}
_KANJI = r"[\u4e00-\u9fffヶケヵ々〆ノツ]"  # place names: 上ノ台, 宮ノ下, 八ヶ森, 三ツ和
_NUMBER = r"\d+"
# Kanji numerals in addresses written out: 中央二丁目4番15号, 扇町一番二十三号, 西年貢一丁目八番一号.
_KANJI_NUMERAL = r"[〇一二三四五六七八九十百千]{1,5}"
_ANY_NUMBER = rf"(?:\d+|{_KANJI_NUMERAL})"
# 番地 forms after the place: 7244-2, 123番地, 12番地の3, 3番5号, 4-5-6
_LOT_START = rf"(?:{_KANJI_NUMERAL}(?=番地)|{_NUMBER})"  # 五百二十三番地
_LOT = rf"{_LOT_START}(?:番地(?:の{_NUMBER})?|番(?:{_NUMBER}号?)?|号|(?:-{_NUMBER}){{1,3}}|(?:の{_NUMBER}){{1,2}})?"
# 字御清水東7244-2, 大字八幡字門田12番地の3, with the place names before it (cut where the
# municipality's name ends, see `_town`); a 大字 alone, without a lot number, is not masked
AZA = re.compile(rf"(?P<town>{_KANJI}{{0,12}}?)(?:大字{_KANJI}{{1,8}}?)?字{_KANJI}{{1,10}}?{_LOT}")
# 栄町3丁目4-5, みやまち2ちょうめ23の9, 中央二丁目4番15号 (a 丁目 with nothing after it, as in 3丁目の郵便局,
# is a landmark)
CHOME = re.compile(
    rf"(?P<town>{_KANJI}{{0,8}}?|[ぁ-ん]{{0,8}}?){_ANY_NUMBER}(?:丁目|ちょうめ)"
    rf"(?:{_ANY_NUMBER}(?:番地?|-|の)?(?:{_ANY_NUMBER}号?)?)"
)
# 扇町一番二十三号, 本町三番地の五: a lot in kanji numerals needs both numbers (一番近い, 一番地味 are words)
KANJI_LOT = re.compile(
    rf"(?P<town>{_KANJI}{{0,8}}?)(?<![〇一二三四五六七八九十百千]){_KANJI_NUMERAL}"
    rf"(?:番{_ANY_NUMBER}号|番地の{_ANY_NUMBER})"
)
# 追手町六番, 本町三番地: a 町 and one lot in kanji numerals that closes the address (not 一番近い).
TOWN_LOT = re.compile(
    rf"(?P<town>{_KANJI}{{0,8}}?町)(?<![〇一二三四五六七八九十百千]){_KANJI_NUMERAL}番地?(?=[、。,\s]|です|$)"
)
# Addresses in rōmaji: 2-8-15 Saiwaimachi, Yahata 2-14, Ikkimachi, Aza Shimomiyake 6240 (the city's name stays).
_ROMAN_PLACE = r"[A-Z][a-z]+-?(?:machi|cho|mura|chome)"
# The building and room after a rōmaji address: , Apt 201 / Room 3 / #105.
_ROMAN_ROOM = r"(?:,?\s(?:Apt|Apartment|Room|Rm|Unit|#)\.?\s?\d{1,4})?"
LATIN_ADDRESS = re.compile(
    r"(?<![A-Za-z])(?:(?:O-?aza|Aza)\s[A-Z][a-z]+(?:\s[A-Z][a-z]+)?\s\d{1,5}(?:-\d{1,4}){0,2}"
    rf"|[A-Z][a-z]+\s\d{{1,5}}(?:-\d{{1,4}}){{1,2}},?\s{_ROMAN_PLACE}"
    rf"|{_ROMAN_PLACE}(?:\s[A-Z][a-z]+)?\s\d{{1,5}}(?:-\d{{1,4}}){{0,2}}{_ROMAN_ROOM}"
    rf"|\d{{1,5}}(?:-\d{{1,4}}){{1,2}},?\s{_ROMAN_PLACE})(?![A-Za-z\d])"
)
# 本町3-14, 駅前町5-1-21 メゾン-105, 123番地の4 (a hyphenated number followed by a unit, 2-3日, or a road's
# number, 市道1-23号線, is not)
LOT_NUMBER = re.compile(
    rf"(?P<town>{_KANJI}{{0,8}}?)(?:(?<![\d-]){_NUMBER}番地(?:の{_NUMBER})?"
    rf"|(?<![\d-])\d{{1,5}}(?:-\d{{1,4}}){{1,2}}(?![\d-]|[日年月時分歳人回円個本件%％]|号線|線))"
)
# 〒965-8601, 郵便番号は965-0000: a postcode names a district or an office, not a home.
POSTCODE = re.compile(r"(?:〒|郵便番号)\s?(?:は|:|：)?\s?\d{3}-?\d{4}(?!\d)")
# A road's own number: 市道1-23, 町道12号.
ROAD = re.compile(r"(?:国道|県道|市道|町道|村道|農道|林道)$")
# The building and room after a street address: パレス大町 203, コーポ桜302号室, ﾊｲﾂ大町105,
# サンハイツ西栄 B棟 102号, 定住促進住宅5号, -302. It starts with katakana or a Latin letter, or is
# kanji ending in a building word, and it always ends in a room number (から徒歩5分 is not a building).
_BUILDING_WORD = r"(?:住宅|団地|荘|寮|ビル|館|アパート|マンション|ハイツ|コーポ)"
BUILDING = re.compile(
    rf"[ 　]?(?:(?:[ァ-ヶｦ-ﾟー・A-Za-z][ァ-ヶｦ-ﾟー・A-Za-z\u4e00-\u9fff]{{1,15}}?|{_KANJI}{{1,8}}{_BUILDING_WORD}))"
    r"(?:[ 　]?[A-Z]棟)?[ 　-]?\d{1,4}(?:号室|号棟|号|(?:F|階)(?:-?[A-Za-z\d]{1,3}(?![A-Za-z\d]))?)?(?![\d-])"
)
# A building named with its room, wherever it stands: …、ハイツ門田101号室 (a room number alone is ROOM's).
BUILDING_ROOM = re.compile(
    rf"(?:[ァ-ヶｦ-ﾟー]{{2,12}}|{_KANJI}{{1,8}}{_BUILDING_WORD}){_KANJI}{{0,4}}[ 　]?(?:[A-Z]棟[ 　]?)?\d{{1,4}}号室"
)
ROOM = re.compile(rf"{_NUMBER}号室")
# An address written in kana, as a child or a kana-only keyboard writes it: てらまち4567ばんち, さかえまち2ばんち の3.
KANA_LOT = re.compile(
    r"[ぁ-ん]{2,10}?\d{1,5}(?:ばんち(?:の?\d{1,4})?|ばん\d{1,4}(?:ごう)?)"
    r"|[ぁ-ん]{1,8}(?:まち|ちょう|むら)[ 　]?\d{1,4}(?:の\d{1,4}){1,2}(?!\d)"  # さかえまち 3の12
)
# A district and a bare lot number right after the municipality's name, closing the address: 会津美里町本郷上甲3203
# (not 市役所2階, 町長選挙2023で).
DISTRICT_LOT = re.compile(
    rf"(?P<town>{_KANJI}{{2,20}}?)(?<!役所)(?<!役場)(?<!支所)(?<!駅)\d{{2,5}}"
    r"(?=[ 　、。,)）]|$|に(?:住|す)|です|の(?:家|自宅|アパート|者))"
)
# A number named as a person's: after the kind of number (口座番号, 保険証の番号 …) four characters are
# enough (被保険者番号：12345); after a bare 番号 or an account kind six are needed. Not 電話番号, FAX番号
# or 郵便番号 (a phone number or postcode, with its own rules).
_STRONG_CUE = (
    r"口座番号|こうざばんごう|保険証番号|保険証の番号|被保険者番号|記号番号|免許証番号|免許証の番号|マイナンバー|個人番号|"
    r"受給者番号|会員番号|住民票コード|年金番号|基礎年金番号|証番号"
)
_WEAK_CUE = (
    r"口座|こうざ|預金|貯金|ゆうちょ|銀行|信金|信用金庫|農協|コード|ばんごう|普通|当座"
    # a form's or a procedure's number is public (手続き番号 of an online application), a phone's has its own rules
    r"|(?<!電話)(?<!郵便)(?<!FAX)(?<!手続き)(?<!手続)(?<!様式)(?<!法令)番号"
)
_NUMBER_GAP = r"[はが:：、\s]*(?:[^\d。、\s]{0,8}?[:：\s]?)?"
# A handbook's or certificate's number, with its brackets and 第…号: 身体障害者手帳（第104826号）, 療育手帳（A-0932）.
CERTIFICATE = re.compile(
    r"(?:手帳|受給者証|証明書|認定証|許可証|免許証|保険証|資格証|確認書|[^\s、。]証)(?:の番号|番号)?(?:は|:|：)?\s?[（(]?\s?"
    r"第?(?P<number>[A-Za-z]{0,2}-?\d[\d-]{2,})(?![\d年月日円枚冊件歳回時分人])号?"
)
# The 記号 and 番号 of a passbook or an insurance card: ゆうちょ 記号18250 番号12345678, 記号203、番号5561.
SYMBOL_NUMBER = re.compile(
    r"記号\s?(?:は|:|：)?\s?(?P<symbol>\d{2,})(?:[、,\s]*(?:の)?番号\s?(?:は|:|：)?\s?(?P<number>\d{2,}))?"
)
ID_NUMBER = re.compile(
    rf"(?:{_STRONG_CUE}){_NUMBER_GAP}(?P<strong>[\dA-Za-z][\dA-Za-z-]{{3,}})"
    rf"|(?:{_WEAK_CUE}){_NUMBER_GAP}(?P<number>[\dA-Za-z][\dA-Za-z-]{{5,}})"
)
# Where a municipality's name ends inside a run of kanji before an address (会津若松市栄町 -> 栄町).
# 町 and 村 end a municipality's name only in the names of the region's towns and villages: district names
# hold them too (喜多方市松山町村松 keeps 喜多方市 and masks 松山町村松).
_MUNICIPALITY_END = re.compile(
    r".*(?:[市郡県]|会津坂下町|会津美里町|西会津町|猪苗代町|磐梯町|柳津町|三島町|金山町|北塩原村|湯川村|昭和村"
    r"|下郷町|只見町|南会津町|檜枝岐村)"
)


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
    # A long-vowel mark between digits is a dash typed with the kana keyboard: 080ー6621ー4098.
    return _KANA_DASH.sub("-", "".join(_DASHES.get(c, c) for c in out))


def contact_spans(text: str) -> Iterator[Span]:
    """E-mail addresses, 12-digit numbers and phone numbers."""
    for pattern, label in ((EMAIL, "email"), (TWELVE_DIGITS, "number"), (LICENCE_DIGITS, "number"), (PHONE, "phone")):
        for m in pattern.finditer(text):
            yield m.start(), m.end(), label


def address_spans(text: str, landmark: Optional[re.Pattern[str]] = None) -> Iterator[Span]:
    """Street addresses below the 大字: 字 and lot numbers, 丁目 with a number after it, room numbers.

    Not a postcode or a road's number, nor an address that `landmark` says is a public place's
    (1丁目1番地の公園: `landmark` matches the words after it).
    """
    postcodes = [m.span() for m in POSTCODE.finditer(text)]
    for pattern in (AZA, CHOME, KANJI_LOT, TOWN_LOT, LOT_NUMBER):
        for m in pattern.finditer(text):
            start = _town(m)
            if any(s <= start < e for s, e in postcodes) or ROAD.search(text[: m.end("town")]):
                continue
            if landmark is not None and landmark.match(text, m.end()):
                continue
            building = BUILDING.match(text, m.end())
            yield start, building.end() if building else m.end(), "address"
    for m in DISTRICT_LOT.finditer(text):
        start = _town(m)
        if start - m.start() >= 2 and m.start("town") + len(m.group("town")) - start >= 2:
            yield start, m.end(), "address"
    for pattern in (ROOM, BUILDING_ROOM, KANA_LOT):
        for m in pattern.finditer(text):
            yield m.start(), m.end(), "address"
    for m in LATIN_ADDRESS.finditer(text):
        yield m.start(), m.end(), "address"


def number_spans(text: str) -> Iterator[Span]:
    """Account, insurance, licence and other personal numbers named as such."""
    found = {m.span("strong" if m.group("strong") else "number") for m in ID_NUMBER.finditer(text)}
    found |= {m.span("number") for m in CERTIFICATE.finditer(text)}
    found |= {m.span(g) for m in SYMBOL_NUMBER.finditer(text) for g in ("symbol", "number") if m.group(g)}
    for start, end in sorted(found):
        yield start, end, "number"
