"""Tell an office about a new escalation: webhook and/or e-mail (no personal data in either)."""

from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage
from typing import Dict, List

import httpx

from bot.escalations.models import Escalation
from bot.settings import Settings

logger = logging.getLogger(__name__)


def notification(escalation: Escalation, settings: Settings) -> Dict[str, str]:
    """The payload: what and where, never the resident's words or contact."""
    return {
        "receipt": escalation.receipt,
        "municipality": escalation.municipality,
        "function": escalation.function,
        "office": escalation.office_name,
        "topic": escalation.topic or "",
        "created_at": escalation.created_at.isoformat(),
        "inbox_url": f"{settings.public_base_url}/inbox/{escalation.receipt}",
    }


def send_webhook(url: str, payload: Dict[str, str]) -> None:
    httpx.post(url, json=payload, timeout=5).raise_for_status()


def send_mail(settings: Settings, recipients: List[str], subject: str, body: str) -> None:
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = ", ".join(recipients)
    message["Subject"] = subject
    message.set_content(body)
    with smtplib.SMTP(settings.smtp_host or "localhost", settings.smtp_port, timeout=10) as smtp:
        smtp.send_message(message)


def notify(
    escalation: Escalation, settings: Settings, recipients: List[str], subject: str, body_template: str
) -> List[str]:
    """Send what is configured; return the channels that failed (logged, never raised)."""
    payload = notification(escalation, settings)
    failed: List[str] = []
    if settings.notify_webhook_url:
        try:
            send_webhook(settings.notify_webhook_url, payload)
        except httpx.HTTPError as error:
            logger.warning("webhook failed for %s: %s", escalation.receipt, type(error).__name__)
            failed.append("webhook")
    if settings.smtp_host and recipients:
        try:
            send_mail(settings, recipients, subject.format(**payload), body_template.format(**payload))
        except (OSError, smtplib.SMTPException) as error:
            logger.warning("mail failed for %s: %s", escalation.receipt, type(error).__name__)
            failed.append("mail")
    return failed
