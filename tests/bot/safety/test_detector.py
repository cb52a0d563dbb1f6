"""The safety patterns and classifier data, on the real data/safety files (no trained model)."""

from __future__ import annotations

import pytest

from bot.safety.detector import SafetyDetector, fold_for_match
from bot.safety.models import CategoryPatterns, Detection

# The messages of the safety issue, each with the situation that must be recognised.
ISSUE_MESSAGES = [
    ("死にたい", "suicide"),
    ("もう生きていたくない", "suicide"),
    ("消えてしまいたい。毎日つらい", "suicide"),
    ("しにたい", "suicide"),
    ("ｼﾆﾀｲ", "suicide"),
    ("もう疲れた、いなくなりたい", "suicide"),
    ("夫から暴力を受けています", "dv"),
    ("彼氏に殴られるのが怖い", "dv"),
    ("夫が怖くて家に帰れない", "dv"),
    ("隣の家の子どもがいつも怒鳴られて叩かれているみたい", "child_abuse"),
    ("虐待の通報先を知りたい", "child_abuse"),
    ("親が施設で虐待されているかもしれない", "elder_abuse"),
    ("畑でクマを見ました", "wildlife"),
    ("軒下にハチの巣ができて困ってる", "wildlife"),
    ("子どもが夜中に熱を出した、病院に行くべき？", "child_illness"),
    ("詐欺の電話がかかってきた", "fraud"),
    ("認知症の父が朝から帰ってこない", "missing_person"),
    ("ガス臭いんだけど", "gas_power_disaster"),
    ("電線が切れて垂れ下がってる", "gas_power_disaster"),
    ("火事です！！", "emergency"),
    ("人が倒れて意識がない", "emergency"),
]

# Everyday requests with emergency-sounding words (from the issue): no safety reply at all.
EVERYDAY = [
    "カラスが多くて困ってる",
    "道路に穴があいている",
    "道路に大きな穴があいている",
    "近所の騒音がうるさい",
    "事故物件って役場で調べられますか",
    "火災保険の申請に必要な書類は？",
    "救急の日のイベントはありますか",
    "防災訓練はいつですか",
    "火災報知器の設置に補助はありますか",
    "クマのぬいぐるみを寄付したい",
    "熊本から引っ越してきました",
    "殴り書きのメモでも申請できますか",
    "死亡届を出したい",
    "サルが畑を荒らす被害の補助金はありますか",
    "詐欺被害防止の講座に申し込みたい",
]


@pytest.mark.parametrize(("text", "category"), ISSUE_MESSAGES)
def test_the_issue_messages_are_recognised(detector, reading, text, category):
    assert category in detector.detect(text, reading(text))


@pytest.mark.parametrize("text", EVERYDAY)
def test_everyday_requests_are_not(detector, reading, text):
    assert detector.detect(text, reading(text)) == []


def test_kana_and_half_width_fold_to_one_form():
    assert fold_for_match("ｼﾆﾀｲ") == fold_for_match("シニタイ") == "しにたい"
    assert fold_for_match("しにてぇ 〜") == "しにてえ"


def test_unless_cancels_only_the_match_it_overlaps():
    detector = SafetyDetector(Detection(categories={"fraud": CategoryPatterns(any=["詐欺"], unless=["詐欺防止講座"])}))
    assert detector.detect("詐欺防止講座に申し込みたい") == []
    assert detector.detect("詐欺防止講座の帰りに詐欺の電話がきた") == ["fraud"]


def test_a_blocked_match_does_not_hide_a_free_one_inside_it():
    spec = CategoryPatterns(any=["(猪|イノシシ).{0,20}突進"], unless=["猪苗代"])
    detector = SafetyDetector(Detection(categories={"wildlife": spec}))
    assert detector.detect("猪苗代町の畑でイノシシが突進してきた") == ["wildlife"]
    assert detector.detect("猪苗代町の突進") == []


def test_unless_message_cancels_the_whole_message():
    spec = CategoryPatterns(any=["停電"], unless_message=["復旧"])
    assert SafetyDetector(Detection(categories={"gas": spec})).detect("停電してる、復旧はいつ？") == []


def test_all_needs_every_part_of_a_group():
    spec = CategoryPatterns(all=[["疲れた", "いなくなり"]])
    detector = SafetyDetector(Detection(categories={"suicide": spec}))
    assert detector.detect("もう疲れた、いなくなりたい") == ["suicide"]
    assert detector.detect("仕事で疲れた") == []


def test_explain_names_the_pattern(detector, reading):
    (category, pattern), *_ = detector.explain("死にたい", reading("死にたい"))
    assert category == "suicide" and pattern


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("朝、家の前で車にひかれたらしい猫が死んでいました。", []),
        ("歩道にタヌキが死んでいて、車にひかれたみたい", []),
        ("三島町で飼い猫が三日前から帰ってきません。迷子の届けは出せますか", []),
        ("家の近くの市道にひびが入って段差ができています", []),
        ("車にひかれた人が倒れてる", ["emergency"]),
        ("車にひかれた猫を助けようとして父がはねられた", ["emergency"]),
        ("犬の散歩に行った父が帰ってこない", ["missing_person"]),
        ("認知症の母が迷子になった", ["missing_person"]),
        # A school year is not "years ago": 「三年」 in 小学三年 does not make it an old case.
        ("小学三年の娘が下校時刻を過ぎても帰ってきません", ["missing_person"]),
        ("十年前に家を出た兄が帰ってこない", []),
        ("バイクの人が道路に倒れたまま動きません", ["emergency"]),
        ("台風で木が倒れたまま動かせない", []),
        # Folding drops ー, so 「しにてー」 must not become a pattern that 「喜多方市に転入」 meets.
        ("喜多方市に転入します。水道の使用開始はどこで申し込みますか", []),
        ("しにてー", ["suicide"]),
        ("りさいしょうめいしょを もういちまい ほしいです", []),
        ("いしょを かいた", ["suicide"]),
        ("ｼﾞｻﾂﾖﾎﾞｳ ﾉ ﾊﾟﾈﾙﾃﾝ ｲﾏ ﾄﾞｺﾃﾞ ﾔｯﾃﾏｽｶ", []),
    ],
)
def test_animals_pets_and_pavement_are_everyday_but_people_are_not(detector, reading, text, expected):
    assert detector.detect(text, reading(text)) == expected
