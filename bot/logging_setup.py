"""Process logging: levels, stderr only (stdout carries JSON), personal data masked."""

from __future__ import annotations

import builtins
import logging
import re
import sys
import warnings
from typing import List, Tuple, Type

from bot.privacy import mask_pii


class MaskingFilter(logging.Filter):
    """Mask personal data in every log record."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            return True
        record.msg = mask_pii(message)
        record.args = ()
        return True


def _mask_processor(logger, method, event_dict):  # type: ignore[no-untyped-def]
    return {k: mask_pii(v) if isinstance(v, str) else v for k, v in event_dict.items()}


# Third-party deprecation noise we cannot fix here (Rasa 3.6's pinned stack), in the `-W` / pytest format
# action:message:category:module. `python -m connectors` hides them at start-up; the test suite turns every
# other warning into an error and names these as its exceptions (pyproject.toml, kept equal by a test).
KNOWN_WARNINGS = (
    "ignore:pkg_resources is deprecated:DeprecationWarning",
    "ignore:Deprecated call to `pkg_resources.declare_namespace:DeprecationWarning",
    "ignore:jax.xla_computation is deprecated:DeprecationWarning",
    "ignore:Deprecated API features detected:DeprecationWarning",
    "ignore:'[a-zA-Z]+' deprecated - use:DeprecationWarning",
    "ignore:the load_module\\(\\) method is deprecated:DeprecationWarning",
    "ignore::DeprecationWarning:tensorflow.*",
    "ignore::DeprecationWarning:keras.*",
    "ignore::DeprecationWarning:flatbuffers.*",
    "ignore::DeprecationWarning:google.protobuf.*",
    "ignore::DeprecationWarning:rasa.*",
    "ignore::DeprecationWarning:typer.*",
    "ignore::DeprecationWarning:spacy.*",
    "ignore::DeprecationWarning:thinc.*",
    "ignore::UserWarning:spacy.*",
    "ignore::DeprecationWarning:sanic.*",
    "ignore::DeprecationWarning:sanic_routing.*",
    "ignore::DeprecationWarning:websockets.*",
    "ignore::DeprecationWarning:dask.*",
    "ignore::DeprecationWarning:random",
    "ignore::UserWarning:rasa.*",
    "ignore::FutureWarning:rasa.*",
    "ignore::PendingDeprecationWarning:rasa.*",
)


def _parsed() -> List[Tuple[str, Type[Warning], str]]:
    """(message regex, category, module path) of each known warning."""
    out = []
    for spec in KNOWN_WARNINGS:
        _action, message, category, module = (spec.split(":", 3) + ["", "", ""])[:4]
        out.append((message, getattr(builtins, category or "Warning"), module.rstrip(".*").replace(".", "/")))
    return out


def is_known_warning(message: object, category: Type[Warning], filename: str) -> bool:
    """Whether a warning is one of KNOWN_WARNINGS (by message, category and the file that raised it)."""
    text = str(message)
    for pattern, known, module in _parsed():
        if not issubclass(category, known) or (pattern and not re.match(pattern, text, re.IGNORECASE)):
            continue
        if not module or f"/{module}/" in filename or filename.endswith(f"/{module}.py"):
            return True
    return False


def quiet_known_warnings() -> None:
    """Hide the known third-party warnings (KNOWN_WARNINGS) in this process; every other warning shows.

    Filters alone are not enough: some libraries insert their own filters in front while being imported, so
    the known warnings are also dropped where warnings are shown.
    """
    for pattern, category, module in _parsed():
        warnings.filterwarnings("ignore", pattern, category, module.replace("/", "."))
    shown = warnings.showwarning
    if getattr(shown, "_aizu_quiet", False):
        return

    def showwarning(message, category, filename, lineno, file=None, line=None):  # type: ignore[no-untyped-def]
        if not is_known_warning(message, category, filename):
            shown(message, category, filename, lineno, file, line)

    showwarning._aizu_quiet = True  # type: ignore[attr-defined]
    warnings.showwarning = showwarning


def configure_logging(level: str = "WARNING") -> None:
    """Send logs to stderr at `level`, masking personal data (std logging and Rasa's structlog)."""
    import structlog

    numeric = logging.getLevelName(level.upper())
    numeric = numeric if isinstance(numeric, int) else logging.WARNING
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(MaskingFilter())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(numeric)
    for noisy in ("rasa", "rasa_sdk", "tensorflow", "absl", "sanic", "apscheduler", "urllib3"):
        logging.getLogger(noisy).setLevel(max(numeric, logging.WARNING))
    structlog.configure(
        processors=[
            _mask_processor,
            structlog.processors.add_log_level,
            structlog.processors.KeyValueRenderer(key_order=["event"]),
        ],
        wrapper_class=structlog.make_filtering_bound_logger(max(numeric, logging.WARNING)),
        logger_factory=structlog.PrintLoggerFactory(sys.stderr),
        cache_logger_on_first_use=False,
    )
