"""Read staff YAML files keeping line numbers, and turn schema errors into readable problems."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence, Tuple, Type, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

ModelT = TypeVar("ModelT", bound=BaseModel)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a data file: where, what, and how to fix it."""

    file: str
    line: int
    message: str
    fix: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.severity}: {self.message} -> {self.fix}"


class DataFileError(Exception):
    """Raised when a data file cannot be used; carries the problems found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = list(problems)


def read_yaml(path: Path) -> Any:
    """Load YAML with line information (ruamel round-trip nodes)."""
    try:
        return YAML(typ="rt").load(path.read_text(encoding="utf-8"))
    except YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        raise DataFileError(
            [
                Problem(
                    str(path),
                    line,
                    f"YAML syntax error: {getattr(error, 'problem', error)}",
                    "check indentation and quoting on this line",
                )
            ]
        ) from error


def line_of(node: Any, loc: Tuple[Any, ...]) -> int:
    """Best line number (1-based) for a path into a ruamel node."""
    line = 1
    for key in loc:
        try:
            if hasattr(node, "lc"):
                if isinstance(key, int):
                    line = node.lc.item(key)[0] + 1
                elif key in node:
                    line = node.lc.key(key)[0] + 1
            node = node[key]
        except (KeyError, IndexError, TypeError, AttributeError):
            break
    return line


def _fix_for(error_type: str, field: str) -> str:
    if error_type == "value_error.missing":
        return f"add the required key '{field}'"
    if error_type == "value_error.extra":
        return f"remove or rename '{field}' (see docs/data-format.md for allowed keys)"
    if "date" in error_type:
        return "write the date as YYYY-MM-DD"
    return "correct the value as described (see docs/data-format.md)"


def parse(path: Path, node: Any, model: Type[ModelT], prefix: Tuple[Any, ...] = ()) -> ModelT:
    """Validate a node against a model; raise DataFileError naming lines and fixes."""
    try:
        return model.parse_obj(node)
    except ValidationError as error:
        problems = []
        for item in error.errors():
            loc = tuple(item["loc"])
            field = ".".join(str(p) for p in prefix + loc)
            problems.append(
                Problem(
                    str(path),
                    line_of(node, loc),
                    f"'{field}': {item['msg']}",
                    _fix_for(item["type"], str(loc[-1]) if loc else field),
                )
            )
        raise DataFileError(problems) from error


def mapping_line(node: Any, key: str | None = None) -> int:
    """Line of a key in a mapping node (1 if unknown)."""
    return line_of(node, (key,)) if key is not None else 1
