"""What every FAQ index of a model shares: the synonym table, word vectors, sensitive subjects, the answer gate."""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Optional

from bot.faq.gate import AnswerGate
from bot.faq.sensitive import SensitiveSubjects
from bot.faq.synonyms import SynonymTable
from bot.faq.vectors import WordVectors


def synonym_dictionary(config: Dict[str, Any]) -> Path:
    """The synonym dictionary file the config names, else the one npm installed."""
    from bot.settings import get_settings

    configured = config.get("synonym_dictionary")
    return Path(configured) if configured else get_settings().synonym_dictionary


def word_vectors(config: Dict[str, Any]) -> WordVectors:
    """The word vectors of the installed spaCy package the config names (`word_vectors`), else none."""
    package = config.get("word_vectors")
    if not package:
        return WordVectors.empty()
    spec = importlib.util.find_spec(str(package))
    if spec is None or spec.origin is None:
        raise FileNotFoundError(f"word_vectors: the package {package} is not installed -> run `make venv`")
    folders = sorted(Path(spec.origin).parent.glob("*/vocab"))
    if not folders:
        raise FileNotFoundError(f"word_vectors: {package} has no vocab folder with vectors")
    return WordVectors.from_spacy_vocab(folders[-1])


@dataclass
class SearchSetup:
    """What every index of the model shares: synonyms, sensitive subjects, the answer gate."""

    synonyms: SynonymTable
    sensitive: SensitiveSubjects
    gate: Optional[AnswerGate]  # None only in models trained before it was always stored (no FAQ then)
    # Stored in the model as a file of its own (`save` / `load`), not in `to_json`.
    vectors: WordVectors = field(default_factory=WordVectors.empty)

    @classmethod
    def read(cls, config: Dict[str, Any]) -> SearchSetup:
        """From data/faq/settings and the installed synonym dictionary (at training time)."""
        settings = Path(config["settings_dir"])
        return cls(
            SynonymTable.from_sudachi_json(synonym_dictionary(config)),
            SensitiveSubjects.load(settings / "sensitive.yml"),
            AnswerGate.load(settings / "gate.yml"),
            word_vectors(config),
        )

    def to_json(self) -> Dict[str, Any]:
        """What the model stores."""
        return {
            "synonyms": self.synonyms.to_json(),
            "sensitive": self.sensitive.to_json(),
            "gate": json.loads(self.gate.json()) if self.gate else None,
        }

    @classmethod
    def from_json(cls, data: Dict[str, Any], vectors: Optional[WordVectors] = None) -> SearchSetup:
        """Inverse of `to_json` (the vectors are stored apart)."""
        return cls(
            SynonymTable.from_json(data["synonyms"]),
            SensitiveSubjects.parse_obj({"classes": data["sensitive"]}),
            AnswerGate.parse_obj(data["gate"]) if data.get("gate") else None,
            vectors or WordVectors.empty(),
        )
