"""The local Redis of `python -m connectors` on real redis-servers and real processes (no model needed)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, Iterator, List

import pytest
import redis

from bot.settings import PROJECT_ROOT
from connectors.embedded_redis import free_port, redis_arguments, redis_binary
from connectors.redis_folder import FolderLock
from connectors.redis_supervisor import FolderBusy, LocalRedis

OWNER_SCRIPT = """
import sys, time
from pathlib import Path
from connectors.redis_supervisor import LocalRedis
local = LocalRedis.open(Path(sys.argv[1]))
print(local.pid, local.port, flush=True)
time.sleep(600)
"""


def redis_servers_in(folder: Path) -> List[int]:
    """Every live redis-server whose working directory is `folder`, as the kernel tells it."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if (entry / "cwd").resolve() == folder.resolve() and "redis" in os.readlink(entry / "exe"):
                found.append(int(entry.name))
        except (OSError, ValueError):
            continue
    return found


def wait_for(condition: Callable[[], object], timeout: float) -> float:
    """Seconds until `condition()` is true; fails after `timeout`."""
    start = time.monotonic()
    while not condition():
        assert time.monotonic() - start < timeout, f"not within {timeout} s"
        time.sleep(0.05)
    return time.monotonic() - start


def answers(url: str) -> bool:
    try:
        with redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5) as client:
            return bool(client.ping())
    except redis.RedisError:
        return False


@pytest.fixture()
def opened() -> Iterator[List[LocalRedis]]:
    started: List[LocalRedis] = []
    yield started
    for local in reversed(started):
        local.stop()


def test_a_killed_server_is_restarted_on_the_same_port_with_its_data(tmp_path, opened):
    local = LocalRedis.open(tmp_path / "redis")
    opened.append(local)
    with redis.Redis.from_url(local.url) as client:
        client.set("kept", "before the crash")
        first = local.pid
        assert first is not None
        os.kill(first, signal.SIGKILL)
        took = wait_for(lambda: local.pid not in (None, first) and answers(local.url), timeout=5)
        assert took < 5
        assert client.get("kept") == b"before the crash"  # the same client, reconnected
    assert redis_servers_in(tmp_path / "redis") == [local.pid]


def test_a_second_opener_shares_the_server_and_takes_over_when_the_owner_stops(tmp_path, opened):
    owner = LocalRedis.open(tmp_path / "redis")
    opened.append(owner)
    guest = LocalRedis.open(tmp_path / "redis")
    opened.append(guest)
    assert (owner.owner, guest.owner, guest.url) == (True, False, owner.url)
    assert redis_servers_in(tmp_path / "redis") == [owner.pid]
    with redis.Redis.from_url(guest.url) as client:
        client.set("kept", "written through the guest")
    owner.stop()
    wait_for(lambda: guest.owner and guest.pid is not None and answers(guest.url), timeout=5)
    with redis.Redis.from_url(guest.url) as client:
        assert client.get("kept") == b"written through the guest"
    assert redis_servers_in(tmp_path / "redis") == [guest.pid]


def test_the_server_and_its_restarts_die_with_the_owner_process(tmp_path):
    folder = tmp_path / "redis"
    owner = subprocess.Popen(
        [sys.executable, "-c", OWNER_SCRIPT, str(folder)], cwd=PROJECT_ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        first = int(owner.stdout.readline().split()[0])
        os.kill(first, signal.SIGKILL)  # the restart is started by the supervisor thread, not the main one
        wait_for(lambda: len(redis_servers_in(folder)) == 1 and first not in redis_servers_in(folder), timeout=5)
        owner.kill()
        owner.wait()
        wait_for(lambda: not redis_servers_in(folder), timeout=5)
    finally:
        owner.kill()
        owner.wait()
        owner.stdout.close()


def test_a_server_left_on_the_folder_is_replaced_and_its_data_kept(tmp_path, opened):
    folder = tmp_path / "redis"
    folder.mkdir()
    url = f"redis://127.0.0.1:{(port := free_port())}/0"
    # as if left by an earlier run: no lock, no record, not a child that dies with us
    stray = subprocess.Popen([redis_binary(), *redis_arguments(folder, port)], stdout=subprocess.DEVNULL)
    try:
        wait_for(lambda: answers(url), timeout=5)
        with redis.Redis.from_url(url) as client:
            client.set("kept", "written to the stray")
        local = LocalRedis.open(folder)
        opened.append(local)
        assert stray.wait(timeout=5) == 0  # shut down cleanly (SIGTERM: AOF flushed), not killed
        assert redis_servers_in(folder) == [local.pid]
        with redis.Redis.from_url(local.url) as client:
            assert client.get("kept") == b"written to the stray"
    finally:
        stray.kill()
        stray.wait()


def test_a_folder_locked_without_a_server_is_refused(tmp_path):
    folder = tmp_path / "redis"
    folder.mkdir()
    lock = FolderLock(folder)
    assert lock.try_acquire()
    try:
        with pytest.raises(FolderBusy, match="locked by another process"):
            LocalRedis.open(folder, timeout=0.5)
        assert redis_servers_in(folder) == []
    finally:
        lock.release()


def test_a_restart_of_the_app_keeps_the_port_of_the_folder(tmp_path):
    first = LocalRedis.open(tmp_path / "redis")
    port = first.port
    first.stop()
    again = LocalRedis.open(tmp_path / "redis")
    try:
        assert again.port == port  # clients configured with the old URL find it again
    finally:
        again.stop()
