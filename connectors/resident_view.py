"""What a resident of the municipality sees now for a topic or a regional Q&A entry, for the workbench.

The messages come from the chat's own actions (actions.answer, actions.qa) run with the live knowledge and
the model's response texts, then go through the same `collect` as the chat API, so the preview is the
widget's reply, not a copy of its rendering.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk.executor import CollectingDispatcher

from actions.answer import answer_topic
from actions.qa import answer_entry
from actions.support import Turn
from bot.engine.runtime import Assistant, collect
from bot.knowledge.base import KnowledgeBase
from bot.replies.templates import Templates

Messages = List[Dict[str, Any]]


class ResidentView:
    """Replies as the chat would send them to a resident of one municipality."""

    def __init__(self, assistant: Assistant, kb: KnowledgeBase, municipality: str) -> None:
        self._templates = Templates(assistant.agent.domain.responses)
        self._kb = kb
        self._municipality = municipality

    def _run(self, answer: Any, key: str) -> Messages:
        turn = Turn(CollectingDispatcher(), self._kb, self._templates, None)
        answer(turn, self._municipality, key)
        return collect(turn.dispatcher.messages, self._municipality).messages

    def topic(self, topic: str) -> Messages:
        """The answer to a question about the topic as a whole."""
        return self._run(answer_topic, topic)

    def entry(self, entry_id: str) -> Messages:
        """The answer to the question of a regional Q&A entry."""
        return self._run(answer_entry, entry_id)
