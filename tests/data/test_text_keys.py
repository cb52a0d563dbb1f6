"""Every response the code refers to by name exists in domain.yml (the text catalogue)."""

from __future__ import annotations

import re

from bot.knowledge.yaml_source import read_yaml
from bot.settings import PROJECT_ROOT

KEY = re.compile(r"[\"'](utter_[a-z0-9_]+)[\"']")


def test_every_response_name_in_the_code_is_in_the_domain():
    responses = set(read_yaml(PROJECT_ROOT / "domain.yml")["responses"])
    used = {
        (path.relative_to(PROJECT_ROOT).as_posix(), key)
        for folder in ("actions", "bot", "connectors")
        for path in (PROJECT_ROOT / folder).rglob("*.py")
        for key in KEY.findall(path.read_text(encoding="utf-8"))
    }
    assert len(used) > 20  # the scan sees the code
    assert sorted((path, key) for path, key in used if key not in responses) == []
