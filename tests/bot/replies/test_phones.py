"""Phone numbers in replies, for tappable tel: links."""

from bot.replies.phones import find_phones, tel_uri


def test_full_hash_and_short_numbers_are_found_once_each():
    text = "すぐに119番へ。\n・DV相談ナビ #8008（各センター）\n・よりそい 0120-279-226（24時間）\n再び119番"
    assert [p["number"] for p in find_phones(text)] == ["119", "#8008", "0120-279-226"]


def test_tel_uris_escape_the_hash_and_drop_hyphens():
    assert tel_uri("#8008") == "tel:%238008"
    assert tel_uri("0242-39-1111") == "tel:0242391111"


def test_other_numbers_are_not_phones():
    assert find_phones("手数料は110円、受付は1190号室、2026-12-02") == []
