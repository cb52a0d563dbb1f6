"""Dependency aliases for routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates

from connectors.services import Services
from connectors.templating import templates


def get_services(request: Request) -> Services:
    """The services built in the lifespan."""
    return request.app.state.services  # type: ignore[no-any-return]


async def get_templates() -> Jinja2Templates:
    """The page templates (connectors/templates), loaded on first use."""
    return templates()


ServicesDep = Annotated[Services, Depends(get_services)]
TemplatesDep = Annotated[Jinja2Templates, Depends(get_templates)]
