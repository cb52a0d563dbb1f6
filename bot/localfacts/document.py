"""A municipality file as a round-trip YAML document: read and replace parts of it, keep the rest as written."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from typing import Any, Dict, List, Sequence

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

# The order keys are written in (the order of the files in data/municipalities).
FACT_KEYS = ("text", "source", "seen", "page_date", "note", "third_party")
# Where a key goes when it is added to an existing mapping (offices, hours, a topic's department and page).
KEY_ORDER = (
    "name", "department", "url", "phone", "address", "weekdays", "extended", "hours",
    "note", "source", "seen", "page_date", "third_party", "facts",
)  # fmt: skip
DATES = {"seen", "page_date"}
QUOTED = {"phone", "weekdays", "extended"}  # written "0242-55-1122", "08:30-17:15" as the files do
PlainFact = Dict[str, Any]


def version_of(text: str) -> str:
    """The version a form carries: a hash of the file's exact content."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.width = 4096  # type: ignore[assignment]  # never fold a long Japanese sentence
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    yaml.preserve_quotes = True  # type: ignore[assignment]
    return yaml


def load(text: str) -> CommentedMap:
    """Parse a municipality file, comments and order kept."""
    return _yaml().load(text)  # type: ignore[no-any-return]


def dump(document: CommentedMap) -> str:
    """The document as YAML text."""
    stream = io.StringIO()
    _yaml().dump(document, stream)
    return stream.getvalue()


def plain(value: Any) -> Any:
    """A YAML node as plain JSON-ready data (mappings as dicts, dates as YYYY-MM-DD, strings as str)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value) if isinstance(value, str) else value


def _scalar(key: str, value: Any) -> Any:
    if key in DATES:
        return dt.date.fromisoformat(value)
    return DoubleQuotedScalarString(value) if key in QUOTED and isinstance(value, str) else value


def _position(node: CommentedMap, key: str, order: Sequence[str]) -> int:
    """Where a new key goes: after the last key present that comes before it in `order`."""
    rank = order.index(key) if key in order else len(order)
    before = [i for i, k in enumerate(node) if (order.index(k) if k in order else len(order)) <= rank]
    return before[-1] + 1 if before else 0


def update_mapping(node: CommentedMap, values: Dict[str, Any], order: Sequence[str] = KEY_ORDER) -> None:
    """Make `node` hold exactly `values`; keys whose value did not change keep their node and comments."""
    for key in [k for k in node if k not in values]:
        del node[key]
    for key, value in values.items():
        if isinstance(value, dict):
            if not isinstance(node.get(key), CommentedMap):
                node.insert(_position(node, key, order), key, _block(CommentedMap()))
            update_mapping(node[key], value, order)
        elif key not in node:
            node.insert(_position(node, key, order), key, _scalar(key, value))
        elif plain(node[key]) != value:
            node[key] = _scalar(key, value)


def cell_facts(document: CommentedMap, topic: str) -> List[PlainFact]:
    """The facts of one topic as plain JSON-ready dicts (dates as YYYY-MM-DD)."""
    local = (document.get("topics") or {}).get(topic) or {}
    return [{k: plain(v) for k, v in fact.items()} for fact in local.get("facts") or []]


def _fact_node(fact: PlainFact) -> CommentedMap:
    node = CommentedMap()
    for key in FACT_KEYS:
        value = fact.get(key)
        if value in (None, "") or (key == "third_party" and not value):
            continue
        node[key] = _scalar(key, value) if key in DATES else value
    return node


def _block(node: Any) -> Any:
    node.fa.set_block_style()  # `topics: {}` must not make every new entry a flow mapping
    return node


def new_block() -> CommentedMap:
    """An empty mapping written in block style (one key a line, as the files are written)."""
    return _block(CommentedMap())  # type: ignore[no-any-return]


def set_cell_facts(document: CommentedMap, topic: str, facts: List[PlainFact]) -> None:
    """Replace a topic's facts; facts that did not change keep their node (and so their comments)."""
    if "topics" not in document or document["topics"] is None:
        document["topics"] = CommentedMap()
    topics = _block(document["topics"])
    if topic not in topics or topics[topic] is None:
        topics[topic] = CommentedMap()
    local = _block(topics[topic])
    old = list(local.get("facts") or [])
    old_plain = [{k: plain(v) for k, v in f.items()} for f in old]
    nodes = CommentedSeq()
    for fact in facts:
        same = next((i for i, p in enumerate(old_plain) if p == _canonical(fact)), None)
        nodes.append(old.pop(same) if same is not None else _fact_node(fact))
        if same is not None:
            old_plain.pop(same)
    local["facts"] = nodes
    if not facts and set(local) == {"facts"}:
        del topics[topic]  # nothing left: the file reads as if the topic had never been filled in


def _canonical(fact: PlainFact) -> PlainFact:
    return {k: plain(v) for k, v in _fact_node(fact).items()}
