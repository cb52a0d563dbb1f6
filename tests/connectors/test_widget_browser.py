"""The widget in a real headless Chromium (Debian's package, driven by Playwright)."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def test_resident_asks_clicks_a_button_and_reloads(browser, server, knowledge):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server.url}/demo/kitakata")
    page.get_by_role("button", name="チャットで質問").click()
    box = page.get_by_label("質問を入力（例: 住民票がほしい）")
    box.fill("粗大ごみを出したい")
    box.press("Enter")
    log = page.get_by_role("log")
    log.get_by_text("【粗大ごみ】", exact=False).wait_for(timeout=20_000)
    assert knowledge.office_for("kitakata", "bulky_waste").phone in log.inner_text()

    box.fill("保険")  # one word, several topics: the bot offers choices
    box.press("Enter")
    choice = log.locator(".aizu-chat__choice:not(.aizu-chat__feedback)").first
    choice.wait_for(timeout=20_000)
    label = choice.inner_text()
    choice.click()
    page.wait_for_function("() => document.querySelectorAll('.aizu-chat__msg--user').length >= 3", timeout=20_000)
    log.get_by_text(f"【{label}】", exact=False).wait_for(timeout=20_000)

    page.reload()
    history = page.get_by_role("log").inner_text()
    assert "粗大ごみを出したい" in history and f"【{label}】" in history
    assert errors == []


def test_html_is_shown_as_text_never_run(browser, server):
    page = browser.new_page()
    page.goto(f"{server.url}/demo/aizumisato")
    page.get_by_role("button", name="チャットで質問").click()
    box = page.get_by_label("質問を入力（例: 住民票がほしい）")
    box.fill('<img src=x onerror="window.hacked=1">ごみ')
    box.press("Enter")
    page.get_by_role("log").get_by_text("<img src=x", exact=False).wait_for(timeout=20_000)
    assert page.evaluate("window.hacked") is None
    assert page.locator(".aizu-chat__log img").count() == 0


def test_clear_conversation_and_keyboard_only_use(browser, server):
    page = browser.new_page()
    page.goto(f"{server.url}/demo/showa")
    page.locator(".aizu-chat__toggle").wait_for()  # shown once its texts have arrived
    for _ in range(10):  # Tab through the page's links until the chat button has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('aizu-chat__toggle')"):
            break
    page.keyboard.press("Enter")  # opens the chat and moves focus to the input
    page.keyboard.type("こんにちは")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.querySelectorAll('.aizu-chat__msg--bot').length >= 1 &&"
        " document.querySelectorAll('.aizu-chat__msg--user').length == 1"
    )
    page.wait_for_function("() => !document.querySelector('.aizu-chat--busy')")
    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="会話を消去").click()
    assert page.locator(".aizu-chat__msg--user").count() == 0
    page.reload()
    page.locator(".aizu-chat__toggle").wait_for()
    assert page.locator(".aizu-chat__msg--user").count() == 0


def test_service_down_message(browser, server):
    page = browser.new_page()
    page.route(
        "**/api/chat",
        lambda route: route.fulfill(
            status=503, content_type="application/json", body='{"error": {"code": "unavailable", "message": "x"}}'
        ),
    )
    page.goto(f"{server.url}/demo/yugawa")
    page.get_by_role("button", name="チャットで質問").click()
    box = page.get_by_label("質問を入力（例: 住民票がほしい）")
    box.fill("住民票")
    box.press("Enter")
    page.get_by_role("status").get_by_text("ただいまサービスを利用できません", exact=False).wait_for(timeout=10_000)


def test_embedded_on_an_official_site_talks_to_its_own_origin(browser, server):
    """The snippet of the README on another site: texts and answers come from the script's origin."""
    site = "https://www.city.kitakata.fukushima.jp"
    # A public site may reach the loopback test server only with Chromium's local network access permission.
    context = browser.new_context(permissions=["local-network-access"])
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.route(
        f"{site}/**",
        lambda route: route.fulfill(
            status=200,
            content_type="text/html; charset=utf-8",
            body=f'<!doctype html><html lang="ja"><body><h1>喜多方市</h1>'
            f'<script src="{server.url}/static/widget.js" data-municipality="kitakata" defer></script></body></html>',
        ),
    )
    with page.expect_response(f"{server.url}/widget/texts.json") as texts:
        page.goto(f"{site}/index.html")
    assert texts.value.status == 200
    page.get_by_role("button", name="チャットで質問").click()
    box = page.get_by_label("質問を入力（例: 住民票がほしい）")
    box.fill("粗大ごみを出したい")
    box.press("Enter")
    page.get_by_role("log").get_by_text("【粗大ごみ】", exact=False).wait_for(timeout=20_000)
    assert errors == []
    context.close()


def test_no_texts_no_widget(browser, server):
    page = browser.new_page()
    page.route("**/widget/texts.json", lambda route: route.fulfill(status=503, body=""))
    with page.expect_response("**/widget/texts.json"):
        page.goto(f"{server.url}/demo/kitakata")
    page.wait_for_timeout(300)
    assert page.locator(".aizu-chat").count() == 0
