"""In Chromium: a staff member uploads an FAQ CSV, checks the preview, publishes, and the widget offers the entry."""

from __future__ import annotations

import time

import pytest

from tests.connectors.test_handoff_and_inbox import PASSWORD

pytestmark = [pytest.mark.slow, pytest.mark.browser]
QUESTION = "雪まつりの臨時駐車場はどこですか"
CSV = (
    "id,質問,回答\r\n"
    "snow,北塩原村の雪まつりの臨時駐車場はどこですか？,村民体育館の駐車場を開放します（ブラウザ試験用）。\r\n"
    "lake,湖の遊覧船は冬も運航していますか？,冬は運休します（ブラウザ試験用）。\r\n"
)


def test_upload_preview_publish_then_the_widget_offers_the_entry(faq_server, browser, tmp_path):
    server, _ = faq_server
    sheet = tmp_path / "kitashiobara-faq.csv"
    sheet.write_bytes(CSV.encode("cp932"))  # as Excel saves "CSV (comma delimited)"
    errors = []
    staff = browser.new_page()
    staff.on("pageerror", lambda e: errors.append(str(e)))
    staff.goto(f"{server.url}/inbox/login")
    staff.get_by_label("ユーザー名").fill("kitashiobara-faq")
    staff.get_by_label("パスワード").fill(PASSWORD)
    staff.get_by_role("button", name="ログイン").click()
    staff.goto(f"{server.url}/staff/cells")
    staff.get_by_role("link", name="よくある質問（FAQ）の取り込み").click()
    staff.get_by_label("CSVファイル", exact=True).set_input_files(str(sheet))
    staff.get_by_role("button", name="内容を確認する（まだ公開しません）").click()
    assert staff.locator('tr[data-outcome="added"] td').inner_text() == "2"
    assert "村民体育館の駐車場" in staff.locator('tr[data-entry="snow"]').inner_text()
    staff.get_by_role("button", name="公開する").click()
    assert "公開しました" in staff.get_by_role("status").first.inner_text()
    assert staff.locator("#faq-count").inner_text() == "2"

    deadline = time.monotonic() + 30  # the workers rebuild the index in the background
    while 'data-state="live"' not in staff.content() and time.monotonic() < deadline:
        time.sleep(0.5)
        staff.reload()
    assert staff.locator('[data-time="live"]').inner_text()  # when residents started seeing it
    time.sleep(1.2)  # and the other worker checks at most once a second
    resident = browser.new_page(viewport={"width": 390, "height": 844})
    resident.on("pageerror", lambda e: errors.append(str(e)))
    resident.goto(f"{server.url}/demo/kitashiobara")
    resident.get_by_role("button", name="チャットで質問").click()
    box = resident.get_by_label("質問を入力（例: 住民票がほしい）")
    with resident.expect_response("**/api/chat") as reply:
        box.fill(QUESTION)
        box.press("Enter")
    assert "snow" in (reply.value.json()["meta"].get("faq_choices") or []), reply.value.json()["meta"]
    resident.get_by_role("log").get_by_role("button", name="北塩原村の雪まつりの臨時駐車場", exact=False).wait_for()
    assert errors == []
