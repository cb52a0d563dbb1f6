"""Learning from residents over HTTP: unanswered and 👎 questions reach the staff page of their municipality only."""

from __future__ import annotations

import re
import shutil
import uuid

import httpx
import pytest

from bot.settings import PROJECT_ROOT
from tests.connectors.test_handoff_and_inbox import add_user, login

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def staff_server(launch, server_env, tmp_path_factory):
    root = tmp_path_factory.mktemp("staffdata")
    shutil.copytree(PROJECT_ROOT / "data", root / "data")
    accounts = root / "accounts.json"
    add_user(accounts, "yugawa-staff", "yugawa", "general")
    add_user(accounts, "showa-staff", "showa", "general")
    env = {**server_env, "AIZU_DATA_DIR": str(root / "data"), "AIZU_OFFICE_ACCOUNTS_FILE": str(accounts),
           "AIZU_REDIS_PREFIX": f"staff{uuid.uuid4().hex[:6]}"}
    return launch(env), root / "data"


def test_unanswered_and_thumbs_down_reach_staff_and_become_examples(staff_server):
    server, data = staff_server
    sid = f"st-{uuid.uuid4().hex[:10]}"
    reply = httpx.post(f"{server.url}/api/chat", json={"sender_id": sid, "message": "こたつを始末したい 090-1234-5678",
                                                       "municipality": "yugawa"}, timeout=30).json()
    assert reply["meta"]["kind"] in {"clarify", "fallback"}
    answered = httpx.post(f"{server.url}/api/chat", json={"sender_id": sid, "message": "住民票がほしい",
                                                          "municipality": "yugawa"}, timeout=30).json()
    assert answered["meta"]["kind"] == "answer"
    vote = httpx.post(f"{server.url}/api/feedback", json={
        "sender_id": sid, "value": "down", "topic": "resident_certificate", "municipality": "yugawa",
        "question": "住民票がほしい"})
    assert vote.status_code == 200
    assert httpx.post(f"{server.url}/api/feedback", json={
        "sender_id": sid, "value": "meh", "topic": "resident_certificate", "municipality": "yugawa"}).status_code == 422

    other, _ = login(server, "showa-staff")
    assert "こたつ" not in other.get("/staff").text

    staff, _ = login(server, "yugawa-staff")
    page = staff.get("/staff").text
    assert "こたつを始末したい" in page and "090-1234-5678" not in page
    assert "住民票の写し" in page  # 👎 count row
    row = next(r for r in page.split("<tr>") if "こたつを始末したい" in r)
    csrf = re.search(r'name="csrf" value="([^"]+)"', row).group(1)
    ids = re.search(r'name="ids" value="([^"]+)"', row).group(1)
    assert staff.post("/staff/decide", data={"csrf": "forged", "ids": ids, "action": "assign",
                                             "topic": "bulky_waste"}).status_code == 403
    done = staff.post("/staff/decide", data={"csrf": csrf, "ids": ids, "action": "assign", "topic": "bulky_waste"})
    assert done.status_code == 303
    assert "こたつを始末したい" in (data / "nlu" / "topics" / "bulky_waste.yml").read_text(encoding="utf-8")
    assert "こたつを始末したい" not in staff.get("/staff").text
