"""Names found from their cues, through the masking service (GiNZA, no Rasa model)."""

import pytest

from bot.privacy import mask_pii
from bot.privacy.name_rules import latin_names

MASKED = [
    # announced: 名前は, 口座名義, 氏名 with a space, 名前…
    ("わたしのなまえはみながわ　みよこです。", "わたしのなまえは[氏名]です。"),
    ("了解です。名前はみやもりつよしでお願いします", "了解です。名前は[氏名]でお願いします"),
    ("口座名義ハガアキコ、口座番号1234567です", "口座名義[氏名]、口座番号[番号]です"),
    ("本人確認：氏名 馬場　ひなた　生年月日は不明", "本人確認：氏名 [氏名]　生年月日は不明"),
    ("名前…ゆみたしげおです", "名前…[氏名]です"),
    # said of oneself: a surname and a copula, a hiragana name cut into words, a dialect "I"
    ("物江でございます。戸籍謄本を", "[氏名]でございます。戸籍謄本を"),
    ("西会津町の菊地だす。", "西会津町の[氏名]だす。"),
    ("あなざわひできです。連絡先は", "[氏名]です。連絡先は"),
    ("お世話になっております。はしもとかずや、", "お世話になっております。[氏名]、"),
    ("わだすはみながわ すみだす。", "わだすは[氏名]だす。"),
    ("先ほど電話したスドウです。", "先ほど電話した[氏名]です。"),
    ("こんにちは！ヤベ マユミです。", "こんにちは！[氏名]です。"),
    # an honorific after a word the dictionary does not know, a listed surname, 先生
    ("隣のミヤモリトシさん（70歳くらい）が倒れてて", "隣の[氏名]さん（[年齢]くらい）が倒れてて"),
    ("担任のねもと先生から聞きました", "担任の[氏名]先生から聞きました"),
    # family words, listed given names, a parent introducing themself
    ("息子の蒼空（9歳）の保育園が休園です", "息子の[氏名]（[年齢]）の保育園が休園です"),
    ("娘の葵が来年から保育園です", "娘の[氏名]が来年から保育園です"),
    ("凛ちゃんの予防接種券をなくしました", "[氏名]ちゃんの予防接種券をなくしました"),
    ("母は矢部スミ、昭和16年2月16日生まれです。", "母は[氏名]、[生年月日]生まれです。"),
    ("大和の母です。学童保育の延長は", "[氏名]の母です。学童保育の延長は"),
    ("星　恵の父です。", "[氏名]の父です。"),
    ("加藤悠人の母です。", "[氏名]の母です。"),
    # Latin letters, capitals too
    ("ANAZAWA Tsuyoshi と申します。", "[氏名] と申します。"),
]
KEPT = [
    "会津柳津駅から圓藏寺まで歩いて何分くらいですか",
    "飯盛山の階段は小学生でも登れますか？ベビーカーだと難しいですか？",
    "まちなか周遊バスのハイカラさんは何分おきですか",
    "ケアマネさんに相談したい",
    "ヘルパーさんに来てもらいたい",
    "名前が変わりました。保険証はどうすれば",
    "名前は伏せてください",
    "息子の熱が下がりません",
    "娘の学校から連絡がありました",
    "JR East の切符は",
    "わだすは会津の者だす",
    "子どもの母です。保育園の申し込みは",
]


@pytest.mark.parametrize(("text", "expected"), MASKED)
def test_names_found_from_their_cues(text, expected):
    assert mask_pii(text) == expected


@pytest.mark.parametrize("text", KEPT)
def test_look_alikes_of_the_new_cues_are_left_alone(text):
    assert mask_pii(text) == text


def test_latin_names_take_three_parts_but_not_abbreviations():
    assert [text for text in ("Nguyen Van An", "NHK BS", "JR East") if list(latin_names(text))] == ["Nguyen Van An"]


def test_identifiers_and_question_words_are_not_names():
    from bot.privacy import mask_pii

    assert (
        mask_pii("Registered function for 'action_out_of_scope'.") == "Registered function for 'action_out_of_scope'."
    )
    assert mask_pii("名前は何ですか") == "名前は何ですか"
    assert mask_pii("お名前はどなたですか") == "お名前はどなたですか"
    assert mask_pii("名前は何田さんです") == "名前は[氏名]です"  # a surname that begins with 何 is still a name
