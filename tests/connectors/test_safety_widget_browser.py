"""A crisis message in the widget: the help lines first, each phone number a tappable tel: link."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def test_crisis_reply_first_with_tel_links(browser, server):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server.url}/demo/inawashiro")
    page.get_by_role("button", name="チャットで質問").click()
    box = page.get_by_label("質問を入力（例: 住民票がほしい）")
    box.fill("もう生きていたくない")
    box.press("Enter")
    log = page.get_by_role("log")
    log.locator(".aizu-chat__tel").first.wait_for(timeout=20_000)
    first_reply = log.locator(".aizu-chat__msg--bot").first.inner_text()  # the welcome goes once history starts
    assert "よりそいホットライン" in first_reply
    hrefs = log.locator("a.aizu-chat__tel").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert "tel:0120279226" in hrefs and "tel:0570064556" in hrefs and "tel:119" in hrefs

    page.reload()  # the links survive a reload (history kept in the browser)
    page.get_by_role("log").locator("a[href='tel:0120279226']").wait_for(timeout=10_000)
    assert errors == []
