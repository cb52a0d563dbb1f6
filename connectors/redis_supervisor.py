"""The local Redis of `python -m connectors`: one per data folder, restarted when it dies, gone with the app.

`LocalRedis.open(folder)` either owns the folder (takes its lock, shuts down a server an earlier owner
left, starts redis-server as a child) or, when another running app owns it, uses that app's server.
A supervisor thread then keeps the URL working: as owner it restarts a server that died on the same
port with the same data (with backoff); as a guest it takes the folder over when the owner is gone.
A server dies with the thread that started it (PR_SET_PDEATHSIG): the opening thread (the main thread
of `python -m connectors`) for the first one, the supervisor thread for every restart.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from pathlib import Path

from connectors.embedded_redis import EmbeddedRedis, free_port, start_redis
from connectors.redis_folder import (
    FolderLock,
    ServerRecord,
    live_record,
    read_record,
    stop_servers_on,
    write_record,
)

logger = logging.getLogger(__name__)

POLL_SECONDS = 0.2
BACKOFF_FIRST = 0.2
BACKOFF_MAX = 5.0


class FolderBusy(RuntimeError):
    """Another process owns the data folder but no redis-server of it answers."""


class LocalRedis:
    """A supervised redis-server on one data folder, reachable at a fixed URL."""

    def __init__(self, data_dir: Path, port: int, lock: FolderLock) -> None:
        self.data_dir = data_dir
        self.port = port
        self._lock = lock
        self._server: EmbeddedRedis | None = None
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._supervise, name="redis-supervisor", daemon=True)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    @property
    def owner(self) -> bool:
        """True when this process runs the server (False: it uses another app's)."""
        return self._lock.held

    @property
    def pid(self) -> int | None:
        """The pid of the server this process runs, if it runs one."""
        return self._server.process.pid if self._server else None

    @classmethod
    def open(cls, data_dir: Path, timeout: float = 20.0) -> LocalRedis:
        """Own the folder or join its owner's server; then supervise it in a thread."""
        data_dir = data_dir.resolve()
        data_dir.mkdir(parents=True, exist_ok=True)
        lock = FolderLock(data_dir)
        deadline = time.monotonic() + timeout
        while not lock.try_acquire():
            record = live_record(data_dir)
            if record:
                logger.warning(
                    "%s is served by process %s: using its redis-server (pid %s, port %s)",
                    data_dir,
                    record.owner,
                    record.pid,
                    record.port,
                )
                return cls(data_dir, record.port, lock)._started()
            if time.monotonic() > deadline:
                raise FolderBusy(f"{data_dir} is locked by another process but no redis-server answers for it")
            time.sleep(POLL_SECONDS)
        strays = stop_servers_on(data_dir)
        if strays:
            logger.warning("stopped redis-server %s left running on %s by an earlier run", strays, data_dir)
        local = cls(data_dir, _earlier_port(data_dir), lock)
        local._start_server()
        return local._started()

    def stop(self) -> None:
        """Stop supervising, shut the server down (AOF flushed) and give up the folder."""
        self._stopping.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout=15)
        if self._server:
            self._server.stop()
        self._lock.release()

    def _started(self) -> LocalRedis:
        self._thread.start()
        return self

    def _start_server(self) -> None:
        self._server = start_redis(self.data_dir, port=self.port)
        write_record(self.data_dir, ServerRecord(self._server.process.pid, self.port, os.getpid()))

    def _supervise(self) -> None:
        if not self.owner:
            self._wait_for_the_folder()
        delay = BACKOFF_FIRST
        while not self._stopping.is_set():
            if self._server and self._server.process.poll() is None:
                delay = BACKOFF_FIRST
                self._stopping.wait(POLL_SECONDS)
                continue
            if self._server:
                logger.warning(
                    "redis-server (pid %s) exited with %s; restarting it on port %s with the data in %s",
                    self._server.process.pid,
                    self._server.process.returncode,
                    self.port,
                    self.data_dir,
                )
                self._server = None
            if not self._restart(delay):
                delay = min(delay * 2, BACKOFF_MAX)

    def _restart(self, delay: float) -> bool:
        """Start the server from this thread (its lifetime bounds the server's); on failure wait `delay`."""
        try:
            self._start_server()
        except (RuntimeError, OSError) as error:
            logger.error("redis-server did not start (%s); next try in %.1f s", error, delay)
            self._stopping.wait(delay)
            return False
        logger.warning("redis-server running again (pid %s, port %s)", self.pid, self.port)
        return True

    def _wait_for_the_folder(self) -> None:
        while not self._stopping.is_set():
            if self._lock.try_acquire():
                logger.warning("the owner of %s is gone; this process runs its redis-server now", self.data_dir)
                stop_servers_on(self.data_dir)
                return
            self._stopping.wait(POLL_SECONDS)


def _earlier_port(data_dir: Path) -> int:
    """The port of the folder's last server when it is free again (clients keep their URL), else a new one."""
    record = read_record(data_dir)
    if record and _port_free(record.port):
        return record.port
    return free_port()


def _port_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True
