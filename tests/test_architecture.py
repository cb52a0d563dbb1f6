"""Import boundaries: the request path never imports an offline tool (see docs/architecture.md)."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Iterator, Tuple

from bot.settings import PROJECT_ROOT

# What serves residents, offices and staff at run time.
REQUEST_PATH = (
    "bot/runtime.py",
    "bot/inprocess_actions.py",
    "bot/rasa_speedups.py",
    "bot/redis_store.py",
    "bot/nlu",
    "bot/safety",
    "bot/knowledge",
    "bot/escalations",
    "bot/learning/service.py",
    "bot/learning/store.py",
    "bot/answers.py",
    "bot/phones.py",
    "actions",
    "connectors",
)
# Offline tools: evaluation, training-data handling, command lines, benchmarks.
TOOLS = (
    "bot.evaluation",
    "bot.evaluation_commands",
    "bot.evaluation_faq",
    "bot.evaluation_faq_run",
    "bot.evaluation_html",
    "bot.evaluation_questions",
    "bot.evaluation_safety",
    "bot.cross_validation",
    "bot.training_data",
    "bot.cli",
    "bot.cli_tracker",
    "bot.staff.cli",
    "bot.validate",
    "benchmarks",
)


def modules(paths: Tuple[str, ...]) -> Iterator[Path]:
    for name in paths:
        path = PROJECT_ROOT / name
        yield from sorted(path.rglob("*.py")) if path.is_dir() else [path]


def imported(path: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def is_tool(module: str) -> bool:
    return any(module == tool or module.startswith(tool + ".") for tool in TOOLS)


def test_the_request_path_imports_no_tool():
    found = [
        f"{path.relative_to(PROJECT_ROOT)} imports {module}"
        for path in modules(REQUEST_PATH)
        for module in imported(path)
        if is_tool(module)
    ]
    assert found == []


def test_the_check_sees_a_violation(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from bot.evaluation_safety import read_cases\n", encoding="utf-8")
    assert [m for m in imported(bad) if is_tool(m)] == ["bot.evaluation_safety"]
