"""Processes that end with the process that started them (Linux `PR_SET_PDEATHSIG`).

The kernel sends the signal when the parent *thread* ends, `kill -9` included, so a parent must start
such children from a thread that lives as long as it does. Elsewhere than Linux these are no-ops.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from functools import lru_cache
from typing import Callable

PR_SET_PDEATHSIG = 1
# Set by `python -m connectors` for uvicorn's worker processes: the pid of the supervising process.
SUPERVISOR_PID_VARIABLE = "AIZU_SUPERVISOR_PID"


@lru_cache(maxsize=1)
def _prctl() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    return ctypes.CDLL(None, use_errno=True).prctl  # type: ignore[no-any-return]


def die_with_parent() -> Callable[[], None] | None:
    """A `preexec_fn` that makes the child receive SIGTERM when its parent thread ends.

    Resolved before the fork, so the child runs only one C call and a pid check: if the parent is
    already gone (it died between fork and prctl), the child exits instead of running orphaned.
    """
    prctl = _prctl()
    if prctl is None:
        return None
    parent = os.getpid()

    def preexec() -> None:
        prctl(PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)
        if os.getppid() != parent:
            os._exit(1)

    return preexec


def die_with_supervisor() -> bool:
    """In a uvicorn worker of `python -m connectors`: get SIGTERM when the supervisor dies; True if set.

    Without it a `kill -9` of the supervisor leaves its workers holding the port, answering 503.
    """
    prctl = _prctl()
    supervisor = os.environ.get(SUPERVISOR_PID_VARIABLE)
    if prctl is None or supervisor is None or str(os.getppid()) != supervisor:
        return False  # not a worker of ours (workers == 1, tests, other servers)
    prctl(PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)
    if str(os.getppid()) != supervisor:  # the supervisor died before prctl
        os.kill(os.getpid(), signal.SIGTERM)
    return True
