"""Run the real connector (uvicorn subprocesses) against a real redis-server."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterator, List

import httpx
import pytest

from bot.settings import PROJECT_ROOT
from connectors.embedded_redis import free_port


@dataclass
class Server:
    """A connector process listening on loopback."""

    process: subprocess.Popen
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self, kill: bool = False) -> None:
        if self.process.poll() is None:
            (self.process.kill if kill else self.process.terminate)()
            self.process.wait(timeout=30)


def start_server(env: Dict[str, str], log: Path, timeout: float = 120.0) -> Server:
    port = free_port()
    full_env = {
        **os.environ,
        **env,
        "AIZU_PORT": str(port),
        "AIZU_HOST": "127.0.0.1",
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "AIZU_LOG_LEVEL": "WARNING",
    }
    with log.open("wb") as handle:
        process = subprocess.Popen(
            [sys.executable, "-m", "connectors"],
            cwd=PROJECT_ROOT,
            env=full_env,
            stdout=handle,
            stderr=subprocess.STDOUT,
        )
    server = Server(process, port, log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"connector exited early:\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(f"{server.url}/readyz", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    server.stop(kill=True)
    raise RuntimeError(f"connector not ready in time:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="session")
def server_env(trained_model: Path, redis_server) -> Dict[str, str]:
    return {
        "AIZU_MODEL_PATH": str(trained_model),
        "AIZU_REDIS_URL": redis_server.url,
        "AIZU_RATE_LIMIT_PER_IP_PER_MINUTE": "100000",
        "AIZU_RATE_LIMIT_PER_SENDER_PER_MINUTE": "100000",
    }


class Launcher:
    """Starts connectors; each is stopped when the module that started it is done (or, kept, at the end).

    Every connector holds a model, GiNZA and TensorFlow (about 1.5 GB a process): servers that outlived
    their module used to pile up until the machine ran out of memory.
    """

    def __init__(self, tmp_path_factory: pytest.TempPathFactory) -> None:
        self.tmp_path_factory = tmp_path_factory
        self.started: List[Server] = []
        self.kept: List[Server] = []

    def __call__(self, env: Dict[str, str], keep: bool = False) -> Server:
        """Start one; `keep=True` for the servers of session-scoped fixtures."""
        log = self.tmp_path_factory.mktemp("server") / "connector.log"
        server = start_server(env, log)
        (self.kept if keep else self.started).append(server)
        return server

    def stop_since(self, count: int) -> None:
        """Stop the servers started after the first `count` (not the kept ones)."""
        for server in self.started[count:]:
            server.stop(kill=True)
        del self.started[count:]


@pytest.fixture(scope="session")
def launch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Launcher]:
    launcher = Launcher(tmp_path_factory)
    yield launcher
    for server in launcher.started + launcher.kept:
        server.stop(kill=True)


@pytest.fixture(scope="module", autouse=True)
def _stop_module_servers(request: pytest.FixtureRequest) -> Iterator[None]:
    """Connectors a module started stop when its tests are done."""
    launcher: Launcher = request.getfixturevalue("launch")
    count = len(launcher.started)
    yield
    launcher.stop_since(count)


@pytest.fixture(scope="session")
def server(launch, server_env) -> Server:
    return launch(server_env, keep=True)


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def browser():
    """Chromium for one test module (Playwright's sync API runs its own event loop while open)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


class OpenClients:
    """HTTP and Redis clients a test opened; closed after each test so no socket is left behind."""

    def __init__(self) -> None:
        self._clients: List[Any] = []

    def opened(self, client: Any) -> Any:
        """Remember a client; returns it."""
        self._clients.append(client)
        return client

    def close_all(self) -> None:
        """Close every remembered client."""
        while self._clients:
            self._clients.pop().close()


OPEN_CLIENTS = OpenClients()


@pytest.fixture(autouse=True)
def _close_open_clients() -> Iterator[None]:
    yield
    OPEN_CLIENTS.close_all()
