"""Conversation state in Redis: two workers, ordering, restart continuity, outage and recovery."""

from __future__ import annotations

import asyncio
import json
import time
import uuid

import httpx
import pytest
import redis

from connectors.embedded_redis import start_redis

pytestmark = pytest.mark.slow


def sender() -> str:
    return f"s-{uuid.uuid4().hex[:16]}"


@pytest.fixture(scope="module")
def second_server(launch, server_env):
    return launch(server_env)


def user_texts(redis_url: str, sender_id: str):
    with redis.Redis.from_url(redis_url, decode_responses=True) as client:
        stored = json.loads(client.get(f"aizu:tracker:{sender_id}"))
    return [e for e in stored["events"] if e["event"] in {"user", "bot"}]


async def test_two_workers_process_one_conversation_in_order(server, second_server, redis_server):
    sid = sender()
    texts = [f"質問{i}です 住民票がほしい" for i in range(12)]
    async with httpx.AsyncClient(timeout=60) as client:

        async def send(i: int, text: str):
            await asyncio.sleep(i * 0.02)  # overlapping: earlier ones are still running
            target = (server, second_server)[i % 2]
            return await client.post(
                f"{target.url}/api/chat", json={"sender_id": sid, "message": text, "municipality": "kitakata"}
            )

        responses = await asyncio.gather(*(send(i, t) for i, t in enumerate(texts)))
    assert all(r.status_code == 200 for r in responses)
    # Arrival order across processes is the order of the conversation tickets (X-Conversation-Turn).
    turns = {texts[i]: int(r.headers["x-conversation-turn"]) for i, r in enumerate(responses)}
    assert sorted(turns.values()) == list(range(min(turns.values()), min(turns.values()) + len(texts)))
    events = user_texts(redis_server.url, sid)
    users = [e["text"] for e in events if e["event"] == "user"]
    assert sorted(users) == sorted(texts)  # nothing lost, nothing duplicated
    assert users == sorted(texts, key=turns.__getitem__)  # processed in arrival order
    # one at a time: every user message is followed by its own answers before the next one
    kinds = [e["event"] for e in events]
    assert kinds[0] == "user"
    for position, kind in enumerate(kinds[:-1]):
        if kind == "user":
            assert kinds[position + 1] == "bot"


def test_conversation_continues_on_another_worker(server, second_server):
    sid = sender()
    asked = httpx.post(f"{server.url}/api/chat", json={"sender_id": sid, "message": "粗大ごみを出したい"}).json()
    assert asked["meta"]["kind"] == "ask_municipality"
    answered = httpx.post(f"{second_server.url}/api/chat", json={"sender_id": sid, "message": "柳津です"}).json()
    assert (answered["meta"]["topic"], answered["meta"]["municipality"]) == ("bulky_waste", "yanaizu")


def test_conversation_survives_connector_restart(launch, server_env):
    sid = sender()
    first = launch(server_env)
    asked = httpx.post(f"{first.url}/api/chat", json={"sender_id": sid, "message": "燃えるゴミ何曜？"}).json()
    assert asked["meta"]["kind"] == "ask_municipality"
    first.stop(kill=True)
    restarted = launch(server_env)
    answered = httpx.post(f"{restarted.url}/api/chat", json={"sender_id": sid, "message": "三島町です"}).json()
    assert (answered["meta"]["topic"], answered["meta"]["municipality"]) == ("garbage_sorting", "mishima")


def test_rate_limits_per_sender_and_per_resident_behind_a_proxy(launch, server_env):
    limited = launch(
        {
            **server_env,
            "AIZU_RATE_LIMIT_PER_SENDER_PER_MINUTE": "3",
            "AIZU_RATE_LIMIT_PER_IP_PER_MINUTE": "8",
            # Counters of its own: the session's other connectors share the redis-server and 127.0.0.1.
            "AIZU_REDIS_PREFIX": f"limits{uuid.uuid4().hex[:6]}",
        }
    )
    sid = sender()
    if time.time() % 60 > 45:  # the limits count per clock minute: start this burst inside one minute
        time.sleep(61 - time.time() % 60)
    statuses = [
        httpx.post(f"{limited.url}/api/chat", json={"sender_id": sid, "message": "こんにちは"}) for _ in range(4)
    ]
    assert [r.status_code for r in statuses[:3]] == [200, 200, 200]
    assert statuses[3].status_code == 429
    assert 1 <= int(statuses[3].headers["Retry-After"]) <= 60
    assert statuses[3].json()["error"]["code"] == "rate_limited"
    other = httpx.post(f"{limited.url}/api/chat", json={"sender_id": sender(), "message": "こんにちは"})
    assert other.status_code == 200

    # Behind the trusted proxy (loopback by default) each resident's own address counts: 5 requests came
    # from the proxy itself, and one resident still gets 8 before the per-address limit.
    def from_resident(address: str) -> int:
        forwarded = {"X-Forwarded-For": address}
        body = {"sender_id": sender(), "message": "こんにちは"}
        return httpx.post(f"{limited.url}/api/chat", json=body, headers=forwarded).status_code

    assert [from_resident("203.0.113.7") for _ in range(9)] == [200] * 8 + [429]
    assert from_resident("203.0.113.8") == 200


def test_redis_outage_is_503_and_recovers(launch, server_env, tmp_path):
    own_redis = start_redis(tmp_path / "redis")
    port = own_redis.port
    app = launch({**server_env, "AIZU_REDIS_URL": own_redis.url})
    sid = sender()
    assert httpx.post(f"{app.url}/api/chat", json={"sender_id": sid, "message": "こんにちは"}).status_code == 200
    own_redis.stop()
    down = httpx.post(f"{app.url}/api/chat", json={"sender_id": sid, "message": "住民票"}, timeout=30)
    assert down.status_code == 503
    assert down.json()["error"]["code"] == "unavailable"
    assert httpx.get(f"{app.url}/readyz", timeout=30).status_code == 503
    # Routes on the synchronous escalation store answer the same way, not with a 500.
    status = httpx.get(f"{app.url}/api/escalations/A1B2C3D4", params={"sender_id": sid}, timeout=30)
    assert (status.status_code, status.json()["error"]["code"]) == (503, "unavailable"), status.text
    assert status.headers["retry-after"] == "5"
    revived = start_redis(tmp_path / "redis", port=port)
    try:
        for _ in range(50):
            response = httpx.post(f"{app.url}/api/chat", json={"sender_id": sid, "message": "住民票"}, timeout=30)
            if response.status_code == 200:
                break
        assert response.status_code == 200
        assert httpx.get(f"{app.url}/readyz").status_code == 200
    finally:
        revived.stop()


def test_run_without_redis_configured_starts_a_local_redis_with_aof(launch, server_env, tmp_path):
    env = {k: v for k, v in server_env.items() if k != "AIZU_REDIS_URL"}
    app = launch({**env, "AIZU_REDIS_URL": "", "AIZU_STATE_DIR": str(tmp_path)})
    reply = httpx.post(f"{app.url}/api/chat", json={"sender_id": sender(), "message": "こんにちは"})
    assert reply.status_code == 200
    assert (tmp_path / "redis").is_dir()
    assert any(p.name.startswith("appendonly") for p in (tmp_path / "redis").iterdir())
    app.stop()
