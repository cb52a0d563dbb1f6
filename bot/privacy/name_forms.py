"""Names written the way forms, signatures and short messages write them (pure: tokens, text and a lookup).

- a surname, a space and a given name: 星 キミ子, 星 ゆかりと星 あや, 穴澤 政治です;
- a surname signing a message or a sentence: …、菅家。 / …お願いします。大橋;
- the word after a family word and before a bracket holding a birth date or an age: 長男蒼（H27.4.2）,
  甥の大樹（平成18年6月生まれ）, 義母のテル（…生まれ、95）;
- a name in brackets after "I": 私（志田）と母;
- a kana given name introduced by a child: ぼくは はると 8さいです;
- a kana name right after a clause, before です: さっき電話したくりきです.

`lookup(word)` is the dictionary's knowledge of a word (name_context.Lookup): a kana word it knows as an
everyday word (げんき) is no name, one it does not know (はると, くりき) can be.
"""

from __future__ import annotations

import re
from typing import Iterator, List

from bot.privacy.lexicon import NameWords
from bot.privacy.name_context import DIRECTIONS, Lookup
from bot.privacy.name_rules import COPULA_AFTER, FAMILY, NAME_TAG, Token
from bot.privacy.patterns import Span

_KANJI = r"[\u4e00-\u9fff々]"
# A given name after a surname and a space: katakana (キミ子), hiragana (ゆかり), or kanji before a copula (政治です).
SPACED = re.compile(
    rf"(?<!{_KANJI})(?P<surname>{_KANJI}{{1,3}})[ 　]"
    rf"(?P<given>[ァ-ヶー]{{1,6}}子?|[ぁ-ん]{{2,4}}(?=[とがはのを、。\s]|です|でい|$)|{_KANJI}{{1,3}}(?=です|と申|[、。のがは]|$))"
)
# What a message's or a sentence's last word is signed with: 、菅家。 / 。大橋
SIGNATURE = re.compile(rf"(?:(?<=[、,])|(?<=[。！？!?\n]))\s?(?P<name>{_KANJI}{{1,4}})\s?(?=[。！!]|$)")
# A bracket after a name holding a birth date or an age: （H27.4.2）, （平成18年6月生まれ）, （[生年月日]生）, （95）.
DATE_BRACKET = re.compile(
    r"[（(]\s?(?:(?:明治|大正|昭和|平成|令和|[MTSHR])\.?\s?\d|(?:19|20)\d\d|\d{1,3}(?:歳|才|か月|ヶ月)?\s?[)）、]|\[生年月日\])"
)
FIRST_PERSON_BRACKET = re.compile(r"(?:私|わたし|本人|僕|ぼく)[（(](?P<name>[^\s()（）、。\d]{1,6})[)）]")
KANA_SELF = re.compile(
    r"(?:私|わたし|あたし|僕|ぼく|おれ|俺|オレ)(?:は|の名前は)\s*(?P<name>[ぁ-んァ-ヶー]{2,6})"
    # followed by an age or 〜といいます (ぼくは がくせいです is a kana sentence, not a name)
    r"(?=\s*\d{1,3}\s?(?:さい|歳|才)|\s*(?:と|って)\s?(?:いいます|言います|申します|もうします))"
)
# A clause's end before a name: した, してる, 住んでる, いた.
CLAUSE_END = re.compile(r"(?:した|いた|きた|った|てる|でる|ている|でいる|だった)$")
# What no kana name starts or ends with (したいんです, どうしたらいいんですか: grammar, not a name).
NOT_A_KANA_NAME = re.compile(r"[いらりるれろっゃゅょんぁぃぅぇぉ]|.*ん$|.*(?:けど|から|ので|ため)")
KANA_RUN = re.compile(r"[ぁ-ん]{4,12}(?=\s*(?:です|でした|だす|と申し|といい))")


def _surname(word: str, words: NameWords, lookup: Lookup) -> bool:
    return word in words.surnames or (len(word) >= 2 and word not in DIRECTIONS and "姓" in lookup(word))


def spaced_full_names(text: str, words: NameWords, lookup: Lookup) -> Iterator[Span]:
    """A surname, a space and a given name: 星 キミ子, 星 ゆかり, 穴澤 政治です (not 会津 太郎 on a form: see names)."""
    for m in SPACED.finditer(text):
        given = m.group("given")
        kanji_given = bool(re.fullmatch(f"{_KANJI}+", given))
        if not _surname(m.group("surname"), words, lookup):
            continue
        if kanji_given and not ("名" in lookup(given) or COPULA_AFTER.match(text, m.end())):
            continue
        if kanji_given and text[m.end() : m.end() + 1] in ("の", "が", "は") and "名" not in lookup(given):
            continue
        kinds = lookup(given)
        listed = text[m.end() : m.end() + 1] in ("と", "、")  # 星 ゆかりと星 あや: two people listed
        if re.fullmatch("[ぁ-ん]+", given) and "word" in kinds and "名" not in kinds and not listed:
            continue
        if re.fullmatch("[ァ-ヶー]+", given) and "word" in kinds:
            continue  # 星 ラーメン, 会津 ソースカツ
        yield m.start(), m.end(), "name"


def signatures(tokens: List[Token], text: str, words: NameWords, lookup: Lookup) -> Iterator[Span]:
    """A surname standing alone at a sentence's or a message's end, after a comma or a full stop: …、菅家。"""
    for m in SIGNATURE.finditer(text):
        word = m.group("name")
        inside = [t for t in tokens if m.start("name") <= t[0] < m.end("name")]
        if any("地名" in t[3] for t in inside) or word.endswith(("町", "村", "市", "区", "県", "郡")):
            continue
        if _surname(word, words, lookup) or any(t[3].startswith(NAME_TAG + "-姓") for t in inside):
            yield m.start("name"), m.end("name"), "name"


def before_date_bracket(tokens: List[Token], text: str) -> Iterator[Span]:
    """The word after a family word and before a bracket with a birth date or an age: 長男蒼（H27.4.2）."""
    for i in range(1, len(tokens) - 1):
        if not DATE_BRACKET.match(text, tokens[i][1]):
            continue
        first = i
        while first > 0 and tokens[first - 1][2] not in FAMILY and tokens[first - 1][2] != "の" and i - first < 3:
            first -= 1
        before = tokens[first - 1][2] if first > 0 else ""
        family = before in FAMILY or (before == "の" and first > 1 and tokens[first - 2][2] in FAMILY)
        if not family or tokens[first][3].startswith(("助詞", "助動詞", "補助記号", "空白", "接尾辞")):
            continue
        name = text[tokens[first][0] : tokens[i][1]]
        if name.strip() and not re.search(r"[、。\s]", name):
            yield tokens[first][0], tokens[i][1], "name"


def after_first_person(text: str, lookup: Lookup) -> Iterator[Span]:
    """私（志田）と母; ぼくは はると 8さいです (a kana word the dictionary knows as a word is no name)."""
    for m in FIRST_PERSON_BRACKET.finditer(text):
        yield m.start("name"), m.end("name"), "name"
    for m in KANA_SELF.finditer(text):
        if "word" not in lookup(m.group("name")):
            yield m.start("name"), m.end("name"), "name"


def kana_after_clause(tokens: List[Token], text: str, lookup: Lookup) -> Iterator[Span]:
    """A kana name (known only as a name, or not at all) after a clause, before です: 電話したくりきです.

    It starts where a word starts and holds no particle, adjective or verb (ほうがいい, したいん are grammar).
    """
    starts = {t[0] for t in tokens}
    for m in KANA_RUN.finditer(text):
        run = m.group()
        for cut in range(2, len(run) - 1):
            name, at = run[cut:], m.start() + cut
            if not CLAUSE_END.search(run[:cut]) or NOT_A_KANA_NAME.match(name) or not 2 <= len(name) <= 5:
                continue
            inside = [t for t in tokens if at <= t[0] < m.end()]
            grammar = any(t[3].startswith(("助詞", "形容詞", "動詞")) for t in inside)
            if at in starts and not grammar and "word" not in lookup(name):
                yield at, m.end(), "name"
                break
