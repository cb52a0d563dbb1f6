"""Load the trained assistant once and run turns through NLU, policies and actions."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List

from rasa.core.agent import Agent
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.lock_store import LockStore
from rasa.core.tracker_store import TrackerStore

from bot.engine import rasa_patches
from bot.engine.inprocess_actions import InProcessActionEndpoint
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.cache import get_knowledge
from bot.replies.payloads import to_rasa_text
from bot.replies.phones import find_phones
from bot.turn import TurnMeta


@dataclass
class TurnResult:
    """What one resident message produced: messages to show and the turn's meta."""

    messages: List[Dict[str, Any]] = field(default_factory=list)
    meta: TurnMeta = field(default_factory=TurnMeta)

    def as_dict(self) -> Dict[str, Any]:
        """JSON-friendly form shared by the CLI and the web API."""
        return {"messages": self.messages, "meta": self.meta.dict()}


def collect(raw: List[Dict[str, Any]], site: str | None) -> TurnResult:
    """Split Rasa's output into displayable messages and the meta block."""
    result = TurnResult()
    for message in raw:
        custom = message.get("custom")
        if TurnMeta.is_meta(custom):
            result.meta = TurnMeta.from_custom(custom)
        if message.get("text"):
            buttons = [{"title": b["title"], "payload": b["payload"]} for b in message.get("buttons") or []]
            result.messages.append(
                {"text": message["text"], "buttons": buttons, "phones": find_phones(message["text"])}
            )
    if result.meta.municipality is None and result.meta.kind in {"chitchat", "safety"}:
        result.meta.municipality = site
    return result


class Assistant:
    """The trained Rasa agent with in-process actions."""

    def __init__(self, agent: Agent) -> None:
        """Wrap a loaded agent."""
        self.agent = agent

    @property
    def knowledge(self) -> KnowledgeBase:
        """The current knowledge base: a staff save is seen without a restart (facts are not in the model)."""
        return get_knowledge()

    @classmethod
    def load(
        cls, model_path: Path, tracker_store: TrackerStore | None = None, lock_store: LockStore | None = None
    ) -> "Assistant":
        """Load the model archive and the knowledge base."""
        get_knowledge()  # fail early on broken data/, before the model is loaded
        rasa_patches.install()
        agent = Agent.load(
            str(model_path),
            tracker_store=tracker_store,
            lock_store=lock_store,
            action_endpoint=InProcessActionEndpoint(),
        )
        return cls(agent)

    def rasa_text(self, text: str) -> str:
        """Translate button tokens and neutralise typed payload syntax."""
        return to_rasa_text(text, self.knowledge.topics, self.knowledge.municipalities)

    async def handle(self, sender: str, text: str, municipality: str | None = None) -> TurnResult:
        """Run one resident message through the assistant."""
        site = municipality if municipality in self.knowledge.municipalities else None
        metadata = {"municipality": site} if site else {}
        message = UserMessage(self.rasa_text(text), CollectingOutputChannel(), sender, metadata=metadata)
        raw = await self.agent.handle_message(message)
        return collect(raw or [], site)
