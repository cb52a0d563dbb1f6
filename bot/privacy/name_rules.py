"""The cues that mark a person's name in a tokenized message (pure: tokens and text in, spans out).

A token is (start, end, surface, Sudachi tag, unknown): `unknown` is true for a word that is not in
the dictionary (ヤベ, ミヤモリトシ), which is how a katakana name differs from ヘルパー or ベビーカー.
"""

from __future__ import annotations

import re
from typing import Iterator, List, Optional, Tuple

from bot.privacy.lexicon import NameWords
from bot.privacy.patterns import Span

Token = Tuple[int, int, str, str, bool]
NAME_TAG = "名詞-固有名詞-人名"
PROPER = "名詞-固有名詞"
HONORIFICS = ("さん", "様", "さま", "サマ", "君", "くん", "ちゃん", "氏", "殿", "先生")
# Honorifics said to children, where a given name that is also a word (葵, 樹) is meant.
CHILD_HONORIFICS = ("君", "くん", "ちゃん")
# Words before an honorific that are not names (お隣さん, 大家さん, 職員さん …): common nouns.
COMMON = _COMMON = "名詞-普通名詞"
_KATAKANA = r"[ァ-ヶｦ-ﾟー]"
# 〜と申します / 〜といいます / 〜と言います (after 名前は, 氏名は, 私は)
_NAME_CHARS = r"[^\s、。,.!?！？「」()（）0-9０-９のをにでがへや]"
INTRODUCTION = re.compile(
    r"(?:(?:名前|なまえ|氏名|わたし|私|僕|ぼく|俺|おれ)(?:は|が)\s*)?"
    rf"(?P<name>{_NAME_CHARS}{{2,10}}?(?:[ 　]{_NAME_CHARS}{{1,10}})?|(?<![\u4e00-\u9fff])[\u4e00-\u9fff](?<!者))\s*"
    r"(?:と申します|ともうします|と申しま|といいます|と言います|って言います|っていいます)"
)
# After a word that announces a name (名前は, 口座名義, 世帯主 …) any characters but punctuation make
# the name: hiragana names hold particles' letters (みながわ, みやもりつよし).
_ANNOUNCED_CHARS = r"[^\s、。,.!?！？「」『』()（）\d:：…・]"
NAMED_AS = re.compile(
    r"(?:名前|なまえ|氏名|名義人|名義|登録名|児童名|申請者|世帯主|筆頭者|利用者|宛名|差出人|旧姓|(?<![\u4e00-\u9fff])姓|苗字|名字"
    r"|故人|喪主|届出人|契約者)"
    r"(?:(?:は|が)、?|[:：]|…+|・・・|[ 　]|(?=[ァ-ヶｦ-ﾟ]))\s*"
    rf"(?P<name>(?:{_ANNOUNCED_CHARS}{{1,10}}?[ 　]{_ANNOUNCED_CHARS}{{1,8}}?|{_ANNOUNCED_CHARS}{{2,10}}?)"
    rf"(?:[ 　][A-Za-z]{{1,12}})?)\s*"
    r"(?=です|だす|でございます|で(?:お願い|登録|予約|申し込|いい|良い|よろし|大丈夫)|と申し|といい|と言い|[。、,，\s（(]|$)"
)
# Lower-case Latin words and identifiers are words, not names (GiNZA tags "scope" as a person); capitalised
# Latin names are LATIN_NAME's.
CODE_WORD = re.compile(r"[a-z0-9_.\-]+")
# Question words where a name would stand: 名前は何ですか, お名前はどなたですか.
QUESTION_WORD = re.compile(r"(?:何|なに|なん|誰|だれ|どなた|どちら(?:様|さま))(?:です|でしょう)?か?")
# What follows 名前は when no name does: 名前が変わりました, 名前は伏せてください.
NOT_A_NAME = re.compile(r"(?:ます|ました|ません|ない|たい|ください|下さい|って|した|して)$")
_ROMAN_PART = r"(?:[A-Z][a-z]{1,15}|[A-Z]{2,15})"
LATIN_NAME = re.compile(rf"(?<![A-Za-z]){_ROMAN_PART}(?: {_ROMAN_PART}){{1,2}}(?![A-Za-z])")
# Two capitals are an abbreviation, not a name part (JR East, NHK BS).
ABBREVIATION = re.compile(r"[A-Z]{2}")
# English words that open a sentence or a title, capitalised but no name (Where Can, My Number, Health Center).
ENGLISH_WORDS = frozenset(
    {
        "The",
        "My",
        "Your",
        "Our",
        "His",
        "Her",
        "Their",
        "This",
        "That",
        "Where",
        "What",
        "When",
        "Why",
        "How",
        "Who",
        "Which",
        "Can",
        "Could",
        "Would",
        "Should",
        "Do",
        "Does",
        "Did",
        "Is",
        "Are",
        "Was",
        "Were",
        "Hi",
        "Hello",
        "Dear",
        "Thank",
        "Thanks",
        "Please",
        "Sorry",
        "Excuse",
        "Good",
        "Morning",
        "Yes",
        "No",
        "Not",
        "And",
        "Or",
        "City",
        "Town",
        "Village",
        "Office",
        "Center",
        "Centre",
        "Card",
        "Number",
        "Health",
        "Insurance",
        "National",
        "Pension",
        "Tax",
        "Welfare",
        "Station",
        "School",
        "University",
        "Hospital",
        "Library",
        "Museum",
        "Castle",
        "Street",
        "Road",
        "Bus",
        "Line",
        "Form",
        "English",
        "Japanese",
    }
)
# Capitalised words after an article are a title or a thing, not a person (the Hazard Map).
ARTICLE_BEFORE = re.compile(r"(?<![A-Za-z])(?:the|a|an|The|A|An)\s$")
# One given name after a family word in English: my son Kenta (7), our daughter Mia.
LATIN_KIN = re.compile(
    r"(?<![A-Za-z])(?:son|daughter|wife|husband|mother|father|grandson|granddaughter|grandmother|grandfather"
    r"|brother|sister|child|baby|mom|dad)(?:'s name is|,)?\s(?P<name>[A-Z][a-z]{1,15})(?![A-Za-z])"
)
# A name in lower-case rōmaji, said of oneself: sato mika desu, watashi wa yamada hanako desu.
ROMAJI_INTRODUCTION = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?:watashi|watakushi|boku) wa )(?P<name>[a-z]{2,12}(?: [a-z]{2,12})?)"
    r" (?:desu|to moushimasu|to iimasu)\b"
)
# The resident's word for "I", dialect too (わだす, オラ): never a name, and a name may follow it.
FIRST_PERSON = frozenset(
    {"私", "わたし", "あたし", "わだす", "わだし", "わたす", "オラ", "おら", "おれ", "俺", "僕", "ぼく"}
)
FIRST_PERSON_AT = re.compile(r"わだす|わだし|わたす|あたし")
SENTENCE_BREAKS = frozenset({"。", "、", "！", "？", "!", "?", "\n", " ", "　", "…", "〜"}) | FIRST_PERSON
# What a resident says after their own name: 栗城です, 物江でございます, 菊地だす, 佐藤と申します.
COPULA_AFTER = re.compile(r"\s*(?:です|でした|だす|だ(?=[。、！？!?\s]|$)|でございます|と申し|といい|と言い)")
# Sentence-initial kana names: ミナガワサユリです, おおたけ えいこです, オラにっくに きいちだ
SELF_NAMED = re.compile(
    r"(?:^|[。、！？!?\n]|(?:私|わたし|あたし|わだす|わだし|オラ|おら|おれ|俺|僕|ぼく)(?:は)?)\s*"
    rf"(?P<name>{_KATAKANA}{{2,10}}[ 　]{_KATAKANA}{{1,8}}|{_KATAKANA}{{3,10}}"
    rf"|{_KATAKANA}{{2,10}}(?:・{_KATAKANA}{{1,10}}){{1,3}}"  # グエン・ヴァン・ナム
    r"|(?!(?:わたし|あたし|わたくし|ぼく|おれ|わだす|わたす|おら)は?[ 　])[ぁ-ん]{2,6}[ 　][ぁ-ん]{1,6})\s*"
    r"(?=です|でした|だ(?![けっとろ])|だす|だげんじょ|と申します|といいます|、)"
)
FAMILY = frozenset(
    {"娘", "息子", "孫", "長男", "長女", "次男", "次女", "三男", "三女", "双子"}
    | {"母", "父", "妻", "夫", "祖母", "祖父", "主人", "家内", "嫁", "姉", "兄", "弟", "妹", "甥", "姪"}
    | {"叔母", "伯母", "叔父", "伯父", "義母", "義父", "義姉", "義兄", "祖父母"}
)
# 大和の母です, 星　恵の父です: the person named before の and a parent word, said of oneself.
PARENTS = frozenset({"母", "父", "親", "母親", "父親", "祖母", "祖父", "保護者", "おや", "はは", "ちち"})
NAME_FOLLOWERS = frozenset(
    {"が", "は", "です", "、", "を", "も", "ちゃん", "くん", "君", "さん", "で", "。", "の", "に", "（", "(", "と"}
    | {"ば"}  # dialect: 孫のこうたば預けてぇ
)
# The rest of a name after a found part: a space and a kana or short kanji given name, or kana attached;
# 人 after a given name that the dictionary split off (悠人, 直人).
REST_AFTER = re.compile(
    rf"(?:[ 　](?!です|でした|だす|でござ|と申|といい|と言い)(?:{_KATAKANA}{{1,8}}|[ぁ-ん]{{2,8}}"
    rf"|[\u4e00-\u9fff]{{1,2}}(?=[、。,\s]|です|$))"
    rf"|{_KATAKANA}{{1,6}}(?=[、。はがのをっ\s]|です|$)"
    rf"|(?:・{_KATAKANA}{{1,8}})+(?=[、。はがのをっ\s]|です|$)"  # グエン・ヴァン・ナム
    r"|[人男郎夫雄彦子](?=[のがはをと、。\s（(]|です|君|くん|$))"
)
REST_BEFORE = re.compile(rf"{_KATAKANA}{{2,8}}[ 　]$")
# The name's reading in brackets right after it: 凛（りん）, 佐藤花子（さとう はなこ）, 星 ミツ（ホシ ミツ）.
READING = re.compile(r"[（(][ぁ-んァ-ヶｦ-ﾟー 　]{1,16}[)）]")
_KANA_OR_KANJI = re.compile(r"^[\u3041-\u309f\u30a0-\u30ff\uff66-\uff9f\u4e00-\u9fffヶ々ー 　]+$")
_KANA = re.compile(r"[ぁ-んァ-ヶｦ-ﾟー]{2,8}")
_HIRAGANA = re.compile(r"[ぁ-ん]+")


def _full_name(kinds: set[str], length: int) -> bool:
    """Surname and given name, or a dictionary full name (人名-一般) of three or more characters (クマ is not)."""
    return {"姓", "名"} <= kinds or ("一般" in kinds and length >= 3)


def widen(text: str, start: int, end: int) -> Tuple[int, int]:
    """Take in the rest of the name: ユミタ コハル, 武藤トメ, 室井 実, あなざわ　きんじろう, 加藤悠人."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    while end > start and text[end - 1] in " 　":
        end -= 1
    after = REST_AFTER.match(text, end)
    if after:
        end = after.end()
    reading = READING.match(text, end)
    if reading:
        end = reading.end()
    before = REST_BEFORE.search(text[:start])
    if before:
        start = before.start()
    return start, end


def latin_names(text: str) -> Iterator[Span]:
    """Names in Latin letters: Yuki Sato, YAMADA HANAKO, my son Kenta (not JR East, the Hazard Map)."""
    for m in LATIN_NAME.finditer(text):
        parts = m.group().split(" ")
        if ARTICLE_BEFORE.search(text, 0, m.start()):
            continue  # a title or a thing: the Hazard Map, a Health Check
        if not any(ABBREVIATION.fullmatch(part) or part in ENGLISH_WORDS for part in parts):
            yield m.start(), m.end(), "name"
    for m in LATIN_KIN.finditer(text):
        if m.group("name") not in ENGLISH_WORDS:
            yield m.start("name"), m.end("name"), "name"
    for m in ROMAJI_INTRODUCTION.finditer(text):
        if m.group("name").split(" ")[0] not in ("watashi", "boku", "namae"):
            yield m.start("name"), m.end("name"), "name"


def introductions(text: str) -> Iterator[Span]:
    """The words a resident introduces themself with (〜と申します, 名前は〜です, 口座名義ハガアキコ)."""
    for pattern in (INTRODUCTION, NAMED_AS):
        for m in pattern.finditer(text):
            if not NOT_A_NAME.search(m.group("name")):
                yield m.start("name"), m.end("name"), "name"


def self_named(tokens: List[Token], text: str) -> Iterator[Span]:
    """Who the resident says they are: ミナガワサユリです, 栗城です, 物江でございます, あなざわひできです."""
    for m in SELF_NAMED.finditer(text):
        first = next((t for t in tokens if t[0] <= m.start("name") < t[1]), None)
        dotted = _dotted_name(tokens, m.start("name"), m.end("name"), m.group("name"))
        if first is None or first[4] or first[3].startswith(NAME_TAG) or _HIRAGANA.match(first[2]) or dotted:
            yield m.start("name"), m.end("name"), "name"
    for i, (begin, finish, _, tag, unknown) in enumerate(tokens):
        if not COPULA_AFTER.match(text, finish) or (i + 1 < len(tokens) and tokens[i + 1][3].startswith("名詞")):
            continue
        before = tokens[i - 1][2] if i else "。"
        at_start = before in SENTENCE_BREAKS or before in ("の", "た")
        named = tag.startswith(NAME_TAG) or unknown and bool(_KANA.fullmatch(tokens[i][2]))
        place_known = i == 0 and tag.startswith("名詞-固有名詞-地名-一般")  # 弓田です (known as a place)
        if (at_start and named) or place_known:
            yield begin, finish, "name"
        elif tag.startswith(NAME_TAG) and _HIRAGANA.fullmatch(tokens[i][2]):
            yield from _hiragana_run(tokens, i)
    for i, (_, finish, surface, tag, _) in enumerate(tokens):
        if tag.startswith(NAME_TAG) and _HIRAGANA.fullmatch(surface) and text.startswith("、", finish):
            yield from _hiragana_run(tokens, i)  # はしもとかずや、39歳


def _dotted_name(tokens: List[Token], start: int, end: int, name: str) -> bool:
    """A foreign name in parts: three (ファン・ティ・ホア), or one a name or unknown (not ケア・マネジャー)."""
    if "・" not in name:
        return False
    inside = [t for t in tokens if start <= t[0] < end]
    return name.count("・") >= 2 or any(t[4] or t[3].startswith(NAME_TAG) for t in inside)


def _hiragana_run(tokens: List[Token], last: int) -> Iterator[Span]:
    """A hiragana name cut into words, from a sentence's start to a given name: あな/ざわ/ひでき です."""
    first = last
    while first > 0 and _HIRAGANA.fullmatch(tokens[first - 1][2]) and not _after_first_person(tokens, first - 1):
        first -= 1
    if first == last or (first > 0 and tokens[first - 1][2] not in SENTENCE_BREAKS):
        return
    if 4 <= tokens[last][1] - tokens[first][0] <= 10:
        yield tokens[first][0], tokens[last][1], "name"


def _after_first_person(tokens: List[Token], i: int) -> bool:
    """Token i is "I" or the は after it (わたしは みおです: the name starts after them)."""
    return tokens[i][2] in FIRST_PERSON or (tokens[i][2] == "は" and i > 0 and tokens[i - 1][2] in FIRST_PERSON)


def after_family_word(tokens: List[Token], words: NameWords) -> Iterator[Tuple[int, int, bool]]:
    """The words after 娘の, 息子の, 母は …, and whether they look like a name by themselves.

    A name-like run (proper nouns, kana, words the dictionary does not know, listed names: 矢部スミ,
    葵) is a name; another single word is one only when GiNZA sees a person there (娘の熱が is not).
    """
    for i in range(len(tokens) - 3):
        word = tokens[i][2]
        if word not in FAMILY and word != "子":
            continue
        if word in FAMILY and _family_separator(tokens[i + 1]):
            first = i + 2
        elif tokens[i + 1][0] > tokens[i][1]:  # 子 ゆな 7歳 (a form's style; 子の is too common): no space token
            first = i + 1
        else:
            continue
        last = first
        while last + 1 < len(tokens) - 1 and last < first + 2 and _name_like(tokens[last + 1], words, kana=True):
            last += 1
        begin, finish, surface, tag, _ = tokens[first]
        if tag.startswith(NAME_TAG) or base(surface) in words.given_names:  # 母は矢部スミ, 娘の葵が
            yield begin, tokens[last][1], True
            yield from _listed_after(tokens, last + 1, words)  # 双子、蒼と葵
            continue
        after = tokens[last + 1]
        follower = after[2] in NAME_FOLLOWERS or after[3].startswith("空白") or after[0] > tokens[last][1]
        if not follower or tag.startswith(("助詞", "助動詞", "補助記号", "空白")):
            continue
        yield begin, tokens[last][1], _name_like(tokens[first], words, kana=True)


def _family_separator(token: Token) -> bool:
    """What joins a family word and the name after it: 娘の, 母は, 子 ゆな, 双子、蒼."""
    return token[2] in ("の", "は", "・", "、", "：", ":") or token[3].startswith("空白")


def _listed_after(tokens: List[Token], at: int, words: NameWords) -> Iterator[Tuple[int, int, bool]]:
    """The names listed after a first one: (蒼)と葵, (蒼)、葵 — given names, name tags or words GiNZA may confirm."""
    while at + 1 < len(tokens) and tokens[at][2] in ("と", "、", "・"):
        begin, finish, surface, tag, _ = tokens[at + 1]
        if not (tag.startswith(NAME_TAG) or base(surface) in words.given_names):
            return
        yield begin, finish, True
        at += 2


def base(surface: str) -> str:
    """A word without the reading the dictionary joined to it (凛（りん） → 凛)."""
    return re.split(r"[（(]", surface, maxsplit=1)[0]


def parent_of(tokens: List[Token], words: NameWords) -> Iterator[Span]:
    """The child a parent introduces themself by: 大和の母です, 星　恵の父です, あおいのおやです."""
    for i in range(2, len(tokens)):
        if tokens[i][2] not in PARENTS or tokens[i - 1][2] != "の":
            continue
        j = i - 2
        while j >= 0 and (_name_like(tokens[j], words) or (tokens[j][3].startswith("空白") and j < i - 2)):
            j -= 1
        if j < i - 2 and not tokens[j + 1][3].startswith("空白"):
            yield tokens[j + 1][0], tokens[i - 2][1], "name"


def _name_like(token: Token, words: NameWords, kana: bool = False) -> bool:
    """A proper noun, a word the dictionary does not know, a listed name, or (kana=True) any kana word."""
    _, _, surface, tag, unknown = token
    if tag.startswith(("助詞", "助動詞", "補助記号", "空白", "接尾辞", "代名詞")) or surface in FIRST_PERSON:
        return False
    listed = surface in words.given_names or surface in words.surnames
    return tag.startswith(PROPER) or unknown or listed or bool((_KANA if kana else _HIRAGANA).fullmatch(surface))


def tag_spans(tokens: List[Token]) -> Iterator[Tuple[int, int, bool]]:
    """Runs of tokens tagged as person names (山田 太郎 → one span), each with whether it is a full name."""
    start: Optional[int] = None
    end = 0
    kinds: set[str] = set()
    for begin, finish, _, tag, _ in tokens:
        if tag.startswith(NAME_TAG):
            start = begin if start is None else start
            end = finish
            kinds.add(tag.rsplit("-", 1)[-1])
        elif start is not None and not tag.startswith("空白"):
            yield start, end, _full_name(kinds, end - start)
            start, kinds = None, set()
    if start is not None:
        yield start, end, _full_name(kinds, end - start)


def honorific_spans(tokens: List[Token], words: NameWords) -> Iterator[Span]:
    """The name right before an honorific (鈴木さん, ヨシ子様, たろうくん, ミヤモリトシさん, 葵ちゃん).

    A common noun stops it (お隣さん, 大家さん), unless it is a word the dictionary does not know
    (a katakana name) or a given name said to a child; a role (ケアマネさん, ハイカラさん) always stops it.
    """
    for i, (_, _, surface, _, _) in enumerate(tokens):
        if surface not in HONORIFICS or i == 0:
            continue
        j = i - 1
        while j >= 0 and _KANA_OR_KANJI.match(tokens[j][2]) and tokens[j][2] not in words.roles:
            _, _, word, tag, unknown = tokens[j]
            # a child's given name: a listed one (葵ちゃん), or kana said right before ちゃん / くん (ひなたちゃん)
            child = surface in CHILD_HONORIFICS and (
                base(word) in words.given_names or (j == i - 1 and bool(_KANA.fullmatch(word)) and len(word) <= 4)
            )
            if tag.startswith(_COMMON) and not (unknown or child or word in words.surnames):
                break
            if tag.startswith(("助詞", "助動詞", "補助記号", "接頭辞", "接尾辞")):
                break
            j -= 1
        if j < i - 1:
            yield tokens[j + 1][0], tokens[i - 1][1], "name"


def first_person(text: str, start: int, end: int) -> bool:
    """The span is the resident's word for "I" or part of it (わだす, which the dictionary cuts as わだ/す)."""
    if text[start:end] in FIRST_PERSON:
        return True
    return any(m.start() <= start and end <= m.end() for m in FIRST_PERSON_AT.finditer(text))
