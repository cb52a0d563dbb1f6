"""The written shapes of personal data (pure regular expressions, no GiNZA)."""

import pytest

from bot.privacy.patterns import address_spans, birth_date_spans, fold_digits, number_spans, stated_age_spans


def found(spans, text):
    folded = fold_digits(text)
    return [folded[start:end] for start, end, _ in spans(folded)]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("会津若松市中央4丁目16-9 グリーンヒル門田102号の者です", "中央4丁目16-9 グリーンヒル門田102号"),
        ("湊町大字共和字宮ノ下501番地　パレス大町-302なんですが", "湊町大字共和字宮ノ下501番地　パレス大町-302"),
        ("会津美里町大字雀林字館ノ内甲984 コーポ桜302号室に住んで", "大字雀林字館ノ内甲984 コーポ桜302号室"),
        ("西会津町大字奥川字谷地４８８－２ 定住促進住宅５号に住む", "大字奥川字谷地488-2 定住促進住宅5号"),
        ("栄町5-12 ﾊｲﾂ栄201で水が出ません", "栄町5-12 ﾊｲﾂ栄201"),
    ],
)
def test_the_building_and_room_after_an_address_are_part_of_it(text, address):
    assert address in found(address_spans, text)


@pytest.mark.parametrize("text", ["本町5-1から徒歩5分", "東栄町3-46 2階の窓口", "栄町5-12の前 3台"])
def test_words_and_floors_after_an_address_are_not_a_building(text):
    assert all("徒歩" not in a and "階" not in a and "台" not in a for a in found(address_spans, text))
    assert all(" " not in a for a in found(address_spans, text))


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
    ("text", "number"),
    [("還付金の振込先、普通 6694534で合ってますか", "6694534"), ("口座番号、4806964に訂正", "4806964")],
)
def test_account_numbers_after_the_account_kind_or_a_comma(text, number):
    assert found(number_spans, text) == [number]
