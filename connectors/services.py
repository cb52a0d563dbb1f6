"""Long-lived clients built in the app's lifespan and handed to routes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from redis.asyncio import Redis

from bot.runtime import Assistant
from bot.settings import Settings
from connectors.ordering import ConversationOrdering
from connectors.ratelimit import RateLimiter


@dataclass
class Services:
    """Everything a request may need."""

    settings: Settings
    redis: Redis
    ordering: ConversationOrdering
    limiter: RateLimiter
    assistant: Optional[Assistant] = None
