"""Words with several meanings are asked back, words that decide are answered."""

from __future__ import annotations

from bot.knowledge.ambiguity import Ambiguity, which
from bot.settings import PROJECT_ROOT

DATA = PROJECT_ROOT / "data"


def test_a_certificate_without_saying_which_is_asked_back():
    choices = which("証明書がほしい", "resident_certificate", DATA)
    assert choices == ["resident_certificate", "family_register", "seal_registration", "tax_certificate"]
    assert which("しょうめいしょ", "resident_certificate", DATA) is None  # no cue: answered as classified


def test_a_word_that_decides_is_answered():
    assert which("住民票の証明がほしい", "resident_certificate", DATA) is None
    assert which("所得証明書がほしい", "tax_certificate", DATA) is None


def test_a_due_date_without_saying_of_what_is_asked_back():
    assert which("納期限はいつ？", "tax_payment", DATA) == ["tax_payment", "national_health_insurance", "water_supply"]
    assert which("固定資産税の納期限はいつ？", "tax_payment", DATA) is None


def test_buttons_and_unrelated_topics_are_not_asked_back():
    assert which("/resident_certificate", "resident_certificate", DATA) is None
    assert which("証明書がほしい", "bulky_waste", DATA) is None


def test_an_entry_needs_two_choices():
    import pytest
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        Ambiguity(cue="x", decided_by="y", topics=["a"])


def test_without_a_guessed_topic_any_ambiguous_word_counts():
    assert which("証明書がほしいんですけど", None, DATA) == [
        "resident_certificate",
        "family_register",
        "seal_registration",
        "tax_certificate",
    ]
    assert which("ごみの日", None, DATA) is None


def test_insurance_without_saying_which_is_asked_back():
    assert which("保険", None, DATA) == ["national_health_insurance", "long_term_care", "elderly_medical_care"]
    assert which("ほけんのこと", None, DATA) is not None
    for decided in ("国民健康保険に入りたい", "介護保険の申請", "保険証をなくした", "後期高齢者の保険料"):
        assert which(decided, None, DATA) is None, decided
