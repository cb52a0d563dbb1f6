"""Run rasa_sdk actions inside the Rasa process instead of over HTTP."""

from __future__ import annotations

import logging
from typing import Any, Dict

from rasa.utils.endpoints import EndpointConfig
from rasa_sdk.executor import ActionExecutor
from rasa_sdk.interfaces import ActionExecutionRejection, ActionNotFoundException

from bot.knowledge.cache import get_knowledge

logger = logging.getLogger(__name__)


def failure_response(tracker: Dict[str, Any]) -> Dict[str, Any]:
    """What the bot says when an action crashes: an apology and the main office."""
    slots = tracker.get("slots") or {}
    municipality = get_knowledge().municipalities.get(slots.get("municipality") or "")
    if municipality is None:
        responses = [{"response": "utter_action_failed_no_municipality"}]
    else:
        office = municipality.main_office
        responses = [{"response": "utter_action_failed", "main_office_name": office.name, "phone": office.phone}]
    meta = {
        "meta": {
            "kind": "fallback",
            "topic": None,
            "municipality": municipality.id if municipality else None,
            "confidence": None,
            "office": None,
        }
    }
    return {"events": [], "responses": responses + [{"custom": meta}]}


class InProcessActionEndpoint(EndpointConfig):
    """An action endpoint whose `request` calls the rasa_sdk executor directly.

    Rasa's RemoteAction builds the same JSON it would POST to an action server;
    we hand it to rasa_sdk's ActionExecutor in the same event loop, which saves a
    network hop and a second process per worker.
    """

    def __init__(self, package: str = "actions") -> None:
        """Register every action in the package."""
        super().__init__(url="inprocess://actions")
        self.executor = ActionExecutor()
        self.executor.register_package(package)

    async def request(
        self,
        method: str = "post",
        subpath: str | None = None,
        content_type: str | None = "application/json",
        compress: bool = False,
        **kwargs: Any,
    ) -> Any | None:
        """Run the action call given as `json=`; never let an action crash the turn."""
        action_call = kwargs.get("json") or {}
        try:
            return await self.executor.run(action_call)
        except (ActionExecutionRejection, ActionNotFoundException):
            raise
        except Exception:  # noqa: BLE001 - any action bug must end in an apology, not silence
            logger.exception("action %s failed", action_call.get("next_action"))
            return failure_response(action_call.get("tracker") or {})
