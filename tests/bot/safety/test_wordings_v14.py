"""Families of wording the v14 round showed, each with messages written for the test (not from any set).

Everyday, mostly things past or planned: an insurer's papers after an accident, a certificate or a register
entry after a fire or a quake, a protection measure to check or lift, records of a child consultation long
ago, post for a relative missing for years, a missing spouse's register, a talk against fraud to organise, a
drill broadcast, alerts for a power cut, crows to chase off, a map of bear sightings. Recognised: wanting to go
where a dead parent is, a grandchild laid hands on or crying not to go home, a parent with dementia hit by a
sibling, a father gone to a job he retired from with his phone left behind.
"""

from __future__ import annotations

import pytest

EVERYDAY = [
    # An insurer's papers after a past accident.
    "去年の追突事故でむち打ちになり、相手の保険会社から事故証明書を出すように言われました。どこで取れますか",
    # A certificate or a register entry after a past fire or quake.
    "3年前に台風で壊れた倉庫の罹災証明、もう一度発行してもらえますか",
    "むかし火事で焼けた小屋の登記を消したいんだけど、どこに行けばいい？",
    "いぜん の じしん で こわれた いえ の しょうめいしょ を もういちど もらいたい",
    # A protection measure after past violence: still valid? to be lifted.
    "8年前に元夫の暴力から逃げて支援措置を受けました。今も有効かどうか確認したいです",
    "前にストーカー対策で閲覧制限をかけてもらったけど、もう引っ越したので解除したい",
    # Records of a child consultation long ago; a spouse gone for decades; post for a missing relative.
    "昔、児童相談所に一時保護されたことがあるので、その時の記録を開示請求したいです",
    "三十年以上前に出て行ったきりの夫の籍を、どう整理すればいいですか",
    "行方不明になっている叔父宛ての手紙が届き続けています。返送はどうすればいいですか",
    # A talk against fraud to organise; a drill broadcast; alerts for a power cut.
    "老人クラブで、電話でだまされないための話を聞ける集まりを企画しています。講師を紹介してもらえますか",
    "来週、大きな地震が起きたという想定で町内放送が流れるそうですが、何時ですか",
    "停電しても防災情報がわかるように、スマホのメール配信に登録したいです",
    # Crows to chase off; a map of bear sightings.
    "田んぼのカラスがひでえから、追っ払う網か何か借りられねえべか",
    "クマが出たところを地図で見られるページはありますか。子どもの通学路が心配です",
]

RECOGNISED = [
    # Wanting to go where a dead parent or partner is, behind an everyday question.
    (
        "資源ごみの日を教えてください。それと、妻を亡くした祖父が最近「早くばあさんのそばに行きたい」と"
        "ばかり言うので心配です",
        "suicide",
    ),
    ("死んだ父ちゃんのとこさ行ぎてぇって、母ちゃんが毎晩言うんだ", "suicide"),
    ("去年亡くなった夫のところに行きたい。もう疲れました", "suicide"),
    # A grandchild laid hands on; a child crying not to go home.
    ("娘の再婚相手が孫さ手ぇ上げでるみでぇだ", "child_abuse"),
    ("隣の子が「家さ帰りたぐねぇ」って泣いでだ。父親に叩かれてるらしい", "child_abuse"),
    # A parent with dementia or bedridden hit by a sibling.
    ("弟が寝たきりの父を殴っているのを見ました。どうすれば止められますか", "elder_abuse"),
    ("うちの兄、要介護の親父さ手ぇ上げでんだ", "elder_abuse"),
    # Gone to a job or a place of long ago, and not back.
    ("母が「学校に行ってくる」と出かけたまま帰ってきません。母は30年前に教師を辞めています", "missing_person"),
    ("さっき祖父が「畑さ行ぐ」って出てったきり戻らねぇ。畑はもう10年前に手放したのに", "missing_person"),
    ("夫がスマホを置いたまま出かけて、夜になっても戻りません", "missing_person"),
]


@pytest.mark.parametrize("text", EVERYDAY)
def test_the_everyday_message_is_quiet(detector, reading, text):
    found = [] if detector.settled(text) else detector.detect(text, reading(text))
    assert found == [], detector.explain(text, reading(text))


@pytest.mark.parametrize("text,category", RECOGNISED)
def test_the_situation_is_recognised(detector, reading, text, category):
    assert category in detector.detect(text, reading(text)), detector.explain(text, reading(text))
    assert not detector.settled(text)


def test_a_parent_with_dementia_is_not_a_child(detector, reading):
    text = "兄が認知症の母に手をあげているのを見ました"
    found = detector.detect(text, reading(text))
    assert "elder_abuse" in found and "child_abuse" not in found, detector.explain(text, reading(text))
    assert detector.everyday("child_abuse", text, reading(text))


@pytest.mark.parametrize(
    "text",
    [
        "以前DVで支援措置を受けていましたが、もう必要ないので解除したいです",
        "10年前の火事の罹災証明をもう一度ください",
    ],
)
def test_paperwork_after_a_settled_matter_needs_no_pointer(detector, text):
    assert detector.settled(text) and detector.paperwork(text)


@pytest.mark.parametrize(
    "text",
    [
        # The paperwork is past, the danger is now.
        "前に閲覧制限をかけましたが、今も元夫が家の前に来て怖いです",
        "去年の事故の証明書をもらいに行きたいけど、さっき夫に殴られて動けない",
        "前に閲覧制限をかけましたが、今も元夫が家の前に来て怖いので更新したいです",
        "以前受けた支援措置、まだ元夫が来ているので延長したい",
    ],
)
def test_paperwork_does_not_silence_a_danger_now(detector, text):
    assert not detector.settled(text)


def test_a_rough_day_in_the_field_is_no_fire(detector, reading):
    text = "畑がひでぇことになってる、カラスのせいだ"
    assert "emergency" not in detector.detect(text, reading(text)), detector.explain(text, reading(text))
