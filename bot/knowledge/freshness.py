"""Keep the loaded knowledge base current: reload after data/ changes, checked at most once a second.

A check stats the knowledge files (data/functions.yml, topics/, municipalities/, the Q&A of qa/) and reads the version
published in Redis (bumped by every staff save), so every worker, on every host that shares the files,
sees a save within about a second, without a restart. When only municipality files changed, only those
are parsed again (a full load takes most of a second; one file a few milliseconds).
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

from bot.knowledge.base import KnowledgeBase, load_knowledge
from bot.knowledge.models import Municipality
from bot.knowledge.qa import QA_DIR, SETTINGS_FILE, TEXTS_FILE
from bot.knowledge.yaml_source import DataFileError, parse, read_yaml

logger = logging.getLogger(__name__)

Stamp = Dict[Path, Tuple[int, int]]


def version_key(prefix: str) -> str:
    """The Redis key of the published knowledge version (a counter)."""
    return f"{prefix}:knowledge:version"


def files_stamp(data_dir: Path) -> Stamp:
    """(mtime in ns, size) of every knowledge file."""
    paths = [data_dir / "functions.yml", *sorted((data_dir / "topics").glob("*.yml"))]
    paths += sorted((data_dir / "municipalities").glob("*.yml"))
    paths += sorted((data_dir / QA_DIR).glob("*.yml")) + [data_dir / SETTINGS_FILE, data_dir / TEXTS_FILE]
    stamp: Stamp = {}
    for path in paths:
        try:
            info = path.stat()
        except FileNotFoundError:
            continue
        stamp[path] = (info.st_mtime_ns, info.st_size)
    return stamp


def changed_files(old: Stamp, new: Stamp) -> List[Path]:
    """Files added, removed or changed between two stamps."""
    return sorted(p for p in old.keys() | new.keys() if old.get(p) != new.get(p))


def reload_municipalities(kb: KnowledgeBase, paths: List[Path]) -> KnowledgeBase | None:
    """The knowledge base with these municipality files parsed again; None when a full load is needed."""
    municipalities = dict(kb.municipalities)
    for path in paths:
        if path.parent.name != "municipalities" or path.stem not in municipalities or not path.exists():
            return None
        municipality = parse(path, read_yaml(path), Municipality)
        if municipality.id != path.stem:
            return None
        municipalities[path.stem] = municipality
    return replace(kb, municipalities=municipalities)


class LiveKnowledge:
    """The knowledge base of one data/ folder, reloaded when its files or the published version change."""

    def __init__(
        self,
        data_dir: Path,
        published: Callable[[], Optional[str]] = lambda: None,
        interval: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._data_dir = data_dir
        self._published = published  # None: unknown right now (no Redis, or it is down)
        self._interval = interval
        self._clock = clock
        self._lock = threading.Lock()
        self._kb: KnowledgeBase | None = None
        self._files: Stamp = {}
        self._version: Optional[str] = None
        self._checked = 0.0

    def get(self) -> KnowledgeBase:
        """The current knowledge base (the first call loads it and raises DataFileError if it cannot)."""
        with self._lock:
            if self._kb is None:
                self._version, self._files = self._published(), files_stamp(self._data_dir)
                self._kb, self._checked = load_knowledge(self._data_dir), self._clock()
            elif self._clock() - self._checked >= self._interval:
                self._checked = self._clock()
                self._refresh(self._kb)
            return self._kb

    def _refresh(self, kb: KnowledgeBase) -> None:
        version = self._published()
        files = files_stamp(self._data_dir)
        changed = changed_files(self._files, files)
        version_moved = version is not None and version != self._version
        if not changed and not version_moved:
            return
        self._files, self._version = files, version if version is not None else self._version
        try:
            fresh = reload_municipalities(kb, changed) if changed else None
            self._kb = fresh or load_knowledge(self._data_dir)
        except DataFileError as error:  # keep answering from the last good data; `bot validate` names the fix
            logger.warning("knowledge not reloaded, data/ has problems:\n%s", error)
            return
        logger.info("knowledge reloaded (%s)", ", ".join(p.name for p in changed) or f"version {version}")
