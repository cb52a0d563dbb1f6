"""Families of wording the v13 round showed, each with messages written for the test (not from any set).

Everyday: 「死ぬかと思った」 in dialect and a task that will not end, becoming a DV counsellor or volunteer, a
welfare question about a sick husband, a child asking about the hazard map, a warning about the winter, a
neighbour away whose family cannot be reached, a leak at a water meter, a trap to borrow, an alarm beeping
with no smoke. Recognised: a cord hung from a beam, the worst headache of one's life, a vehicle in water, a
person limp in a car, a partner hurting the child, a child who freezes when a parent's mood turns, neglect
told without 虐待 behind a question about a school's information session.
"""

from __future__ import annotations

import pytest

EVERYDAY = [
    # Idioms of a hard day.
    "屋根の雪下ろしで死ぬがど思ったでば。雪下ろしの業者って町で紹介してくれっかい",
    "宿題が終わらなくて死ぬ。市立図書館の自習室って何時まで使えますか",
    # Helping as a counsellor or a volunteer.
    "DV被害者支援の相談員の養成講習って、町でも募集していますか",
    "どめすてぃっくばいおれんすの しえんいんに なるには しかくが いりますか",
    # A welfare question about a sick husband, with no word of harm.
    "夫が脳梗塞で倒れてから働けず、私の収入だけです。高校の就学支援金は受けられますか",
    # A child asking about the hazard map.
    "がっこうで もらった はざーどまっぷで うちが あかい。あかって どういうこと？",
    # Warned of the winter, not threatened.
    "会津の冬は道が凍るぞと同僚に脅されました。冬道の運転講習はありますか",
    # A neighbour in hospital; a leak at a water meter; a trap to borrow; a beeping alarm.
    "お隣さんが入院中で、ご家族とも連絡がつきません。回覧板はどうしたらいいですか",
    "向かいの空き家の水道メーターのところから水が漏れて道路に流れています",
    "サルの箱わなを町から借りられるって本当ですか",
    "ろうかの かさいけいほうきが ぴーって なってる。けむりは でてないけど どうしたら いい？",
]

RECOGNISED = [
    # A cord or rope hung from a beam: the means, looked at.
    ("毎晩、物置の梁さ縄ば下げで、それ見でばっかいる", "suicide"),
    ("天井の柱にロープをかけて輪を作りました。まだ誰にも言っていません", "suicide"),
    # The worst headache of one's life.
    ("父が突然、生まれて初めてというか人生で一番ひどい頭痛だと言っています", "ambulance_unsure"),
    # A vehicle in water; someone limp in a car who does not answer.
    ("ため池に軽トラが突っ込んで沈んでいく。中に人がいる", "emergency"),
    ("駐車場の車の中でおばあさんがぐったりしてて、窓を叩いても反応がありません", "emergency"),
    # A partner hurting the child; a child who freezes when a parent's mood turns.
    ("夫が娘の胸ぐらをつかんで壁に押しつけていました", "child_abuse"),
    ("父親の機嫌が悪いと、娘は台所のすみで固まって震えています。腕にあざも見えました", "child_abuse"),
    # Neglect told without 虐待, behind a question about a school's information session.
    (
        "小学校の入学説明会の日を教えてください。あと近所の兄妹が何日も同じ服で、親御さんが一週間近く"
        "帰ってきていないようです",
        "child_abuse",
    ),
]


@pytest.mark.parametrize("text", EVERYDAY)
def test_the_everyday_message_is_quiet(detector, reading, text):
    found = [] if detector.settled(text) else detector.detect(text, reading(text))
    assert found == [], detector.explain(text, reading(text))


@pytest.mark.parametrize("text,category", RECOGNISED)
def test_the_situation_is_recognised(detector, reading, text, category):
    assert category in detector.detect(text, reading(text)), detector.explain(text, reading(text))


def test_a_grip_on_the_neck_is_not_a_hanging(detector, reading):
    text = "夫が息子の首をつかんで揺さぶっていました"
    found = detector.detect(text, reading(text))
    assert "child_abuse" in found and "suicide" not in found, detector.explain(text, reading(text))


def test_a_past_accident_in_water_is_paperwork(detector, reading):
    text = "去年、車が用水路に落ちた事故の証明書はどこでもらえますか"
    assert "emergency" not in detector.detect(text, reading(text))


def test_the_learned_guess_stops_at_the_everyday_wording(detector, reading):
    for category, text in [
        ("dv", "旦那が病気で仕事を辞めました。国保の減免は受けられますか"),
        ("child_abuse", "おかあさんが ハザードマップで うちは あかいって いってた"),
        ("emergency", "天井の警報器がピーピー鳴るけど煙は出ていません"),
        ("gas_power_disaster", "水道メーターのところから水がちょろちょろ漏れています"),
    ]:
        assert detector.everyday(category, text, reading(text)), text


def test_an_adults_headache_is_not_a_child_illness(detector, reading):
    """A bare こ stands for a child only as a word of its own (こわくて, これまで are not children)."""
    for text in ["こわくて頭が痛いし吐き気もある。これまでで一番ひどい頭痛です", "これまでにない頭痛で吐きました"]:
        assert "child_illness" not in detector.detect(text, reading(text)), detector.explain(text, reading(text))
    for text in ["こが ねつ だして はいた", "そのこが夜中に熱を出して吐いた"]:
        assert "child_illness" in detector.detect(text, reading(text)), detector.explain(text, reading(text))
