"""The Jinja2 environment of the HTML pages in connectors/templates (autoescaped, built on first use)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from fastapi.templating import Jinja2Templates
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape

from bot.coverage.render import TEMPLATES as COVERAGE_TEMPLATES

TEMPLATES = Path(__file__).resolve().parent / "templates"


@lru_cache(maxsize=1)
def templates() -> Jinja2Templates:
    """The page templates; every value is HTML-escaped, and a missing one is an error, not an empty string."""
    environment = Environment(
        # The coverage grid's macro is shared with `python -m bot coverage --html`.
        loader=ChoiceLoader([FileSystemLoader(TEMPLATES), FileSystemLoader(COVERAGE_TEMPLATES)]),
        autoescape=select_autoescape(["html"], default_for_string=True, default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return Jinja2Templates(env=environment)
