"""Residents' names, found with GiNZA (spaCy's Japanese pipeline) and the Sudachi dictionary's name tags.

Three signals, any of which marks a name:
- GiNZA's named-entity recogniser labels a `Person`;
- the Sudachi dictionary inside GiNZA tags the words 名詞-固有名詞-人名 (姓, 名, 一般);
- the words before an honorific (さん, 様, 君, ちゃん …) or a self-introduction (〜と申します,
  名前は〜) — this is how a kana-only name such as やまだ たろう is found.

The NER model (`tok2vec`, `ner`; ~12 ms per message on two cores) runs only when the tokenizer
(<1 ms) sees a cue — a name tag, an honorific or a self-introduction — so most messages pay only
for tokenizing. Public names (data/privacy/public_names.yml) are never masked.
"""

from __future__ import annotations

import re
from typing import Any, FrozenSet, Iterator, List, Optional, Tuple

from bot.privacy.patterns import Span
from bot.text import fold

NAME_TAG = "名詞-固有名詞-人名"
HONORIFICS = ("さん", "様", "さま", "サマ", "君", "くん", "ちゃん", "氏", "殿")
# Words before an honorific that are not names (お隣さん, 大家さん, 職員さん …): common nouns.
_COMMON = "名詞-普通名詞"
# 〜と申します / 〜といいます / 〜と言います / 〜です (after 名前は, 氏名は, 私は)
_NAME_CHARS = r"[^\s、。,.!?！？「」()（）0-9０-９のをにでがへや]"
INTRODUCTION = re.compile(
    r"(?:(?:名前|なまえ|氏名|わたし|私|僕|ぼく|俺|おれ)(?:は|が)\s*)?"
    rf"(?P<name>{_NAME_CHARS}{{2,10}}?(?:[ 　]{_NAME_CHARS}{{1,6}})?)\s*"
    r"(?:と申します|ともうします|と申しま|といいます|と言います|って言います|っていいます)"
)
NAMED_AS = re.compile(
    rf"(?:名前|なまえ|氏名)(?:は|が|:|：)\s*(?P<name>{_NAME_CHARS}{{2,10}}(?:[ 　]{_NAME_CHARS}{{1,6}})?)\s*"
    r"(?:です|。|、|$)"
)
LATIN_NAME = re.compile(r"(?<![A-Za-z])[A-Z][a-z]{1,15} [A-Z][a-z]{1,15}(?![A-Za-z])")
SENTENCE_BREAKS = frozenset(
    {"。", "、", "！", "？", "!", "?", "\n", " ", "　", "…", "〜", "私", "わたし", "オラ", "おら", "おれ"}
)
COPULAS = frozenset({"です", "でした", "だ", "だす", "と", "でございます"})
# Sentence-initial kana names: ミナガワサユリです, おおたけ えいこです, オラにっくに きいちだ
SELF_NAMED = re.compile(
    r"(?:^|[。、！？!?\n]|(?:私|わたし|あたし|オラ|おら|おれ|俺|僕|ぼく)(?:は)?)\s*"
    r"(?P<name>[ァ-ヶー]{3,10}(?:[ 　][ァ-ヶー]{1,8})?|[ぁ-ん]{2,6}[ 　][ぁ-ん]{1,6})\s*"
    r"(?=です|でした|だ(?![けっ])|だす|だげんじょ|と申します|といいます|、)"
)
FAMILY = frozenset(
    {
        "娘",
        "息子",
        "孫",
        "長男",
        "長女",
        "次男",
        "次女",
        "三男",
        "三女",
        "母",
        "父",
        "妻",
        "夫",
        "祖母",
        "祖父",
        "主人",
        "家内",
    }
)
NAME_FOLLOWERS = frozenset({"が", "は", "です", "、", "を", "も", "ちゃん", "くん", "さん", "で", "。", "の", "に"})
# The rest of a name after a found part: a space and a kana or short kanji given name, or kana attached.
REST_AFTER = re.compile(
    r"(?:[ 　](?:[ァ-ヶー]{1,8}|[ぁ-ん]{2,8}|[\u4e00-\u9fff]{1,2}(?=[、。,\s]|です|$))"
    r"|[ァ-ヶー]{1,6}(?=[、。はがのをっ\s]|です|$))"
)
REST_BEFORE = re.compile(r"[ァ-ヶー]{2,8}[ 　]$")
_PLACE_WORDS = (
    "宿|町|村|地区|付|総合支所|支所|駅|橋|川|山|湖|沼|城|小学校|中学校|高校|学校|病院|医院|公園|神社|寺|"
    "公民館|集会所|会館|通り|線|インター|峠|温泉|商店|保育園|幼稚園|こども園"
)
PLACE_SUFFIX = re.compile(rf"(?:{_PLACE_WORDS})")
# A found "name" ending in a facility word is a facility (塩川総合支所, JAの直売所); single characters
# (川, 橋, 城) end surnames too (江川, 高橋, 栗城), so only longer words count here.
PLACE_END = re.compile(
    r"(?:総合支所|支所|地区|小学校|中学校|高校|学校|病院|医院|公園|神社|公民館|集会所|会館|通り|インター|温泉|商店|"
    r"保育園|幼稚園|こども園|直売所|事務所|役所|役場|センター)$"
)
_KANA_OR_KANJI = re.compile(r"^[\u3041-\u309f\u30a0-\u30ff\u4e00-\u9fffヶ々ー 　]+$")


def _full_name(kinds: set[str], length: int) -> bool:
    """Surname and given name, or a dictionary full name (人名-一般) of three or more characters (クマ is not)."""
    return {"姓", "名"} <= kinds or ("一般" in kinds and length >= 3)


class NameFinder:
    """Person names in text; the GiNZA pipeline loads on first use, once per process."""

    def __init__(self, public_names: FrozenSet[str] = frozenset(), model: str = "ja_ginza") -> None:
        self._public_names = sorted({fold(n) for n in public_names}, key=len, reverse=True)
        self._model = model
        self._nlp: Optional[Any] = None

    def _load(self) -> Any:
        if self._nlp is None:
            import spacy

            # Only what finding names needs: the tokenizer (Sudachi, with its tags) and the NER.
            self._nlp = spacy.load(
                self._model, exclude=["parser", "bunsetu_recognizer", "compound_splitter", "morphologizer"]
            )
        return self._nlp

    def _public(self, text: str, start: int, end: int) -> bool:
        """Inside a public name (大内宿, 野口英世), or a place word follows or ends it (中田付, 塩川総合支所)."""
        folded = fold(text)
        for name in self._public_names:
            at = folded.find(name)
            while at >= 0:
                if at <= start and end <= at + len(name):
                    return True
                at = folded.find(name, at + 1)
        return bool(PLACE_SUFFIX.match(text, end) or PLACE_END.search(text[start:end]))

    def spans(self, text: str) -> Iterator[Span]:
        """(start, end, "name") for every name found."""
        nlp = self._load()
        doc = nlp.make_doc(text)
        tokens: List[Tuple[int, int, str, str]] = [(t.idx, t.idx + len(t.text), t.text, t.tag_) for t in doc]
        tagged = list(self._tag_spans(tokens))
        sure = (
            list(self._honorific_spans(tokens))
            + list(self._introductions(text))
            + list(self._self_named(tokens, text))
            + [(m.start(), m.end(), "name") for m in LATIN_NAME.finditer(text)]
        )
        family = list(self._after_family_word(tokens))
        if not tagged and not sure and not family:
            return
        for _, component in nlp.pipeline:
            doc = component(doc)
        persons = [(e.start_char, e.end_char, "name") for e in doc.ents if e.label_ == "Person"]
        # A dictionary name tag alone is a cue, not proof (田中地区 is a place): it counts when it is a
        # full name (surname and given name), or when GiNZA also sees a person there. The same for a
        # word after 娘の / 母は: a name when GiNZA sees a person, or the word is a proper noun or kana.
        confirmed = [
            (start, end, "name")
            for start, end, full in tagged
            if full or any(s < end and start < e for s, e, _ in persons + sure)
        ]
        confirmed += [
            (start, end, "name")
            for start, end, likely in family
            if likely or any(s < end and start < e for s, e, _ in persons)
        ]
        for start, end, label in persons + sure + confirmed:
            start, end = self._widen(text, start, end)
            if not self._public(text, start, end):
                yield start, end, label

    @staticmethod
    def _widen(text: str, start: int, end: int) -> Tuple[int, int]:
        """Take in the rest of the name: ユミタ コハル, 武藤トメ, 室井 実, あなざわ　きんじろう."""
        after = REST_AFTER.match(text, end)
        if after:
            end = after.end()
        before = REST_BEFORE.search(text[:start])
        if before:
            start = before.start()
        return start, end

    @staticmethod
    def _self_named(tokens: List[Tuple[int, int, str, str]], text: str) -> Iterator[Span]:
        """Who the resident says they are, at a sentence's start: ミナガワサユリです, 栗城です, おおたけ えいこです."""
        for m in SELF_NAMED.finditer(text):
            yield m.start("name"), m.end("name"), "name"
        for i, (begin, finish, _, tag) in enumerate(tokens):
            if not tag.startswith(NAME_TAG) or i + 1 >= len(tokens):
                continue
            at_start = i == 0 or tokens[i - 1][2] in SENTENCE_BREAKS
            if at_start and tokens[i + 1][2] in COPULAS:
                yield begin, finish, "name"

    @staticmethod
    def _after_family_word(tokens: List[Tuple[int, int, str, str]]) -> Iterator[Tuple[int, int, bool]]:
        """The word after 娘の, 息子の, 母は …, and whether it looks like a name by itself (proper noun or kana)."""
        for i in range(len(tokens) - 3):
            if tokens[i][2] not in FAMILY or tokens[i + 1][2] not in ("の", "は"):
                continue
            begin, finish, surface, tag = tokens[i + 2]
            if tag.startswith(NAME_TAG):  # 母は矢部スミ
                yield begin, finish, True
                continue
            if tokens[i + 3][2] not in NAME_FOLLOWERS or tag.startswith(("助詞", "助動詞", "補助記号")):
                continue
            kana = bool(re.fullmatch(r"[ぁ-んァ-ヶー]{2,8}", surface))
            yield begin, finish, tag.startswith("名詞-固有名詞") or kana

    @staticmethod
    def _tag_spans(tokens: List[Tuple[int, int, str, str]]) -> Iterator[Tuple[int, int, bool]]:
        """Runs of tokens tagged as person names (山田 太郎 → one span), each with whether it is a full name."""
        start: Optional[int] = None
        end = 0
        kinds: set[str] = set()
        for begin, finish, _, tag in tokens:
            if tag.startswith(NAME_TAG):
                start = begin if start is None else start
                end = finish
                kinds.add(tag.rsplit("-", 1)[-1])
            elif start is not None and not tag.startswith("空白"):
                yield start, end, _full_name(kinds, end - start)
                start, kinds = None, set()
        if start is not None:
            yield start, end, _full_name(kinds, end - start)

    @staticmethod
    def _honorific_spans(tokens: List[Tuple[int, int, str, str]]) -> Iterator[Span]:
        """The proper noun or kana word right before an honorific (鈴木さん, ヨシ子様, たろうくん)."""
        for i, (_, _, surface, _tag) in enumerate(tokens):
            if surface not in HONORIFICS or i == 0:
                continue
            j = i - 1
            while j >= 0 and not tokens[j][3].startswith(_COMMON) and _KANA_OR_KANJI.match(tokens[j][2]):
                if tokens[j][3].startswith(("助詞", "助動詞", "補助記号", "接頭辞", "接尾辞")):
                    break
                j -= 1
            if j < i - 1:
                yield tokens[j + 1][0], tokens[i - 1][1], "name"

    @staticmethod
    def _introductions(text: str) -> Iterator[Span]:
        """The words a resident introduces themself with (〜と申します, 名前は〜です)."""
        for pattern in (INTRODUCTION, NAMED_AS):
            for m in pattern.finditer(text):
                yield m.start("name"), m.end("name"), "name"
