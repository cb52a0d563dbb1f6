"""The embeddable widget, its texts, a demo page per municipality, and the index of the 13."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Dict

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse

from bot.knowledge.yaml_source import read_yaml
from bot.settings import get_settings
from connectors.deps import ServicesDep, TemplatesDep
from connectors.errors import ApiError

router = APIRouter(tags=["widget"], include_in_schema=False)
STATIC = Path(__file__).resolve().parent.parent / "static"
ASSETS = {
    "widget.js": "text/javascript",
    "widget.css": "text/css",
    "site.css": "text/css",
    "inbox.js": "text/javascript",  # the office inbox: canned replies into the reply box
}
CACHE = {"Cache-Control": "public, max-age=300"}


def _plain(node: Any) -> Any:
    """A YAML value as plain JSON types (texts, and groups of texts such as the status names)."""
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    return str(node)


@lru_cache(maxsize=1)
def texts() -> Dict[str, Any]:
    """Everything the widget shows (data/ui/widget.yml), loaded on first use."""
    return dict(_plain(read_yaml(get_settings().data_dir / "ui" / "widget.yml")))


@router.get("/", response_class=HTMLResponse)
async def index(request: Request, services: ServicesDep, pages: TemplatesDep) -> HTMLResponse:
    """List the 13 municipalities with links to their demo pages."""
    knowledge = services.assistant.knowledge if services.assistant else None
    municipalities = [{"id": m.id, "name": m.name} for m in knowledge.municipalities.values()] if knowledge else []
    return pages.TemplateResponse(
        request, "index.html", {"municipalities": municipalities, "text": page_texts()["index"]}
    )


@router.get("/demo/{municipality}", response_class=HTMLResponse)
async def demo(municipality: str, request: Request, services: ServicesDep, pages: TemplatesDep) -> HTMLResponse:
    """A stand-in municipal page with the widget embedded as a site would."""
    knowledge = services.assistant.knowledge if services.assistant else None
    if knowledge is None:
        raise ApiError(503)
    found = knowledge.municipalities.get(municipality)
    if found is None:
        raise ApiError(404)
    return pages.TemplateResponse(
        request,
        "demo.html",
        {
            "municipality": found.id,
            "name": found.name,
            "website": found.website.url,
            "widget": texts(),
            "text": page_texts()["demo"],
        },
    )


@lru_cache(maxsize=1)
def page_texts() -> Dict[str, Any]:
    """Texts of the list and demo pages (data/ui/pages.yml)."""
    return dict(read_yaml(get_settings().data_dir / "ui" / "pages.yml"))


@router.get("/widget/texts.json")
async def widget_texts() -> JSONResponse:
    """The widget's labels and messages; widget.js fetches them from its own origin before it shows anything."""
    return JSONResponse(texts(), headers=CACHE)


@router.get("/static/{name}")
async def asset(name: str) -> FileResponse:
    """Widget assets, served by the app itself (no CDN)."""
    if name not in ASSETS:
        raise ApiError(404)
    return FileResponse(STATIC / name, media_type=ASSETS[name], headers=CACHE)
