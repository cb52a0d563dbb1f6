"""The written shapes of personal data (pure regular expressions, no GiNZA)."""

import pytest

from bot.privacy.patterns import address_spans, fold_digits, number_spans


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
    ("text", "number"),
    [("還付金の振込先、普通 6694534で合ってますか", "6694534"), ("口座番号、4806964に訂正", "4806964")],
)
def test_account_numbers_after_the_account_kind_or_a_comma(text, number):
    assert found(number_spans, text) == [number]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("住所は本町三丁目12番7号です", "本町三丁目12番7号"),
        ("自宅は材木町一丁目五番二号", "材木町一丁目五番二号"),
        ("栄町二番十四号のアパート", "栄町二番十四号"),
        ("大町一番地の三に住んでいます", "大町一番地の三"),
    ],
)
def test_addresses_in_kanji_numerals(text, address):
    assert address in found(address_spans, text)


@pytest.mark.parametrize("text", ["一番近い避難所はどこ", "一番地味な質問ですが", "三丁目の郵便局は何時まで"])
def test_kanji_numerals_that_are_words_are_not_addresses(text):
    assert found(address_spans, text) == []


def test_a_district_holding_a_village_word_is_masked_below_the_municipality():
    assert set(found(address_spans, "喜多方市豊川町米室字高吉4321です")) == {"豊川町米室字高吉4321"}
    assert set(found(address_spans, "会津若松市北会津町村西字東1-2")) == {"北会津町村西字東1-2"}
    assert set(found(address_spans, "耶麻郡北塩原村大字桧原字苧ヶ曽根1093")) == {"大字桧原字苧ヶ曽根1093"}


@pytest.mark.parametrize(
    "text",
    ["〒969-3523 まで郵送してください", "郵便番号は965-0042ですか", "町道3-118号線の除雪", "県道7-12線が通行止め"],
)
def test_postcodes_and_road_numbers_are_not_addresses(text):
    assert found(address_spans, text) == []


def test_an_address_followed_by_a_public_place_is_a_landmark():
    import re

    landmark = re.compile("の(?:公園|交差点)")
    folded = fold_digits("2丁目3番地の公園の遊具が壊れている。栄町4-5の家の前")
    assert [folded[s:e] for s, e, _ in address_spans(folded, landmark)] == ["栄町4-5"]


@pytest.mark.parametrize(
    ("text", "number"),
    [("被保険者番号：40213", "40213"), ("保険証の番号は 8812 です", "8812"), ("会員番号A123", "A123")],
)
def test_a_named_kind_of_number_needs_only_four_characters(text, number):
    assert found(number_spans, text) == [number]


@pytest.mark.parametrize("text", ["電話番号は024239111です", "郵便番号9650042", "整理番号12番の方"])
def test_phone_numbers_postcodes_and_short_numbers_are_not_personal_numbers(text):
    assert found(number_spans, text) == []
