"""A municipality's imported FAQ in the real widget: choices, the picked answer, and 👎 counted for that entry."""

from __future__ import annotations

import json
import uuid

import pytest

from tests.open_faq import copy_project

pytestmark = [pytest.mark.slow, pytest.mark.browser]
VAGUE = (
    "子ども",
    "私立幼稚園の補助金について、自分も対象になるか確認したい",
    "市民が参加できるスポーツ大会を探している",
)


@pytest.fixture(scope="module")
def faq_server(launch, server_env, open_faq_trained, tmp_path_factory):
    project = copy_project(open_faq_trained[0], tmp_path_factory.mktemp("widgetfaq"))
    env = {
        **server_env,
        "AIZU_MODEL_PATH": str(open_faq_trained[1]),
        "AIZU_DATA_DIR": str(project / "data"),
        "AIZU_REDIS_PREFIX": f"wfaq{uuid.uuid4().hex[:6]}",
    }
    return launch(env)


def test_resident_picks_an_faq_entry_and_rates_it(browser, faq_server):
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{faq_server.url}/demo/yugawa")
    page.get_by_role("button", name="チャットで質問").click()
    box = page.get_by_label("質問を入力（例: 住民票がほしい）")
    log = page.get_by_role("log")
    # Vague questions: the classifier is unsure and several FAQ entries fit about equally.
    for text in VAGUE:
        with page.expect_response("**/api/chat") as reply:
            box.fill(text)
            box.press("Enter")
        meta = reply.value.json()["meta"]
        if meta.get("faq_choices"):
            break
    assert meta["kind"] == "clarify" and meta.get("faq_choices"), meta
    choice = log.locator(".aizu-chat__msg--bot").last.locator(".aizu-chat__choice:not(.aizu-chat__feedback)").first
    choice.wait_for(timeout=20_000)
    with page.expect_response("**/api/chat") as picked:
        choice.click()
    answer = picked.value.json()
    assert answer["meta"]["faq_id"] == meta["faq_choices"][0]
    log.get_by_text("湯川村のよくある質問より", exact=False).wait_for(timeout=20_000)

    with page.expect_request("**/api/feedback") as sent:
        log.locator(".aizu-chat__feedback").last.click()
    body = json.loads(sent.value.post_data or "{}")
    assert body["value"] == "down" and body["faq_id"] == meta["faq_choices"][0] and body["municipality"] == "yugawa"
    assert sent.value.response().status == 200
    assert errors == []
