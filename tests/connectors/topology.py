"""Several hosts on one machine for the failover test: network namespaces joined by a bridge.

Each host is a network namespace with one veth link to a bridge in the test's own namespace, on a
private /24 that exists only on these links. When namespaces cannot be made (no privileges), the
same topology runs on distinct loopback addresses (127.0.N.x) and `isolated` says so. Every
process started here and every link and namespace is removed by `close()`.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence

from bot.settings import PROJECT_ROOT

IP = shutil.which("ip") or "/usr/sbin/ip"


def _ip(*args: str) -> None:
    subprocess.run([IP, *args], check=True, capture_output=True, timeout=10)


@dataclass
class Host:
    """One machine of the topology: its address and, when isolated, its namespace."""

    name: str
    address: str
    namespace: Optional[str]

    def command(self, args: Sequence[str]) -> List[str]:
        """`args` run on this host."""
        return [IP, "netns", "exec", self.namespace, *args] if self.namespace else list(args)


@dataclass
class Topology:
    """Hosts on a private network, and the processes started on them."""

    workdir: Path
    tag: str = field(default_factory=lambda: f"{os.getpid() % 10000:04d}")
    hosts: Dict[str, Host] = field(default_factory=dict)
    processes: List[subprocess.Popen] = field(default_factory=list)
    isolated: bool = False
    gateway: str = "127.0.0.1"
    _links: List[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.subnet = f"10.{200 + int(self.tag) % 50}.{int(self.tag) % 250}"
        self.bridge = f"azb{self.tag}"
        try:
            _ip("link", "add", self.bridge, "type", "bridge")
            self._links.append(self.bridge)
            _ip("addr", "add", f"{self.subnet}.1/24", "dev", self.bridge)
            _ip("link", "set", self.bridge, "up")
            self.isolated, self.gateway = True, f"{self.subnet}.1"
        except (subprocess.CalledProcessError, OSError):
            self.isolated, self.gateway = False, "127.0.0.1"

    def add_host(self, name: str, number: int) -> Host:
        """A new host `name` with address .`number` on the private network."""
        if not self.isolated:
            host = Host(name, f"127.0.{int(self.tag) % 250}.{number}", None)
        else:
            namespace, outer, inner = f"az{self.tag}{name}", f"az{self.tag}{number}", f"az{self.tag}{number}p"
            _ip("netns", "add", namespace)
            _ip("link", "add", outer, "type", "veth", "peer", "name", inner)
            self._links.append(outer)
            _ip("link", "set", inner, "netns", namespace)
            _ip("link", "set", outer, "master", self.bridge)
            _ip("link", "set", outer, "up")
            _ip("-n", namespace, "addr", "add", f"{self.subnet}.{number}/24", "dev", inner)
            _ip("-n", namespace, "link", "set", inner, "up")
            _ip("-n", namespace, "link", "set", "lo", "up")
            host = Host(name, f"{self.subnet}.{number}", namespace)
        self.hosts[name] = host
        return host

    def start(
        self, host: Host, args: Sequence[str], log_name: str, env: Optional[Dict[str, str]] = None
    ) -> subprocess.Popen:
        """Start `args` on `host`, output to workdir/<log_name>.log."""
        log = self.workdir / f"{log_name}.log"
        with log.open("wb") as handle:
            process = subprocess.Popen(
                host.command(args),
                env={**os.environ, **(env or {})},
                stdout=handle,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                cwd=PROJECT_ROOT,
            )
        self.processes.append(process)
        return process

    @staticmethod
    def kill(process: subprocess.Popen) -> None:
        """SIGKILL a process of ours (its whole group: uvicorn's workers too)."""
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)

    def close(self) -> None:
        """Stop every process, then remove the namespaces and links."""
        for process in self.processes:
            self.kill(process)
        for host in self.hosts.values():
            if host.namespace:
                subprocess.run([IP, "netns", "del", host.namespace], capture_output=True, timeout=10)
        for link in reversed(self._links):
            subprocess.run([IP, "link", "del", link], capture_output=True, timeout=10)
        time.sleep(0.1)
