"""JSON Schema of pydantic v1 models that says where null is allowed (pydantic v1 leaves `Optional` out)."""

from __future__ import annotations

from typing import Any, Dict, Type

from pydantic import BaseModel


def allow_null(schema: Dict[str, Any], model: Type[BaseModel]) -> None:
    """Let every `Optional` field's property also be null (use as `Config.schema_extra`)."""
    properties = schema.get("properties", {})
    for field in model.__fields__.values():
        prop = properties.get(field.alias)
        if prop is None or not field.allow_none or "anyOf" in prop and {"type": "null"} in prop["anyOf"]:
            continue
        outer = {k: prop.pop(k) for k in ("title", "description", "default") if k in prop}
        properties[field.alias] = {**outer, "anyOf": [prop, {"type": "null"}]}
