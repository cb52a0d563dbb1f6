"""👍/👎 on answers: counted per municipality and topic (or imported FAQ entry); 👎 queues the question for review."""

from __future__ import annotations

from typing import Dict, FrozenSet, Optional

from fastapi import APIRouter
from pydantic import BaseModel, Extra, constr
from redis.exceptions import RedisError

from bot.faq.store import published_ids
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.yaml_source import DataFileError
from bot.learning.service import get_learning_store
from bot.learning.store import FAQ_KEY
from bot.paths import faq_path
from bot.settings import get_settings
from connectors.deps import ServicesDep
from connectors.errors import ApiError
from connectors.schemas import SenderId

router = APIRouter(prefix="/api", tags=["feedback"])


class Feedback(BaseModel):
    sender_id: SenderId  # type: ignore[valid-type]
    value: constr(regex=r"^(up|down)$")  # type: ignore[valid-type]
    topic: Optional[str] = None
    municipality: str
    faq_id: Optional[constr(regex=r"^\S{1,64}$")] = None  # type: ignore[valid-type]  # answer from an imported FAQ
    question: Optional[constr(max_length=500)] = None  # type: ignore[valid-type]

    class Config:
        extra = Extra.forbid


def _problem(body: Feedback, knowledge: KnowledgeBase) -> Optional[Dict[str, str]]:
    """What is wrong with the ids of a vote (None when they name a known answer)."""
    if body.municipality not in knowledge.municipalities or (body.topic and body.topic not in knowledge.topics):
        return {"field": "topic/municipality", "problem": "unknown id"}
    if not body.topic and body.faq_id is None:
        return {"field": "topic/faq_id", "problem": "one of them is required"}
    if body.faq_id is not None and body.faq_id not in _published(body.municipality):
        return {"field": "faq_id", "problem": "unknown entry of this municipality"}
    return None


def _published(municipality: str) -> FrozenSet[str]:
    try:
        return published_ids(faq_path(get_settings().data_dir, municipality))
    except DataFileError:  # a broken FAQ file answers nothing, so nothing in it can be voted on
        return frozenset()


@router.post("/feedback", status_code=200)
async def feedback(body: Feedback, services: ServicesDep) -> dict:
    """Record whether an answer helped."""
    knowledge = services.assistant.knowledge if services.assistant else None
    if knowledge is None:
        raise ApiError(503)
    problem = _problem(body, knowledge)
    if problem is not None:
        raise ApiError(422, detail=[problem])
    store = get_learning_store()
    if store is None:
        raise ApiError(503)
    counted = f"{FAQ_KEY}{body.faq_id}" if body.faq_id else str(body.topic)
    try:
        store.feedback(body.municipality, counted, body.value)
        if body.value == "down" and body.question:
            store.record("thumbs_down", body.question, body.municipality, [(body.topic, 1.0)] if body.topic else [])
    except (RedisError, OSError) as error:
        raise ApiError(503) from error
    return {"recorded": True}
