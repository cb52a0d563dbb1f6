"""Who serves a Redis data folder: an owner lock, the owner's record, and the servers really running on it.

One redis-server per folder. The app that holds `owner.lock` (flock, released by the kernel when that
process dies, even by `kill -9`) runs the server and writes `server.json` (its pid and port). A
server is recognised by what the kernel says about it (`/proc/<pid>/exe` is redis-server and its
working directory is the folder: redis-server changes into `--dir`), not by its command line, which
redis-server rewrites.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import signal
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import List

from connectors.embedded_redis import ping, redis_binary

LOCK_FILE = "owner.lock"
RECORD_FILE = "server.json"


class FolderLock:
    """An exclusive, non-blocking flock on the folder's owner.lock, held until release or death."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / LOCK_FILE
        self._fd: int | None = None

    def try_acquire(self) -> bool:
        """Take the lock if no other process holds it."""
        if self._fd is not None:
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        """Give the folder up."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


@dataclass(frozen=True)
class ServerRecord:
    """What the owner wrote: the server's pid and port, and its own pid."""

    pid: int
    port: int
    owner: int


def write_record(data_dir: Path, record: ServerRecord) -> None:
    """Replace server.json atomically."""
    temporary = data_dir / f".{RECORD_FILE}.{os.getpid()}"
    temporary.write_text(json.dumps(asdict(record)), encoding="utf-8")
    os.replace(temporary, data_dir / RECORD_FILE)


def read_record(data_dir: Path) -> ServerRecord | None:
    """The owner's record, or None when missing or unreadable."""
    try:
        node = json.loads((data_dir / RECORD_FILE).read_text(encoding="utf-8"))
        return ServerRecord(int(node["pid"]), int(node["port"]), int(node["owner"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def serves_folder(pid: int, data_dir: Path) -> bool:
    """True when process `pid` is a redis-server whose working directory is `data_dir`."""
    try:
        exe = os.readlink(f"/proc/{pid}/exe")
        cwd = os.readlink(f"/proc/{pid}/cwd")
    except OSError:
        return False
    return exe == os.path.realpath(redis_binary()) and Path(cwd) == data_dir.resolve()


def servers_on(data_dir: Path) -> List[int]:
    """The pids of every redis-server running on `data_dir` (zombies excluded: they have no cwd)."""
    return [int(entry) for entry in os.listdir("/proc") if entry.isdigit() and serves_folder(int(entry), data_dir)]


def live_record(data_dir: Path) -> ServerRecord | None:
    """The owner's record if its server is running on this folder and answers PING."""
    record = read_record(data_dir)
    if record and serves_folder(record.pid, data_dir) and ping(record.port):
        return record
    return None


def stop_servers_on(data_dir: Path, timeout: float = 10.0) -> List[int]:
    """Shut down redis-servers left on the folder by an owner that is gone (SIGTERM: AOF flushed)."""
    strays = servers_on(data_dir)
    for pid in strays:
        _signal(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(serves_folder(pid, data_dir) for pid in strays):
        time.sleep(0.05)
    for pid in strays:
        if serves_folder(pid, data_dir):
            _signal(pid, signal.SIGKILL)
    return strays


def _signal(pid: int, number: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, number)
