"""SafetyClassifier's tiers: patterns always count; the learned guess yields to a sure everyday topic."""

from __future__ import annotations

from pathlib import Path
from typing import List, Tuple, Union

import pytest
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.safety_classifier import SAFETY, SafetyClassifier
from bot.safety.analysis import Analysis
from bot.safety.catalogue import load_detection
from bot.safety.detector import SafetyDetector
from bot.settings import PROJECT_ROOT

Guess = Tuple[str, float]


class FixedGuess:
    """Stands in for the fitted classifier: always the same guesses, most likely first."""

    def __init__(self, guess: Union[None, Guess, List[Guess]]) -> None:
        self.guesses = guess if isinstance(guess, list) else [] if guess is None else [guess]

    def ranked(self, analysis: Analysis) -> List[Guess]:
        return list(self.guesses)


@pytest.fixture(scope="module")
def detector() -> SafetyDetector:
    return SafetyDetector(load_detection(Path(PROJECT_ROOT) / "data" / "safety"))


def classify(detector: SafetyDetector, guess, text: str, intent: str, confidence: float) -> dict:
    config = {**SafetyClassifier.get_default_config(), "safety_dir": str(PROJECT_ROOT / "data" / "safety")}
    component = SafetyClassifier(config, None, None, detector, FixedGuess(guess))  # type: ignore[arg-type]
    message = Message({TEXT: text, INTENT: {"name": intent, "confidence": confidence}})
    component.classify(message)
    return {"intent": message.get(INTENT)["name"], "safety": message.get(SAFETY)}


def test_a_sure_everyday_topic_turns_a_learned_crisis_into_a_pointer(detector):
    out = classify(detector, ("child_abuse", 0.6), "隣の家の室外機の音がうるさい", "noise_neighbour", 0.9)
    assert out["intent"] == "safety"
    assert out["safety"]["categories"] == [] and out["safety"]["maybe"] == "child_abuse"
    assert out["safety"]["intent"]["name"] == "noise_neighbour"


def test_without_a_sure_topic_the_learned_crisis_counts(detector):
    out = classify(detector, ("child_abuse", 0.9), "隣の家から毎晩子どもの泣き声がする", "noise_neighbour", 0.4)
    assert out["safety"]["categories"] == ["child_abuse"]
    out = classify(detector, ("child_abuse", 0.9), "隣の家の音が夜中に気になる", "noise_neighbour", 0.79)
    assert out["safety"]["categories"] == ["child_abuse"]  # below the bar: a crisis guess counts in full


def test_a_learned_non_crisis_counts_below_the_everyday_bar(detector):
    out = classify(detector, ("emergency", 0.9), "川の様子がおかしい", "rivers_ditches", 0.7)
    assert out["safety"]["categories"] == ["emergency"]


def test_a_sure_topic_drops_a_maybe_and_a_learned_non_crisis(detector):
    assert classify(detector, ("suicide", 0.25), "献血に行きたい", "blood_donation", 0.95)["safety"] is None
    assert classify(detector, ("fraud", 0.6), "後見人をつけたい", "adult_guardianship", 0.9)["safety"] is None


def test_patterns_count_whatever_the_topic(detector):
    out = classify(detector, None, "死にたい", "death_procedures", 0.99)
    assert out["safety"]["categories"] == ["suicide"]


def test_small_talk_and_fallback_are_not_everyday_topics(detector):
    out = classify(detector, ("suicide", 0.9), "もう疲れた", "nlu_fallback", 0.9)
    assert out["safety"]["categories"] == ["suicide"]
    out = classify(detector, ("suicide", 0.9), "もう疲れた", "goodbye", 0.95)
    assert out["safety"]["categories"] == ["suicide"]


def test_two_sure_situations_both_count_and_a_weak_third_does_not(detector):
    guesses = [("dv", 0.45), ("child_abuse", 0.4), ("emergency", 0.1)]
    text = "うちの父が母と弟にひどいことばかりする"
    assert detector.detect(text) == []  # the classifier alone
    out = classify(detector, guesses, text, "nlu_fallback", 0.5)
    assert out["safety"]["categories"] == ["dv", "child_abuse"]


def test_a_message_of_one_noun_gets_no_learned_guess(detector):
    for word in ("夫", "年金", "施設"):
        assert classify(detector, ("dv", 0.99), word, "nlu_fallback", 0.5)["safety"] is None, word
    # Kana the dictionary does not know is not a noun it names: the guess counts.
    assert classify(detector, ("suicide", 0.9), "ｼﾆﾀｲ", "nlu_fallback", 0.5)["safety"]["categories"] == ["suicide"]


def test_a_sure_guess_counts_behind_a_sure_everyday_topic(detector):
    text = "粗大ごみの出し方を教えてください。それと、同じ家の人にお腹を何度もやられています"
    assert detector.detect(text) == []  # the classifier alone
    out = classify(detector, ("dv", 0.85), text, "bulky_waste", 0.9)
    assert out["safety"]["categories"] == ["dv"] and out["safety"]["intent"]["name"] == "bulky_waste"
    out = classify(
        detector, ("fraud", 0.85), "燃えるごみの日を確認したい。いま玄関に来ている男がカードを渡せと", "garbage", 0.95
    )
    assert out["safety"]["categories"] == ["fraud"]
    # Just below the bar the old tiers hold: a crisis is a pointer, anything else is dropped.
    assert classify(detector, ("dv", 0.75), text, "bulky_waste", 0.9)["safety"]["maybe"] == "dv"


def test_a_sure_guess_ignores_span_wording_but_not_message_wide_wording(detector):
    text = "ストーブの前のカーテンが真っ赤になって、消火器を使ってもだめ"
    assert detector.everyday("emergency", text)  # 消火器 is the fire-prevention topic's word
    assert classify(detector, ("emergency", 0.9), text, "nlu_fallback", 0.35)["safety"]["categories"] == ["emergency"]
    # Below the bar the same wording still explains the guess away.
    assert classify(detector, ("emergency", 0.5), text, "nlu_fallback", 0.35)["safety"] is None
    course = "公民館の防災講座で、ストーブの火がカーテンにうつる実演を見ました"
    out = classify(detector, ("emergency", 0.95), course, "nlu_fallback", 0.35)
    assert out["intent"] == "nlu_fallback" and out["safety"] == {"categories": [], "topic": None, "quiet": True}


def test_naming_the_municipality_does_not_silence_the_classifier(detector):
    text = "元の相手から一日中メッセージが来て、今から行くって。会津美里町です"
    out = classify(detector, ("dv", 0.9), text, "inform_municipality", 0.95)
    assert out["safety"]["categories"] == ["dv"]
    assert classify(detector, ("dv", 0.9), "職員の人と話したい", "request_human", 0.95)["safety"] is None


def test_a_course_or_settled_paperwork_is_marked_quiet(detector):
    """No situation, and plainly everyday: the "maybe 119" line of the clarify step is not said either."""
    for text in ["心肺蘇生とAEDの使い方を習える講座はありますか", "5年前の火事で焼けた家の滅失登記をしたい"]:
        out = classify(detector, None, text, "nlu_fallback", 0.5)
        assert out["intent"] == "nlu_fallback" and out["safety"] == {"categories": [], "topic": None, "quiet": True}
    assert classify(detector, None, "天井裏で音がする", "nlu_fallback", 0.5)["safety"] is None


def test_settled_paperwork_after_a_crisis_needs_no_pointer(detector):
    out = classify(detector, ("dv", 0.9), "以前DVで支援措置を受けていましたが、もう必要ないので解除したい", "x", 0.5)
    assert out["intent"] != "safety" and not (out["safety"] or {}).get("maybe")
