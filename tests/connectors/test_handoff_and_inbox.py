"""Hand-off to the office over real HTTP: escalation, durability, inbox access control, notifications."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import pytest
import redis

from bot.settings import PROJECT_ROOT
from connectors.embedded_redis import free_port, start_redis
from tests.connectors.conftest import OPEN_CLIENTS

pytestmark = pytest.mark.slow
PASSWORD = "correct horse battery staple"


def add_user(accounts: Path, username: str, municipality: str, department: str, email: str = "") -> None:
    args = [
        sys.executable,
        "-m",
        "bot",
        "office",
        "add-user",
        username,
        "--municipality",
        municipality,
        "--department",
        department,
    ] + (["--email", email] if email else [])
    subprocess.run(
        args,
        cwd=PROJECT_ROOT,
        check=True,
        capture_output=True,
        env={**os.environ, "AIZU_NEW_PASSWORD": PASSWORD, "AIZU_OFFICE_ACCOUNTS_FILE": str(accounts)},
    )


class SmtpSink:
    """A local SMTP server (aiosmtpd) that keeps what it receives."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.messages = []
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):  # noqa: N802
                sink.messages.append(envelope.content.decode("utf-8", "replace"))
                return "250 OK"

        self.port = free_port()
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()


class WebhookSink:
    """A tiny HTTP server that records POSTed JSON."""

    def __init__(self) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, HTTPServer

        self.received = []
        sink = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                length = int(self.headers.get("Content-Length", 0))
                sink.received.append(json.loads(self.rfile.read(length)))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture(scope="module")
def office_env(tmp_path_factory, server_env):
    accounts = tmp_path_factory.mktemp("accounts") / "accounts.json"
    add_user(accounts, "kitakata-shimin", "kitakata", "environment", "shimin@example.jp")
    add_user(accounts, "kitakata-zeimu", "kitakata", "tax")
    add_user(accounts, "showa-jumin", "showa", "citizen")
    smtp, hook = SmtpSink(), WebhookSink()
    return {
        "env": {
            **server_env,
            "AIZU_OFFICE_ACCOUNTS_FILE": str(accounts),
            "AIZU_SMTP_HOST": "127.0.0.1",
            "AIZU_SMTP_PORT": str(smtp.port),
            "AIZU_NOTIFY_WEBHOOK_URL": hook.url,
        },
        "smtp": smtp,
        "hook": hook,
    }


@pytest.fixture(scope="module")
def office_server(launch, office_env):
    return launch(office_env["env"])


def chat(server, sid, message, municipality="kitakata"):
    response = httpx.post(
        f"{server.url}/api/chat", timeout=30, json={"sender_id": sid, "message": message, "municipality": municipality}
    )
    assert response.status_code == 200, response.text
    return response.json()


def escalate(
    server,
    sid,
    text="粗大ごみの出し方を知りたい",
    message="ソファの回収日を知りたい",
    contact="090-1234-5678",
    municipality="kitakata",
):
    chat(server, sid, text, municipality)
    offer = chat(server, sid, "担当の人と話したい", municipality)
    assert offer["meta"]["kind"] == "handoff"
    token = offer["messages"][-1]["buttons"][0]["payload"]
    asked = chat(server, sid, token, municipality)
    assert asked["meta"]["kind"] == "handoff"
    chat(server, sid, message, municipality)
    done = chat(server, sid, contact, municipality)
    return done


def login(server, username, password=PASSWORD):
    """A logged-in client (closed at the end of the test by tests/connectors/conftest.py)."""
    client = OPEN_CLIENTS.opened(httpx.Client(base_url=server.url, follow_redirects=False, timeout=30))
    page = client.get("/inbox/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    response = client.post("/inbox/login", data={"username": username, "password": password, "csrf": csrf})
    return client, response


def test_escalation_gets_a_receipt_and_reaches_the_right_office(office_server, office_env):
    sid = f"e-{uuid.uuid4().hex[:12]}"
    done = escalate(office_server, sid)
    receipt = done["meta"]["receipt"]
    assert receipt in done["messages"][0]["text"]
    client, response = login(office_server, "kitakata-shimin")
    assert response.status_code == 303
    item = client.get(f"/api/inbox/escalations/{receipt}").json()
    assert (item["municipality"], item["function"], item["topic"]) == ("kitakata", "environment", "bulky_waste")
    assert item["consent"] is True and item["contact"] == "090-1234-5678"
    assert item["resident_message"] == "ソファの回収日を知りたい"
    assert any("粗大ごみ" in line["text"] for line in item["transcript"])
    assert item["topic_name"] == "粗大ごみ"
    written, created = (dt.datetime.fromisoformat(item[k]) for k in ("resident_at", "created_at"))
    assert created - dt.timedelta(seconds=30) < written <= created  # the contact line, just before the receipt
    # notifications: webhook and e-mail, without the resident's words or contact
    for _ in range(50):
        if office_env["hook"].received and office_env["smtp"].messages:
            break
        time.sleep(0.1)
    assert office_env["hook"].received[-1]["receipt"] == receipt
    assert "090-1234-5678" not in json.dumps(office_env["hook"].received[-1])
    mail = office_env["smtp"].messages[-1]
    assert "shimin@example.jp" in mail and "090-1234-5678" not in mail


def test_personal_data_outside_consent_is_masked(office_server):
    sid = f"m-{uuid.uuid4().hex[:12]}"
    chat(office_server, sid, "マイナンバー123456789012の通知が来ない、連絡はtaro@example.jpへ")
    done = escalate(office_server, sid, text="粗大ごみを出したい", message="電話は0241-11-2222です", contact="なし")
    client, _ = login(office_server, "kitakata-shimin")
    item = client.get(f"/api/inbox/escalations/{done['meta']['receipt']}").json()
    dumped = json.dumps(item, ensure_ascii=False)
    assert "123456789012" not in dumped and "taro@example.jp" not in dumped and "0241-11-2222" not in dumped
    assert item["consent"] is False and item["contact"] is None


def test_names_and_street_addresses_are_masked_in_the_office_transcript(office_server):
    """The privacy issue's case: the office's transcript holds no name and no street address."""
    sid = f"p-{uuid.uuid4().hex[:12]}"
    typed = "粗大ごみでタンスを出したいのですが、山田太郎です。住所は喜多方市字御清水東7244-2です"
    done = escalate(office_server, sid, text=typed, message="高橋ヨシ子と申します。回収の日を知りたい", contact="なし")
    client, _ = login(office_server, "kitakata-shimin")
    response = client.get(f"/api/inbox/escalations/{done['meta']['receipt']}")
    assert response.status_code == 200, response.text
    item = response.json()
    dumped = json.dumps(item, ensure_ascii=False)
    for personal in ("山田太郎", "御清水東", "7244-2", "高橋ヨシ子"):
        assert personal not in dumped, personal
    assert any("[氏名]" in line["text"] and "[住所]" in line["text"] for line in item["transcript"])
    assert "喜多方市" in dumped  # the municipality stays: it routes the inquiry
    page = client.get(f"/inbox/{done['meta']['receipt']}").text
    assert "山田太郎" not in page and "7244-2" not in page


def test_offices_cannot_see_or_change_each_others_items(office_server, redis_server):
    sid = f"a-{uuid.uuid4().hex[:12]}"
    receipt = escalate(office_server, sid)["meta"]["receipt"]
    other, _ = login(office_server, "kitakata-zeimu")  # same town, other department
    village, _ = login(office_server, "showa-jumin")
    for client in (other, village):
        assert client.get(f"/api/inbox/escalations/{receipt}").status_code == 404
        assert receipt not in client.get("/api/inbox/escalations").text
        assert client.get(f"/inbox/{receipt}").status_code == 404
        csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/inbox").text).group(1)
        assert client.post(f"/inbox/{receipt}", data={"csrf": csrf, "status": "resolved"}).status_code == 404
        assert (
            client.post(
                f"/api/inbox/escalations/{receipt}", json={"status": "resolved"}, headers={"X-CSRF-Token": csrf}
            ).status_code
            == 404
        )
    anonymous = OPEN_CLIENTS.opened(httpx.Client(base_url=office_server.url))
    assert anonymous.get("/api/inbox/escalations").status_code == 401
    assert anonymous.get("/inbox", follow_redirects=False).status_code == 303
    owner, _ = login(office_server, "kitakata-shimin")
    assert owner.get(f"/api/inbox/escalations/{receipt}").json()["status"] == "new"
    with redis.Redis.from_url(redis_server.url) as client:
        audit = [json.loads(x) for x in client.lrange("aizu:audit", 0, -1)]
    assert any(
        a["user"] == "showa-jumin" and a["action"].startswith("denied") and a["receipt"] == receipt for a in audit
    )
    assert any(a["user"] == "kitakata-shimin" and a["action"] == "view" for a in audit)


def test_csrf_is_required_for_changes(office_server):
    receipt = escalate(office_server, f"c-{uuid.uuid4().hex[:12]}")["meta"]["receipt"]
    client, _ = login(office_server, "kitakata-shimin")
    assert client.post(f"/inbox/{receipt}", data={"csrf": "forged", "status": "resolved"}).status_code == 403
    assert client.post(f"/api/inbox/escalations/{receipt}", json={"status": "resolved"}).status_code == 403
    bare = OPEN_CLIENTS.opened(httpx.Client(base_url=office_server.url))
    page = bare.get("/inbox/login")
    assert (
        bare.post(
            "/inbox/login", data={"username": "kitakata-shimin", "password": PASSWORD, "csrf": "forged"}
        ).status_code
        == 403
    )
    assert page.status_code == 200


def test_failed_logins_are_throttled(office_server):
    for _ in range(5):
        _, response = login(office_server, "showa-jumin", "wrong password 123")
        assert response.status_code == 401
    _, locked = login(office_server, "showa-jumin")  # right password, but locked now
    assert locked.status_code == 429


def test_reply_reaches_the_resident_only(office_server):
    sid = f"r-{uuid.uuid4().hex[:12]}"
    receipt = escalate(office_server, sid)["meta"]["receipt"]
    client, _ = login(office_server, "kitakata-shimin")
    csrf = re.search(r'name="csrf" value="([^"]+)"', client.get(f"/inbox/{receipt}").text).group(1)
    saved = client.post(
        f"/inbox/{receipt}",
        data={"csrf": csrf, "status": "in_progress", "reply": "毎月第2水曜日です。", "note": "電話済み"},
    )
    assert saved.status_code == 303
    mine = httpx.get(f"{office_server.url}/api/escalations/{receipt}", params={"sender_id": sid}).json()
    assert mine["reply"] == "毎月第2水曜日です。" and mine["status"] == "in_progress"
    assert "note" not in json.dumps(mine) and "電話済み" not in json.dumps(mine, ensure_ascii=False)
    other = httpx.get(f"{office_server.url}/api/escalations/{receipt}", params={"sender_id": "someone-else"})
    assert other.status_code == 404


def test_resident_and_staff_text_is_escaped_on_the_inbox_pages(office_server):
    script = "<script>alert(1)</script>"
    shown = "&lt;script&gt;alert(1)&lt;/script&gt;"
    sid = f"x-{uuid.uuid4().hex[:12]}"
    receipt = escalate(office_server, sid, message=f"ソファの回収日{script}", contact="なし")["meta"]["receipt"]
    client, _ = login(office_server, "kitakata-shimin")
    assert client.get(f"/api/inbox/escalations/{receipt}").json()["resident_message"] == f"ソファの回収日{script}"
    listed = client.get("/inbox").text
    row = next(r for r in listed.split("<tr") if receipt in r)
    assert f"ソファの回収日{shown}" in row and script not in listed
    page = client.get(f"/inbox/{receipt}").text
    assert f"<dd>ソファの回収日{shown}</dd>" in page and script not in page
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    staff_text = '<img src=x onerror="alert(2)">'
    saved = client.post(f"/inbox/{receipt}", data={"csrf": csrf, "reply": staff_text, "note": staff_text})
    assert saved.status_code == 303
    page = client.get(f"/inbox/{receipt}").text
    assert "<img" not in page
    assert page.count("&lt;img src=x onerror=&#34;alert(2)&#34;&gt;") == 2  # the reply box and the note


def test_escalation_survives_kill_9_of_everything(launch, server_env, tmp_path):
    data = tmp_path / "redis"
    own = start_redis(data)
    port = own.port
    env = {**server_env, "AIZU_REDIS_URL": own.url}
    app = launch(env)
    sid = f"k-{uuid.uuid4().hex[:12]}"
    receipt = escalate(app, sid, contact="なし")["meta"]["receipt"]
    app.stop(kill=True)
    own.process.kill()  # SIGKILL: no shutdown, no final save
    own.process.wait()
    revived = start_redis(data, port=port)
    try:
        with redis.Redis.from_url(revived.url) as client:
            raw = client.get(f"aizu:esc:{receipt}")
        assert raw is not None and json.loads(raw)["receipt"] == receipt
    finally:
        revived.stop()


@pytest.mark.browser
def open_widget(browser, server, municipality="kitakata"):
    """A resident's page with the widget open: (page, the chat log, say(text) waiting for the answer)."""
    resident = browser.new_page()
    resident.goto(f"{server.url}/demo/{municipality}")
    resident.get_by_role("button", name="チャットで質問").click()
    box = resident.get_by_label("質問を入力（例: 住民票がほしい）")

    def say(text):
        count = resident.locator(".aizu-chat__msg--bot").count()
        box.fill(text)
        box.press("Enter")
        resident.wait_for_function(
            f"() => document.querySelectorAll('.aizu-chat__msg--bot').length > {count}", timeout=20_000
        )

    return resident, resident.get_by_role("log"), say


def office_page(browser, server, username):
    """A staff member logged in to the inbox in the browser."""
    office = browser.new_page()
    office.goto(f"{server.url}/inbox/login")
    office.get_by_label("ユーザー名").fill(username)
    office.get_by_label("パスワード").fill(PASSWORD)
    office.get_by_role("button", name="ログイン").click()
    return office


def test_end_to_end_resident_office_reply_in_chromium(browser, office_server):
    resident, log, say = open_widget(browser, office_server)

    say("粗大ごみの出し方")
    say("職員の人と話したい")
    resident.get_by_role("button", name="担当窓口に送る").click()
    log.get_by_text("担当窓口に伝えたい内容", exact=False).wait_for(timeout=20_000)
    say("マットレスは粗大ごみで出せますか")
    say("なし")
    log.get_by_text("受付番号は", exact=False).wait_for(timeout=20_000)
    receipt = re.search(r"受付番号は (\S+) です", log.inner_text()).group(1)

    office = office_page(browser, office_server, "kitakata-shimin")
    office.get_by_role("link", name=receipt).click()
    assert "マットレスは粗大ごみで出せますか" in office.content()
    office.get_by_label("住民への回答（チャットに表示されます）").fill("出せます。事前の申し込みが必要です。")
    office.get_by_label("状態").select_option("in_progress")
    office.get_by_role("button", name="保存").click()
    assert office.locator("#status").inner_text() == "対応中"

    resident.get_by_role("button", name="回答を確認").click()
    log.get_by_text("出せます。事前の申し込みが必要です。", exact=False).wait_for(timeout=20_000)


def report(
    server, sid, text="林道にごみが大量に捨てられてる", place="喜多方市の〇〇林道、ゲートから500mほど", contact="なし"
):
    """Ask a reportable topic, press 「場所を伝えて通報する」, give the place and contact, confirm."""
    answered = chat(server, sid, text)
    assert (answered["meta"]["kind"], answered["meta"]["topic"]) == ("answer", "illegal_dumping")
    button = answered["messages"][-1]["buttons"][0]
    assert button["title"] == "場所を伝えて通報する"
    asked = chat(server, sid, button["payload"])
    assert "場所を教えてください" in asked["messages"][0]["text"]
    chat(server, sid, place)
    summary = chat(server, sid, contact)
    assert place in summary["messages"][0]["text"] and text in summary["messages"][0]["text"]
    yes = next(b for b in summary["messages"][0]["buttons"] if b["title"] == "はい、送る")
    return summary, yes


def test_a_report_reaches_the_office_with_its_place(office_server):
    sid = f"r-{uuid.uuid4().hex[:12]}"
    summary, yes = report(office_server, sid)
    assert "市民生活課" in summary["messages"][0]["text"]
    done = chat(office_server, sid, yes["payload"])
    receipt = done["meta"]["receipt"]
    assert receipt and receipt in done["messages"][0]["text"] and "通報を受け付けました" in done["messages"][0]["text"]
    client, _ = login(office_server, "kitakata-shimin")
    item = client.get(f"/api/inbox/escalations/{receipt}").json()
    assert (item["kind"], item["topic"], item["function"]) == ("report", "illegal_dumping", "environment")
    assert item["place"] == "喜多方市の〇〇林道、ゲートから500mほど"
    assert item["resident_message"] == "林道にごみが大量に捨てられてる"
    assert item["consent"] is False and item["contact"] is None
    listed = client.get("/api/inbox/escalations").json()
    assert any(e["receipt"] == receipt and e["kind"] == "report" for e in listed["escalations"])
    page = client.get("/inbox").text
    assert "【通報】" in page and "不法投棄" in page


def test_a_report_not_confirmed_is_not_sent(office_server, redis_server):
    sid = f"r-{uuid.uuid4().hex[:12]}"
    summary, _ = report(office_server, sid, place="湯川沿いの農道")
    no = next(b for b in summary["messages"][0]["buttons"] if b["title"] == "送らない")
    done = chat(office_server, sid, no["payload"])
    assert done["meta"]["receipt"] is None and "送りませんでした" in done["messages"][0]["text"]
    client, _ = login(office_server, "kitakata-shimin")
    listed = client.get("/api/inbox/escalations").json()["escalations"]
    assert not any(e.get("place") == "湯川沿いの農道" for e in listed)


def test_a_report_from_question_to_receipt_to_the_inbox_in_chromium(browser, office_server):
    resident, log, say = open_widget(browser, office_server)

    say("空き地に冷蔵庫が置きっぱなし")
    resident.get_by_role("button", name="場所を伝えて通報する").click()
    log.get_by_text("場所を教えてください", exact=False).wait_for(timeout=20_000)
    say("塩川町の県道沿い、ガソリンスタンドの裏の空き地")
    say("なし")
    log.get_by_text("通報します。よろしいですか", exact=False).wait_for(timeout=20_000)
    resident.get_by_role("button", name="はい、送る").click()
    log.get_by_text("通報を受け付けました", exact=False).wait_for(timeout=20_000)
    receipt = re.search(r"受付番号は (\S+) です", log.inner_text()).group(1)

    office = office_page(browser, office_server, "kitakata-shimin")
    row = office.get_by_role("row").filter(has_text=receipt)
    assert "【通報】" in row.inner_text() and "不法投棄" in row.inner_text()
    office.get_by_role("link", name=receipt).click()
    assert office.locator("#kind").inner_text() == "通報"
    assert office.locator("#place").inner_text() == "塩川町の県道沿い、ガソリンスタンドの裏の空き地"
    assert "空き地に冷蔵庫が置きっぱなし" in office.content()
