"""Families of wording the v12 round showed, each with messages written for the test (not from any set).

Everyday: a watch device for a parent with dementia asked for ahead, snow and road requests, a dead or
hiding animal, a past fire, burglary or landslide, a protection measure renewed, a divorce done, an injury
being treated, idioms of cold and tears, a kana talk on fraud, a snow-melting pipe. Recognised: a farewell
on the phone, a partner coming to fetch the one who fled, choking on mochi, a child alone with a sick
sibling, a mushroom bitten, a knife pointed at a child, someone gone into a blizzard since this morning
although the house was pulled down years ago, 「殺される」 in a care home.
"""

from __future__ import annotations

import pytest

EVERYDAY = [
    # A watch device or registration in advance.
    "じいちゃんが認知症で、前に一度迷子になったので見守りステッカーを申し込みたい",
    "いちじょうほうの たんまつの かしだしは ありますか。ははが にんちしょうです",
    "父の徘徊の心配があるので、GPSの補助があれば教えてください",
    # Snow and road requests with children on the road; a danger feared for later.
    "通学路の歩道に雪が積まれて、子どもが車道を歩いています。事故が起きてからでは遅いので除雪してほしい",
    "みちの はしに ゆきが たかく つまれて みえない。どけて もらえますか",
    # A dead animal, an animal that left the attic or the bonnet.
    "家の前で車にひかれた猫が横たわっていて動いていません。回収をお願いできますか",
    "屋根裏にタヌキの糞がたまっていた。もういないみたいだけど掃除の仕方を知りたい",
    "朝、車のボンネットから子猫が飛び出していった。よくあるんですか",
    # Past fire, burglary, landslide; a protection measure renewed; a divorce done.
    "おととし自宅が火事で全焼しました。り災証明の写しが必要です",
    "きょねん どろぼうに はいられて、いまは かぎを かえました。ぼうはんかめらの ほじょは ありますか",
    "去年の大雨のあと裏山で土砂崩れがありましたが、今はもう片付いています。その時の書類の写しが欲しい",
    "2年前に夫の暴力で住民票の閲覧制限をお願いしました。来月が期限なので延長の手続きをしたいです",
    "4年前にDVが原因で離婚済みです。児童扶養手当の現況届はいつですか",
    # An injury being treated and its paperwork.
    "自転車の事故でケガをして通院しています。治療費は国保で払えますか",
    "息子が部活で骨折しました。学校の災害共済給付の書類はどこでもらえますか",
    # Idioms of cold and tears.
    "寒くて凍え死にそう。ストーブの灯油の補助はありますか",
    "引っ越しの手続きが多くて泣きたくなります。まとめてできる窓口はありますか",
    # A kana talk on fraud; a snow-melting pipe running.
    "さぎに あわないための おはなしかいに いきたいです",
    "消雪パイプから水が出っぱなしで道路が水びたしです",
]

RECOGNISED = [
    # A farewell on the phone.
    ("娘が電話で「もう会えないから」と言ってから連絡がつきません", "suicide"),
    # A partner who threatens to fetch the one who fled.
    ("夫から逃げて実家にいますが、夫が今から連れ戻しに来ると言っています", "dv"),
    ("父がほうきで母をたたいた。いま母はわたしの家にいます", "dv"),
    # Choking on mochi; a whistling breath.
    ("じいちゃんがお餅を食べてから息が苦しそうで声が出ない", "emergency"),
    ("祖母が息をするたびにゼーゼーいっていて苦しそうです", "ambulance_unsure"),
    # A child alone with a feverish sibling; a mushroom bitten.
    ("いもうとが ねつで ぐったりしてる。おかあさん まだ しごとから かえってこない", "child_illness"),
    ("3歳の娘が庭のきのこをかじってしまいました", "child_illness"),
    # A tutor told of a knife pointed at a child.
    ("塾の講師をしています。生徒が父親に包丁を向けられたと話していました", "child_abuse"),
    # Gone since this morning into a blizzard, to a house pulled down decades ago.
    ("祖母が「家に帰る」と朝から出かけたまま戻りません。その家は30年前にもうありません", "missing_person"),
    # Abuse in a care home.
    ("施設にいる父が「ここにいたら殺される」と電話してきました", "elder_abuse"),
    ("祖父が孫に暴力をふるわれているようで、腕にあざがあります", "elder_abuse"),
    # Money taken from an elder's account.
    ("父の口座から知らないうちに何十万円も引き出されていて、管理している兄は何も言わない", "elder_abuse"),
]


@pytest.mark.parametrize("text", EVERYDAY)
def test_the_everyday_message_is_quiet(detector, reading, text):
    found = [] if detector.settled(text) else detector.detect(text, reading(text))
    assert found == [], detector.explain(text, reading(text))


@pytest.mark.parametrize("text,category", RECOGNISED)
def test_the_situation_is_recognised(detector, reading, text, category):
    assert category in detector.detect(text, reading(text)), detector.explain(text, reading(text))


def test_the_right_reply_comes_first(detector, reading):
    text = "おとうとが ねつで ぐったりしてる。ママ まだ しごとから かえってこない"
    assert detector.detect(text, reading(text))[0] == "child_illness"


def test_someone_gone_now_is_still_missing(detector, reading):
    """The watch-device wording does not hide a person missing today, nor the old-case rule today's case."""
    for text in [
        "認知症の母に見守りGPSを持たせていますが、今朝から帰ってきません",
        "父が夕方から戻らない。20年前に住んでいた町に向かったのかもしれない",
        "まだ しごとから かえってこない おっとと れんらくが とれない",
    ]:
        assert "missing_person" in detector.detect(text, reading(text)), text


def test_a_lecturer_is_not_a_talk(detector, reading):
    assert detector.detect("詐欺の講座の講師を探しています", "") == []
    text = "中学の講師です。生徒が家で母親に叩かれていると言っています"
    assert "child_abuse" in detector.detect(text, reading(text))


def test_the_learned_guess_stops_at_the_everyday_wording(detector, reading):
    for category, text in [
        ("elder_abuse", "おばあちゃんに もたせる じーぴーえすの かしだし ありますか"),
        ("missing_person", "天井裏にハクビシンが住みついていたけど、もう出ていったようです"),
        ("gas_power_disaster", "融雪装置の水がずっと出ています"),
        ("suicide", "停電で寒くて泣きたい気分でした"),
    ]:
        assert detector.everyday(category, text, reading(text)), text
