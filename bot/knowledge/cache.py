"""Process-wide access to the loaded knowledge base (loaded on first use, never at import)."""

from __future__ import annotations

from functools import lru_cache

from bot.knowledge.base import KnowledgeBase, load_knowledge
from bot.settings import get_settings


@lru_cache(maxsize=1)
def get_knowledge() -> KnowledgeBase:
    """Load data/ once per process."""
    return load_knowledge(get_settings().data_dir)
