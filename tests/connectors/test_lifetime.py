"""`kill -9` of `python -m connectors` with two uvicorn workers leaves nothing behind (real processes, no model)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import List

import httpx
import pytest

from bot.settings import PROJECT_ROOT
from connectors.embedded_redis import free_port
from tests.connectors.test_redis_supervisor import wait_for


def descendants(pid: int) -> List[int]:
    """Every live process below `pid`, from /proc/<pid>/task/*/children (zombies excluded)."""
    found: List[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children = [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
        for child in children:
            found += [child, *descendants(child)]
    return [p for p in found if alive(p)]


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.slow  # no model, but ~30 s on two busy cores: both workers load GiNZA before they answer
def test_kill_9_of_the_app_ends_its_workers_and_its_redis_server(tmp_path):
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k != "AIZU_MODEL_PATH"},
        "AIZU_REDIS_URL": "",
        "AIZU_STATE_DIR": str(tmp_path / "state"),
        "AIZU_MODELS_DIR": str(tmp_path / "no-models"),  # no model: the workers start in seconds
        "AIZU_WORKERS": "2",
        "AIZU_PORT": str(port),
        "AIZU_LOG_LEVEL": "WARNING",
    }
    log = (tmp_path / "connector.log").open("wb")
    app = subprocess.Popen([sys.executable, "-m", "connectors"], cwd=PROJECT_ROOT, env=env, stdout=log, stderr=log)
    below: List[int] = []
    try:

        def up() -> bool:
            try:
                return httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200
            except httpx.HTTPError:
                return False

        wait_for(up, timeout=60)
        below = descendants(app.pid)
        names = [Path(f"/proc/{p}/exe").resolve().name for p in below]
        assert names.count("redis-check-rdb") + names.count("redis-server") == 1, names
        assert sum(name.startswith("python") for name in names) >= 2, names  # the two workers
        app.kill()
        app.wait()
        start = time.monotonic()
        wait_for(lambda: not any(alive(p) for p in below), timeout=10)
        assert time.monotonic() - start < 10
        assert not up()  # nobody holds the port any more
    finally:
        app.kill()
        app.wait()
        for pid in below:
            if alive(pid):
                os.kill(pid, 9)
        log.close()
