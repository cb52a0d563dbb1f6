"""The office inbox for daily work, over real HTTP against a real connector and redis-server: topic names,
filters and search, counts, age and wait, assignment, canned replies, CSV export, municipality isolation,
and Chromium for the staff's and the resident's side."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import uuid

import httpx
import pytest
import redis

from bot.escalations.models import Escalation, Line
from bot.escalations.store import EscalationStore
from tests.connectors.conftest import OPEN_CLIENTS
from tests.connectors.test_handoff_and_inbox import PASSWORD, add_user, login

pytestmark = pytest.mark.slow
PREFIX = f"inbox{uuid.uuid4().hex[:6]}"  # this module's keys, apart from the other modules' escalations
OFFICE = "kitakata/environment"
UTC = dt.timezone.utc


@pytest.fixture(scope="module")
def inbox_server(launch, server_env, tmp_path_factory):
    accounts = tmp_path_factory.mktemp("inbox-accounts") / "accounts.json"
    add_user(accounts, "kankyo-sato", "kitakata", "environment")
    add_user(accounts, "kankyo-suzuki", "kitakata", "environment")
    add_user(accounts, "kitakata-zei", "kitakata", "tax")
    add_user(accounts, "showa-kankyo", "showa", "environment")
    return launch({**server_env, "AIZU_OFFICE_ACCOUNTS_FILE": str(accounts), "AIZU_REDIS_PREFIX": PREFIX})


@pytest.fixture()
def store(redis_server):
    with redis.Redis.from_url(redis_server.url) as client:
        yield EscalationStore(client, PREFIX, retention_days=90)


def seed(store, topic="bulky_waste", message="ソファを出したい", office=OFFICE, hours_ago=0.0, **fields):
    """An escalation written straight into the store the connector reads (what a resident's hand-off writes)."""
    municipality, function = office.split("/")
    when = dt.datetime.now(UTC) - dt.timedelta(hours=hours_ago)
    escalation = Escalation(
        receipt=f"{when:%Y%m%d}-{uuid.uuid4().hex[:8].upper()}",
        sender_id=f"w-{uuid.uuid4().hex}",
        municipality=municipality,
        function=function,
        office_name="市民生活課",
        topic=topic,
        resident_message=message,
        transcript=[Line(speaker="resident", text=message)],
        consent=False,
        contact=None,
        created_at=when,
        updated_at=when,
        **fields,
    )
    store.save(escalation)
    return escalation


def staff(server, username):
    client, response = login(server, username)
    assert response.status_code == 303
    csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/inbox").text).group(1)
    return client, csrf


def listed(client, **params):
    response = client.get("/api/inbox/escalations", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def receipts(body):
    return {e["receipt"] for e in body["escalations"]}


def audit(redis_server):
    with redis.Redis.from_url(redis_server.url) as client:
        return [json.loads(x) for x in client.lrange(f"{PREFIX}:audit", 0, -1)]


def test_topic_names_age_waiting_and_every_filter(inbox_server, store):
    word = uuid.uuid4().hex[:8]  # only this test's escalations carry it
    sofa = seed(
        store, message=f"ソファ {word}", hours_ago=50, resident_at=dt.datetime.now(UTC) - dt.timedelta(hours=51)
    )
    dumped = seed(store, "illegal_dumping", f"冷蔵庫 {word}", urgent=True, status="in_progress", place="県道沿い")
    done = seed(store, message=f"タンス {word}", status="resolved", hours_ago=24 * 10)
    client, _ = staff(inbox_server, "kankyo-sato")

    body = listed(client, q=word)
    assert receipts(body) == {sofa.receipt, dumped.receipt, done.receipt}
    assert body["counts"] == {"new": 1, "in_progress": 1, "resolved": 1}
    first = body["escalations"][0]
    assert first["receipt"] == dumped.receipt  # urgent and open: first in line
    row = next(e for e in body["escalations"] if e["receipt"] == sofa.receipt)
    assert (row["topic"], row["topic_name"]) == ("bulky_waste", "粗大ごみ")
    assert 50 * 3600 <= row["age_seconds"] < 50 * 3600 + 120
    assert 51 * 3600 <= row["waiting_seconds"] < 51 * 3600 + 120  # since the resident's last message
    assert next(e for e in body["escalations"] if e["receipt"] == done.receipt)["waiting_seconds"] is None

    assert receipts(listed(client, q=word, status="in_progress")) == {dumped.receipt}
    narrowed = listed(client, q=word, status="new", topic="bulky_waste")
    assert receipts(narrowed) == {sofa.receipt} and narrowed["counts"] == {"new": 1, "in_progress": 0, "resolved": 1}
    assert receipts(listed(client, q=word, urgent="1")) == {dumped.receipt}
    assert receipts(listed(client, q=f"{word} 県道")) == {dumped.receipt}  # every word; the place counts
    ten_days_ago = (dt.datetime.now(UTC) - dt.timedelta(days=10)).astimezone(dt.timezone(dt.timedelta(hours=9)))
    assert receipts(listed(client, q=word, to=ten_days_ago.date().isoformat())) == {done.receipt}
    since = (dt.datetime.now(UTC) - dt.timedelta(days=5)).date().isoformat()
    assert receipts(listed(client, q=word, **{"from": since})) == {sofa.receipt, dumped.receipt}

    page = client.get("/inbox", params={"q": word, "topic": "bulky_waste", "status": "", "from": "", "to": ""})
    assert page.status_code == 200
    rows = [r for r in page.text.split("<tr")[2:] if word in r or sofa.receipt in r or done.receipt in r]
    assert len(rows) == 2 and dumped.receipt not in page.text
    sofa_row = next(r for r in rows if sofa.receipt in r)
    assert "<td>粗大ごみ</td>" in sofa_row and "bulky_waste" not in sofa_row
    assert "<td>2日</td>" in sofa_row  # the age, and the wait of 51 hours
    assert 'option value="bulky_waste" selected' in page.text  # the filter is kept
    assert re.search(r"新規 1件.*対応中 0件.*完了 1件", page.text)
    assert f'href="/inbox/export.csv?topic=bulky_waste&amp;q={word}"' in page.text


def test_a_reversed_date_range_lists_nothing(inbox_server, store):
    seed(store, message="逆の期間のテスト")
    client, _ = staff(inbox_server, "kankyo-sato")
    today = dt.datetime.now(UTC).date()
    reversed_range = {"from": (today + dt.timedelta(days=1)).isoformat(), "to": today.isoformat()}
    assert listed(client, **reversed_range)["escalations"] == []
    assert listed(client, to=(today + dt.timedelta(days=1)).isoformat())["escalations"]


@pytest.mark.parametrize(
    "params,field",
    [
        ({"status": "closed"}, "status"),
        ({"topic": "../etc"}, "topic"),
        ({"from": "2026-13-01"}, "from"),
        ({"topic": "bulky_waste\n"}, "topic"),
        ({"urgent": "maybe"}, "urgent"),
        ({"urgent": "YES"}, "urgent"),  # the values the OpenAPI document lists, as written there
        ({"q": "あ" * 101}, "q"),
        ({"q": "あ " * 51}, "q"),  # counted as sent, as the document says
    ],
)
def test_bad_filters_are_refused_as_json_on_every_listing(inbox_server, params, field):
    client, _ = staff(inbox_server, "kankyo-sato")
    for path in ("/api/inbox/escalations", "/inbox", "/inbox/export.csv"):
        response = client.get(path, params=params)
        assert response.status_code == 422, (path, response.text)
        assert [p["field"] for p in response.json()["error"]["detail"]] == [field]


def test_assignment_to_a_colleague_is_stored_shown_and_audited(inbox_server, store, redis_server):
    escalation = seed(store)
    client, csrf = staff(inbox_server, "kankyo-sato")
    page = client.get(f"/inbox/{escalation.receipt}").text
    assert '<option value="kankyo-suzuki">kankyo-suzuki</option>' in page and "kitakata-zei" not in page
    saved = client.post(f"/inbox/{escalation.receipt}", data={"csrf": csrf, "assignee": "kankyo-suzuki"})
    assert saved.status_code == 303
    assert '<dd id="assignee">kankyo-suzuki</dd>' in client.get(f"/inbox/{escalation.receipt}").text
    row = next(e for e in listed(client)["escalations"] if e["receipt"] == escalation.receipt)
    assert row["assignee"] == "kankyo-suzuki"
    assert store.get(escalation.receipt).assignee == "kankyo-suzuki"
    outsider = client.post(
        f"/api/inbox/escalations/{escalation.receipt}",
        json={"assignee": "kitakata-zei"},
        headers={"X-CSRF-Token": csrf},
    )
    assert outsider.status_code == 409 and outsider.json()["error"]["detail"][0]["field"] == "assignee"
    cleared = client.post(
        f"/api/inbox/escalations/{escalation.receipt}", json={"assignee": ""}, headers={"X-CSRF-Token": csrf}
    )
    assert cleared.status_code == 200 and cleared.json()["assignee"] is None
    forged = client.post(f"/inbox/{escalation.receipt}", data={"csrf": "forged", "assignee": "kankyo-suzuki"})
    assert forged.status_code == 403 and store.get(escalation.receipt).assignee is None
    mine = [(a["user"], a["action"]) for a in audit(redis_server) if a["receipt"] == escalation.receipt]
    assert ("kankyo-sato", "assign:kankyo-suzuki") in mine and ("kankyo-sato", "assign:-") in mine


def test_other_offices_get_404_on_every_new_route_and_are_audited(inbox_server, store, redis_server):
    word = uuid.uuid4().hex[:8]
    escalation = seed(store, message=f"ソファ {word}")
    owner, owner_csrf = staff(inbox_server, "kankyo-sato")
    made = owner.post(
        "/api/inbox/replies", json={"title": "申込", "text": "前日までに"}, headers={"X-CSRF-Token": owner_csrf}
    )
    assert made.status_code == 201
    reply_id = made.json()["id"]
    for username in ("kitakata-zei", "showa-kankyo"):  # same town other department; other village
        client, csrf = staff(inbox_server, username)
        assert receipts(listed(client, q=word)) == set()
        assert listed(client, q=word)["counts"] == {"new": 0, "in_progress": 0, "resolved": 0}
        assert escalation.receipt not in client.get("/inbox", params={"q": word}).text
        assert escalation.receipt not in client.get("/inbox/export.csv", params={"q": word}).text
        assign = {"csrf": csrf, "assignee": username}
        assert client.post(f"/inbox/{escalation.receipt}", data=assign).status_code == 404
        assert (
            client.post(
                f"/api/inbox/escalations/{escalation.receipt}",
                json={"assignee": username},
                headers={"X-CSRF-Token": csrf},
            ).status_code
            == 404
        )
    village, csrf = staff(inbox_server, "showa-kankyo")  # canned replies belong to the municipality
    assert (
        reply_id not in village.get("/api/inbox/replies").text
        and "前日までに" not in village.get("/inbox/replies").text
    )
    edit = {"csrf": csrf, "title": "x", "text": "y", "action": "save"}
    assert village.post(f"/inbox/replies/{reply_id}", data=edit).status_code == 404
    assert (
        village.post(
            f"/api/inbox/replies/{reply_id}", json={"title": "x", "text": "y"}, headers={"X-CSRF-Token": csrf}
        ).status_code
        == 404
    )
    assert village.delete(f"/api/inbox/replies/{reply_id}", headers={"X-CSRF-Token": csrf}).status_code == 404
    town, _ = staff(inbox_server, "kitakata-zei")
    assert reply_id in town.get("/api/inbox/replies").text  # the same municipality's other department shares them
    assert owner.get("/api/inbox/replies").json()["replies"][0]["text"] == "前日までに"
    entries = audit(redis_server)
    for username in ("kitakata-zei", "showa-kankyo"):
        assert any(
            a["user"] == username and a["action"] == "denied:update" and a["receipt"] == escalation.receipt
            for a in entries
        )
    denied = {a["action"] for a in entries if a["user"] == "showa-kankyo" and a["receipt"] == reply_id}
    assert denied == {"denied:canned:change", "denied:canned:delete"}
    anonymous = OPEN_CLIENTS.opened(httpx.Client(base_url=inbox_server.url))
    assert anonymous.get("/api/inbox/replies").status_code == 401
    assert anonymous.get("/inbox/export.csv", follow_redirects=False).status_code == 303
    assert anonymous.get("/inbox/replies", follow_redirects=False).status_code == 303


def test_canned_replies_are_edited_in_the_browser_forms_and_escaped(inbox_server, store, redis_server):
    client, csrf = staff(inbox_server, "kankyo-suzuki")
    title, text = f"収集日 {uuid.uuid4().hex[:6]}", "毎月第2水曜日です。<script>alert(1)</script>"
    assert client.post("/inbox/replies", data={"csrf": "forged", "title": title, "text": text}).status_code == 403
    assert client.post("/inbox/replies", data={"csrf": csrf, "title": title, "text": ""}).status_code == 422
    added = client.post("/inbox/replies", data={"csrf": csrf, "title": title, "text": text})
    assert (added.status_code, added.headers["location"]) == (303, "/inbox/replies")
    reply = next(r for r in client.get("/api/inbox/replies").json()["replies"] if r["title"] == title)
    page = client.get("/inbox/replies").text
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    escalation = seed(store)
    item = client.get(f"/inbox/{escalation.receipt}").text
    assert f'data-text="毎月第2水曜日です。&lt;script&gt;alert(1)&lt;/script&gt;">{title}</option>' in item
    changed = {"csrf": csrf, "title": title, "text": "毎月第3水曜日です。", "action": "save"}
    assert client.post(f"/inbox/replies/{reply['id']}", data=changed).status_code == 303
    assert "毎月第3水曜日です。" in client.get(f"/inbox/{escalation.receipt}").text
    gone = client.post(f"/inbox/replies/{reply['id']}", data={"csrf": csrf, "action": "delete"})
    assert gone.status_code == 303 and title not in client.get("/inbox/replies").text
    actions = [a["action"] for a in audit(redis_server) if a["receipt"] == reply["id"]]
    assert actions == ["canned:add", "canned:change", "canned:delete"]


def test_csv_export_of_the_filtered_list_opens_in_excel(inbox_server, store, redis_server):
    word = uuid.uuid4().hex[:8]
    masked = seed(store, message=f"[氏名]です。ソファ {word}", place="喜多方市[住所]", hours_ago=3)
    seed(store, "illegal_dumping", f'=HYPERLINK("http://evil.example") {word}')
    seed(store, message=f"他の町 {word}", office="showa/environment")
    client, _ = staff(inbox_server, "kankyo-sato")
    response = client.get("/inbox/export.csv", params={"q": word, "topic": "bulky_waste"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert re.fullmatch(
        r'attachment; filename="inbox-kitakata-environment-\d{8}-\d{4}\.csv"', response.headers["content-disposition"]
    )
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["受付番号", "状態", "至急"] and len(rows) == 2
    assert rows[1][0] == masked.receipt and rows[1][4] == "粗大ごみ"
    assert (rows[1][5], rows[1][6], rows[1][8]) == ("喜多方市[住所]", f"[氏名]です。ソファ {word}", "3時間")
    everything = list(
        csv.reader(io.StringIO(client.get("/inbox/export.csv", params={"q": word}).text.lstrip("\ufeff")))
    )
    assert len(everything) == 3 and "他の町" not in json.dumps(everything, ensure_ascii=False)
    assert any(r[6].startswith("'=HYPERLINK") for r in everything[1:])  # Excel shows it, does not run it
    assert any(a["user"] == "kankyo-sato" and a["action"] == "export:1" for a in audit(redis_server))


@pytest.mark.browser
def test_filter_assign_and_insert_a_canned_reply_in_chromium(browser, inbox_server, store):
    word = uuid.uuid4().hex[:8]
    sofa = seed(store, message=f"ソファ {word}")
    other = seed(store, "illegal_dumping", f"冷蔵庫 {word}")
    client, csrf = staff(inbox_server, "kankyo-sato")
    title = f"粗大ごみの申込 {word}"
    text = "粗大ごみは収集日の前日までにお申し込みください。"
    assert client.post(
        "/api/inbox/replies", json={"title": title, "text": text}, headers={"X-CSRF-Token": csrf}
    ).is_success

    office = browser.new_page()
    office.goto(f"{inbox_server.url}/inbox/login")
    office.get_by_label("ユーザー名").fill("kankyo-sato")
    office.get_by_label("パスワード").fill(PASSWORD)
    office.get_by_role("button", name="ログイン").click()
    office.get_by_label("検索").fill(word)
    office.get_by_label("話題").select_option(label="粗大ごみ")
    office.get_by_role("button", name="絞り込む").click()
    assert office.get_by_role("link", name=sofa.receipt).is_visible()
    assert office.get_by_role("link", name=other.receipt).count() == 0
    office.get_by_role("link", name=sofa.receipt).click()
    office.get_by_label("担当者").select_option("kankyo-suzuki")
    office.get_by_label("住民への回答（チャットに表示されます）").fill("お問い合わせありがとうございます。")
    office.get_by_label("定型文").select_option(label=title)
    office.get_by_role("button", name="回答に挿入").click()
    office.get_by_role("button", name="保存").click()
    assert office.locator("#assignee").inner_text() == "kankyo-suzuki"
    assert office.get_by_label("住民への回答（チャットに表示されます）").input_value() == (
        "お問い合わせありがとうございます。" + text
    )
    office.close()
    mine = httpx.get(f"{inbox_server.url}/api/escalations/{sofa.receipt}", params={"sender_id": sofa.sender_id})
    assert mine.json()["reply"] == "お問い合わせありがとうございます。" + text


@pytest.mark.browser
def test_the_widget_shows_a_badge_on_the_next_visit_after_an_office_reply(browser, inbox_server, store):
    escalation = seed(store)
    resident = browser.new_page()
    resident.goto(f"{inbox_server.url}/demo/kitakata")
    state = {"sender": escalation.sender_id, "history": [], "receipts": [escalation.receipt]}
    resident.evaluate("s => localStorage.setItem('aizu-chat:kitakata', s)", json.dumps(state))
    asked = f"/api/escalations/{escalation.receipt}"
    with resident.expect_response(lambda r: asked in r.url):
        resident.reload()
    resident.wait_for_timeout(300)  # the answer has been read by now
    badge = resident.get_by_role("button", name="担当窓口から回答が届いています")
    assert badge.count() == 0  # no reply yet, no badge

    client, csrf = staff(inbox_server, "kankyo-sato")
    saved = client.post(f"/inbox/{escalation.receipt}", data={"csrf": csrf, "reply": "明日回収します。"})
    assert saved.status_code == 303
    resident.reload()
    badge.wait_for(timeout=10_000)
    badge.click()
    resident.get_by_role("log").get_by_text("明日回収します。", exact=False).wait_for(timeout=10_000)
    assert badge.is_hidden()
    with resident.expect_response(lambda r: asked in r.url):
        resident.reload()  # read: no badge on the visit after
    resident.wait_for_timeout(300)
    assert badge.count() == 0
    resident.close()


def test_the_longest_note_and_reply_fit_the_staff_body_limit(inbox_server, store):
    escalation = seed(store)
    client, csrf = staff(inbox_server, "kankyo-sato")
    longest = {"note": "確" * 4000, "reply": "回" * 4000}  # 24 KB of UTF-8, 96 KB once escaped as \uXXXX
    escaped = json.dumps(longest).encode()
    headers = {"X-CSRF-Token": csrf, "Content-Type": "application/json"}
    saved = client.post(f"/api/inbox/escalations/{escalation.receipt}", content=escaped, headers=headers)
    assert saved.status_code == 200, saved.text
    assert store.get(escalation.receipt).reply == "回" * 4000
    form = client.post(f"/inbox/{escalation.receipt}", data={"csrf": csrf, **longest})  # 72 KB url-encoded
    assert form.status_code == 303
    too_long = client.post(f"/api/inbox/escalations/{escalation.receipt}", json={"note": "x" * 4001}, headers=headers)
    assert too_long.status_code == 422
    assert httpx.post(f"{inbox_server.url}/api/chat", content=escaped, headers=headers).status_code == 413
