import pytest

from bot.knowledge.matcher import MunicipalityMatcher, surface_forms


@pytest.fixture()
def matcher():
    forms = {}
    for form in surface_forms("会津坂下町", "あいづばんげまち", ["坂下", "ばんげ"]):
        forms[form] = "aizubange"
    for form in surface_forms("会津若松市", "あいづわかまつし", ["若松", "わかまつ"]):
        forms[form] = "aizuwakamatsu"
    for form in surface_forms("喜多方市", "きたかたし", []):
        forms[form] = "kitakata"
    return MunicipalityMatcher(forms)


def test_surface_forms_add_names_without_suffix():
    forms = surface_forms("喜多方市", "きたかたし", [])
    assert {"喜多方市", "喜多方", "きたかたし", "きたかた"} <= set(forms)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("会津若松市の住民票", "aizuwakamatsu"),
        ("若松のごみ", "aizuwakamatsu"),
        ("ばんげのごみの日", "aizubange"),
        ("ﾊﾞﾝｹﾞです", "aizubange"),
        ("バンゲ", "aizubange"),
        ("きたかたに住んでます", "kitakata"),
        ("喜多方のことです", "kitakata"),
    ],
)
def test_finds_municipality_in_any_spelling(matcher, text, expected):
    found = matcher.find(text)
    assert [m.municipality for m in found] == [expected]


def test_offsets_point_into_the_original_text(matcher):
    text = "住民票は ﾊﾞﾝｹﾞ で"
    (match,) = matcher.find(text)
    assert text[match.start : match.end] == "ﾊﾞﾝｹﾞ"
    assert match.surface == "ﾊﾞﾝｹﾞ"


def test_longest_form_wins(matcher):
    (match,) = matcher.find("会津坂下町役場")
    assert (match.start, match.end) == (0, 5)


def test_no_match_in_unrelated_text(matcher):
    assert matcher.find("燃えるごみは何曜日？") == []


def test_words_marked_not_a_municipality_are_skipped():
    forms = {f: "bandai" for f in surface_forms("磐梯町", "ばんだいまち", ["磐梯"])}
    forms.update({"磐梯山": "", "裏磐梯": ""})
    matcher = MunicipalityMatcher(forms)
    assert matcher.find("磐梯山の噴火が心配") == []
    assert matcher.find("裏磐梯に移住したい") == []
    assert [m.municipality for m in matcher.find("磐梯町の避難所")] == ["bandai"]
