"""👍/👎 on answers: counted per municipality and topic (or imported FAQ entry); 👎 queues the question for review."""

from __future__ import annotations

import re
from typing import Dict, FrozenSet, Literal, Optional

from fastapi import APIRouter
from pydantic import BaseModel, Extra, StrictStr
from redis.exceptions import RedisError

from bot.faq.store import published_ids
from bot.jsonschema import allow_null
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.yaml_source import DataFileError
from bot.learning.service import get_learning_store
from bot.learning.store import FAQ_KEY
from bot.paths import faq_path
from bot.settings import get_settings
from connectors.deps import ServicesDep
from connectors.errors import ApiError, documented
from connectors.schemas import MAX_MESSAGE_CHARS, NO_SPACE_ID, Checked, SenderId

router = APIRouter(prefix="/api", tags=["feedback"])


class FaqId(Checked):
    """An entry id of the municipality's imported FAQ (data/faq/<municipality>.yml)."""

    regex = re.compile(NO_SPACE_ID)


class Question(Checked):
    """The resident's question the vote is about (kept masked for the review)."""

    max_length = MAX_MESSAGE_CHARS


class Feedback(BaseModel):
    """A 👍 or 👎 on an answer about a topic (ids in the OpenAPI document) or an imported FAQ entry."""

    sender_id: SenderId
    value: Literal["up", "down"]
    topic: Optional[StrictStr] = None
    municipality: StrictStr
    faq_id: Optional[FaqId] = None  # an answer from an imported FAQ
    question: Optional[Question] = None

    class Config:
        extra = Extra.forbid

        @staticmethod
        def schema_extra(schema: Dict[str, object], model: type) -> None:
            allow_null(schema, model)  # type: ignore[arg-type]
            schema["anyOf"] = [  # a topic or an FAQ entry, not null
                {"required": [name], "properties": {name: {"type": "string"}}} for name in ("topic", "faq_id")
            ]


def _problem(body: Feedback, knowledge: KnowledgeBase) -> Optional[Dict[str, str]]:
    """What is wrong with the ids of a vote (None when they name a known answer)."""
    if body.municipality not in knowledge.municipalities or (
        body.topic is not None and body.topic not in knowledge.topics
    ):
        return {"field": "topic/municipality", "problem": "unknown id"}
    if body.topic is None and body.faq_id is None:
        return {"field": "topic/faq_id", "problem": "one of them is required"}
    return None


def _unknown_entry(body: Feedback) -> bool:
    """The vote names an FAQ entry the municipality has not published (the schema cannot list them)."""
    return body.faq_id is not None and body.faq_id not in _published(body.municipality)


def _published(municipality: str) -> FrozenSet[str]:
    try:
        return published_ids(faq_path(get_settings().data_dir, municipality))
    except DataFileError:  # a broken FAQ file answers nothing, so nothing in it can be voted on
        return frozenset()


class Recorded(BaseModel):
    recorded: bool


@router.post("/feedback", response_model=Recorded, responses=documented(400, 409, 413, 422, 503))
async def feedback(body: Feedback, services: ServicesDep) -> Recorded:
    """Record whether an answer helped."""
    knowledge = services.assistant.knowledge if services.assistant else None
    if knowledge is None:
        raise ApiError(503)
    problem = _problem(body, knowledge)
    if problem is not None:
        raise ApiError(422, detail=[problem])
    if _unknown_entry(body):
        raise ApiError(409, detail=[{"field": "faq_id", "problem": "unknown entry of this municipality"}])
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
    return Recorded(recorded=True)
