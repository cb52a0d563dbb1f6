import pytest

from bot.privacy import mask_pii


def test_masks_twelve_digit_numbers_phones_and_emails():
    text = "マイナンバーは1234 5678 9012、電話は090-1234-5678、メールはtaro@example.jp です"
    masked = mask_pii(text)
    assert "1234 5678 9012" not in masked and "090-1234-5678" not in masked
    assert "taro@example.jp" not in masked
    assert "[番号]" in masked and "[電話]" in masked and "[メール]" in masked


def test_full_width_digits_are_masked_too():
    assert "[電話]" in mask_pii("０２４２－２２－５５６６に電話")
    assert "[番号]" in mask_pii("１２３４５６７８９０１２")


def test_consented_contact_is_kept():
    assert mask_pii("連絡先 090-1234-5678", keep=["090-1234-5678"]) == "連絡先 090-1234-5678"


def test_ordinary_text_is_unchanged():
    assert mask_pii("燃えるごみは週2回、8時30分まで") == "燃えるごみは週2回、8時30分まで"


# The privacy issue's cases: names and street addresses, with the sentence kept readable.
MASKED = [
    (
        "冷蔵庫とタンスを出したいのですが、山田太郎です。住所は喜多方市字御清水東7244-2です",
        "冷蔵庫とタンスを出したいのですが、[氏名]です。住所は喜多方市[住所]です",
    ),
    ("高橋ヨシ子と申します。昭和12年5月3日生まれの78歳です", "[氏名]と申します。[生年月日]生まれの[年齢]です"),
    ("やまだ たろう と申します", "[氏名] と申します"),
    ("隣の鈴木さんが倒れています", "隣の[氏名]さんが倒れています"),
    ("名前は佐藤花子です", "名前は[氏名]です"),
    ("会津若松市栄町3丁目4-5の201号室に住んでいます", "会津若松市[住所]の[住所]に住んでいます"),
    ("口座番号1234567に振り込んでください", "口座番号[番号]に振り込んでください"),
    ("父の渡部一郎が亡くなりました", "父の[氏名]が亡くなりました"),
    ("住所は字御清水東７２４４－２です", "住所は[住所]です"),
]
# Look-alikes that are not personal data: unchanged.
KEPT = [
    "会津若松市役所の電話番号を教えて",
    "鶴ヶ城の北側の道路に穴があいています",
    "3丁目の郵便局の前で街灯が切れている",
    "野口英世記念館は何時まで？",
    "田中地区の集会所を借りたい",
    "会津若松市栄町に引っ越しました",
    "12月3日のごみ収集はありますか",
    "3歳児健診の持ち物",
    "国道49号の穴",
    "お隣さんの騒音がひどい",
    "職員さんに聞きたい",
]


@pytest.mark.parametrize(("text", "expected"), MASKED)
def test_names_addresses_and_dates_are_masked_readably(text, expected):
    assert mask_pii(text) == expected


@pytest.mark.parametrize("text", KEPT)
def test_look_alikes_are_left_alone(text):
    assert mask_pii(text) == text


def test_a_report_place_keeps_its_address_but_not_a_name():
    place = "字御清水東7244-2の前、山田太郎さんの家の横"
    assert mask_pii(place, allow=["address"]) == "字御清水東7244-2の前、[氏名]さんの家の横"


def test_the_stored_dialogue_is_masked_but_consented_slots_stay():
    from bot.privacy.tracker import mask_dialogue

    dialogue = {
        "events": [
            {"event": "user", "text": "山田太郎です", "parse_data": {"text": "山田太郎です"}},
            {"event": "bot", "text": "ご用件をどうぞ"},
            {"event": "slot", "name": "escalation_message", "value": "高橋ヨシ子と申します"},
            {"event": "slot", "name": "escalation_contact", "value": "090-1234-5678"},
        ]
    }
    events = mask_dialogue(dialogue)["events"]
    assert events[0]["text"] == "[氏名]です" and events[0]["parse_data"]["text"] == "[氏名]です"
    assert events[2]["value"] == "[氏名]と申します"
    assert events[3]["value"] == "090-1234-5678"


def test_mask_command_masks_json_lines_and_reports_bad_lines():
    import io

    from bot.cli.mask import mask_stream

    source = io.StringIO('{"text": "山田太郎です", "id": 7}\nnot json\n{"id": 8}\n')
    out, errors = io.StringIO(), io.StringIO()
    assert mask_stream(source, out, errors, plain=False) == 1
    assert out.getvalue() == '{"text": "[氏名]です", "id": 7}\n'
    assert "line 2" in errors.getvalue() and "line 3" in errors.getvalue()
