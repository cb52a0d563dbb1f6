"""Families of wording the v11 round showed, each with messages written for the test (not from any set).

Settled past incidents, prevention events, check-ups and idioms are everyday; suicide signs without the
word, a crisis behind an ordinary question and the right one of two crises are recognised.
"""

from __future__ import annotations

import pytest

RECOGNISED = [
    # Suicide signs without the word: belongings given away, a night walk alone, a farewell, not waking up.
    ("祖父が急に大切にしていた時計を孫たちに配り始めて、さっき出かけました", "suicide"),
    ("夜中に母が一人で崖を見てくると言って出て行った", "suicide"),
    ("兄がLINEで「みんな、元気でね」って送ってきて既読にならない", "suicide"),
    ("姉から留守電で、最後にあなたの声が聞きたかったって", "suicide"),
    ("このまま雪の中で眠るように消えられたらいいのに", "suicide"),
    # Sudden confusion after work outdoors.
    ("父が畑から帰ってから話が噛み合わない。朝までは普通だったのに、様子を見ていいですか", "ambulance_unsure"),
    # The right one of two crises.
    ("ぼくは小学5年です。おとうさんにまいにちたたかれる", "child_abuse"),
    ("パパがママをなぐってる、こわい", "dv"),
    # A former partner coming now; 彼から.
    ("元旦那が今から行くって何度も電話してくる", "dv"),
    ("同棲中の彼から毎晩蹴られています", "dv"),
    # Children left alone, food withheld.
    ("向かいの家の5歳の子、親がもう3日戻ってきてないみたい", "child_abuse"),
    ("孫が息子の嫁にごはんを抜かれているようで心配です", "child_abuse"),
    # Nobody has seen them, the phone is off, it is late.
    ("娘のスマホの電源が切れてて、友達も誰も見てないって。もう夜中です", "missing_person"),
    # A visitor who says he is from the office and wants the card and its number.
    ("市の職員だという人が家に来て、キャッシュカードと暗証番号を書いたメモを渡せと言っています", "fraud"),
    # A fire spreading, typed with 日 for 火.
    ("こたつから日がでて布団に燃え移ってる", "emergency"),
    # Water coming in, in dialect; where to flee.
    ("床下さ水入ってきた、どこさ逃げればいいべ", "gas_power_disaster"),
    # Monkeys inside the house; a nest where a child may touch it.
    ("サルが窓を破って部屋に入ってきた", "wildlife"),
    ("スズメバチの巣があって子どもが刺されそう、駆除をお願いしたい", "wildlife"),
]

EVERYDAY = [
    # Awareness weeks (mistyped too), talks, idioms.
    "自殺対策強化月間のイベントって市役所でやるの？",
    "じさつよぼう しゅうかんの てんじは どこですか",
    "さぎの はなしを きく かいは どこで ありますか",
    "暇すぎて死にそう、週末の子ども向けイベント教えて",
    # A death and its paperwork; a dead animal.
    "祖母は最後に孫の顔が見たかったと言って亡くなりました。葬儀の手続きを教えてください",
    "道路の脇でタヌキが死んでる、どこに連絡すれば",
    "おっとが なくなって そうさいひの しんせいを したいです",
    # Paperwork for a treated injury; preparing for a power cut; a subscription to alerts.
    "先月、転んで骨折したときの治療費は保険で戻りますか",
    "停電したら冷蔵庫の中身はどうすればいいですか",
    "平成元年の水害で床下浸水した家の証明はまだ取れますか",
    "クマ出没のお知らせメールを受け取りたい",
    "おととし熊に栗の木をやられたので、今年は柵の補助を申請したい",
    "スズメバチの巣を撤去していただけますか",
    # A child's check-up.
    "子どもの予防接種はどこの医院で受けられますか",
]

SETTLED = [
    "以前、元夫からのDVで支援措置を受けていましたが、再婚して落ち着いたので解除したいです",
    "去年の健診で倒れそうになったので、今年は別の方法で受けたいです",
    "まえに家が火事になったけど、いまは新しい家に住んでいます。転入の手続きは？",
]


@pytest.mark.parametrize("text,category", RECOGNISED)
def test_the_situation_is_recognised(detector, reading, text, category):
    assert category in detector.detect(text, reading(text)), detector.explain(text, reading(text))


@pytest.mark.parametrize("text", EVERYDAY)
def test_the_everyday_message_is_quiet(detector, reading, text):
    assert detector.detect(text, reading(text)) == []


@pytest.mark.parametrize("text", SETTLED)
def test_a_settled_past_is_settled(detector, text):
    assert detector.settled(text)


def test_what_goes_on_is_not_settled(detector, reading):
    text = "3年前からDVの支援措置を受けていて更新したいけど、今も元夫が近所に来ていて怖い"
    assert not detector.settled(text) and "dv" in detector.detect(text, reading(text))


def test_the_child_writer_is_not_an_elder(detector, reading):
    text = "ぼくは小学5年です。おとうさんにまいにちたたかれる"
    assert "elder_abuse" not in detector.detect(text, reading(text))


def test_wording_that_is_not_the_situation_stops_the_learned_guess(detector, reading):
    for category, text in [
        ("suicide", "畑でカモシカがしんでる。どこに言えばいい"),
        ("elder_abuse", "じいちゃんの介護保険の負担割合が上がった"),
        ("suicide", "暑くて死にそう、クーラーの補助ある？"),
    ]:
        assert detector.everyday(category, text, reading(text)), text


def test_the_counterparts_still_count(detector, reading):
    for text, category in [
        ("父が転んで骨折したみたいで動けない", "ambulance_unsure"),
        ("薪ストーブの火がカーテンに燃え移った", "emergency"),
    ]:
        assert category in detector.detect(text, reading(text)), text
    assert detector.detect("燃え移らないように薪ストーブの周りに何を置けば", "") == []
