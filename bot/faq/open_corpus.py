"""The published generic municipal FAQ (子育てオープンデータ協議会, CC BY 4.0) and its development queries."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional

# Values the corpus uses for "no category".
_EMPTY = {"", "null", "64"}


@dataclass(frozen=True)
class OpenFaq:
    """One corpus entry, shaped like an imported FAQ entry for the index."""

    id: str
    question: str
    answer: str
    category: Optional[str]


@dataclass(frozen=True)
class DevQuery:
    """A development query and the FAQ id it should find."""

    id: str
    text: str
    expected: str
    query_type: str
    difficulty: str


def load_corpus(path: Path) -> List[OpenFaq]:
    """corpus.json → entries (category = category1 / category2, empty markers dropped)."""
    items = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for item in items:
        parts = [str(item.get(key) or "").strip() for key in ("category1", "category2")]
        category = " / ".join(p for p in parts if p not in _EMPTY) or None
        out.append(OpenFaq(str(item["faq_id"]), item["question"], item["answer"], category))
    return out


def load_queries(path: Path) -> List[DevQuery]:
    """development.json → queries with their expected FAQ id."""
    items = json.loads(path.read_text(encoding="utf-8"))
    return [
        DevQuery(
            item["query_id"], item["query"], str(item["faq_id"]), item.get("query_type", ""), item.get("difficulty", "")
        )
        for item in items
    ]
