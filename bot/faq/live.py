"""Per-municipality FAQ indexes rebuilt after a staff publish, without a restart or retraining (pure).

Publishing a municipality's FAQ bumps its version (`bot.faq.publication`). Every worker checks the
published versions at most once a second (on the request path, and from a watcher thread so that a
worker without traffic does too); for each municipality whose version it has not built yet it
builds a new index in the background and then swaps it in whole, so a
request sees either the old index or the new one, never a half-built one. Until then (and when a
build fails) the worker keeps answering from what it had: the previous live index, else the model's.

Everything with side effects is handed in (reading the versions, building, starting a thread,
reporting progress), so tests drive it with plain functions and a fake clock.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Callable, Dict, Generic, Mapping, Optional, Set, TypeVar

logger = logging.getLogger(__name__)

T = TypeVar("T")
Versions = Callable[[], Optional[Mapping[str, str]]]  # None: unknown right now (no Redis, or it is down)
Runner = Callable[[Callable[[], None]], None]
Reporter = Callable[[str, str, str], None]  # municipality, version, state


def in_thread(work: Callable[[], None]) -> None:
    """Run `work` in a daemon thread (a build must never hold up a resident's message)."""
    threading.Thread(target=work, name="faq-index", daemon=True).start()


def _no_report(municipality: str, version: str, state: str) -> None:
    return None


class LiveIndexes(Generic[T]):
    """The live index of each municipality whose FAQ was published since this worker started."""

    def __init__(
        self,
        versions: Versions,
        build: Callable[[str], T],
        run: Runner = in_thread,
        report: Reporter = _no_report,
        interval: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._versions = versions
        self._build = build
        self._run = run
        self._report = report
        self._interval = interval
        self._clock = clock
        self._lock = threading.Lock()
        self._live: Dict[str, T] = {}
        self._built: Dict[str, str] = {}  # municipality -> version built (or given up on)
        self._building: Dict[str, str] = {}  # municipality -> version being built
        self._checked: Optional[float] = None

    def get(self, municipality: str) -> Optional[T]:
        """The live index of a municipality, or None (then the model's own index applies)."""
        return self._live.get(municipality)

    def municipalities(self) -> Set[str]:
        """Municipalities with a live index."""
        return set(self._live)

    def check(self) -> None:
        """Start a build for every municipality whose published version moved (at most once per interval)."""
        now = self._clock()
        with self._lock:
            if self._checked is not None and now - self._checked < self._interval:
                return
            self._checked = now
        versions = self._versions()
        for municipality, version in (versions or {}).items():
            self._maybe_start(municipality, str(version))

    def watch(self, stop: Optional[threading.Event] = None) -> threading.Event:
        """Also check from a background thread, so a worker no resident is talking to builds a publish too.

        Returns the event that stops the thread (it checks once at once, then every interval).
        """
        stop = stop or threading.Event()

        def loop() -> None:
            while True:
                try:
                    self.check()
                except Exception:  # never let the watcher die; the request path checks as well
                    logger.exception("FAQ versions not checked")
                if stop.wait(self._interval):
                    return

        threading.Thread(target=loop, name="faq-versions", daemon=True).start()
        return stop

    def _maybe_start(self, municipality: str, version: str) -> None:
        with self._lock:
            if self._built.get(municipality) == version or municipality in self._building:
                return  # a newer version published during a build is picked up by the next check
            self._building[municipality] = version
        self._report(municipality, version, "building")
        self._run(lambda: self._rebuild(municipality, version))

    def _rebuild(self, municipality: str, version: str) -> None:
        try:
            index = self._build(municipality)
        except Exception:  # keep the index residents have; the next publish tries again
            logger.exception("FAQ index of %s (version %s) not rebuilt", municipality, version)
            self._finish(municipality, version, None)
            self._report(municipality, version, "failed")
            return
        self._finish(municipality, version, index)
        self._report(municipality, version, "live")
        logger.info("FAQ index of %s live (version %s)", municipality, version)

    def _finish(self, municipality: str, version: str, index: Optional[T]) -> None:
        with self._lock:
            if index is not None:
                self._live = {**self._live, municipality: index}  # one assignment: readers see old or new
            self._built[municipality] = version
            self._building.pop(municipality, None)
