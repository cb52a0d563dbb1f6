"""The FAQ ranker's live indexes: a staff publish reaches residents without retraining.

Each worker rebuilds a municipality's index from data/faq/<municipality>.yml when its published
version moves (`bot.faq.live`, `bot.faq.publication`), with the model's own search setup:
its synonym table, sensitive subjects and answer gate. A model trained before the setup was always
stored (one with no FAQ imported) has none; its live indexes then use the setup read from the
configured data/faq/settings and synonym dictionary, as training would have stored it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Optional

from bot.faq.gate import AnswerGate
from bot.faq.japanese import JapaneseAnalyzer
from bot.faq.live import LiveIndexes
from bot.faq.publication import get_publications
from bot.faq.search import FaqIndex
from bot.faq.store import active_entries
from bot.nlu.faq_setup import SearchSetup
from bot.paths import faq_path
from bot.settings import get_settings


@dataclass(frozen=True)
class LiveSearch:
    """A municipality's index built after a publish, and the gate that decides on its rankings."""

    index: FaqIndex
    gate: Optional[AnswerGate]


class LiveBuilder:
    """Build one municipality's index from its published file (called in a build thread)."""

    def __init__(self, data_dir: Path, config: Dict[str, Any], stored: Optional[SearchSetup]) -> None:
        self._data_dir = data_dir
        self._config = config
        self._stored = stored if stored is not None and stored.gate is not None else None
        self._lock = threading.Lock()

    def setup(self) -> SearchSetup:
        """The model's setup, else (read once) the configured one."""
        with self._lock:
            if self._stored is None:
                self._stored = SearchSetup.read(self._config)
            return self._stored

    def __call__(self, municipality: str) -> LiveSearch:
        setup = self.setup()
        entries = active_entries(faq_path(self._data_dir, municipality))
        # An analyzer of its own: a Sudachi tokenizer must not be shared between threads, and after the
        # swap only the request path uses this one.
        analyzer = JapaneseAnalyzer(setup.synonyms)
        index = FaqIndex.build(entries, analyzer=analyzer, sensitive=setup.sensitive, vectors=setup.vectors)
        return LiveSearch(index, setup.gate)


def live_indexes(config: Dict[str, Any], stored: Optional[SearchSetup]) -> Optional[LiveIndexes[LiveSearch]]:
    """The registry of live indexes of this worker; None without Redis (nothing is ever published)."""
    publications = get_publications()
    if publications is None:
        return None
    builder = LiveBuilder(get_settings().data_dir, config, stored)
    return LiveIndexes(publications.versions, builder, report=publications.report)
