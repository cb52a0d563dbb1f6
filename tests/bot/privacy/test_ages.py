"""Birth dates and ages of a person, not of a rule (pure regular expressions, no GiNZA)."""

import pytest

from bot.privacy.ages import birth_date_spans, stated_age_spans
from bot.privacy.patterns import fold_digits


def found(spans, text):
    folded = fold_digits(text)
    return [folded[start:end] for start, end, _ in spans(folded)]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("S56.8.11生です。大腸がん検診", "S56.8.11"),
        ("生年月日はh20.8.3です。", "h20.8.3"),
        ("せいねんがっぴ昭和二十五年九月九日です", "昭和二十五年九月九日"),
        ("たんじょうびは2001/07/15", "2001/07/15"),
    ],
)
def test_birth_dates_with_more_cues(text, date):
    assert found(birth_date_spans, text) == [date]


def test_an_event_date_is_not_a_birth_date():
    assert found(birth_date_spans, "令和6年9月22日の会津まつりは雨でも開催ですか") == []


@pytest.mark.parametrize(("text", "age"), [("七十九歳、ひとり暮らしです", "七十九歳"), ("助けて。82歳です", "82歳")])
def test_an_age_opening_a_sentence_is_stated(text, age):
    assert found(stated_age_spans, text) == [age]


@pytest.mark.parametrize("text", ["二十歳のつどいの会場は", "75歳以上の人だけの世帯", "質問です。70歳以上が対象ですか"])
def test_an_age_of_a_rule_is_not_stated(text):
    assert found(stated_age_spans, text) == []


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("義父は昭和8年生まれで", "昭和8年"),
        ("本人（平成2年生）が申請します", "平成2年"),
        ("1987年生まれの会社員です", "1987年"),
        ("祖母は大正十四年生まれ", "大正十四年"),
    ],
)
def test_a_birth_year_without_the_day(text, year):
    assert found(birth_date_spans, text) == [year]


@pytest.mark.parametrize(
    "text",
    [
        "昭和28年4月2日以降に生まれた方は対象ですか",
        "平成29年4月2日から平成30年4月1日生まれの子",
        "昭和30年生まれ以前の人は",
        "平成元年生まれの方の同窓会の案内",
        "令和5年4月1日までに生まれた子",
    ],
)
def test_the_ends_of_a_range_of_birth_dates_are_not_a_birth_date(text):
    assert found(birth_date_spans, text) == []


@pytest.mark.parametrize(
    ("text", "ages"),
    [
        ("義母の年齢は88です", ["88"]),
        ("年齢：57 職業：自営業", ["57"]),
        ("妻（39）と息子（7）の3人です", ["39", "7"]),
        ("次男4歳、次女2歳がいます", ["4歳", "2歳"]),
        ("私、45歳です", ["45歳"]),
    ],
)
def test_ages_without_a_name_said_of_a_person(text, ages):
    assert sorted(set(found(stated_age_spans, text))) == sorted(ages)


@pytest.mark.parametrize(
    "text",
    [
        "70歳以上の方は無料ですか",
        "対象年齢は65歳からですか",
        "支給開始年齢は65歳ですか",
        "20歳未満の人は入れません",
        "（75歳以上）の医療制度",
        "子ども3歳から参加できますか",
    ],
)
def test_ages_of_a_rule_are_not_stated(text):
    assert found(stated_age_spans, text) == []
