"""Residents' names, found with GiNZA (spaCy's Japanese pipeline) and the Sudachi dictionary's name tags.

Three signals, any of which marks a name (the cues are in `bot.privacy.name_rules` and `name_context`):
- GiNZA's named-entity recogniser labels a `Person`;
- the Sudachi dictionary inside GiNZA tags the words 名詞-固有名詞-人名 (姓, 名, 一般);
- the words before an honorific (さん, 様, 君, ちゃん …), a self-introduction (〜と申します,
  名前は〜, 〜の母です), after a family word (娘の〜) or where a surname stands (…の平出です) — this
  is how a kana-only name such as やまだ たろう, or a word the dictionary does not know (ミヤモリトシ), is found.

The NER model (`tok2vec`, `ner`; ~12 ms per message on two cores) runs only when the tokenizer
(<1 ms) sees a cue — a name tag, an unknown word, an honorific or a self-introduction — so most
messages pay only for tokenizing. Public names, and names followed by a place word (斎藤清美術館,
末廣酒造), are never masked (data/privacy/public_names.yml, place_words.yml).
"""

from __future__ import annotations

import re
from typing import Any, Dict, FrozenSet, Iterator, List, Optional, Tuple

from bot.privacy import kin_names as kin
from bot.privacy import name_context as context
from bot.privacy import name_forms as forms
from bot.privacy import name_marks as marks
from bot.privacy import name_openings as openings
from bot.privacy import name_rules as rules
from bot.privacy.lexicon import NameWords, PublicWords
from bot.privacy.patterns import Span
from bot.text import fold

# After a place, not a person: 川口にある温泉, 坂下の役場, 摺上原の戦い.
# (Only offices after の: 娘の遥の小学校 is the child's school.)
PLACE_AFTER = re.compile(
    r"(?:に|で)(?:ある|あった|あります|できた|できる|建つ)|の(?:戦い|合戦|乱|変|役|陣)"
    r"|の(?:役場|役所|市役所|支所|総合支所|出張所|駅|公民館|郵便局|図書館|体育館)"
)
# A sample on a form or in a guide, not a resident: 記入例に「会津 太郎」, 例えば山田花子 (例の件 is "that matter").
EXAMPLE_BEFORE = re.compile(r"(?:記入例|記載例|見本|サンプル|例えば|たとえば|例文|例では|例の(?!件))[^。！？!?\n]*$")
# Kana that spell numbers, days and question words, not names: はちじゅう, なんようび, すいようび.
KANA_NOT_NAME = re.compile(
    r"(?:(?:いち|に|さん|よん|ご|ろく|なな|しち|はち|きゅう|じゅう|ひゃく)+|[ぁ-ん]*(?:ようび|がつ|にち|じかん)"
    r"|(?:なん|なに|いつ|どこ|だれ|どなた)[ぁ-ん]*)"
)
_HIRAGANA = re.compile(r"[ぁ-ん]+")
# The ends of a route are places, not people: 宮下から川口まで, (宮下から)川口まで只見線で.
ROUTE_AFTER = re.compile(r"から[^。、？?！!]{1,12}?まで")
ROUTE_BETWEEN = re.compile(r"まで")
# What follows a district named as a place: 坂下の初市, 高田から, 湊地区.
DISTRICT_AFTER = re.compile(r"(?:の|から|まで|で|に|へ|方面|地区|地域|行き)")
# One kanji left before a found name, joined to it, cuts a place's name (摺上原 → 摺 + 上原); a family
# word, "I" or a form's word before a name is no such piece (母花子, 故星トク).
PIECE_BEFORE = re.compile(r"(?<![\u4e00-\u9fff々])[\u4e00-\u9fff]$")
NOT_A_PIECE = frozenset(rules.FAMILY | rules.FIRST_PERSON | {"故", "宛", "旧", "亡", "嫁", "婿", "姓", "名", "氏"})
# Someone saying who they are after a place: …の蓮沼です, …の星だけど.
SAID_OF_ONESELF = re.compile(r"の[\u4e00-\u9fff]{2,3}(?:です|でございます|だけど|だげんじょ|と申)")
_KANJI = re.compile(r"[\u4e00-\u9fff]")
# Where a word ends in spaced kana: a space, a particle and a space, punctuation or the end.
_WORD_EDGE = re.compile(r"(?:[はがをにのでと]?(?:[ 　、。？！?!]|$))")
# Sudachi's word id for a run of katakana it joined without knowing the word (ミヤモリトシ, ハガアキコ).
_JOINED_UNKNOWN = 0x0FFFFFFF


def _alternation(words: FrozenSet[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or r"(?!)"


class NameFinder:
    """Person names in text; the GiNZA pipeline loads on first use, once per process."""

    def __init__(
        self,
        public: Optional[PublicWords] = None,
        model: str = "ja_ginza",
        words: Optional[NameWords] = None,
    ) -> None:
        public = public or PublicWords()
        self._public_names = sorted({fold(n) for n in public.names}, key=len, reverse=True)
        self._words = words or NameWords()
        # A found "name" followed by a place word (with up to six kanji between: 田島祇園祭), or ending in one,
        # is a place; the words that end surnames too (川, 橋) count only right after it.
        self._place_after = re.compile(
            rf"(?:[\u4e00-\u9fff]{{0,6}}?(?:{_alternation(public.places)})|(?:{_alternation(public.after_only)}))"
        )
        self._place_end = re.compile(rf"(?:{_alternation(public.places)})$")
        # An address before a public place's name is that place's: …3-46の市役所本庁舎, …7244-2の喜多方市役所.
        self.landmark = re.compile(rf"の[\u4e00-\u9fff]{{0,6}}?(?:{_alternation(public.places)})")
        self._before = re.compile(rf"(?:{_alternation(public.before)})[ 　]?$")
        self._brands = tuple(public.brand_prefixes)
        self._districts = public.districts
        self._roles = re.compile(_alternation(self._words.roles))
        # A public figure's family are public too: 野口英世の母のシカさん.
        family = _alternation(frozenset(rules.FAMILY))
        self._listed_before = re.compile(rf"(?:[と・]|(?:{family})(?:の|は|、|・)?)$")
        self._public_family = re.compile(
            rf"(?:{_alternation(frozenset(self._public_names))})の(?:{family})(?:の|は|、)?$"
        )
        self._model = model
        self._nlp: Optional[Any] = None
        self._dictionary: Optional[Any] = None
        self._kinds: Dict[str, FrozenSet[str]] = {}

    def _load(self) -> Any:
        if self._nlp is None:
            import spacy
            from sudachipy import Dictionary

            # Only what finding names needs: the tokenizer (Sudachi, with its tags) and the NER.
            self._nlp = spacy.load(
                self._model, exclude=["parser", "bunsetu_recognizer", "compound_splitter", "morphologizer"]
            )
            self._dictionary = Dictionary(dict="core")
        return self._nlp

    def lookup(self, word: str) -> FrozenSet[str]:
        """What the dictionary knows `word` as: 姓 / 名 / 一般 for its name entries, "word" for others
        (and "place" too for a place name's entry: 坂下, 若松)."""
        if word not in self._kinds:
            self._load()
            assert self._dictionary is not None
            kinds = set()
            for m in self._dictionary.lookup(word):
                pos = m.part_of_speech()
                kinds |= {pos[3]} if pos[2] == "人名" else {"word", "place"} if pos[2] == "地名" else {"word"}
            self._kinds[word] = frozenset(kinds)
        return self._kinds[word]

    def _public(self, text: str, start: int, end: int) -> bool:
        """A public name or role holds it (大内宿, 野口英世, 保健師さん), a place word follows or ends it
        (中田付, 斎藤清美術館, 末廣酒造), a word before says it is a public figure (演じた綾瀬はるか),
        or it begins with the region's name (会津葵)."""
        folded = fold(text)
        for name in self._public_names:
            at = folded.find(name)
            while at >= 0:
                if at <= start and end <= at + len(name):
                    return True
                at = folded.find(name, at + 1)
        found = text[start:end]
        core = end - next((len(h) for h in rules.HONORIFICS if found.endswith(h) and found != h), 0)  # ばあちゃん
        if any(m.start() <= start and core <= m.end() for m in self._roles.finditer(text)):
            return True
        if any(found.startswith(brand) and len(found) > len(brand) for brand in self._brands):
            return True
        if KANA_NOT_NAME.fullmatch(found) or EXAMPLE_BEFORE.search(text[:start]):
            return True
        if self._public_family.search(folded[:start]) or self._place_said(text, start, end):
            return True
        return bool(
            self._place_after.match(text, end)
            or self._place_end.search(found)
            or self._before.search(text[:start])
            or PLACE_AFTER.match(text, end)
        )

    def _place_said(self, text: str, start: int, end: int) -> bool:
        """A route's end (宮下から川口まで), a district named without an honorific or です (坂下の初市, not 坂下です),
        or a name cut out of a longer place name (摺上原)."""
        if ROUTE_AFTER.match(text, end) or (text[:start].endswith("から") and ROUTE_BETWEEN.match(text, end)):
            return True
        listed = self._listed_before.search(text[:start])  # 双子、蓮と湊の, 兄の湊の: a person, not the district
        if text[start:end] in self._districts and DISTRICT_AFTER.match(text, end) and not listed:
            return True
        piece = PIECE_BEFORE.search(text[:start])
        return bool(piece and _KANJI.match(text, start) and piece.group() not in NOT_A_PIECE)

    def _tokens(self, doc: Any, text: str) -> List[rules.Token]:
        """The doc's words with whether the dictionary knows each one (the same Sudachi split, < 1 ms)."""
        unknown = {
            (m.begin(), m.end())
            for m in self._load().tokenizer.tokenizer.tokenize(text)
            if m.is_oov() or m.word_id() == _JOINED_UNKNOWN
        }
        return [(t.idx, t.idx + len(t.text), t.text, t.tag_, (t.idx, t.idx + len(t.text)) in unknown) for t in doc]

    def _sure(self, tokens: List[rules.Token], text: str) -> List[Span]:
        """Names the cues alone make sure of (no NER needed to confirm them)."""
        return [
            *rules.honorific_spans(tokens, self._words),
            *rules.introductions(text),
            *rules.self_named(tokens, text),
            *rules.parent_of(tokens, self._words),
            *rules.latin_names(text),
            *context.placed_surnames(tokens, text, self._words, self.lookup),
            *context.kana_after_break(tokens, text, self.lookup),
            *context.quoted_names(text),
            *context.before_family_bracket(tokens),
            *context.half_width_names(text),
            *forms.spaced_full_names(text, self._words, self.lookup),
            *forms.signatures(tokens, text, self._words, self.lookup),
            *forms.before_date_bracket(tokens, text),
            *forms.after_first_person(text, self.lookup),
            *forms.kana_after_clause(tokens, text, self.lookup),
            *marks.bracketed_names(text, self._words, self.lookup, self._districts),
            *marks.quoted_surnames(text, self._words, self.lookup, self._districts),
            *marks.signed_after_phone(text, self._words, self.lookup, self._districts),
            *kin.kin_kana_names(text, tokens, self.lookup),
            *kin.school_year_names(text, self.lookup),
            *kin.dialect_honorific_names(text, self.lookup),
            *kin.stated_given_names(text, self.lookup),
            *openings.opening_surnames(text, self.lookup),
            *openings.katakana_full_names(text, self.lookup),
            *openings.hiragana_full_names(text, self.lookup),
            *openings.household_names(tokens, text, self.lookup),
            *openings.announced_children(text, self.lookup),
        ]

    def _needs_ner(
        self, tokens: List[rules.Token], text: str, tagged: List[Tuple[int, int, bool]], family: List[Any]
    ) -> bool:
        """Whether a cue is left that only GiNZA's NER can decide (most everyday questions have none).

        Not a cue: a lone name tag on one of the region's districts (坂下, 若松に: place_words.yml) or on a piece
        of a spaced-kana word (こていしさんぜい); a common word after a family word (父の納骨); a role or a kanji
        common word before an honorific (職員さん, ばあちゃん, 農家さん: 星さん, a listed surname, still is one).
        """
        if SAID_OF_ONESELF.search(text):
            return True  # 猪苗代の蓮沼です: GiNZA may see the person the dictionary cut in two (蓮/沼)
        for start, end, full in tagged:
            word = text[start:end]
            piece = _HIRAGANA.fullmatch(word) and not _WORD_EDGE.match(text, end) and start > 0
            if full or not (word in self._districts or piece):
                return True
        for start, _, likely in family:
            first = next(t for t in tokens if t[0] == start)
            if likely or not first[3].startswith(rules.COMMON) or first[4]:
                return True
        for i, token in enumerate(tokens[1:], start=1):
            if token[2] in rules.HONORIFICS:
                _, _, word, tag, unknown = tokens[i - 1]
                listed = word in self._words.surnames or rules.base(word) in self._words.given_names
                common = tag.startswith(rules.COMMON) and not unknown and not listed and _KANJI.search(word)
                if not (self._roles.fullmatch(word) or common):
                    return True
        return False

    def spans(self, text: str) -> Iterator[Span]:
        """(start, end, "name") for every name found."""
        nlp = self._load()
        doc = nlp.make_doc(text)
        tokens = self._tokens(doc, text)
        # A hiragana given name on a surname (蓮沼そうた) is a cue like a name tag: GiNZA must see a person there.
        tagged = [
            *rules.tag_spans(tokens),
            *((s, e, False) for s, e, _ in context.given_after_surname(tokens, text, self._words, self.lookup)),
        ]
        sure = self._sure(tokens, text)
        family = list(rules.after_family_word(tokens, self._words))
        if not sure and not self._needs_ner(tokens, text, tagged, family):
            return
        for _, component in nlp.pipeline:
            doc = component(doc)
        persons = [
            (e.start_char, e.end_char, "name")
            for e in doc.ents
            if e.label_ == "Person" and not rules.CODE_WORD.fullmatch(e.text)  # action_out_of_scope, not a name
        ]
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
            start, end = rules.widen(text, start, end)
            if rules.QUESTION_WORD.fullmatch(text[start:end]) or rules.CODE_WORD.fullmatch(text[start:end]):
                continue  # 名前は何ですか asks for a name; action_out_of_scope is an identifier
            if not rules.first_person(text, start, end) and not self._public(text, start, end):
                yield start, end, label
