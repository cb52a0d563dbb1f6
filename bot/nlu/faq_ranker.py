"""A Rasa component that ranks each municipality's imported FAQ entries for the resident's message."""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Type

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Tokenizer
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    METADATA,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.faq.gate import AnswerGate
from bot.faq.japanese import JapaneseAnalyzer
from bot.faq.live import LiveIndexes
from bot.faq.search import FEATURES, FaqIndex
from bot.faq.store import active_entries
from bot.faq.vectors import WordVectors
from bot.nlu.component_storage import files_fingerprint, load_json, save_json
from bot.nlu.faq_live import LiveSearch, live_indexes
from bot.nlu.faq_setup import SearchSetup, synonym_dictionary
from bot.nlu.municipality_extractor import ENTITY as MUNICIPALITY_ENTITY

logger = logging.getLogger(__name__)

FAQ = "faq"
ENTRIES_FILE = "faq_entries.json"
SEARCH_FILE = "faq_search.json"  # synonym table, sensitive subjects and the answer gate
VECTORS_FILE = "faq_vectors.npz"  # GiNZA's word vectors (bot.faq.vectors)


@dataclass(frozen=True)
class IndexedEntry:
    """What the model keeps of an imported entry: the text that is searched, nothing else."""

    id: str
    question: str
    answer: str
    category: Optional[str] = None
    examples: List[str] = field(default_factory=list)


def read_faq_entries(directory: Path) -> Dict[str, List[IndexedEntry]]:
    """Published entries of every data/faq/<municipality>.yml (retired ones left out)."""
    found: Dict[str, List[IndexedEntry]] = {}
    for path in sorted(directory.glob("*.yml")):
        entries = [
            IndexedEntry(e.id, e.question, e.answer, e.category, list(getattr(e, "examples", None) or []))
            for e in active_entries(path)
        ]
        if entries:
            found[path.stem] = entries
    return found


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class FaqRanker(GraphComponent):
    """Add `faq`: for every municipality with an imported FAQ, its best entries for the message.

    The entries are read from data/faq at training time and stored in the model, so a command-line
    import takes effect with the next `train` (which only retrains this component when nothing else
    changed); a publish on the /staff/faq page is live within seconds (`bot.nlu.faq_live`).
    Each municipality has its own index: a ranking only ever holds that municipality's
    entries, and the action picks the ranking of the resident's municipality. Output per
    municipality: `candidates` (id and fused score, best first), `margin` (best minus second) and
    `relevance` (the best character n-gram cosine between the message and an entry's question, an
    absolute 0–1 similarity: the fused scores are relative to the best entry and say nothing about
    whether any entry is about the message at all).
    """

    @classmethod
    def required_components(cls) -> List[Type]:
        """Runs after tokenization, like the other NLU components (it analyses text itself)."""
        return [Tokenizer]

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        """Default configuration."""
        return {
            # Folder with one data/faq/<municipality id>.yml per municipality (python -m bot import).
            "faq_dir": "data/faq",
            # Sensitive subjects and the calibrated answer gate (bot.faq.sensitive, bot.faq.gate).
            "settings_dir": "data/faq/settings",
            # Sudachi's synonym dictionary; None: the one npm installs (settings.synonym_dictionary).
            "synonym_dictionary": None,
            # Installed spaCy package whose word vectors are a dense signal (read at training, stored
            # in the model), e.g. "ja_ginza"; None: lexical signals only. Off: on the test split of the
            # residents' queries they gained no Hit@1 and +0.9 Hit@3 (one query) for +84 MB per worker
            # (docs/benchmarks.md, "FAQ retrieval on residents' wording, round 2").
            "word_vectors": None,
            # How many entries to keep per municipality (choices use the first few, evaluation all).
            "candidates": 10,
        }

    def __init__(
        self,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        entries: Optional[Dict[str, List[IndexedEntry]]] = None,
        search: Optional[SearchSetup] = None,
        live: Optional[LiveIndexes[LiveSearch]] = None,
    ) -> None:
        """Create the ranker; indexes are built from `entries` once, here (`live`: those staff published since)."""
        self._config = config
        self._model_storage = model_storage
        self._resource = resource
        self._entries = entries or {}
        self._search = search
        self._live = live
        self._indexes: Dict[str, FaqIndex] = {}
        if search is not None:
            analyzer = JapaneseAnalyzer(search.synonyms)
            self._indexes = {
                m: FaqIndex.build(items, analyzer=analyzer, sensitive=search.sensitive, vectors=search.vectors)
                for m, items in self._entries.items()
            }

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> FaqRanker:
        """Create an untrained ranker."""
        return cls(config, model_storage, resource)

    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> Optional[str]:
        """Retrain when an imported FAQ file, the search settings or the synonym dictionary change."""
        defaults = cls.get_default_config()
        parts = [
            files_fingerprint(Path(config.get("faq_dir", defaults["faq_dir"]))),
            files_fingerprint(Path(config.get("settings_dir", defaults["settings_dir"]))),
        ]
        dictionary = synonym_dictionary(config)
        if dictionary.exists():
            parts.append(str(dictionary.stat().st_size))
        return "-".join(parts)

    def train(self, training_data: TrainingData) -> Resource:
        """Read the imported FAQs and the search settings; store them in the model."""
        entries = read_faq_entries(Path(self._config["faq_dir"]))
        save_json(
            self._model_storage,
            self._resource,
            ENTRIES_FILE,
            {m: [asdict(e) for e in items] for m, items in entries.items()},
        )
        # Stored even with no FAQ imported: a staff publish builds a live index with it (bot.nlu.faq_live).
        search = SearchSetup.read(self._config)
        save_json(self._model_storage, self._resource, SEARCH_FILE, search.to_json())
        with self._model_storage.write_to(self._resource) as path:
            search.vectors.save(path / VECTORS_FILE)
        logger.info("FaqRanker: %s", ", ".join(f"{m} {len(v)}" for m, v in entries.items()) or "no FAQ imported")
        return self._resource

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> FaqRanker:
        """Load the stored entries and build one index per municipality."""
        stored = load_json(model_storage, resource, ENTRIES_FILE)
        if stored is None:
            logger.warning("FaqRanker: no stored FAQ entries; nothing will be ranked")
            stored = {}
        entries = {m: [IndexedEntry(**item) for item in items] for m, items in stored.items()}
        setup = load_json(model_storage, resource, SEARCH_FILE)
        search = SearchSetup.from_json(setup, _load_vectors(model_storage, resource)) if setup else None
        if entries and search is None:
            logger.warning("FaqRanker: the model has no search settings; train again")
        live = live_indexes(config, search)
        if live is not None:
            live.watch()  # also builds at once what was published before this worker started
        return cls(config, model_storage, resource, entries, search, live)

    def _searcher(self, municipality: str) -> tuple[Optional[FaqIndex], Optional[AnswerGate]]:
        """The municipality's live index when staff published since the model was trained, else the model's."""
        found = self._live.get(municipality) if self._live is not None else None
        if found is not None:
            return found.index, found.gate
        return self._indexes.get(municipality), self._search.gate if self._search else None

    def rank(self, municipality: str, text: str) -> Optional[Dict[str, Any]]:
        """The ranking of one municipality's entries for `text`, or None when it has none."""
        index, gate = self._searcher(municipality)
        if index is None or not text.strip():
            return None
        ranking = index.rank(text, top_k=int(self._config["candidates"]))
        if not ranking.hits or gate is None:
            return None
        confidence = gate.confidence(ranking.features)
        return {
            "candidates": [{"id": entry_id, "score": score} for entry_id, score in ranking.hits],
            "features": {
                name: round(value, 4) for name, value in zip(FEATURES, ranking.features.vector(), strict=True)
            },
            "confidence": round(confidence, 4),
            "decision": gate.decide(confidence).value,
        }

    def _municipalities(self, message: Message) -> List[str]:
        """Whose FAQ to rank: the widget's site and any municipality named in the message, else all.

        Ranking costs a few milliseconds per municipality, so not all 13 on every message. A
        resident on one town's site who earlier switched to another town (remembered in a slot the
        NLU cannot see) gets that town's catalog answers, not its FAQ, until they name it again.
        """
        named = {
            str(e.get(ENTITY_ATTRIBUTE_VALUE))
            for e in message.get(ENTITIES) or []
            if e.get(ENTITY_ATTRIBUTE_TYPE) == MUNICIPALITY_ENTITY
        }
        site = (message.get(METADATA) or {}).get(MUNICIPALITY_ENTITY)
        wanted = named | ({str(site)} if site else set())
        ranked = list(self._indexes) + sorted(self._live.municipalities() - set(self._indexes) if self._live else ())
        return [m for m in ranked if m in wanted] if wanted else ranked

    def process(self, messages: List[Message]) -> List[Message]:
        """Add the `faq` rankings to each message."""
        if self._live is not None:
            self._live.check()  # at most once a second; a rebuild runs in the background
        for message in messages:
            text = message.get(TEXT) or ""
            rankings = {m: r for m in self._municipalities(message) if (r := self.rank(m, text)) is not None}
            message.set(FAQ, rankings, add_to_output=True)
        return messages


def _load_vectors(model_storage: ModelStorage, resource: Resource) -> Optional[WordVectors]:
    """The stored word vectors; None in a model trained without them."""
    try:
        with model_storage.read_from(resource) as path:
            return WordVectors.load(path / VECTORS_FILE) if (path / VECTORS_FILE).exists() else None
    except ValueError:
        return None
