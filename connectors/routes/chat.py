"""POST /api/chat and conversation deletion."""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Collection

from fastapi import APIRouter, Path, Query, Request, Response
from pydantic import ValidationError
from redis.exceptions import RedisError

from bot.engine.runtime import TurnResult
from bot.escalations.service import get_store
from bot.learning.demand import count_asked
from connectors.deps import ServicesDep
from connectors.errors import ApiError, documented
from connectors.openapi import CHAT_BODY
from connectors.ordering import OrderingTimeout
from connectors.schemas import SENDER_ID, ChatRequest, ChatResponse, Deleted, field_problems, matches

router = APIRouter(prefix="/api", tags=["chat"])
logger = logging.getLogger(__name__)


async def _read_request(request: Request) -> ChatRequest:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/json":
        raise ApiError(415)
    body = await request.body()
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise ApiError(400, "invalid_json") from error
    if not isinstance(data, dict):
        raise ApiError(400, "bad_request")
    try:
        return ChatRequest.parse_obj(data)
    except ValidationError as error:
        raise ApiError(422, detail=field_problems(error.errors())) from error


async def _check_limits(services: ServicesDep, request: Request, sender: str) -> None:
    settings = services.settings
    ip = request.client.host if request.client else "unknown"
    for kind, key, limit in (
        ("ip", ip, settings.rate_limit_per_ip_per_minute),
        ("sender", sender, settings.rate_limit_per_sender_per_minute),
    ):
        verdict = await services.limiter.hit(kind, key, limit)
        if not verdict.allowed:
            raise ApiError(429, headers={"Retry-After": str(verdict.retry_after)})


async def _count_demand(services: ServicesDep, topics: Collection[str], result: TurnResult) -> None:
    """Count an answered topic (and Q&A entry) for the staff's grid, ordered by demand; never break the reply."""
    meta = result.meta
    if meta.kind != "answer" or not meta.municipality or not meta.topic or meta.topic not in topics:
        return
    try:
        # A regional Q&A entry is counted too, under its id (the grid orders the entries by demand as well).
        for asked in filter(None, (meta.topic, meta.qa_id)):
            await count_asked(services.redis, services.settings.redis_prefix, meta.municipality, asked, dt.date.today())
    except (RedisError, OSError) as error:
        logger.warning("could not count the question: %s", type(error).__name__)


@router.post(
    "/chat",
    response_model=ChatResponse,
    responses=documented(400, 413, 415, 422, 429, 503),
    openapi_extra=CHAT_BODY,  # the body is read by hand (precise 400/413/415/422), so it is declared here
)
async def chat(request: Request, response: Response, services: ServicesDep) -> ChatResponse:
    """Send one resident message and get the assistant's reply."""
    body = await _read_request(request)
    text = body.message.strip()
    assistant = services.assistant
    if assistant is None:
        raise ApiError(503)
    if body.municipality is not None and body.municipality not in assistant.knowledge.municipalities:
        raise ApiError(422, detail=[{"field": "municipality", "problem": "unknown municipality id"}])
    try:
        await _check_limits(services, request, body.sender_id)
        async with services.ordering.turn(body.sender_id) as turn:
            result = await assistant.handle(body.sender_id, text, body.municipality)
        response.headers["X-Conversation-Turn"] = str(turn)
        await _count_demand(services, assistant.knowledge.topics, result)
    except (RedisError, OSError, OrderingTimeout) as error:
        logger.warning("chat unavailable: %s", type(error).__name__)
        raise ApiError(503, headers={"Retry-After": "5"}) from error
    return ChatResponse(sender_id=body.sender_id, **result.as_dict())


@router.delete("/conversations/{sender_id}", response_model=Deleted, responses=documented(422, 503))
async def delete_conversation(
    services: ServicesDep,
    sender_id: str = Path(..., json_schema_extra={"pattern": SENDER_ID}),
    receipts: str = Query("", description="the resident's receipt numbers, comma-separated (at most 50 are used)"),
) -> Deleted:
    """Forget a conversation (the widget's 「会話を消去」), and the resident's escalations if listed."""
    if not matches(SENDER_ID, sender_id):
        raise ApiError(422, detail=[{"field": "sender_id", "problem": "invalid id"}])
    try:
        deleted = await services.redis.delete(f"{services.settings.redis_prefix}:tracker:{sender_id}")
        wanted = [r for r in receipts.split(",") if r][:50]
        removed = get_store().delete_for_sender(sender_id, wanted) if wanted else 0
    except (RedisError, OSError) as error:
        raise ApiError(503) from error
    return Deleted(deleted=bool(deleted), escalations_deleted=removed)
