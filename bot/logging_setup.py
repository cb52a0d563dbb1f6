"""Process logging: levels, stderr only (stdout carries JSON), personal data masked."""

from __future__ import annotations

import logging
import sys

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
    for noisy in ("rasa", "tensorflow", "absl", "sanic", "apscheduler", "urllib3"):
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
