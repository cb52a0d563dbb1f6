"""Liveness and readiness."""

from __future__ import annotations

from typing import Dict, Literal

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from redis.exceptions import RedisError

from connectors.deps import ServicesDep

router = APIRouter(tags=["health"])


class Alive(BaseModel):
    status: Literal["ok"]


class Readiness(BaseModel):
    """Whether the model is loaded and Redis answers (each check by name)."""

    status: Literal["ready", "unavailable"]
    checks: Dict[str, bool]


@router.get("/healthz", response_model=Alive)
async def healthz() -> Alive:
    """The process is alive."""
    return Alive(status="ok")


@router.get(
    "/readyz",
    response_model=Readiness,
    responses={503: {"model": Readiness, "description": "The model or Redis is not available"}},
)
async def readyz(services: ServicesDep) -> JSONResponse:
    """The model is loaded and Redis answers."""
    checks = {"model": services.assistant is not None, "redis": False}
    try:
        checks["redis"] = bool(await services.redis.ping())
    except (RedisError, OSError):
        checks["redis"] = False
    ready = all(checks.values())
    body = Readiness(status="ready" if ready else "unavailable", checks=checks)
    return JSONResponse(body.dict(), status_code=200 if ready else 503)
