"""JSON error bodies {"error": {"code", "message", "detail"}} with Japanese and English text from data/ui,
the model that documents them in OpenAPI, and the handlers that turn exceptions into them."""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any, Dict, List, Literal, Optional, Set

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from bot.escalations.canned import CannedReplyNotFound
from bot.escalations.workflow import EscalationNotFound, InvalidUpdate, UnknownReference
from bot.jsonschema import allow_null
from bot.knowledge.yaml_source import read_yaml
from bot.settings import get_settings

logger = logging.getLogger(__name__)

STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "csrf",
    404: "not_found",
    405: "method_not_allowed",
    409: "unknown_reference",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_fields",
    429: "rate_limited",
    500: "internal",
    503: "unavailable",
}


ErrorCode = Literal[
    "bad_request",
    "invalid_json",
    "unauthorized",
    "csrf",
    "not_found",
    "method_not_allowed",
    "unknown_reference",
    "too_large",
    "unsupported_media_type",
    "invalid_fields",
    "rate_limited",
    "internal",
    "unavailable",
]
DESCRIPTIONS = {
    400: "The body is not UTF-8 JSON, or not a JSON object",
    401: "No valid office session (log in at /inbox/login)",
    403: "The CSRF token is missing or wrong",
    404: "No such resource (or not one of the staff member's office)",
    409: "A referenced id (a staff member, an FAQ entry) does not exist",
    413: "The body is larger than the limit",
    415: "Content-Type is not application/json",
    422: "Fields are missing or invalid; `detail` names each field and its problem",
    429: "Too many requests; retry after `Retry-After` seconds",
    503: "The model or Redis is not available; retry later",
}


class FieldProblem(BaseModel):
    """One invalid field and what is wrong with it."""

    field: str
    problem: str


class ErrorInfo(BaseModel):
    """A machine-readable code, a Japanese / English message (data/ui/errors.yml), the fields at fault."""

    code: ErrorCode
    message: str
    detail: Optional[List[FieldProblem]] = None

    class Config:
        schema_extra = staticmethod(allow_null)


class ErrorBody(BaseModel):
    """Every error answer of the API."""

    error: ErrorInfo


def documented(*statuses: int) -> Dict[int | str, Dict[str, Any]]:
    """The OpenAPI `responses=` entries of these error statuses (all with the one error body)."""
    return {status: {"model": ErrorBody, "description": DESCRIPTIONS[status]} for status in statuses}


@lru_cache(maxsize=1)
def messages() -> Dict[str, str]:
    """Error texts by code (loaded on first use)."""
    return {str(k): str(v) for k, v in read_yaml(get_settings().data_dir / "ui" / "errors.yml").items()}


class ApiError(Exception):
    """An error to return as JSON with a status code."""

    def __init__(
        self, status: int, code: str | None = None, detail: object = None, headers: Dict[str, str] | None = None
    ) -> None:
        super().__init__(code or STATUS_CODES.get(status, "internal"))
        self.status = status
        self.code = code or STATUS_CODES.get(status, "internal")
        self.detail = detail
        self.headers = headers or {}


class LoginRequired(Exception):
    """An HTML page was asked for without a staff session: the browser is sent to the login page."""


LOGIN_PAGE = "/inbox/login"


async def handle_login_required(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, LoginRequired)
    return RedirectResponse(LOGIN_PAGE, status_code=303)


def error_response(
    status: int, code: str, detail: object = None, headers: Dict[str, str] | None = None
) -> JSONResponse:
    """Build the JSON error response."""
    body: Dict[str, object] = {"code": code, "message": messages().get(code, messages()["internal"])}
    if detail is not None:
        body["detail"] = detail
    return JSONResponse({"error": body}, status_code=status, headers=headers)


async def handle_api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.code, exc.detail, exc.headers)


async def handle_not_found(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, (EscalationNotFound, CannedReplyNotFound))
    return error_response(404, "not_found")


async def handle_invalid_update(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, InvalidUpdate)
    if isinstance(exc, UnknownReference):
        return error_response(409, "unknown_reference", exc.detail)
    return error_response(422, "invalid_fields", exc.detail)


def allowed_methods(request: Request) -> str:
    """Every method some route of this path takes (Starlette's 405 names only the first route's)."""
    methods: Set[str] = set()
    for route in request.app.router.routes:
        match, _ = route.matches({**request.scope, "method": ""})
        if match != Match.NONE:
            methods |= set(getattr(route, "methods", None) or ())
    return ", ".join(sorted(methods))


async def handle_http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    headers = dict(getattr(exc, "headers", None) or {})
    if exc.status_code == 405:
        headers["Allow"] = allowed_methods(request)
    return error_response(exc.status_code, STATUS_CODES.get(exc.status_code, "bad_request"), headers=headers)


async def handle_validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    fields = [{"field": ".".join(str(p) for p in e["loc"]), "problem": e["msg"]} for e in exc.errors()]
    return error_response(422, "invalid_fields", fields)


async def handle_store_unavailable(request: Request, exc: Exception) -> JSONResponse:
    """Redis is down or restarting (any route, sync or async store): 503 with Retry-After, not a 500."""
    logger.warning("%s %s: Redis unavailable (%s)", request.method, request.url.path, type(exc).__name__)
    return error_response(503, "unavailable", headers={"Retry-After": "5"})


async def handle_unexpected(request: Request, exc: Exception) -> JSONResponse:
    return error_response(500, "internal")
