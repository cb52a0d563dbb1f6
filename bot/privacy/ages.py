"""Birth dates and ages said of a person, not the date ranges and age limits of a rule (pure regular expressions).

Runs on digit-folded text (`patterns.fold_digits`), like the other written shapes.
"""

from __future__ import annotations

import re
from typing import Iterator

from bot.privacy.patterns import Span

_ERA = r"(?:明治|大正|昭和|平成|令和|[MTSHRmtshr]\.?)"
_KANJI_NUMBER = r"[〇一二三四五六七八九十元]{1,4}"
BIRTH_DATE = re.compile(
    rf"(?:{_ERA}\s?(?:\d{{1,2}}|元)年\s?\d{{1,2}}月\s?\d{{1,2}}日|{_ERA}\d{{1,2}}[./]\d{{1,2}}[./]\d{{1,2}}"
    rf"|{_ERA}{_KANJI_NUMBER}年{_KANJI_NUMBER}月{_KANJI_NUMBER}日"
    rf"|(?:19|20)\d{{2}}[年/.-]\d{{1,2}}[月/.-]\d{{1,2}}日?)"
)
BIRTH_CUE = re.compile(
    r"生まれ|生年月日|誕生日|生[)）\s、。・,]|生$|生です|生の|産まれ|うまれ|せいねんがっぴ|たんじょうび"
)
# A birth year without the day, said of a person: 大正15年生まれ, (昭和25年生、73歳), 1990年生まれです.
BIRTH_YEAR = re.compile(
    rf"(?:{_ERA}\s?(?:\d{{1,2}}|{_KANJI_NUMBER})年|(?:19|20)\d{{2}}年)"
    r"(?=\s?(?:生まれ|産まれ|うまれ|生[)）\s、。・,]|生$|生です|生の))"
)
# The ends of a range, not one person's date or age: 昭和22年4月2日以降に生まれた人, 平成30年4月2日から,
# 65歳以上の方, 75歳までの, 20歳未満. After a birth word as well: 昭和30年生まれ以降, 平成元年生まれの方.
RANGE_AFTER = re.compile(
    r"\s?(?:(?:生まれ|生)(?:の)?)?\s?"
    r"(?:以降|以前|以後|以上|以下|未満|から|まで|より|を超え|超|〜|～|~|の方|の人(?!間)|のかた|のひと|の皆|児)"
)
RANGE_BEFORE = re.compile(r"(?:から|より|〜|～|~|-)\s?$")
# A rule's age: 支給開始年齢は65歳ですか, 定年は60歳, 対象は70歳.
RULE_BEFORE = re.compile(r"(?:[\u4e00-\u9fff]年齢|定年|対象|上限|下限)(?:は|が|も|:|：)?\s?$")
_AGE_NUMBER = r"(?:\d{1,3}|[一二三四五六七八九十百]{1,4})"
AGE = re.compile(rf"{_AGE_NUMBER}(?:歳|才)")
_STATED_NUMBER = r"(?:\d{2,3}|[一二三四五六七八九十百]{2,4})(?:歳|才)"
# An age said of oneself or a person: 今年で82歳になります, (七十歳くらい), 祖母の年齢は92です, 年齢：42
# (年齢 after a kanji is a rule's age: 支給開始年齢は65歳, 対象年齢).
AGE_STATED = re.compile(
    rf"(?:今年で|(?<![\u4e00-\u9fff])年齢(?:は|が|:|：|\s)?|現在|私は|わたしは|父は|母は|[（(])\s?(?P<age>{_STATED_NUMBER})"
    rf"|(?<![\u4e00-\u9fff])年齢\s?(?:は|が|:|：|\s)\s?(?P<bare>\d{{1,3}})(?![\d歳才])"
    rf"|(?P<age2>{_STATED_NUMBER})(?=になります|になる|になりました|くらい|位|です|の[父母祖])"
    # 七十九歳、ひとり暮らしです: an age opening a sentence, then a comma or です (not 75歳以上の人)
    rf"|(?:^|(?<=[。！？!?\n]))\s?(?P<age3>{_STATED_NUMBER})(?=[、,]|です|で、)"
)
# Family words after which an age or a bare number in brackets is that person's: 長女6歳, 夫（48）, 私（45）.
FAMILY_WORDS = (
    "娘|息子|孫|長男|長女|次男|次女|三男|三女|母|父|妻|夫|祖母|祖父|主人|家内|嫁|姉|兄|弟|妹|甥|姪|"
    "叔母|伯母|叔父|伯父|義母|義父|子|子ども|子供|双子|本人|私|わたし|自分"
)
FAMILY_AGE = re.compile(
    rf"(?<![\u4e00-\u9fff])(?:{FAMILY_WORDS})\s?(?:[（(]\s?(?P<bracket>\d{{1,3}})(?:歳|才)?\s?[)）]"
    rf"|(?:は|が|:|：|、)?\s?(?P<age>{_AGE_NUMBER}(?:歳|才)))"
)
# A bare number in brackets right after a name: 山田ヨシ（84）.
BRACKET_AGE = re.compile(r"\s?[（(]\s?(?P<age>\d{1,3})\s?[)）]")


def is_range(text: str, start: int, end: int) -> bool:
    """The date or age at text[start:end] is one end of a range or a limit (以降, から, 以上, 〜, 支給開始年齢は)."""
    before = text[max(0, start - 6) : start]
    return bool(RANGE_AFTER.match(text, end) or RANGE_BEFORE.search(before[-3:]) or RULE_BEFORE.search(before))


def birth_date_spans(text: str) -> Iterator[Span]:
    """Dates with a year that are said to be a birth date (a collection day, a range's end is not)."""
    for m in BIRTH_DATE.finditer(text):
        around = text[max(0, m.start() - 8) : m.end() + 6]
        if BIRTH_CUE.search(around) and not is_range(text, m.start(), m.end()):
            yield m.start(), m.end(), "birth_date"
    for m in BIRTH_YEAR.finditer(text):
        if not is_range(text, m.start(), m.end()):
            yield m.start(), m.end(), "birth_date"


def stated_age_spans(text: str) -> Iterator[Span]:
    """Ages said of a person (今年で82歳になります, 長女6歳, 夫（48）), not of a rule (3歳児健診, 65歳以上)."""
    for m in AGE_STATED.finditer(text):
        group = next(g for g in ("age", "bare", "age2", "age3") if m.group(g))
        if not is_range(text, m.start(group), m.end(group)):
            yield m.start(group), m.end(group), "age"
    for m in FAMILY_AGE.finditer(text):
        group = "bracket" if m.group("bracket") else "age"
        if not is_range(text, m.start(group), m.end(group)):
            yield m.start(group), m.end(group), "age"


def ages_after(text: str, end: int) -> Iterator[Span]:
    """A bare number in brackets right after a name that ends at `end` (山田ヨシ（84）)."""
    m = BRACKET_AGE.match(text, end)
    if m:
        yield m.start("age"), m.end("age"), "age"
