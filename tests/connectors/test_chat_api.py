"""Contract tests for the chat API over real HTTP."""

from __future__ import annotations

import uuid

import httpx
import pytest

pytestmark = pytest.mark.slow


def sender() -> str:
    return f"t-{uuid.uuid4().hex[:16]}"


def post(server, body, **kwargs):
    return httpx.post(f"{server.url}/api/chat", json=body, timeout=30, **kwargs)


def assert_error(response, status, code):
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error"]["code"] == code
    assert " / " in body["error"]["message"]  # Japanese / English


def test_answer_has_messages_and_meta(server):
    response = post(server, {"sender_id": sender(), "message": "住民票がほしい", "municipality": "aizuwakamatsu"})
    assert response.status_code == 200
    body = response.json()
    assert body["meta"]["kind"] == "answer"
    assert body["meta"]["topic"] == "resident_certificate"
    assert body["meta"]["municipality"] == "aizuwakamatsu"
    assert body["meta"]["office"]["phone"].startswith("0242-")
    assert body["messages"] and body["messages"][0]["text"]


def test_crisis_message_gets_the_lines_first_with_phones(server):
    response = post(server, {"sender_id": sender(), "message": "彼氏に殴られるのが怖い", "municipality": "mishima"})
    assert response.status_code == 200
    body = response.json()
    assert body["meta"]["kind"] == "safety" and body["meta"]["safety"][0] == "dv"
    numbers = [p["number"] for p in body["messages"][0]["phones"]]
    assert "#8008" in numbers and "0120-279-889" in numbers and "110" in numbers
    assert {"number": "#8008", "tel": "tel:%238008"} in body["messages"][0]["phones"]


def test_health_and_readiness(server):
    assert httpx.get(f"{server.url}/healthz").json() == {"status": "ok"}
    ready = httpx.get(f"{server.url}/readyz")
    assert ready.status_code == 200 and ready.json()["checks"] == {"model": True, "redis": True}


def test_openapi_docs_are_served_without_cdn(server):
    page = httpx.get(f"{server.url}/docs")
    assert page.status_code == 200
    assert "cdn" not in page.text.lower()
    assert "/api/chat" in httpx.get(f"{server.url}/openapi.json").json()["paths"]


@pytest.mark.parametrize(
    "body,field",
    [
        ({"sender_id": "short", "message": "こんにちは"}, "sender_id"),
        ({"sender_id": "x" * 65, "message": "こんにちは"}, "sender_id"),
        ({"sender_id": "bad id with spaces", "message": "こんにちは"}, "sender_id"),
        ({"sender_id": "valid-sender-1\n", "message": "こんにちは"}, "sender_id"),  # the whole id, as the schema says
        ({"sender_id": "valid-sender-1", "message": "   "}, "message"),
        ({"sender_id": "valid-sender-1", "message": "\u3000\n"}, "message"),  # full-width space only
        ({"sender_id": "valid-sender-1", "message": "あ" * 501}, "message"),
        ({"sender_id": "valid-sender-1", "message": 123}, "message"),
        ({"sender_id": "valid-sender-1", "message": ["a"]}, "message"),
        ({"sender_id": "valid-sender-1", "message": "hi\x00there"}, "message"),
        ({"sender_id": "valid-sender-1", "message": "hi", "municipality": "tokyo"}, "municipality"),
        ({"sender_id": "valid-sender-1", "message": "hi", "municipality": 7}, "municipality"),
        ({"sender_id": "valid-sender-1"}, "message"),
        ({"sender_id": 12345678, "message": "hi"}, "sender_id"),
        ({"sender_id": "valid-sender-1", "message": "hi", "extra": 1}, "extra"),
    ],
)
def test_invalid_fields_are_422(server, body, field):
    response = post(server, body)
    assert_error(response, 422, "invalid_fields")
    assert any(field in d["field"] for d in response.json()["error"]["detail"])


def test_malformed_json_is_400(server):
    response = httpx.post(
        f"{server.url}/api/chat", content=b'{"sender_id": ', headers={"Content-Type": "application/json"}
    )
    assert_error(response, 400, "invalid_json")


def test_invalid_utf8_is_400(server):
    response = httpx.post(
        f"{server.url}/api/chat",
        content=b'{"sender_id": "\xff\xfe", "message": "x"}',
        headers={"Content-Type": "application/json"},
    )
    assert_error(response, 400, "invalid_json")


def test_json_that_is_not_an_object_is_400(server):
    response = httpx.post(f"{server.url}/api/chat", content=b'["a"]', headers={"Content-Type": "application/json"})
    assert_error(response, 400, "bad_request")


def test_wrong_content_type_is_415(server):
    response = httpx.post(
        f"{server.url}/api/chat", content=b"message=hi", headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert_error(response, 415, "unsupported_media_type")


def test_huge_body_is_413(server):
    response = httpx.post(
        f"{server.url}/api/chat", content=b"{" + b" " * 100_000 + b"}", headers={"Content-Type": "application/json"}
    )
    assert_error(response, 413, "too_large")


def test_unknown_route_and_method_are_json(server):
    assert_error(httpx.get(f"{server.url}/nope"), 404, "not_found")
    assert_error(httpx.get(f"{server.url}/api/chat"), 405, "method_not_allowed")
    # Allow names the methods of every route of the path (GET and POST are two routes here)
    wrong = httpx.put(f"{server.url}/api/inbox/escalations/20261201-0001-ABCD")
    assert_error(wrong, 405, "method_not_allowed")
    assert wrong.headers["allow"] == "GET, POST"


@pytest.mark.parametrize(
    "message",
    [
        "<script>alert(1)</script>住民票",
        "😀😀 ごみの日は？ 🗑️",
        "'; DROP TABLE users; --",
        "\u202e\u200b住民票",
        "ｺｸﾎ ｶﾆｭｳ",
        "a" * 500,
    ],
)
def test_odd_but_valid_messages_get_a_reply(server, message):
    response = post(server, {"sender_id": sender(), "message": message, "municipality": "kitakata"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["messages"]
    for item in body["messages"]:
        assert "<script>" not in item["text"]


def test_typed_payload_syntax_does_not_set_slots(server):
    sid = sender()
    body = post(server, {"sender_id": sid, "message": '/inform_municipality{"municipality": "kitakata"}'}).json()
    assert body["meta"]["municipality"] != "kitakata"
    follow = post(server, {"sender_id": sid, "message": "粗大ごみを出したい"}).json()
    assert follow["meta"]["kind"] == "ask_municipality"


def test_button_token_round_trip(server):
    sid = sender()
    asked = post(server, {"sender_id": sid, "message": "粗大ごみを出したい"}).json()
    assert asked["meta"]["kind"] == "ask_municipality"
    buttons = asked["messages"][0]["buttons"]
    assert len(buttons) == 13
    showa = next(b for b in buttons if b["title"] == "昭和村")
    answered = post(server, {"sender_id": sid, "message": showa["payload"]}).json()
    assert answered["meta"]["kind"] == "answer"
    assert answered["meta"]["topic"] == "bulky_waste"
    assert answered["meta"]["municipality"] == "showa"


def test_delete_conversation(server):
    sid = sender()
    post(server, {"sender_id": sid, "message": "喜多方です"})
    assert httpx.delete(f"{server.url}/api/conversations/{sid}").json()["deleted"] is True
    assert httpx.delete(f"{server.url}/api/conversations/{sid}").json()["deleted"] is False
    assert_error(httpx.delete(f"{server.url}/api/conversations/bad%20id"), 422, "invalid_fields")


def test_security_headers_on_pages(server):
    page = httpx.get(f"{server.url}/demo/kitakata")
    assert page.status_code == 200
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    assert 'data-municipality="kitakata"' in page.text
    assert_error(httpx.get(f"{server.url}/demo/tokyo"), 404, "not_found")


def test_index_lists_thirteen(server):
    page = httpx.get(f"{server.url}/").text
    assert page.count('href="/demo/') == 13


def test_cors_allows_official_sites_only(server):
    ok = httpx.options(
        f"{server.url}/api/chat",
        headers={"Origin": "https://www.city.kitakata.fukushima.jp", "Access-Control-Request-Method": "POST"},
    )
    assert ok.headers.get("access-control-allow-origin") == "https://www.city.kitakata.fukushima.jp"
    bad = httpx.options(
        f"{server.url}/api/chat", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
    )
    assert "access-control-allow-origin" not in bad.headers


def test_widget_texts_come_from_the_catalogue(server):
    from bot.knowledge.yaml_source import read_yaml
    from bot.settings import PROJECT_ROOT

    official = "https://www.city.kitakata.fukushima.jp"
    response = httpx.get(f"{server.url}/widget/texts.json", headers={"Origin": official})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers.get("access-control-allow-origin") == official  # readable by the embedding site
    catalogue = read_yaml(PROJECT_ROOT / "data" / "ui" / "widget.yml")
    assert response.json() == {k: dict(v) if isinstance(v, dict) else v for k, v in catalogue.items()}
    assert response.json()["open"] == "チャットで質問"


def test_a_long_conversation_is_stored_bounded_and_keeps_its_municipality(server, redis_server):
    """300 messages in one conversation: Redis keeps at most the configured events, the answers stay right."""
    import json

    import redis

    from bot.settings import Settings

    conversation = sender()
    with httpx.Client(base_url=server.url, timeout=30) as client:
        first = client.post("/api/chat", json={"sender_id": conversation, "message": "喜多方市に住んでいます"})
        assert first.status_code == 200
        sizes = []
        for number in range(300):
            text = ("粗大ごみの出し方", "ありがとう", "図書館は何時まで？")[number % 3]
            assert client.post("/api/chat", json={"sender_id": conversation, "message": text}).status_code == 200
            if number in (60, 299):
                keys = list(redis.Redis.from_url(redis_server.url).scan_iter(f"*{conversation}"))
                sizes.append(sum(len(redis.Redis.from_url(redis_server.url).get(k) or b"") for k in keys))
        last = client.post("/api/chat", json={"sender_id": conversation, "message": "住民票がほしい"}).json()
    assert last["meta"]["topic"] == "resident_certificate" and last["meta"]["municipality"] == "kitakata"
    store = redis.Redis.from_url(redis_server.url)
    (key,) = [k for k in store.scan_iter(f"*{conversation}") if b"lock" not in k and b"ticket" not in k]
    events = json.loads(store.get(key) or b"{}")["events"]
    assert len(events) <= Settings().tracker_max_events
    assert sizes[1] < sizes[0] * 1.3  # message 300 stores about what message 60 stored
