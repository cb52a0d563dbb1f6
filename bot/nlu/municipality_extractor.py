"""A Rasa entity extractor that finds the 13 municipalities by name, kana and short form."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Dict, List, Type

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.nlu.tokenizers.tokenizer import Tokenizer
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    EXTRACTOR,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.knowledge.matcher import MunicipalityMatcher, surface_forms
from bot.knowledge.yaml_source import read_yaml
from bot.nlu.component_storage import files_fingerprint, load_json, save_json

logger = logging.getLogger(__name__)

ENTITY = "municipality"
FORMS_FILE = "municipality_forms.json"


def read_surface_forms(directory: Path) -> Dict[str, str]:
    """Map every spelling of every municipality in data/municipalities to its id."""
    forms: Dict[str, str] = {}
    for path in sorted(directory.glob("*.yml")):
        node = read_yaml(path) or {}
        for form in surface_forms(node["name"], node["kana"], node.get("aliases") or []):
            forms[form] = str(node["id"])
    for path in sorted(directory.glob("*.yml")):
        for word in (read_yaml(path) or {}).get("not_aliases") or []:
            forms[str(word)] = ""
    return forms


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=True)
class MunicipalityExtractor(GraphComponent, EntityExtractorMixin):
    """Tag `municipality` entities whose value is the municipality id.

    Matching folds width, case and katakana/hiragana, so 「ｷﾀｶﾀ」「きたかた」「喜多方市」
    all give `kitakata`. The spellings are read from data/municipalities at training
    time and stored in the model, so staff add an alias with a data change + retrain.
    """

    @classmethod
    def required_components(cls) -> List[Type]:
        """Runs after tokenization (it does not need tokens, but keeps pipeline order clear)."""
        return [Tokenizer]

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        """Default configuration."""
        return {
            # Folder with one YAML file per municipality (see docs/data-format.md).
            "municipalities_dir": "data/municipalities",
        }

    def __init__(
        self,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        forms: Dict[str, str] | None = None,
    ) -> None:
        """Create the extractor with a spelling table."""
        self._config = config
        self._model_storage = model_storage
        self._resource = resource
        self._matcher = MunicipalityMatcher(forms or {})

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> MunicipalityExtractor:
        """Create an untrained extractor."""
        return cls(config, model_storage, resource)

    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> str | None:
        """Retrain when any municipality file changes."""
        return files_fingerprint(Path(config.get("municipalities_dir", "data/municipalities")))

    def train(self, training_data: TrainingData) -> Resource:
        """Read the spellings from data/ and store them in the model."""
        forms = read_surface_forms(Path(self._config["municipalities_dir"]))
        self._matcher = MunicipalityMatcher(forms)
        save_json(self._model_storage, self._resource, FORMS_FILE, forms)
        return self._resource

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> MunicipalityExtractor:
        """Load the spelling table stored at training time."""
        forms = load_json(model_storage, resource, FORMS_FILE)
        if forms is None:
            logger.warning("MunicipalityExtractor: no stored spellings; nothing will match")
            forms = {}
        return cls(config, model_storage, resource, forms)

    def process(self, messages: List[Message]) -> List[Message]:
        """Add municipality entities to each message."""
        for message in messages:
            text = message.get(TEXT) or ""
            found = [
                {
                    ENTITY_ATTRIBUTE_TYPE: ENTITY,
                    ENTITY_ATTRIBUTE_VALUE: match.municipality,
                    ENTITY_ATTRIBUTE_START: match.start,
                    ENTITY_ATTRIBUTE_END: match.end,
                    "text": match.surface,
                    "confidence_entity": 1.0,
                    EXTRACTOR: self.__class__.__name__,
                }
                for match in self._matcher.find(text)
            ]
            message.set(ENTITIES, message.get(ENTITIES, []) + found, add_to_output=True)
        return messages
