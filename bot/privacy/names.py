"""Residents' names, found with GiNZA (spaCy's Japanese pipeline) and the Sudachi dictionary's name tags.

Three signals, any of which marks a name (the cues are in `bot.privacy.name_rules`):
- GiNZA's named-entity recogniser labels a `Person`;
- the Sudachi dictionary inside GiNZA tags the words 名詞-固有名詞-人名 (姓, 名, 一般);
- the words before an honorific (さん, 様, 君, ちゃん …), a self-introduction (〜と申します,
  名前は〜, 〜の母です) or after a family word (娘の〜) — this is how a kana-only name such as
  やまだ たろう, or a word the dictionary does not know (ミヤモリトシ), is found.

The NER model (`tok2vec`, `ner`; ~12 ms per message on two cores) runs only when the tokenizer
(<1 ms) sees a cue — a name tag, an unknown word, an honorific or a self-introduction — so most
messages pay only for tokenizing. Public names (data/privacy/public_names.yml) are never masked.
"""

from __future__ import annotations

import re
from typing import Any, FrozenSet, Iterator, List, Optional

from bot.privacy import name_rules as rules
from bot.privacy.lexicon import NameWords
from bot.privacy.patterns import Span
from bot.text import fold

_PLACE_WORDS = (
    "宿|町|村|地区|付|総合支所|支所|駅|橋|川|山|湖|沼|城|小学校|中学校|高校|学校|病院|医院|公園|神社|寺|"
    "公民館|集会所|会館|通り|線|インター|峠|温泉|商店|保育園|幼稚園|こども園"
)
PLACE_SUFFIX = re.compile(rf"(?:{_PLACE_WORDS})")
# A found "name" ending in a facility word is a facility (塩川総合支所, JAの直売所, 会津柳津駅); single
# characters (川, 橋, 城) end surnames too (江川, 高橋, 栗城), so only longer words and 駅 count here.
PLACE_END = re.compile(
    r"(?:総合支所|支所|地区|小学校|中学校|高校|学校|病院|医院|公園|神社|公民館|集会所|会館|通り|インター|温泉|商店|"
    r"保育園|幼稚園|こども園|直売所|事務所|役所|役場|センター|駅)$"
)
# Sudachi's word id for a run of katakana it joined without knowing the word (ミヤモリトシ, ハガアキコ).
_JOINED_UNKNOWN = 0x0FFFFFFF


class NameFinder:
    """Person names in text; the GiNZA pipeline loads on first use, once per process."""

    def __init__(
        self,
        public_names: FrozenSet[str] = frozenset(),
        model: str = "ja_ginza",
        words: Optional[NameWords] = None,
    ) -> None:
        self._public_names = sorted({fold(n) for n in public_names}, key=len, reverse=True)
        self._model = model
        self._words = words or NameWords()
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

    def _tokens(self, doc: Any, text: str) -> List[rules.Token]:
        """The doc's words with whether the dictionary knows each one (the same Sudachi split, < 1 ms)."""
        unknown = {
            (m.begin(), m.end())
            for m in self._load().tokenizer.tokenizer.tokenize(text)
            if m.is_oov() or m.word_id() == _JOINED_UNKNOWN
        }
        return [(t.idx, t.idx + len(t.text), t.text, t.tag_, (t.idx, t.idx + len(t.text)) in unknown) for t in doc]

    def spans(self, text: str) -> Iterator[Span]:
        """(start, end, "name") for every name found."""
        nlp = self._load()
        doc = nlp.make_doc(text)
        tokens = self._tokens(doc, text)
        tagged = list(rules.tag_spans(tokens))
        sure = [
            *rules.honorific_spans(tokens, self._words),
            *rules.introductions(text),
            *rules.self_named(tokens, text),
            *rules.parent_of(tokens, self._words),
            *rules.latin_names(text),
        ]
        family = list(rules.after_family_word(tokens, self._words))
        honorific = any(t[2] in rules.HONORIFICS for t in tokens[1:])  # 星さん: GiNZA decides
        if not tagged and not sure and not family and not honorific:
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
