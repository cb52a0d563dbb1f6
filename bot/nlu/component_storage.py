"""What our Rasa components share: fingerprints of the data files they read, JSON in model storage."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Optional

import rasa.shared.utils.io
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage


def files_fingerprint(directory: Path, pattern: str = "*.yml") -> str:
    """A digest of the names and contents of the matching files (retrain when any changes)."""
    digest = hashlib.sha256()
    for path in sorted(directory.glob(pattern)):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def save_json(model_storage: ModelStorage, resource: Resource, name: str, value: Any) -> None:
    """Store what a component learned as one JSON file of its resource."""
    with model_storage.write_to(resource) as path:
        rasa.shared.utils.io.dump_obj_as_json_to_file(path / name, value)


def load_json(model_storage: ModelStorage, resource: Resource, name: str) -> Optional[Any]:
    """The stored JSON, or None when the resource has none (e.g. a component never trained)."""
    try:
        with model_storage.read_from(resource) as path:
            return rasa.shared.utils.io.read_json_file(path / name)
    except ValueError:
        return None
