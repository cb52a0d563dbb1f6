"""`python -m connectors`: serve the API and widget, starting a local Redis when none is configured."""

from __future__ import annotations

import logging
import os

import uvicorn

from bot.logging_setup import quiet_known_warnings
from bot.settings import get_settings
from connectors.lifetime import SUPERVISOR_PID_VARIABLE
from connectors.redis_supervisor import FolderBusy, LocalRedis


def main() -> None:
    """Run uvicorn with the configured number of workers."""
    quiet_known_warnings()  # the app is imported in this process (one worker): hide the known noise first
    settings = get_settings()
    logging.basicConfig(level=settings.log_level)
    local = None
    if not settings.redis_url:
        # Started here, in the process that supervises uvicorn's workers: it outlives no worker.
        try:
            local = LocalRedis.open(settings.state_dir / "redis")
        except FolderBusy as error:
            raise SystemExit(f"Not starting: {error}") from error
        os.environ["AIZU_REDIS_URL"] = local.url
        get_settings.cache_clear()  # the app (same process when workers == 1) must see the URL
        role = f"started pid {local.pid}" if local.owner else "shared with the process that owns the folder"
        print(f"Local redis-server {local.url} ({role}, data in {local.data_dir})", flush=True)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ[SUPERVISOR_PID_VARIABLE] = str(os.getpid())  # uvicorn's workers end with this process
    model = settings.model_path or settings.latest_model()
    print(f"Model {model.name if model else 'none (run `make train`)'}, {settings.workers} worker(s)", flush=True)
    print(f"Serving on http://{settings.host}:{settings.port}", flush=True)
    try:
        uvicorn.run(
            "connectors.app:create_app",
            factory=True,
            host=settings.host,
            port=settings.port,
            workers=settings.workers,
            log_level=settings.log_level.lower(),
            ws="none",
            proxy_headers=True,
            forwarded_allow_ips=settings.forwarded_allow_ips,
        )
    finally:
        if local:
            local.stop()


if __name__ == "__main__":
    main()
