"""Learning from residents over HTTP: unanswered and 👎 questions reach the staff page of their municipality only."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import time
import uuid

import httpx
import pytest
import redis

from bot.faq.models import STAFF_SOURCE, FaqEntry
from bot.faq.store import load_entries, save_entries
from bot.learning.store import LearningStore
from bot.settings import PROJECT_ROOT
from tests.connectors.conftest import OPEN_CLIENTS
from tests.connectors.test_handoff_and_inbox import add_user, login

pytestmark = pytest.mark.slow
PREFIX = f"staff{uuid.uuid4().hex[:6]}"


@pytest.fixture(scope="module")
def staff_server(launch, server_env, tmp_path_factory):
    root = tmp_path_factory.mktemp("staffdata")
    shutil.copytree(PROJECT_ROOT / "data", root / "data")
    accounts = root / "accounts.json"
    add_user(accounts, "yugawa-staff", "yugawa", "general")
    add_user(accounts, "showa-staff", "showa", "general")
    env = {
        **server_env,
        "AIZU_DATA_DIR": str(root / "data"),
        "AIZU_OFFICE_ACCOUNTS_FILE": str(accounts),
        "AIZU_REDIS_PREFIX": PREFIX,
    }
    return launch(env), root / "data"


def test_unanswered_and_thumbs_down_reach_staff_and_become_examples(staff_server):
    server, data = staff_server
    sid = f"st-{uuid.uuid4().hex[:10]}"
    reply = httpx.post(
        f"{server.url}/api/chat",
        json={"sender_id": sid, "message": "こたつを始末したい 090-1234-5678", "municipality": "yugawa"},
        timeout=30,
    ).json()
    assert reply["meta"]["kind"] in {"clarify", "fallback"}
    answered = httpx.post(
        f"{server.url}/api/chat",
        json={"sender_id": sid, "message": "住民票がほしい", "municipality": "yugawa"},
        timeout=30,
    ).json()
    assert answered["meta"]["kind"] == "answer"
    vote = httpx.post(
        f"{server.url}/api/feedback",
        json={
            "sender_id": sid,
            "value": "down",
            "topic": "resident_certificate",
            "municipality": "yugawa",
            "question": "住民票がほしい",
        },
    )
    assert vote.status_code == 200
    assert (
        httpx.post(
            f"{server.url}/api/feedback",
            json={"sender_id": sid, "value": "meh", "topic": "resident_certificate", "municipality": "yugawa"},
        ).status_code
        == 422
    )

    other, _ = login(server, "showa-staff")
    assert "こたつ" not in other.get("/staff").text

    staff, _ = login(server, "yugawa-staff")
    page = staff.get("/staff").text
    assert "こたつを始末したい" in page and "090-1234-5678" not in page
    assert "住民票の写し" in page  # 👎 count row
    row = next(r for r in page.split("<tr>") if "こたつを始末したい" in r)
    csrf = re.search(r'name="csrf" value="([^"]+)"', row).group(1)
    ids = re.search(r'name="ids" value="([^"]+)"', row).group(1)
    assert (
        staff.post(
            "/staff/decide", data={"csrf": "forged", "ids": ids, "action": "assign", "topic": "bulky_waste"}
        ).status_code
        == 403
    )
    done = staff.post("/staff/decide", data={"csrf": csrf, "ids": ids, "action": "assign", "topic": "bulky_waste"})
    assert done.status_code == 303
    assert "こたつを始末したい" in (data / "nlu" / "topics" / "bulky_waste.yml").read_text(encoding="utf-8")
    assert "こたつを始末したい" not in staff.get("/staff").text


def form_fields(page: str, text: str) -> dict:
    row = next(r for r in page.split("<tr>") if text in r)
    return {name: re.search(rf'name="{name}" value="([^"]+)"', row).group(1) for name in ("csrf", "ids")}


def test_coverage_page_needs_login_and_shows_all_municipalities(staff_server):
    server, data = staff_server
    anonymous = httpx.get(f"{server.url}/staff/coverage", follow_redirects=False)
    assert anonymous.status_code == 303 and anonymous.headers["location"] == "/inbox/login"
    save_entries(
        data / "faq" / "yugawa.yml",
        [
            FaqEntry(
                id=str(i),
                question=f"テスト用の質問{i}",
                answer="テスト用の回答です。",
                source_file="test.csv",
                imported=dt.date(2026, 11, 28),
            )
            for i in range(3)
        ],
    )
    staff, _ = login(server, "yugawa-staff")
    assert 'href="/staff/coverage"' in staff.get("/staff").text
    page = staff.get("/staff/coverage")
    assert page.status_code == 200
    table = page.text[page.text.index("<table>") : page.text.index("</table>")]
    assert table.count('<th scope="col"') == 13 and '<th scope="col" class="own">湯川村</th>' in table
    assert "style=" not in table and 'class="cov-' in table  # the CSP allows no inline styles
    assert "住民票の写し" in table and "確認済み" in table
    faq_row = next(r for r in table.split("<tr>") if "取り込んだFAQ" in r)
    assert '<td class="own">3</td>' in faq_row
    assert staff.get("/staff/coverage", params={"stale_months": 0}).status_code == 422


def published_version(server_env) -> str | None:
    """Showa's published FAQ version (bumped by every FAQ decision, as by an upload's publish)."""
    client = OPEN_CLIENTS.opened(redis.Redis.from_url(server_env["AIZU_REDIS_URL"]))
    value = client.hget(f"{PREFIX}:faq:versions", "showa")
    return value.decode() if value else None


def live_within(server_env, version: str, seconds: float = 10.0) -> float:
    """Seconds until a worker reports showa's FAQ version live (its rebuilt index swapped in)."""
    client = OPEN_CLIENTS.opened(redis.Redis.from_url(server_env["AIZU_REDIS_URL"]))
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if client.hexists(f"{PREFIX}:faq:status:showa:{version}", "live"):
            return time.monotonic() - start
        time.sleep(0.2)
    raise AssertionError(f"FAQ version {version} was not live within {seconds} s")


def test_staff_attach_questions_to_an_faq_entry_or_write_a_new_one(staff_server, server_env):
    server, data = staff_server
    faq_file = data / "faq" / "showa.yml"
    save_entries(
        faq_file,
        [
            FaqEntry(
                id="t1",
                question="テスト用の質問です",
                answer="テスト用の回答です。",
                source_file="test.csv",
                imported=dt.date(2026, 11, 28),
            )
        ],
    )
    store = LearningStore(OPEN_CLIENTS.opened(redis.Redis.from_url(server_env["AIZU_REDIS_URL"])), PREFIX)
    store.record("clarify", "テストの言い換えその一", "showa", [])
    store.record("fallback", "まったく別のテスト質問", "showa", [])
    sid = f"fb-{uuid.uuid4().hex[:10]}"
    vote = {"sender_id": sid, "municipality": "showa"}
    assert httpx.post(f"{server.url}/api/feedback", json={**vote, "value": "down", "faq_id": "t1"}).status_code == 200
    unpublished = httpx.post(f"{server.url}/api/feedback", json={**vote, "value": "up", "faq_id": "nope"})
    assert unpublished.status_code == 409 and unpublished.json()["error"]["code"] == "unknown_reference"
    for bad in ({"faq_id": "t 1"}, {"faq_id": "t\u30001"}, {"faq_id": "x" * 65}, {"faq_id": 1}, {"topic": ""}, {}):
        assert httpx.post(f"{server.url}/api/feedback", json={**vote, "value": "up", **bad}).status_code == 422
    for value in ("up", "down"):
        httpx.post(f"{server.url}/api/feedback", json={**vote, "value": value, "topic": "bulky_waste"})

    staff, _ = login(server, "showa-staff")
    page = staff.get("/staff").text
    assert '<option value="t1">' in page and 'value="assign_faq"' in page and 'value="new"' in page
    assert "<tr><td>FAQ: テスト用の質問です</td><td>0</td><td>1</td><td>100%</td></tr>" in page
    assert "<td>1</td><td>1</td><td>50%</td>" in page

    first = form_fields(page, "テストの言い換えその一")
    unknown = staff.post("/staff/decide", data={**first, "action": "assign_faq", "faq_id": "nope"})
    assert unknown.status_code == 422 and unknown.json()["error"]["detail"][0]["field"] == "faq_id"
    assert staff.post("/staff/decide", data={**first, "action": "assign_faq", "faq_id": "t1"}).status_code == 303
    assert load_entries(faq_file)[0].examples == ["テストの言い換えその一"]
    assert published_version(server_env) == "1"  # the workers rebuild showa's FAQ index: live, no restart

    second = form_fields(staff.get("/staff").text, "まったく別のテスト質問")
    empty = staff.post(
        "/staff/decide",
        data={**second, "action": "new", "new_question": "質問", "new_answer": " ", "new_url": "javascript:alert(1)"},
    )
    assert empty.status_code == 422
    assert {d["field"] for d in empty.json()["error"]["detail"]} == {"new_answer", "new_url"}
    created = staff.post(
        "/staff/decide",
        data={
            **second,
            "action": "new",
            "new_question": "テスト用の新しい質問",
            "new_answer": "テスト用の新しい回答です。",
            "new_url": "https://example.jp/test",
        },
    )
    assert created.status_code == 303
    assert published_version(server_env) == "2"
    assert live_within(server_env, "2") < 10
    new = load_entries(faq_file)[1]
    assert new.id.startswith("staff-") and new.source_file == STAFF_SOURCE
    assert (new.question, new.url, new.examples) == (
        "テスト用の新しい質問",
        "https://example.jp/test",
        ["まったく別のテスト質問"],
    )
    after = staff.get("/staff").text
    assert "テストの言い換えその一" not in after and "まったく別のテスト質問" not in after
    coverage = staff.get("/staff/coverage").text
    faq_row = next(r for r in coverage.split("<tr>") if "取り込んだFAQ" in r)
    assert '<td class="own">2</td>' in faq_row  # the imported entry and the staff-written one
