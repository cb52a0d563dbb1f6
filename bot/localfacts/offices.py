"""The offices of a municipality file as one section: website, main office, departments, and which
department and page each topic names (`topics.<id>.department` and `.url`; the facts stay the cell editor's)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict

from ruamel.yaml.comments import CommentedMap

from bot.localfacts.document import plain, update_mapping

PlainOffices = Dict[str, Any]
ROUTING = ("department", "url")  # the keys of a topic entry this section owns


def _mapping(tree: CommentedMap, key: str) -> CommentedMap:
    if not isinstance(tree.get(key), CommentedMap):
        tree[key] = CommentedMap()
    node = tree[key]
    node.fa.set_block_style()
    return node


def read_offices(tree: CommentedMap) -> PlainOffices:
    """Website, main office, departments by function, and the topics that name a department or page."""
    topics = tree.get("topics") or {}
    return {
        "website": plain(tree.get("website") or {}),
        "main_office": plain(tree.get("main_office") or {}),
        "departments": plain(tree.get("departments") or {}),
        "topics": {
            str(t): {k: plain(v[k]) for k in ROUTING if v and v.get(k)}
            for t, v in topics.items()
            if v and any(v.get(k) for k in ROUTING)
        },
    }


def _write_departments(tree: CommentedMap, departments: Dict[str, Any]) -> None:
    if not departments and "departments" not in tree:
        return
    node = _mapping(tree, "departments")
    for key in [k for k in node if k not in departments]:
        del node[key]
    for key, values in departments.items():  # kept ones in place, new ones at the end
        if key not in node:
            node[key] = CommentedMap()
        update_mapping(node[key], values)


def _write_routing(tree: CommentedMap, routing: Dict[str, Dict[str, str]]) -> None:
    known = [str(t) for t in tree.get("topics") or {}]
    if not routing and not known:
        return
    topics = _mapping(tree, "topics")
    for topic in [*known, *(t for t in routing if t not in known)]:
        wanted = routing.get(topic, {})
        node = topics.get(topic)
        if node is None and not wanted:
            continue
        node = _mapping(topics, topic)
        others = {k: plain(node[k]) for k in node if k not in ROUTING}
        update_mapping(node, {**{k: wanted[k] for k in ROUTING if wanted.get(k)}, **others})
        if not node:
            del topics[topic]  # nothing left: the file reads as if the topic had never been filled in


@dataclass(frozen=True)
class Offices:
    """The section the office editor saves (its history is kept under "offices")."""

    @property
    def key(self) -> str:
        return "offices"

    def read(self, tree: CommentedMap) -> Any:
        return read_offices(tree)

    def write(self, tree: CommentedMap, value: Any) -> None:
        update_mapping(_mapping(tree, "website"), value["website"])
        update_mapping(_mapping(tree, "main_office"), value["main_office"])
        _write_departments(tree, value["departments"])
        _write_routing(tree, value["topics"])
