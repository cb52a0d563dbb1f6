"""Start a local redis-server child with its data in a folder (append-only persistence on).

The child gets SIGTERM from the kernel when the thread that started it ends (connectors/lifetime.py),
so a `kill -9` of the app cannot leave it running; connectors/redis_supervisor.py keeps one alive.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import List

from connectors.lifetime import die_with_parent


@dataclass
class EmbeddedRedis:
    """A redis-server child process."""

    process: subprocess.Popen
    port: int
    data_dir: Path

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def stop(self) -> None:
        """Ask Redis to shut down (it flushes the append-only file), then wait."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def ping(port: int) -> bool:
    """True when a Redis server answers PING on loopback `port`."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def redis_binary() -> str:
    """The installed redis-server."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise RuntimeError("redis-server is not installed (run `make system`)")
    return binary


def redis_arguments(data_dir: Path, port: int) -> List[str]:
    """Loopback only, AOF fsynced on every write, no RDB snapshots, log in the data folder."""
    return [
        "--bind",
        "127.0.0.1",
        "--port",
        str(port),
        "--dir",
        str(data_dir),
        "--appendonly",
        "yes",
        "--appendfsync",
        "always",
        "--save",
        "",
        "--protected-mode",
        "yes",
        "--daemonize",
        "no",
        "--loglevel",
        "warning",
        "--logfile",
        str(data_dir / "redis.log"),
    ]


def start_redis(data_dir: Path, port: int | None = None, timeout: float = 10.0) -> EmbeddedRedis:
    """Start redis-server on loopback with AOF persistence in `data_dir`; it ends with this thread."""
    binary = redis_binary()
    data_dir = data_dir.resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    process = subprocess.Popen(
        [binary, *redis_arguments(data_dir, port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=die_with_parent(),  # one C call, resolved before the fork
        start_new_session=True,  # a Ctrl-C of `make run` reaches the app only; the app stops Redis last
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"redis-server exited with {process.returncode}; see {data_dir}/redis.log")
        if ping(port):
            return EmbeddedRedis(process, port, data_dir)
        time.sleep(0.05)
    process.kill()
    process.wait()
    raise RuntimeError("redis-server did not start in time")
