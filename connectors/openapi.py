"""The OpenAPI document: the hand-read chat body, and the ids that exist only once the knowledge base is loaded."""

from __future__ import annotations

from typing import Any, Callable, Dict, Sequence

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from connectors.schemas import ChatRequest

REF = "#/components/schemas/{model}"
# (component, property) -> which ids of the knowledge base it takes
ID_FIELDS = {
    ("ChatRequest", "municipality"): "municipalities",
    ("Feedback", "municipality"): "municipalities",
    ("Feedback", "topic"): "topics",
}
CHAT_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": {"$ref": REF.format(model="ChatRequest")}}},
    }
}


def _only(prop: Dict[str, Any], ids: Sequence[str]) -> None:
    """Restrict a property (or its non-null branch) to the given ids."""
    target = prop["anyOf"][0] if "anyOf" in prop else prop
    target["enum"] = list(ids)


def document(app: FastAPI, ids: Dict[str, Sequence[str]]) -> Dict[str, Any]:
    """FastAPI's document plus the chat request model and the known municipality and topic ids."""
    schema = get_openapi(title=app.title, version=app.version, routes=app.routes)
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["ChatRequest"] = ChatRequest.schema(ref_template=REF)
    for (component, prop), kind in ID_FIELDS.items():
        _only(components[component]["properties"][prop], ids[kind])
    return schema


def contract(app: FastAPI, ids: Dict[str, Sequence[str]]) -> Callable[[], Dict[str, Any]]:
    """`app.openapi`: the document, built on first use."""

    def openapi() -> Dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = document(app, ids)
        return app.openapi_schema

    return openapi
