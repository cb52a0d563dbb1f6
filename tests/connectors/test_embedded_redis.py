"""`python -m connectors` with its own redis-server: restarted after kill -9, gone with the app, one per folder.

Real processes throughout: the connector is started as `python -m connectors` with no AIZU_REDIS_URL and
a temporary AIZU_STATE_DIR, and every process is found and killed through the kernel (/proc, SIGKILL).
"""

from __future__ import annotations

import os
import signal
import time
import uuid
from pathlib import Path
from typing import Callable, Dict, List

import httpx
import pytest

from connectors.redis_folder import read_record
from tests.connectors.test_handoff_and_inbox import escalate
from tests.connectors.test_redis_supervisor import answers, redis_servers_in, wait_for

pytestmark = pytest.mark.slow


def parent_of(pid: int) -> int:
    """The parent pid of a process, from /proc/<pid>/stat."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    return int(stat.rsplit(")", 1)[1].split()[1])


def the_server(folder: Path) -> int:
    """The one redis-server running on `folder`."""
    servers = redis_servers_in(folder)
    assert len(servers) == 1, servers
    return servers[0]


def chat_answers(app, sid: str) -> Callable[[], bool]:
    def _answers() -> bool:
        reply = httpx.post(f"{app.url}/api/chat", json={"sender_id": sid, "message": "こんにちは"}, timeout=10)
        assert reply.status_code in (200, 503), reply.text
        return reply.status_code == 200

    return _answers


def escalation_is_there(app, sid: str, receipt: str) -> bool:
    found = httpx.get(f"{app.url}/api/escalations/{receipt}", params={"sender_id": sid}, timeout=10)
    return found.status_code == 200 and found.json()["receipt"] == receipt


@pytest.fixture(scope="module")
def state(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("state")


@pytest.fixture(scope="module")
def local_env(server_env, state) -> Dict[str, str]:
    return {**server_env, "AIZU_REDIS_URL": "", "AIZU_STATE_DIR": str(state)}


@pytest.fixture(scope="module")
def first_app(launch, local_env):
    return launch(local_env)


@pytest.fixture(scope="module")
def escalated(first_app) -> List[str]:
    sid = f"h-{uuid.uuid4().hex[:12]}"
    return [sid, escalate(first_app, sid, contact="なし")["meta"]["receipt"]]


def test_kill_9_of_its_redis_server_and_chat_answers_again_within_5_s(first_app, state, escalated):
    folder = state / "redis"
    crashed = the_server(folder)
    assert parent_of(crashed) == first_app.process.pid
    os.kill(crashed, signal.SIGKILL)
    start = time.monotonic()
    wait_for(lambda: len(redis_servers_in(folder)) == 1 and crashed not in redis_servers_in(folder), timeout=5)
    wait_for(lambda: answers(f"redis://127.0.0.1:{read_record(folder).port}/0"), timeout=5)
    # no 503 once Redis is back: the app's pooled connections reconnect instead of failing once each
    assert chat_answers(first_app, f"a-{uuid.uuid4().hex[:12]}")()
    assert time.monotonic() - start < 5
    restarted = the_server(folder)
    assert restarted != crashed and parent_of(restarted) == first_app.process.pid
    assert escalation_is_there(first_app, *escalated)  # written before the crash, kept in the AOF
    assert "restarting it on port" in first_app.log.read_text()


def test_a_second_start_shares_the_server_and_kill_9_of_the_owner_leaves_no_orphan(
    launch, local_env, first_app, state, escalated
):
    folder = state / "redis"
    owned = the_server(folder)
    second_app = launch(local_env)
    assert the_server(folder) == owned  # still one server on the folder: the first app's
    assert wait_for(chat_answers(second_app, f"b-{uuid.uuid4().hex[:12]}"), timeout=5) < 5
    assert escalation_is_there(second_app, *escalated)

    first_app.stop(kill=True)  # SIGKILL: no shutdown code runs
    start = time.monotonic()
    wait_for(lambda: owned not in redis_servers_in(folder), timeout=5)
    gone_after = time.monotonic() - start
    wait_for(chat_answers(second_app, f"c-{uuid.uuid4().hex[:12]}"), timeout=10)
    took_over = the_server(folder)
    assert parent_of(took_over) == second_app.process.pid
    assert escalation_is_there(second_app, *escalated)
    assert gone_after < 5
