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
    rf"(?:{_ERA}\s?(?:\d{{1,2}}|{_KANJI_NUMBER})年|(?:19|20)\d{{2}}年)(?:\d{{1,2}}月)?"
    r"(?=\s?(?:生まれ|産まれ|うまれ|生[)）\s、。・,]|生$|生です|生の))"
)
# A message about a birth date: a full date closing its sentence there is that date (正しくは平成3年7月19日です).
BIRTH_WORD = re.compile(r"生年月日|誕生日|せいねんがっぴ")
# A day-first date after a birth word in English or Vietnamese: sinh ngày 12/03/1995, born 03/12/1995, DOB: ….
LATIN_BIRTH_DATE = re.compile(
    r"(?i:sinh ngày|ngày sinh|born(?: on)?|date of birth|DOB|D\.O\.B\.|birthday)\s?[:：]?\s?"
    r"(?P<date>\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d{2})(?!\d)"
)
# A dotted date of a past era (S12.5.3, H27.4.2) is how forms write a birth date; an event's date is R6.9.22.
# (Not a date the sentence says something happened on: H30.4.1施行, H28.10.1現在.)
PAST_ERA_DOTTED = re.compile(
    r"(?<![A-Za-z\d])[MTSHmtsh]\.?\d{1,2}\.\d{1,2}\.\d{1,2}(?![\d.])"
    r"(?!\s?(?:施行|公布|制定|告示|改正|開始|現在|時点|付|締切|〆切|受付|開催|実施|発行|交付|更新|予定|頃|に|の(?:改正|施行)))"
)
# A date after a family word, closing what is said of them, is that person's birth date: 父は1939/12/25です.
DATE_CLOSES = re.compile(r"\s?(?:です|[、。)）]|$)")
# A date right after a name is that person's: 長女ひまり（R3.6.5）, 星一郎、H16.1.21、 (see `dates_after`).
NAME_DATE_GAP = re.compile(r"[（(、,\s]{1,2}")
# The ends of a range, not one person's date or age: 昭和22年4月2日以降に生まれた人, 平成30年4月2日から,
# 65歳以上の方, 75歳までの, 20歳未満. After a birth word as well: 昭和30年生まれ以降, 平成元年生まれの方.
RANGE_AFTER = re.compile(
    r"\s?(?:(?:生まれ|生)(?:の)?)?\s?"
    r"(?:以降|以前|以後|以上|以下|未満|から|まで|より|を超え|超|〜|～|~|の方|の人(?!間)|のかた|のひと|の皆|児"
    # a rule's age: 75歳になると切り替わる, 100歳になる方には (not 主人が75になったら, 80歳になるのですが)
    r"|になると|になる(?:方|人|かた|ひと|年|月|年度|まで)"
    # 満70歳になった月の翌月から, 満6歳になった後の最初の4月 (not 80歳になった母)
    r"|になった(?:月|日|年|後|あと|翌|次|とき|時|最初|以降))"
)
RANGE_BEFORE = re.compile(r"(?:から|より|〜|～|~|-)\s?$")
# A rule's age: 支給開始年齢は65歳ですか, 定年は60歳, 対象は70歳.
RULE_BEFORE = re.compile(r"(?:[\u4e00-\u9fff]年齢|定年|対象|上限|下限)(?:は|が|も|:|：)?\s?$")
_AGE_NUMBER = r"(?:\d{1,3}|[一二三四五六七八九十百]{1,4})"
# Ages said in kana: はちじゅうきゅう, きゅうじゅうご (a tens or hundreds word is needed: に, さん alone are words).
KANA_NUMBER = (
    r"(?:(?:いち|に|さん|よん|ご|ろく|なな|しち|はち|きゅう)?(?:じゅう|ひゃく)"
    r"(?:いち|に|さん|よん|ご|ろく|なな|しち|はち|きゅう|く)?(?:さい)?)"
)
_AGE_UNIT = r"(?:歳|才|さい(?![ん])|か月|ヶ月|カ月|ケ月)"
AGE = re.compile(rf"満?{_AGE_NUMBER}{_AGE_UNIT}")
_STATED_NUMBER = r"満?(?:\d{2,3}|[一二三四五六七八九十百]{2,4})(?:歳|才|さい(?![ん]))"
# A bare age in kanji numerals (七十九, 九十五, 百): with a tens or hundreds word.
_KANJI_AGE = r"(?:[一二三四五六七八九]?十[一二三四五六七八九]?|百)"
# An age without 歳 said of oneself: 今年で七十九になった, 今年78になります, 九十五でまだ畑やってる.
_BARE_AGE = rf"(?:\d{{2,3}}|{_KANJI_AGE})"
_BARE_END = r"(?=\s?(?:に(?:な|成)|です|でがす|だす|だ(?![けっ])|で[、まも]|を(?:過ぎ|超え)|[、,。）)]|\s|$))"
# An age said of oneself or a person: 今年で82歳になります, (七十歳くらい), 祖母の年齢は92です, 年齢：42
# (年齢 after a kanji is a rule's age: 支給開始年齢は65歳, 対象年齢).
AGE_STATED = re.compile(
    rf"(?:今年で|(?<![\u4e00-\u9fff])年齢(?:は|が|:|：|\s)?|現在|私は|わたしは|父は|母は|[（(])\s?(?P<age>{_STATED_NUMBER})"
    rf"|(?<![\u4e00-\u9fff])年齢\s?(?:は|が|:|：|\s)\s?(?P<bare>\d{{1,3}})(?![\d歳才])"
    rf"|今年(?:で)?\s?(?P<year>満?{_BARE_AGE}(?:歳|才|さい)?|{KANA_NUMBER}){_BARE_END}"
    rf"|(?:^|(?<=[。！？!?\n、\s]))(?P<kanji>{_KANJI_AGE})(?=で[、まも]|に(?:な|成)|です|だ(?![けっ]))"
    rf"|(?:^|(?<=[。！？!?\n、\s]))(?P<kana>{KANA_NUMBER})(?=です|だ(?![けっ])|[、。])"
    rf"|(?P<age2>{_STATED_NUMBER})(?=になります|になる|になりました|になった(?!ら)|くらい|位|です|の[父母祖])"
    # 七十九歳、ひとり暮らしです: an age opening a sentence, then a comma or です (not 75歳以上の人)
    rf"|(?:^|(?<=[。！？!?\n]))\s?(?P<age3>{_STATED_NUMBER})(?=[、,]|です|で、)"
    # 年は92だ (not 今年は, 学年は): a person's years said bare
    rf"|(?<![\u4e00-\u9fff])年は\s?(?P<nen>{_BARE_AGE}){_BARE_END}"
    # 満96歳でまだ畑やってる: 満 is said of a person's age (not 満18歳に達する, 満3歳児: a rule's)
    rf"|(?P<man>満(?:\d{{1,3}}|{_KANJI_AGE})(?:歳|才))(?!\s?(?:に達|児|到達))"
    # a small child's age in つ, said of the child: 孫、3つになった, 孫は二つになります (not ごみ袋が3つになったら)
    r"|(?<=[、,は])\s?(?P<tsu>(?:[1-9]|[一二三四五六七八九])つ)(?=になっ(?!たら)|になり|になる(?![とな]))"
    rf"|(?:享年|行年)\s?(?P<kyonen>\d{{1,3}}|{_KANJI_AGE}|百[一二三四五六七八九十]{{0,3}})"
)
# Family words after which an age or a bare number in brackets is that person's: 長女6歳, 夫（48）, 私（45）.
FAMILY_WORDS = (
    "娘|息子|孫|長男|長女|次男|次女|三男|三女|母|父|妻|夫|祖母|祖父|主人|家内|嫁|姉|兄|弟|妹|甥|姪|"
    "叔母|伯母|叔父|伯父|義母|義父|子|子ども|子供|双子|本人|私|わたし|自分|むすこ|むすめ|まご"
)
FAMILY_BEFORE = re.compile(
    r"(?<![\u4e00-\u9fff])(?:母|父|妻|夫|祖母|祖父|主人|姉|兄|弟|妹|娘|息子|長男|長女|次男|次女)(?:は|が|:|：)\s?$"
)
FAMILY_AGE = re.compile(
    rf"(?<![\u4e00-\u9fff])(?:{FAMILY_WORDS})\s?(?:[（(]\s?(?P<bracket>\d{{1,3}}|{_KANJI_AGE})(?:歳|才)?\s?[)）]"
    rf"|(?:は|が|:|：|、)?\s?(?P<age>{_AGE_NUMBER}{_AGE_UNIT})"
    # 母91 転んで, 主人が75になったら, 父は八十八です
    rf"|(?:は|が|:|：)?\s?(?P<bare>{_BARE_AGE})(?=\s|に(?:な|成)|です|でがす|だす|だ(?![けっ])|[、。]))"
)
# An age right after a name, with or without 歳: 山田ヨシ（84）, 星さん（90）, 父は星一郎、86です, [氏名]、52、,
# I'm Ken, 34, 父（星一郎、八十八）, お二人とも90を過ぎて, 娘の葵（10か月）; after a birth date: （…生まれ、95）.
AFTER_NAME_AGE = re.compile(
    r"(?:さん|様|さま|くん|君|ちゃん|氏)?(?:ご夫婦|夫妻|夫婦)?(?:生まれ|生)?"
    # …は84でがす, （[氏名]・85）, ミキは今3歳, （小2・8歳）: は, a dot, a school year before the age
    r"\s?(?:[（(]|[、,・]|\s|は(?:今|今年|現在)?)\s?(?:お二人とも|二人とも|ともに|共に)?\s?"
    r"(?:[小中高]\s?\d(?:年生?)?[・、,\s]\s?)?"
    rf"(?P<age>満?(?:\d{{1,3}}|{_KANJI_AGE}|{KANA_NUMBER}){_AGE_UNIT}?){_BARE_END}"
)


def is_range(text: str, start: int, end: int) -> bool:
    """The date or age at text[start:end] is one end of a range or a limit (以降, から, 以上, 〜, 支給開始年齢は)."""
    before = text[max(0, start - 6) : start]
    return bool(RANGE_AFTER.match(text, end) or RANGE_BEFORE.search(before[-3:]) or RULE_BEFORE.search(before))


def birth_date_spans(text: str) -> Iterator[Span]:
    """Dates with a year that are said to be a birth date (a collection day, a range's end is not)."""
    birth_message = BIRTH_WORD.search(text)
    for m in BIRTH_DATE.finditer(text):
        around = text[max(0, m.start() - 8) : m.end() + 6]
        closes = DATE_CLOSES.match(text, m.end())
        family = FAMILY_BEFORE.search(text[max(0, m.start() - 4) : m.start()]) and closes
        family = family or (birth_message and closes)  # 生年月日を間違えました。正しくは平成3年7月19日です
        dotted = PAST_ERA_DOTTED.match(text, m.start())  # in its sentence: not H30.4.1施行
        if (BIRTH_CUE.search(around) or family or dotted) and not is_range(text, m.start(), m.end()):
            yield m.start(), m.end(), "birth_date"
    for m in PAST_ERA_DOTTED.finditer(text):
        if not BIRTH_DATE.fullmatch(m.group()) and not is_range(text, m.start(), m.end()):
            yield m.start(), m.end(), "birth_date"
    for m in BIRTH_YEAR.finditer(text):
        if not is_range(text, m.start(), m.end()):
            yield m.start(), m.end(), "birth_date"
    for m in LATIN_BIRTH_DATE.finditer(text):
        yield m.start("date"), m.end("date"), "birth_date"


def stated_age_spans(text: str) -> Iterator[Span]:
    """Ages said of a person (今年で82歳になります, 長女6歳, 夫（48）), not of a rule (3歳児健診, 65歳以上)."""
    for m in AGE_STATED.finditer(text):
        groups = ("age", "bare", "year", "kanji", "kana", "age2", "age3", "nen", "man", "tsu", "kyonen")
        group = next(g for g in groups if m.group(g))
        if not is_range(text, m.start(group), m.end(group)):
            yield m.start(group), m.end(group), "age"
    for m in FAMILY_AGE.finditer(text):
        group = next(g for g in ("bracket", "age", "bare") if m.group(g))
        if not is_range(text, m.start(group), m.end(group)):
            yield m.start(group), m.end(group), "age"


def ages_after(text: str, end: int) -> Iterator[Span]:
    """An age, 歳 or not, right after a name or a birth date that ends at `end` (山田ヨシ（84）, 星さん、86です)."""
    m = AFTER_NAME_AGE.match(text, end)
    if m:
        yield m.start("age"), m.end("age"), "age"


# The next age of a list: 子どもは12歳と9歳です, 8歳・5歳.
AGE_LISTED = re.compile(rf"\s?(?:と|、|・|,)\s?(?P<age>満?{_AGE_NUMBER}(?:歳|才|さい(?![ん])))")


def listed_ages(text: str, end: int) -> Iterator[Span]:
    """The ages listed after an age that ends at `end` (…12歳と9歳, 8歳・5歳), each in turn."""
    m = AGE_LISTED.match(text, end)
    while m and not is_range(text, m.start("age"), m.end("age")):
        yield m.start("age"), m.end("age"), "age"
        m = AGE_LISTED.match(text, m.end())


# A year alone in brackets right after a name is the year that person was born: 父の星一郎（昭和18年）.
YEAR_IN_BRACKET = re.compile(
    rf"(?<=[（(])(?:{_ERA}\s?(?:\d{{1,2}}|元|{_KANJI_NUMBER})年|(?:19|20)\d{{2}}年)(?=\s?[)）])"
)


def dates_after(text: str, end: int) -> Iterator[Span]:
    """A date right after a name that ends at `end`: 長女ひまり（R3.6.5）, 星一郎、H16.1.21、."""
    gap = NAME_DATE_GAP.match(text, end)
    at = gap.end() if gap else end
    m = BIRTH_DATE.match(text, at) or BIRTH_YEAR.match(text, at) or (gap and YEAR_IN_BRACKET.match(text, at))
    if m and (gap or at == end) and not is_range(text, m.start(), m.end()):
        yield m.start(), m.end(), "birth_date"
