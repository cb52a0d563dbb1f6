"""👍/👎 on answers: counted per municipality and topic; 👎 queues the question for staff review."""

from __future__ import annotations

from typing import Optional

from fastapi import APIRouter
from pydantic import BaseModel, Extra, constr
from redis.exceptions import RedisError

from bot.learning.service import get_learning_store
from connectors.deps import ServicesDep
from connectors.errors import ApiError
from connectors.schemas import SenderId

router = APIRouter(prefix="/api", tags=["feedback"])


class Feedback(BaseModel):
    sender_id: SenderId  # type: ignore[valid-type]
    value: constr(regex=r"^(up|down)$")  # type: ignore[valid-type]
    topic: str
    municipality: str
    question: Optional[constr(max_length=500)] = None  # type: ignore[valid-type]

    class Config:
        extra = Extra.forbid


@router.post("/feedback", status_code=200)
async def feedback(body: Feedback, services: ServicesDep) -> dict:
    """Record whether an answer helped."""
    knowledge = services.assistant.knowledge if services.assistant else None
    if knowledge is None:
        raise ApiError(503)
    if body.topic not in knowledge.topics or body.municipality not in knowledge.municipalities:
        raise ApiError(422, detail=[{"field": "topic/municipality", "problem": "unknown id"}])
    store = get_learning_store()
    if store is None:
        raise ApiError(503)
    try:
        store.feedback(body.municipality, body.topic, body.value)
        if body.value == "down" and body.question:
            store.record("thumbs_down", body.question, body.municipality, [(body.topic, 1.0)])
    except (RedisError, OSError) as error:
        raise ApiError(503) from error
    return {"recorded": True}
