"""One typed settings object per process, read from environment variables (prefix AIZU_)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import List

from pydantic import BaseSettings

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """All configuration; see .env.example for one line per variable."""

    data_dir: Path = PROJECT_ROOT / "data"
    models_dir: Path = PROJECT_ROOT / "models"
    model_path: Path | None = None
    state_dir: Path = PROJECT_ROOT / ".state"
    # redis://host:6379/0, rediss:// for TLS, or Sentinel: redis+sentinel://h1:26379,h2:26379,h3:26379/<master>/<db>
    redis_url: str | None = None
    redis_sentinel_password: str | None = None
    # Replicas that must acknowledge (WAIT) an escalation, report or staff edit before it counts as saved;
    # unset = 1 under Sentinel, 0 with a single server.
    redis_min_replicas: int | None = None
    redis_replica_timeout_ms: int = 1000
    redis_prefix: str = "aizu"
    conversation_ttl_seconds: int = 7 * 24 * 3600
    # What one conversation keeps in Redis: its current session, at most this many events (about 40 turns);
    # older turns are replaced by the slots they set, so a turn costs the same at message 10 and 10,000.
    tracker_max_events: int = 400
    lock_ttl_seconds: int = 30
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    cors_origins: List[str] = []
    rate_limit_per_ip_per_minute: int = 60
    # Proxies whose X-Forwarded-For / X-Forwarded-Proto are believed (comma-separated addresses, or *):
    # behind a reverse proxy the client address, and so the per-address limit, is then the resident's.
    forwarded_allow_ips: str = "127.0.0.1"
    rate_limit_per_sender_per_minute: int = 20
    max_body_bytes: int = 16_384
    # Staff send up to two 4000-character texts (a note and a reply), by form or as escaped JSON.
    max_staff_body_bytes: int = 131_072
    # A staff form with all of a cell's facts, or all offices (Japanese is 9 bytes a character once form-encoded).
    cell_form_max_bytes: int = 262_144
    # An FAQ CSV staff upload on /staff/faq (a 700-entry list as Excel saves it is about 300 KB).
    faq_csv_max_bytes: int = 2_097_152
    # How long an uploaded CSV waits in Redis for its publish or cancel.
    faq_upload_ttl_seconds: int = 3600
    clarify_candidates: int = 3
    clarify_min_confidence: float = 0.05
    emergency_min_confidence: float = 0.3
    faq_choices: int = 3
    # Below this topic confidence, a municipality's own FAQ entries that the ranker offers are offered as
    # choices with the topic, instead of answering the topic (the fallback itself is at 0.35, config.yml).
    faq_over_topic: float = 0.5
    # Sudachi's synonym dictionary from npm (package.json); read when the model is trained.
    synonym_dictionary: Path = (
        PROJECT_ROOT / "node_modules" / "sudachi-synonyms-dictionary" / "sudachi-synonyms-dictionary.json"
    )
    log_level: str = "INFO"
    escalation_retention_days: int = 90
    office_accounts_file: Path = PROJECT_ROOT / ".state" / "office-accounts.json"
    session_ttl_seconds: int = 8 * 3600
    login_max_failures: int = 5
    login_lockout_seconds: int = 900
    notify_webhook_url: str | None = None
    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_from: str = "assistant@localhost"
    public_base_url: str = "http://127.0.0.1:8000"

    class Config:
        env_prefix = "AIZU_"
        env_file = ".env"

    def latest_model(self) -> Path | None:
        """The configured model, or the newest archive in models_dir."""
        if self.model_path:
            return self.model_path
        archives = sorted(self.models_dir.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
        return archives[-1] if archives else None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (cached)."""
    return Settings()
