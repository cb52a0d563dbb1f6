"""Process-wide escalation store and account book, built on first use from settings."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any, Dict, Iterable, List

import redis

from bot.escalations.accounts import AccountBook
from bot.escalations.canned import CannedReplies
from bot.escalations.contact import NONE, last_resident_time, transcript
from bot.escalations.models import Escalation
from bot.escalations.store import EscalationStore
from bot.knowledge.base import Office
from bot.knowledge.yaml_source import read_yaml
from bot.redis_client import required_replicas, settings_client
from bot.settings import get_settings


class EscalationsUnavailable(RuntimeError):
    """No Redis is configured, so inquiries cannot be stored durably."""


@lru_cache(maxsize=1)
def _redis() -> redis.Redis:
    settings = get_settings()
    if not settings.redis_url:
        raise EscalationsUnavailable("AIZU_REDIS_URL is not set")
    return settings_client(settings)


@lru_cache(maxsize=1)
def get_store() -> EscalationStore:
    settings = get_settings()
    return EscalationStore(
        _redis(),
        settings.redis_prefix,
        settings.escalation_retention_days,
        replicas=required_replicas(settings),
        replica_timeout_ms=settings.redis_replica_timeout_ms,
    )


@lru_cache(maxsize=1)
def get_canned() -> CannedReplies:
    return CannedReplies(_redis(), get_settings().redis_prefix)


@lru_cache(maxsize=1)
def get_accounts() -> AccountBook:
    return AccountBook(get_settings().office_accounts_file)


@lru_cache(maxsize=1)
def mail_texts() -> Dict[str, str]:
    node = read_yaml(get_settings().data_dir / "ui" / "notifications.yml")
    return {"subject": str(node["subject"]), "body": str(node["body"])}


def build_escalation(
    receipt: str,
    sender_id: str,
    office: Office,
    topic: str | None,
    message: str,
    contact: str | None,
    events: Iterable[Dict[str, Any]],
    now: dt.datetime,
    safety: List[str] | None = None,
    urgent: bool = False,
    place: str | None = None,
) -> Escalation:
    """Assemble the record: consented contact kept, everything else masked; with a `place`, a report."""
    from bot.privacy import mask_pii

    events = list(events)
    shared = contact if contact and contact != NONE else None
    keep = [shared] if shared else []
    return Escalation(
        receipt=receipt,
        sender_id=sender_id,
        municipality=office.municipality,
        function=office.function,
        office_name=office.name,
        topic=topic,
        resident_message=mask_pii(message, keep=keep),
        transcript=transcript(events, keep=keep),
        consent=shared is not None,
        contact=shared,
        resident_at=last_resident_time(events),
        created_at=now,
        updated_at=now,
        safety=list(safety or []),
        urgent=urgent,
        kind="inquiry" if place is None else "report",
        place=None if place is None else mask_pii(place, keep=keep, allow=["address"]),  # where, not who
    )
