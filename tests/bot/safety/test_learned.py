"""The learned safety classifier: kana spellings of the examples, and what they teach (real Sudachi)."""

from __future__ import annotations

import pytest

from bot.safety.analysis import SafetyAnalyzer
from bot.safety.learned import LearnedSafety, kana_spelling


@pytest.fixture(scope="module")
def analyzer() -> SafetyAnalyzer:
    return SafetyAnalyzer()


def test_kana_spelling_is_the_reading_in_hiragana(analyzer):
    assert (
        kana_spelling(analyzer.analyze("施設で職員が老人を叩いている")) == "しせつでしょくいんがろうじんをたたいている"
    )


def test_text_already_in_kana_has_no_second_spelling(analyzer):
    assert kana_spelling(analyzer.analyze("しにたい")) is None
    assert kana_spelling(analyzer.analyze("ｼﾆﾀｲ")) is None


EXAMPLES = [
    ("施設で職員が老人を叩いている", "elder_abuse"),
    ("祖母が介護施設で殴られているようだ", "elder_abuse"),
    ("母の年金を兄が勝手に使っている", "elder_abuse"),
    ("夫に毎晩殴られて怖い", "dv"),
    ("彼氏に叩かれてあざができた", "dv"),
    ("住民票の写しがほしい", "none"),
    ("ごみの出し方を教えてください", "none"),
    ("図書館の開館時間は何時ですか", "none"),
    ("施設の利用料金を知りたい", "none"),
    ("年金の手続きはどこですか", "none"),
]


def test_kana_spellings_teach_what_half_width_input_means(analyzer):
    texts, labels = zip(*EXAMPLES, strict=True)
    analyses = [analyzer.analyze(t) for t in texts]
    spelled = [(kana_spelling(a), label) for a, label in zip(analyses, labels, strict=True)]
    kanji_only = LearnedSafety.fit(analyses, list(labels))
    with_kana = LearnedSafety.fit(
        analyses + [analyzer.analyze(t) for t, _ in spelled if t], list(labels) + [label for t, label in spelled if t]
    )
    message = analyzer.analyze("ｼｾﾂ ﾃﾞ ｼｮｸｲﾝ ｶﾞ ﾛｳｼﾞﾝ ﾀﾀｲﾃﾙ")
    before, after = kanji_only.best(message), with_kana.best(message)
    assert before is not None and after is not None
    assert after[0] == "elder_abuse" and after[1] > before[1] and after[1] >= 0.35
