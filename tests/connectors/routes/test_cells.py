"""The staff workbench over real HTTP: a real connector (two workers) and redis-server, on a copy of data/.

A staff member edits a cell's facts; bad fields come back next to their field, stale saves are refused
with the typed text kept, other municipalities get 404 (audited), and every worker answers residents
with the new fact within seconds, without a restart; history and revert.
"""

from __future__ import annotations

import re
import time
import uuid

import httpx
import pytest
import redis

from bot.learning.store import LearningStore
from bot.settings import PROJECT_ROOT
from tests.connectors.conftest import OPEN_CLIENTS
from tests.connectors.routes.conftest import PREFIX, ask_in_widget, hidden, staff_in_chromium
from tests.connectors.test_handoff_and_inbox import login

pytestmark = pytest.mark.slow
TOPIC = "bulky_waste"
QUESTION = "粗大ごみを出したい"
NEW_FACT = "湯川村の粗大ごみは毎月第2土曜日に村役場の駐車場で受け付けます（試験用）。"
SOURCE = "https://www.vill.yugawa.fukushima.jp/site/kurashi-top/test-bulky.html"


def ask(server, text: str = QUESTION) -> str:
    sender = f"c-{uuid.uuid4().hex[:10]}"
    body = {"sender_id": sender, "message": text, "municipality": "yugawa"}
    reply = httpx.post(f"{server.url}/api/chat", json=body, timeout=30).json()
    return "\n".join(m["text"] for m in reply["messages"])


def answers_within(server, wanted: bool, seconds: float = 5.0) -> float:
    """Seconds until 4 residents in a row (fresh connections, so both workers) get the fact, or not."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if all((NEW_FACT in ask(server)) == wanted for _ in range(4)):
            return time.monotonic() - start
        time.sleep(0.3)
    raise AssertionError(f"the answer did not {'show' if wanted else 'drop'} the fact within {seconds} s")


def fact_form(page: str, **new: str) -> dict:
    form = {name: hidden(page, name) for name in ("csrf", "version", "count", "municipality")}
    for i in range(int(form["count"])):
        for field in ("text", "source", "seen", "note"):
            found = re.search(rf'name="{field}-{i}"[^>]*?(?:value="([^"]*)"|>([^<]*)</textarea>)', page)
            form[f"{field}-{i}"] = (found.group(1) or found.group(2) or "") if found else ""
    form.update({f"{k}-new": v for k, v in new.items()})
    return form


def test_grid_needs_login_lists_every_topic_and_puts_the_asked_ones_first(cells_server, knowledge):
    server, _ = cells_server
    assert httpx.get(f"{server.url}/staff/cells", follow_redirects=False).headers["location"] == "/inbox/login"
    staff, _ = login(server, "yugawa-staff")
    page = staff.get("/staff/cells").text
    topics = re.findall(r'<tr data-topic="([^"]+)"', page)
    assert sorted(topics) == sorted(knowledge.topics)
    assert "出産祝い金として5万円" in page and "0241-27-8800" in page  # a fact, the main office's phone
    ask(server, "マイナンバーカードを作りたい")
    ask(server, QUESTION)
    ask(server, QUESTION)
    topics = re.findall(r'<tr data-topic="([^"]+)"', staff.get("/staff/cells").text)
    assert topics[:2] == [TOPIC, "my_number_card"]


def test_bad_fields_are_shown_next_to_them_and_nothing_is_written(cells_server):
    server, data = cells_server
    path = data / "municipalities" / "yugawa.yml"
    before = path.read_text(encoding="utf-8")
    staff, _ = login(server, "yugawa-staff")
    page = staff.get(f"/staff/cells/{TOPIC}").text
    form = fact_form(page, text=NEW_FACT, source="www.vill.yugawa.fukushima.jp", seen="2026-13-01")
    refused = staff.post(f"/staff/cells/{TOPIC}", data=form)
    assert refused.status_code == 422
    assert re.search(r'id="source-new"[^>]*aria-invalid="true"', refused.text)
    assert 'id="problem-source-new"' in refused.text and "https:// で始まるURL" in refused.text
    assert 'id="problem-seen-new"' in refused.text and "年-月-日" in refused.text
    assert NEW_FACT in refused.text  # what was typed is still in the form
    assert path.read_text(encoding="utf-8") == before
    forged = staff.post(f"/staff/cells/{TOPIC}", data={**form, "csrf": "forged"})
    assert forged.status_code == 403 and forged.json()["error"]["code"] == "csrf"
    for broken in ({"count": "x"}, {"count": "9999"}):
        response = staff.post(f"/staff/cells/{TOPIC}", data={**form, **broken})
        assert response.status_code == 422 and response.json()["error"]["code"] == "invalid_fields"
    missing = staff.post(f"/staff/cells/{TOPIC}", data={"csrf": form["csrf"]})
    assert missing.status_code == 422 and missing.headers["content-type"].startswith("application/json")
    assert httpx.post(f"{server.url}/staff/cells/{TOPIC}", data=form).status_code == 401


def test_other_municipalities_and_unknown_topics_get_404_and_are_audited(cells_server, audit):
    server, data = cells_server
    before = (data / "municipalities" / "yugawa.yml").read_text(encoding="utf-8")
    own, _ = login(server, "yugawa-staff")
    form = fact_form(own.get(f"/staff/cells/{TOPIC}").text, text=NEW_FACT, source=SOURCE, seen="2026-12-01")
    other, _ = login(server, "showa-staff")
    assert other.get(f"/staff/cells/{TOPIC}?municipality=yugawa").status_code == 404
    showa_form = fact_form(other.get(f"/staff/cells/{TOPIC}").text)
    attempt = other.post(f"/staff/cells/{TOPIC}", data={**form, "csrf": showa_form["csrf"]})
    assert attempt.status_code == 404 and attempt.json()["error"]["code"] == "not_found"
    assert own.get("/staff/cells/no_such_topic").status_code == 404
    assert (data / "municipalities" / "yugawa.yml").read_text(encoding="utf-8") == before
    denied = [(e["user"], e["action"], e["receipt"]) for e in audit() if e["action"].startswith("denied:cell")]
    assert ("showa-staff", "denied:cell-view", f"yugawa/{TOPIC}") in denied
    assert ("showa-staff", "denied:cell-save", f"yugawa/{TOPIC}") in denied
    assert ("yugawa-staff", "denied:cell-view", "yugawa/no_such_topic") in denied


def test_save_is_answered_live_on_every_worker_a_stale_save_is_refused_and_revert_works(cells_server, audit):
    server, data = cells_server
    path = data / "municipalities" / "yugawa.yml"
    repo_file = (PROJECT_ROOT / "data" / "municipalities" / "yugawa.yml").read_text(encoding="utf-8")
    original = path.read_text(encoding="utf-8")
    assert NEW_FACT not in ask(server)
    staff, _ = login(server, "yugawa-staff")
    page = staff.get(f"/staff/cells/{TOPIC}").text
    stale_form = fact_form(page, text="もう一人の職員が書いた事実です。", source=SOURCE, seen="2026-12-02")

    saved = staff.post(f"/staff/cells/{TOPIC}", data=fact_form(page, text=NEW_FACT, source=SOURCE, seen="2026-12-01"))
    assert saved.status_code == 303 and saved.headers["location"] == f"/staff/cells/{TOPIC}?saved=1"
    written = path.read_text(encoding="utf-8")
    assert f"      - text: {NEW_FACT}\n        source: {SOURCE}\n        seen: 2026-12-01\n" in written
    assert len(written.splitlines()) == len(original.splitlines()) + 5  # topic, facts:, three fact lines
    took = answers_within(server, wanted=True)
    assert took < 5

    conflict = staff.post(f"/staff/cells/{TOPIC}", data=stale_form)
    assert conflict.status_code == 409
    assert "もう一人の職員が書いた事実です。" in conflict.text  # shown, not lost
    assert NEW_FACT in conflict.text and hidden(conflict.text, "version") != stale_form["version"]
    assert path.read_text(encoding="utf-8") == written

    cell = staff.get(f"/staff/cells/{TOPIC}").text
    change = re.search(r'<tr data-change="([0-9a-f]+)">', cell).group(1)
    assert "yugawa-staff" in cell and NEW_FACT in cell
    revert_form = {"csrf": hidden(cell, "csrf"), "version": hidden(cell, "version"), "change": change}
    assert staff.post(f"/staff/cells/{TOPIC}/revert", data={**revert_form, "csrf": "forged"}).status_code == 403
    assert staff.post(f"/staff/cells/{TOPIC}/revert", data={**revert_form, "change": "nope"}).status_code == 404
    assert staff.post(f"/staff/cells/{TOPIC}/revert", data=revert_form).status_code == 303
    assert path.read_text(encoding="utf-8") == original  # byte for byte
    answers_within(server, wanted=False)
    history = re.findall(
        r'<tr data-change="[0-9a-f]+"><td>[^<]*</td><td>([^<]*)</td><td>([^<]*)</td>',
        staff.get(f"/staff/cells/{TOPIC}").text,
    )
    assert history == [("yugawa-staff", "元に戻した"), ("yugawa-staff", "保存")]
    actions = [e["action"] for e in audit() if e["receipt"] == f"yugawa/{TOPIC}" and e["user"] == "yugawa-staff"]
    assert actions[-2:] == ["cell-save", "cell-revert"]
    assert (PROJECT_ROOT / "data" / "municipalities" / "yugawa.yml").read_text(encoding="utf-8") == repo_file


@pytest.mark.browser
def test_in_chromium_a_staff_edit_reaches_the_widget_without_a_restart(cells_server, browser):
    server, _ = cells_server
    fact = "湯川村では粗大ごみの戸別収集を申し込めます（ブラウザ試験用）。"
    errors: list = []
    staff = staff_in_chromium(browser, server, "yugawa-staff", errors)
    staff.goto(f"{server.url}/staff/cells")
    staff.locator(f'tr[data-topic="{TOPIC}"] a').click()
    new = staff.locator('fieldset[data-row="new"]')
    new.get_by_label("内容").fill(fact)
    new.get_by_label("出典URL").fill("not-a-url")
    new.get_by_label("確認日").fill("2026-12-03")
    staff.get_by_role("button", name="保存して公開").click()
    assert "http:// か https:// で始まるURL" in new.locator("#problem-source-new").inner_text()
    assert new.get_by_label("内容").input_value() == fact  # nothing typed is lost
    new.get_by_label("出典URL").fill(SOURCE)
    staff.get_by_role("button", name="保存して公開").click()
    staff.get_by_role("status").wait_for()
    assert fact in staff.locator('fieldset[data-row="0"]').get_by_label("内容").input_value()

    time.sleep(1.2)  # each worker re-checks the knowledge at most once a second ("within seconds", not at once)
    ask_in_widget(browser, server, "yugawa", QUESTION, errors).get_by_text(fact, exact=False).wait_for(timeout=20_000)
    assert errors == []


def test_the_unanswered_questions_are_beside_the_grid_by_topic_and_one_click_makes_them_examples(
    cells_server, redis_server
):
    server, data = cells_server
    store = LearningStore(OPEN_CLIENTS.opened(redis.Redis.from_url(redis_server.url)), PREFIX)
    asked = [
        store.record("fallback", "古いソファを捨てたいんだけど", "yugawa", [(TOPIC, 0.41)]),
        store.record("clarify", "古いソファを捨てたいんだけど。", "yugawa", [(TOPIC, 0.38)]),
        store.record("fallback", "村のプールはいつ開くの", "yugawa", []),
        store.record("fallback", "昭和村のソファの捨て方", "showa", [(TOPIC, 0.5)]),
    ]
    staff, _ = login(server, "yugawa-staff")
    page = staff.get("/staff/cells").text
    panel = page.split('<aside class="unanswered"')[1].split("</aside>")[0]
    sections = re.findall(r'<section data-topic="([^"]*)"><h3>([^<]*)</h3>', panel)
    assert sections == [(TOPIC, "粗大ごみ (2件)"), ("", "話題の推測なし (1件)")]
    assert "古いソファを捨てたいんだけど" in panel and "村のプール" in panel and "昭和村" not in panel
    assert f'href="/staff/cells/{TOPIC}"' in panel and f'href="/staff#group-{asked[0].id}"' in panel
    assert f'id="group-{asked[0].id}"' in staff.get("/staff").text  # the link finds the group on the review page
    ids = re.search(r'<div class="group" data-ids="([^"]+)">', panel).group(1)
    assert set(ids.split()) == {asked[0].id, asked[1].id}
    decided = staff.post(
        "/staff/decide", data={"csrf": hidden(page, "csrf"), "ids": ids, "topic": TOPIC, "action": "assign"}
    )
    assert decided.status_code == 303
    examples = (data / "nlu" / "topics" / f"{TOPIC}.yml").read_text(encoding="utf-8")
    assert "古いソファを捨てたいんだけど" in examples
    panel = staff.get("/staff/cells").text.split('<aside class="unanswered"')[1]
    assert "古いソファ" not in panel.split("</aside>")[0] and "村のプール" in panel
    store.resolve([u.id for u in asked])
