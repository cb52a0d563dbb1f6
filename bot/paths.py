"""Where staff data lives under data/."""

from __future__ import annotations

from pathlib import Path
from typing import List


def faq_path(data_dir: Path, municipality_id: str) -> Path:
    """The imported FAQ file of one municipality."""
    return data_dir / "faq" / f"{municipality_id}.yml"


def municipality_ids(data_dir: Path) -> List[str]:
    """Ids of the municipalities that have a knowledge file (data/municipalities/<id>.yml)."""
    return sorted(path.stem for path in (data_dir / "municipalities").glob("*.yml"))


def open_corpus_dir(data_dir: Path) -> Path:
    """The published generic municipal FAQ used to develop and benchmark search."""
    return data_dir / "faq" / "open"
