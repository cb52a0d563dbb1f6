"""Names found from where they stand, and public names, places and roles left alone (GiNZA, no Rasa model)."""

import pytest

from bot.privacy import mask_pii

MASKED = [
    # a surname after an address or a clause, before です
    ("会津若松市城東町の猪俣ですが、街灯が切れています", "会津若松市城東町の[氏名]ですが、街灯が切れています"),
    ("字中島2345の森です。ごみの件で", "[住所]の[氏名]です。ごみの件で"),
    ("喜多方市で蕎麦屋をやっている渡部です", "喜多方市で蕎麦屋をやっている[氏名]です"),
    # a kana name after a comma; a hiragana given name on a surname
    ("湯川村に住んでいる、あさぬま です", "湯川村に住んでいる、[氏名] です"),
    ("孫の五十嵐ゆいが熱を出しました", "孫の[氏名]が熱を出しました"),
    # quoted names, a name before a family word in brackets, a reading in brackets, half-width katakana
    ("次女の名前は「さくら」です", "次女の名前は「[氏名]」です"),
    ("タクミ（長男）の転校の手続き", "[氏名]（長男）の転校の手続き"),
    ("息子の陽（はる）が入学します", "息子の[氏名]が入学します"),
    ("ﾜﾀﾅﾍﾞ ｹｲｺ S48.2.9生 の国保", "[氏名] [生年月日]生 の国保"),
    ("氏名 ｻｲﾄｳ ﾕｳｷ", "氏名 [氏名]"),
    ("ｺﾝﾉ ﾀｶｼ 平成4年7月1日生まれ", "[氏名] [生年月日]生まれ"),
    # listed children, a name after 子 and a space, a child's kana name before ちゃん
    ("双子、蓮と湊の予防接種", "双子、[氏名]と[氏名]の予防接種"),
    ("子 ハルト 5歳", "子 [氏名] [年齢]"),
    ("隣の家の、みおちゃんが泣いてる", "隣の家の、[氏名]ちゃんが泣いてる"),
    # ages and birth years next to these
    ("伯父の小林（79）が入院しました", "伯父の[氏名]（[年齢]）が入院しました"),
    ("名前は谷 健吾、平成3年生まれです", "名前は[氏名]、[生年月日]生まれです"),
]
KEPT = [
    # public figures, their monuments and works
    "野口英世の生家は猪苗代町ですか",
    "中野竹子の像はどこにありますか",
    "山本覚馬を演じた西島秀俊さんのサインはありますか",
    "土方歳三の墓は天寧寺ですか",
    "天海僧正の生誕地は会津美里町ですか",
    # shops, makers, events and brands
    "鈴木商店は日曜も開いていますか",
    "渡部工務店に頼んだ工事の補助金",
    "星医院は土曜の午後も診てくれますか",
    "大和川酒造の見学",
    "高田大名行列祭りはいつですか",
    "会津娘はどこで買えますか",
    # roles and jobs said with さん
    "保健師さんの家庭訪問はいつ",
    "民生委員さんに相談しました",
    "保育士さんは何人いますか",
    "駐在さんに届けました",
    "おばあちゃんが転びました",
    "ばあちゃん亡くなったんだげんじょ",
    "ｺｸﾎ ｶﾆｭｳ ﾃﾂﾂﾞｷ",
    # 名前は with no name
    "公園の名前は何ですか",
    "窓口で言われたそうです",
    "この川の名前を教えて",
]


@pytest.mark.parametrize(("text", "expected"), MASKED)
def test_names_found_from_where_they_stand(text, expected):
    assert mask_pii(text) == expected


@pytest.mark.parametrize("text", KEPT)
def test_public_names_places_and_roles_stay(text):
    assert mask_pii(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("市民課の0242-39-1229に電話しても出ません", "市民課の0242-39-1229に電話しても出ません"),
        (
            "問い合わせ先は kenkou@city.kitakata.fukushima.jp ですか",
            "問い合わせ先は kenkou@city.kitakata.fukushima.jp ですか",
        ),
        ("私の番号は0241-22-1234です", "私の番号は[電話]です"),
        ("〒965-8601 会津若松市東栄町3-46", "〒965-8601 会津若松市[住所]"),
        ("市道2-15号線の穴", "市道2-15号線の穴"),
        ("75歳以上の方の医療費", "75歳以上の方の医療費"),
    ],
)
def test_public_lines_postcodes_roads_and_rules_stay_but_a_persons_number_does_not(text, expected):
    assert mask_pii(text) == expected
