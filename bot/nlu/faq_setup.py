"""What every FAQ index of a model shares: the synonym table, sensitive subjects, the answer gate."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Optional

from bot.faq.gate import AnswerGate
from bot.faq.sensitive import SensitiveSubjects
from bot.faq.synonyms import SynonymTable


def synonym_dictionary(config: Dict[str, Any]) -> Path:
    """The synonym dictionary file the config names, else the one npm installed."""
    from bot.settings import get_settings

    configured = config.get("synonym_dictionary")
    return Path(configured) if configured else get_settings().synonym_dictionary


@dataclass
class SearchSetup:
    """What every index of the model shares: synonyms, sensitive subjects, the answer gate."""

    synonyms: SynonymTable
    sensitive: SensitiveSubjects
    gate: Optional[AnswerGate]  # None only in models trained before it was always stored (no FAQ then)

    @classmethod
    def read(cls, config: Dict[str, Any]) -> SearchSetup:
        """From data/faq/settings and the installed synonym dictionary (at training time)."""
        settings = Path(config["settings_dir"])
        return cls(
            SynonymTable.from_sudachi_json(synonym_dictionary(config)),
            SensitiveSubjects.load(settings / "sensitive.yml"),
            AnswerGate.load(settings / "gate.yml"),
        )

    def to_json(self) -> Dict[str, Any]:
        """What the model stores."""
        return {
            "synonyms": self.synonyms.to_json(),
            "sensitive": self.sensitive.to_json(),
            "gate": json.loads(self.gate.json()) if self.gate else None,
        }

    @classmethod
    def from_json(cls, data: Dict[str, Any]) -> SearchSetup:
        """Inverse of `to_json`."""
        return cls(
            SynonymTable.from_json(data["synonyms"]),
            SensitiveSubjects.parse_obj({"classes": data["sensitive"]}),
            AnswerGate.parse_obj(data["gate"]) if data.get("gate") else None,
        )
