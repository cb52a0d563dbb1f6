from bot.privacy import mask_pii


def test_masks_twelve_digit_numbers_phones_and_emails():
    text = "マイナンバーは1234 5678 9012、電話は090-1234-5678、メールはtaro@example.jp です"
    masked = mask_pii(text)
    assert "1234 5678 9012" not in masked and "090-1234-5678" not in masked
    assert "taro@example.jp" not in masked
    assert "[番号]" in masked and "[電話]" in masked and "[メール]" in masked


def test_full_width_digits_are_masked_too():
    assert "[電話]" in mask_pii("０２４２－３９－１１１１に電話")
    assert "[番号]" in mask_pii("１２３４５６７８９０１２")


def test_consented_contact_is_kept():
    assert mask_pii("連絡先 090-1234-5678", keep=["090-1234-5678"]) == "連絡先 090-1234-5678"


def test_ordinary_text_is_unchanged():
    assert mask_pii("燃えるごみは週2回、8時30分まで") == "燃えるごみは週2回、8時30分まで"
