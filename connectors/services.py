"""Long-lived clients built in the app's lifespan and handed to routes."""

from __future__ import annotations

from dataclasses import dataclass

from redis.asyncio import Redis

from bot.engine.runtime import Assistant
from bot.settings import Settings
from connectors.office_auth import Sessions
from connectors.ordering import ConversationOrdering
from connectors.ratelimit import RateLimiter


@dataclass
class Services:
    """Everything a request may need."""

    settings: Settings
    redis: Redis
    ordering: ConversationOrdering
    limiter: RateLimiter
    sessions: Sessions
    assistant: Assistant | None = None
