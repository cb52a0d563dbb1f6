"""The embeddable widget, a demo page per municipality, and the index of the 13."""

from __future__ import annotations

import html
from pathlib import Path
from string import Template

from fastapi import APIRouter
from fastapi.responses import FileResponse, HTMLResponse

from connectors.deps import ServicesDep
from connectors.errors import ApiError

router = APIRouter(tags=["widget"], include_in_schema=False)
STATIC = Path(__file__).resolve().parent.parent / "static"
ASSETS = {"widget.js": "text/javascript", "widget.css": "text/css", "site.css": "text/css"}


def _page(template_file: str, **values: str) -> HTMLResponse:
    template = Template((STATIC / template_file).read_text(encoding="utf-8"))
    return HTMLResponse(template.substitute({k: html.escape(v) for k, v in values.items()}))


@router.get("/", response_class=HTMLResponse)
async def index(services: ServicesDep) -> HTMLResponse:
    """List the 13 municipalities with links to their demo pages."""
    knowledge = services.assistant.knowledge if services.assistant else None
    items = []
    if knowledge:
        items = [
            f'<li><a href="/demo/{html.escape(m.id)}">{html.escape(m.name)}</a></li>'
            for m in knowledge.municipalities.values()
        ]
    template = Template((STATIC / "index.html").read_text(encoding="utf-8"))
    return HTMLResponse(template.substitute(items="\n".join(items)))


@router.get("/demo/{municipality}", response_class=HTMLResponse)
async def demo(municipality: str, services: ServicesDep) -> HTMLResponse:
    """A stand-in municipal page with the widget embedded as a site would."""
    knowledge = services.assistant.knowledge if services.assistant else None
    if knowledge is None:
        raise ApiError(503)
    found = knowledge.municipalities.get(municipality)
    if found is None:
        raise ApiError(404)
    return _page("demo.html", municipality=found.id, name=found.name, website=found.website.url)


@router.get("/static/{name}")
async def asset(name: str) -> FileResponse:
    """Widget assets, served by the app itself (no CDN)."""
    if name not in ASSETS:
        raise ApiError(404)
    return FileResponse(STATIC / name, media_type=ASSETS[name], headers={"Cache-Control": "public, max-age=300"})
