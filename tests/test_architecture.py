"""Import boundaries (see docs/architecture.md).

- The request path (everything in bot/, actions/ and connectors/ that is not an offline tool) never
  imports an offline tool: evaluation, command lines, training, benchmarks.
- Layers point one way: connectors (web) → actions (dialogue) → bot (engine, NLU, domain packages).
  Nothing in bot/ imports actions/ or connectors/, and actions/ never import connectors/.
- The domain packages (knowledge, faq, safety, replies, escalations, learning, coverage) and the
  shared helpers do not import the Rasa engine glue (bot.engine) either: they stay pure and testable
  without a model.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Iterator, List, Tuple

from bot.settings import PROJECT_ROOT

# Offline tools: never imported by what serves residents, offices and staff.
TOOLS = (
    "bot.__main__",
    "bot.cli",
    "bot.evaluation",
    "bot.engine.training",
    "benchmarks",
)
DOMAIN = (
    "bot/knowledge",
    "bot/faq",
    "bot/safety",
    "bot/replies",
    "bot/escalations",
    "bot/learning",
    "bot/coverage",
    "bot/qa",
    "bot/text.py",
    "bot/privacy",
    "bot/sudachi.py",
    "bot/files.py",
    "bot/paths.py",
    "bot/settings.py",
)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PROJECT_ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def within(module: str, prefixes: Tuple[str, ...]) -> bool:
    return any(module == prefix or module.startswith(prefix + ".") for prefix in prefixes)


def files(*roots: str) -> Iterator[Path]:
    for name in roots:
        path = PROJECT_ROOT / name
        yield from sorted(path.rglob("*.py")) if path.is_dir() else [path]


def request_path() -> List[Path]:
    return [path for path in files("bot", "actions", "connectors") if not within(module_name(path), TOOLS)]


def imported(path: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def violations(paths: List[Path], forbidden: Tuple[str, ...]) -> List[str]:
    return [
        f"{path.relative_to(PROJECT_ROOT)} imports {module}"
        for path in paths
        for module in imported(path)
        if within(module, forbidden)
    ]


def test_the_request_path_imports_no_tool():
    paths = request_path()
    assert len(paths) > 60  # the walk found the tree
    assert violations(paths, TOOLS) == []


def test_bot_imports_neither_actions_nor_connectors():
    assert violations(list(files("bot")), ("actions", "connectors")) == []


def test_actions_do_not_import_the_web_layer():
    assert violations(list(files("actions")), ("connectors",)) == []


def test_domain_packages_do_not_import_the_engine():
    assert violations(list(files(*DOMAIN)), ("bot.engine", "bot.nlu", "rasa")) == []


def test_the_check_sees_a_violation(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from bot.evaluation.safety import read_cases\n", encoding="utf-8")
    assert [m for m in imported(bad) if within(m, TOOLS)] == ["bot.evaluation.safety"]
