"""One typed settings object per process, read from environment variables (prefix AIZU_)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import List, Optional

from pydantic import BaseSettings

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """All configuration; see .env.example for one line per variable."""

    data_dir: Path = PROJECT_ROOT / "data"
    models_dir: Path = PROJECT_ROOT / "models"
    model_path: Optional[Path] = None
    state_dir: Path = PROJECT_ROOT / ".state"
    redis_url: Optional[str] = None
    redis_prefix: str = "aizu"
    conversation_ttl_seconds: int = 7 * 24 * 3600
    lock_ttl_seconds: int = 30
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    cors_origins: List[str] = []
    rate_limit_per_ip_per_minute: int = 60
    rate_limit_per_sender_per_minute: int = 20
    max_body_bytes: int = 16_384
    clarify_candidates: int = 3
    clarify_min_confidence: float = 0.05
    log_level: str = "INFO"

    class Config:
        env_prefix = "AIZU_"
        env_file = ".env"

    def latest_model(self) -> Optional[Path]:
        """The configured model, or the newest archive in models_dir."""
        if self.model_path:
            return self.model_path
        archives = sorted(self.models_dir.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
        return archives[-1] if archives else None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (cached)."""
    return Settings()
