import pytest
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.sudachi_tokenizer import READING, SudachiTokenizer


@pytest.fixture(scope="module")
def tokenizer():
    return SudachiTokenizer({**SudachiTokenizer.get_default_config()})


def tokens(tokenizer, text):
    return tokenizer.tokenize(Message({TEXT: text}), TEXT)


@pytest.mark.parametrize(
    "text", ["住民票がほしいです", "ｺｸﾎ ｶﾆｭｳ", "ﾏｲﾅ保険証どうなった？", "道路の雪いつ片付けてくれるんだべ"]
)
def test_offsets_index_the_original_text(tokenizer, text):
    for token in tokens(tokenizer, text):
        assert text[token.start : token.end] == token.text


def test_half_width_katakana_gets_full_width_lemma(tokenizer):
    (first, *_rest) = tokens(tokenizer, "ｺｸﾎ")
    assert first.text == "ｺｸﾎ"
    assert first.lemma == "コクホ"


def test_inflections_share_the_normalized_form(tokenizer):
    polite = {t.lemma for t in tokens(tokenizer, "取れます")}
    plain = {t.lemma for t in tokens(tokenizer, "取れる")}
    assert "取れる" in polite & plain


def test_readings_let_kana_meet_kanji(tokenizer):
    kana = "".join(t.get(READING) for t in tokens(tokenizer, "いんかんとうろく"))
    kanji = "".join(t.get(READING) for t in tokens(tokenizer, "印鑑登録"))
    assert kana == kanji == "インカントウロク"


def test_whitespace_is_not_a_token(tokenizer):
    assert all(t.text.strip() for t in tokens(tokenizer, "ごみ  の日"))


def test_invalid_split_mode_is_rejected():
    with pytest.raises(ValueError):
        SudachiTokenizer({**SudachiTokenizer.get_default_config(), "split_mode": "Z"})


def test_declares_japanese():
    assert SudachiTokenizer.supported_languages() == ["ja"]
