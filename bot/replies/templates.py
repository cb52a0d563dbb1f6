"""Fill response templates from domain.yml (the only place bot sentences live)."""

from __future__ import annotations

import random
from typing import Any, Dict, List, Mapping


class MissingTemplate(KeyError):
    """A response named in code is missing from domain.yml."""


class Templates:
    """Response texts by name, as sent to actions in the domain."""

    def __init__(self, responses: Mapping[str, List[Dict[str, Any]]], rng: random.Random | None = None) -> None:
        """Take the `responses` section of the domain."""
        self._responses = responses
        self._rng = rng or random.Random()

    @classmethod
    def from_domain(cls, domain: Mapping[str, Any]) -> "Templates":
        """Build from a domain dict (rasa_sdk passes one to every action)."""
        return cls(domain.get("responses", {}))

    def text(self, name: str, **values: Any) -> str:
        """Render one variation of the named response with the given values."""
        variations = [v for v in self._responses.get(name, []) if v.get("text")]
        if not variations:
            raise MissingTemplate(name)
        return str(self._rng.choice(variations)["text"]).format(**values)
