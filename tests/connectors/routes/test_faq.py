"""The FAQ upload over real HTTP: a real connector (two workers) and redis-server, on a copy of data/.

A staff member uploads a CSV (UTF-8 with a BOM, then Shift_JIS), sees the importer's dry run, and
publishes; every worker then offers the new entry to residents within seconds, without a restart or
retraining. A bad CSV shows each problem with its line and fix and writes nothing; other
municipalities' staff get 404.
"""

from __future__ import annotations

import json
import re
import time
import uuid

import httpx
import pytest
import redis

from bot.settings import PROJECT_ROOT
from tests.connectors.conftest import OPEN_CLIENTS
from tests.connectors.routes.conftest import FAQ_PREFIX
from tests.connectors.test_handoff_and_inbox import login

pytestmark = pytest.mark.slow
QUESTION = "桜まつりの臨時駐車場はどこですか"
V1 = (
    "id,質問,回答,カテゴリ\r\n"
    "sakura,湯川村の桜まつりの臨時駐車場はどこですか？,村役場の駐車場を臨時駐車場として開放します（試験用）。,行事\r\n"
    "soba,そば祭りはいつ開かれますか？,毎年10月の第3日曜日に開かれます。,行事\r\n"
)
V2 = (
    "id,質問,回答,カテゴリ\r\n"
    "sakura,湯川村の桜まつりの臨時駐車場はどこですか？,公民館の駐車場を臨時駐車場として開放します（試験用）。,行事\r\n"
    "house,農業用ビニールハウスの補助金はありますか？,村の農林課で申請できます。,農業\r\n"
)


def csrf_of(page: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def upload(staff, raw: bytes, name: str = "faq.csv"):
    csrf = csrf_of(staff.get("/staff/faq").text)
    return staff.post("/staff/faq/upload", data={"csrf": csrf}, files={"file": (name, raw, "text/csv")})


def offered(server, text: str = QUESTION, municipality: str = "bandai") -> list:
    body = {"sender_id": f"f-{uuid.uuid4().hex[:10]}", "message": text, "municipality": municipality}
    meta = httpx.post(f"{server.url}/api/chat", json=body, timeout=30).json()["meta"]
    return ([meta["faq_id"]] if meta.get("faq_id") else []) + (meta.get("faq_choices") or [])


def offered_within(server, entry: str, seconds: float = 30.0) -> float:
    """Seconds until 4 residents in a row (fresh connections, so both workers) are offered the entry."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if all(entry in offered(server) for _ in range(4)):
            return time.monotonic() - start
        time.sleep(0.3)
    raise AssertionError(f"entry {entry} was not offered within {seconds} s")


@pytest.fixture()
def audit(redis_server):
    client = OPEN_CLIENTS.opened(redis.Redis.from_url(redis_server.url))
    return lambda: [json.loads(x) for x in client.lrange(f"{FAQ_PREFIX}:audit", 0, -1)]


def test_upload_preview_publish_and_residents_are_offered_the_entry_live(faq_server, audit):
    server, data = faq_server
    target = data / "faq" / "bandai.yml"
    assert not target.exists() and "sakura" not in offered(server)
    staff, _ = login(server, "bandai-faq")
    preview = upload(staff, V1.encode("utf-8-sig"))
    assert preview.status_code == 303 and preview.headers["location"].startswith("/staff/faq/uploads/")
    page = staff.get(preview.headers["location"]).text
    assert re.search(r'data-outcome="added"><th scope="row">[^<]+</th><td>2<', page)
    assert '<tr data-entry="sakura">' in page and "村役場の駐車場" in page
    assert not target.exists()  # nothing is written before publishing

    token = preview.headers["location"].rsplit("/", 1)[1]
    published = staff.post(f"/staff/faq/uploads/{token}/publish", data={"csrf": csrf_of(page)})
    assert published.status_code == 303 and published.headers["location"] == "/staff/faq?done=published"
    assert "村役場の駐車場を臨時駐車場として開放します" in target.read_text(encoding="utf-8")
    took = offered_within(server, "sakura")
    listing = staff.get("/staff/faq").text
    assert 'data-state="live"' in listing and 'data-time="live"' in listing
    assert '<dd id="faq-count">2</dd>' in listing and "bandai-faq" in listing  # the count, the history
    assert staff.post(f"/staff/faq/uploads/{token}/publish", data={"csrf": csrf_of(page)}).status_code == 404

    second = upload(staff, V2.encode("cp932"), "faq-v2.csv")  # as Excel saves "CSV (comma delimited)"
    page = staff.get(second.headers["location"]).text
    counts = dict(re.findall(r'data-outcome="(\w+)"><th scope="row">[^<]+</th><td>(\d+)<', page))
    assert counts == {"added": "1", "updated": "1", "retired": "1", "unchanged": "0"}
    changed = re.search(r'<tr data-entry="sakura" data-field="answer">(.*?)</tr>', page).group(1)
    assert changed.index("村役場の駐車場") < changed.index("公民館の駐車場")  # before -> after
    token = second.headers["location"].rsplit("/", 1)[1]
    assert staff.post(f"/staff/faq/uploads/{token}/publish", data={"csrf": "forged"}).status_code == 403
    assert staff.post(f"/staff/faq/uploads/{token}/publish", data={"csrf": csrf_of(page)}).status_code == 303
    written = target.read_text(encoding="utf-8")
    assert "公民館の駐車場" in written and "source_file: faq-v2.csv" in written
    assert re.search(r"id: soba\n(?:  .*\n)*  retired: true", written)
    offered_within(server, "house")
    assert "soba" not in offered(server, "そば祭りはいつ開かれますか")
    assert [e["action"] for e in audit() if e["user"] == "bandai-faq"].count("faq-publish") == 2
    assert not (PROJECT_ROOT / "data" / "faq" / "bandai.yml").exists()  # the repository's data/ is untouched
    print(f"offered on every worker {took:.1f} s after the publish")


def test_a_bad_csv_shows_each_problem_with_its_line_and_fix_and_nothing_is_held_or_written(faq_server):
    server, data = faq_server
    before = sorted(p.name for p in (data / "faq").iterdir())
    staff, _ = login(server, "bandai-faq")
    bad = "id,質問,回答\n1,質問,回答\n1,同じid,回答\n2,質問です,\n3,質問,回答,余分\n".encode("cp932")
    refused = upload(staff, bad)
    assert refused.status_code == 422
    lines = re.findall(r'<tr data-line="(\d+)"><td>\d+</td><td>([^<]+)</td><td>([^<]+)</td>', refused.text)
    assert [(line, message) for line, message, _ in lines] == [
        ("3", "id &#39;1&#39; is already used on line 2"),
        ("4", "the answer is empty"),
        ("5", "the row has a cell under no column header"),
    ]
    assert all(fix.strip() for _, _, fix in lines)
    unreadable = upload(staff, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x81\x7f", "picture.png")  # not a CSV at all
    assert unreadable.status_code == 422 and "neither UTF-8 nor Shift_JIS" in unreadable.text
    too_large = upload(staff, ("id,question,answer\n" + "1,質問,回答\n" * 2000).encode("utf-8"))
    assert too_large.status_code == 413 and "ファイルが大きすぎます" in too_large.text
    empty = upload(staff, b"")
    assert empty.status_code == 422 and "the file is empty" in empty.text
    assert sorted(p.name for p in (data / "faq").iterdir()) == before
    anonymous = httpx.post(f"{server.url}/staff/faq/upload", data={"csrf": "x"}, files={"file": ("a.csv", b"")})
    assert anonymous.status_code == 401


def test_other_municipalities_staff_get_404_and_are_audited(faq_server, audit):
    server, data = faq_server
    own, _ = login(server, "bandai-faq")
    held = upload(own, V1.encode("utf-8"))
    location = held.headers["location"]
    other, _ = login(server, "showa-faq")
    csrf = csrf_of(other.get("/staff/faq").text)
    assert other.get("/staff/faq?municipality=bandai").status_code == 404
    assert other.get(location).status_code == 404
    assert other.post(f"{location}/publish", data={"csrf": csrf}).status_code == 404
    assert other.post(f"{location}/cancel", data={"csrf": csrf}).status_code == 404
    assert not (data / "faq" / "showa.yml").exists()
    denied = [(e["user"], e["action"]) for e in audit() if e["user"] == "showa-faq"]
    assert ("showa-faq", "denied:faq-view") in denied and ("showa-faq", "denied:faq-upload") in denied
    cancelled = own.post(f"{location}/cancel", data={"csrf": csrf_of(own.get(location).text)})
    assert cancelled.headers["location"] == "/staff/faq?done=cancelled"
    assert own.get(location).status_code == 404  # gone from Redis


def test_a_publish_after_someone_elses_shows_the_fresh_preview_first(faq_server):
    server, data = faq_server
    staff, _ = login(server, "bandai-faq")
    mine, theirs = (V1.replace("（試験用）", f"（{who}）") for who in ("私の版", "先に公開された版"))
    held = upload(staff, mine.encode("utf-8")).headers["location"]
    csrf = csrf_of(staff.get(held).text)
    first = upload(staff, theirs.encode("utf-8")).headers["location"]
    assert staff.post(f"{first}/publish", data={"csrf": csrf}).status_code == 303
    stale = staff.post(f"{held}/publish", data={"csrf": csrf})
    assert stale.status_code == 409 and "先に公開された版" in stale.text  # the diff against what is published now
    assert "先に公開された版" in (data / "faq" / "bandai.yml").read_text(encoding="utf-8")
    assert staff.post(f"{held}/publish", data={"csrf": csrf}).status_code == 303  # confirmed after seeing it
    assert "私の版" in (data / "faq" / "bandai.yml").read_text(encoding="utf-8")
