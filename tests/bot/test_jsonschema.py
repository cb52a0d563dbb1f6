"""Optional fields are nullable in the JSON Schema of a model."""

from __future__ import annotations

from typing import List, Optional

from pydantic import BaseModel

from bot.jsonschema import allow_null


class Office(BaseModel):
    name: str


class Sample(BaseModel):
    name: str
    note: Optional[str] = None
    tags: List[str] = []
    office: Optional[Office] = None

    class Config:
        schema_extra = staticmethod(allow_null)


def test_optional_fields_take_null_and_keep_their_title():
    properties = Sample.schema()["properties"]
    assert properties["note"] == {"title": "Note", "anyOf": [{"type": "string"}, {"type": "null"}]}
    assert properties["office"]["anyOf"] == [{"$ref": "#/definitions/Office"}, {"type": "null"}]
    assert "anyOf" not in properties["name"] and "anyOf" not in properties["tags"]


def test_a_second_call_adds_nothing():
    schema = Sample.schema()
    allow_null(schema, Sample)
    assert schema["properties"]["note"]["anyOf"] == [{"type": "string"}, {"type": "null"}]
