"""`python -m connectors`: serve the API and widget, starting a local Redis when none is configured."""

from __future__ import annotations

import logging
import os

import uvicorn

from bot.settings import get_settings
from connectors.embedded_redis import start_redis


def main() -> None:
    """Run uvicorn with the configured number of workers."""
    settings = get_settings()
    logging.basicConfig(level=settings.log_level)
    embedded = None
    if not settings.redis_url:
        embedded = start_redis(settings.state_dir / "redis")
        os.environ["AIZU_REDIS_URL"] = embedded.url
        get_settings.cache_clear()  # the app (same process when workers == 1) must see the URL
        print(f"Started local redis-server ({embedded.url}, data in {embedded.data_dir})")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    print(f"Serving on http://{settings.host}:{settings.port}")
    try:
        uvicorn.run(
            "connectors.app:create_app",
            factory=True,
            host=settings.host,
            port=settings.port,
            workers=settings.workers,
            log_level=settings.log_level.lower(),
            ws="none",
        )
    finally:
        if embedded:
            embedded.stop()


if __name__ == "__main__":
    main()
