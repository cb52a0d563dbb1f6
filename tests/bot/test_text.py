from bot.text import fold, fold_with_offsets, katakana_to_hiragana


def test_fold_unifies_width_case_and_kana():
    assert fold("ｷﾀｶﾀ") == fold("キタカタ") == fold("きたかた") == "きたかた"
    assert fold("ＡＢＣ１２３") == "abc123"


def test_katakana_to_hiragana_keeps_long_vowel_mark():
    assert katakana_to_hiragana("コーヒー") == "こーひー"


def test_fold_with_offsets_composes_half_width_voicing_marks():
    text = "ﾊﾞﾝｹﾞです"
    folded, starts, ends = fold_with_offsets(text)
    assert folded == "ばんげです"
    assert starts == [0, 2, 3, 5, 6]
    assert ends == [2, 3, 5, 6, 7]


def test_one_line_flattens_and_shortens():
    from bot.text import one_line

    assert one_line("住民票の\n写し  がほしい", 40) == "住民票の 写し がほしい"
    assert one_line("あいうえおかきくけこ", 5) == "あいうえ…"
    assert len(one_line("あ" * 100, 60)) == 60
