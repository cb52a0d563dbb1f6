"""The FastAPI application: chat API, widget pages, health, docs (served offline)."""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from typing import AsyncIterator

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi_offline import FastAPIOffline
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from starlette.exceptions import HTTPException as StarletteHTTPException

from bot.engine.redis_store import redis_tracker_store
from bot.engine.runtime import Assistant
from bot.knowledge.cache import get_knowledge
from bot.logging_setup import configure_logging, quiet_known_warnings
from bot.redis_client import async_client
from bot.settings import Settings, get_settings
from connectors import errors
from connectors.lifetime import die_with_supervisor
from connectors.middleware import STAFF_PATHS, BodyLimitMiddleware, SecurityHeadersMiddleware
from connectors.office_auth import Sessions
from connectors.openapi import contract
from connectors.ordering import ConversationOrdering
from connectors.ratelimit import RateLimiter
from connectors.routes import (
    canned_replies,
    cell_qa,
    cells,
    chat,
    faq,
    feedback,
    health,
    inbox,
    inbox_export,
    office_api,
    offices,
    staff,
    widget,
)
from connectors.services import Services

logger = logging.getLogger(__name__)

DEFAULT_ORIGINS = [
    "https://www.city.aizuwakamatsu.fukushima.jp",
    "https://www.city.kitakata.fukushima.jp",
    "https://www.vill.kitashiobara.fukushima.jp",
    "https://www.town.nishiaizu.fukushima.jp",
    "https://www.town.bandai.fukushima.jp",
    "https://www.town.inawashiro.fukushima.jp",
    "https://www.town.aizubange.fukushima.jp",
    "https://www.vill.yugawa.fukushima.jp",
    "https://www.town.yanaizu.fukushima.jp",
    "https://www.town.mishima.fukushima.jp",
    "https://www.town.kaneyama.fukushima.jp",
    "https://www.vill.showa.fukushima.jp",
    "https://www.town.aizumisato.fukushima.jp",
]


def build_services(settings: Settings) -> Services:
    """Create Redis clients, ordering and rate limiting (no network I/O yet)."""
    if not settings.redis_url:
        raise RuntimeError("AIZU_REDIS_URL is not set; start through `python -m connectors`")
    # One immediate retry on a broken connection: after a Redis restart each pooled connection fails once;
    # the retry reconnects instead of answering 503. (The asyncio client needs the asyncio Retry.)
    redis = async_client(
        settings.redis_url,
        settings.redis_sentinel_password,
        timeout=2,
        health_check_interval=10,
        retry=Retry(NoBackoff(), 1),
        retry_on_error=[RedisConnectionError],
    )
    return Services(
        settings=settings,
        redis=redis,
        ordering=ConversationOrdering(redis, settings.redis_prefix, hold_ms=settings.lock_ttl_seconds * 1000),
        limiter=RateLimiter(redis, settings.redis_prefix),
        sessions=Sessions(
            redis,
            settings.redis_prefix,
            settings.session_ttl_seconds,
            settings.login_max_failures,
            settings.login_lockout_seconds,
        ),
    )


def load_assistant(settings: Settings) -> Assistant | None:
    """Load the newest trained model with the Redis tracker store."""
    model = settings.latest_model()
    if model is None:
        logger.error("no trained model in %s; run `make train`", settings.models_dir)
        return None
    return Assistant.load(model, tracker_store=redis_tracker_store(settings, ordered=True))


def warm_up_masking() -> None:
    """Load GiNZA before the first resident's message, not during it (every stored turn is masked)."""
    from bot.privacy import mask_pii

    mask_pii("山田太郎です")


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    services = build_services(settings)
    services.assistant = load_assistant(settings)
    warm_up_masking()
    app.state.services = services
    try:
        yield
    finally:
        await services.redis.close()  # redis-py 4.6 (the pin) has close(); aclose() came in 5.0.1


def create_app() -> FastAPI:
    """Build the application."""
    settings = get_settings()
    quiet_known_warnings()  # a worker process of its own when AIZU_WORKERS > 1
    configure_logging(settings.log_level)
    die_with_supervisor()
    app = FastAPIOffline(title="会津地域 住民問い合わせアシスタント API", version="0.1.0", lifespan=lifespan)
    app.include_router(health.router)
    app.include_router(chat.router)
    app.include_router(widget.router)
    app.include_router(office_api.router)
    app.include_router(feedback.router)
    app.include_router(staff.router)
    app.include_router(cells.router)
    app.include_router(cell_qa.router)
    app.include_router(faq.router)
    app.include_router(offices.router)
    app.include_router(canned_replies.api_router)
    # before the inbox's /inbox/{receipt}, which would otherwise take /inbox/replies and /inbox/export.csv
    app.include_router(canned_replies.pages_router)
    app.include_router(inbox_export.router)
    app.include_router(inbox.router)
    app.add_exception_handler(errors.ApiError, errors.handle_api_error)
    app.add_exception_handler(errors.LoginRequired, errors.handle_login_required)
    app.add_exception_handler(errors.EscalationNotFound, errors.handle_not_found)
    app.add_exception_handler(errors.CannedReplyNotFound, errors.handle_not_found)
    app.add_exception_handler(errors.InvalidUpdate, errors.handle_invalid_update)
    app.add_exception_handler(StarletteHTTPException, errors.handle_http_error)
    app.add_exception_handler(RequestValidationError, errors.handle_validation_error)
    app.add_exception_handler(RedisError, errors.handle_store_unavailable)
    app.add_exception_handler(Exception, errors.handle_unexpected)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins or DEFAULT_ORIGINS,
        allow_methods=["GET", "POST", "DELETE"],
        allow_headers=["Content-Type"],
    )
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(
        BodyLimitMiddleware,
        max_bytes=settings.max_body_bytes,
        larger={
            "/staff/cells/": settings.cell_form_max_bytes,  # first: it is also a staff path
            # room for the multipart framing: the route answers a too large CSV with a page of its own
            "/staff/faq/": settings.faq_csv_max_bytes + 65_536,
            "/staff/offices": settings.cell_form_max_bytes,  # every department and topic route in one form
            **{prefix: settings.max_staff_body_bytes for prefix in STAFF_PATHS},
        },
    )
    knowledge = get_knowledge()
    app.openapi = contract(  # type: ignore[method-assign]
        app, {"municipalities": list(knowledge.municipalities), "topics": list(knowledge.topics)}
    )
    return app
