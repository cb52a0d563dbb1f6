"""What the workbench's editors share: the staff member's own municipality, CSRF, saving a section and publishing it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, List, Optional

from bot.escalations.service import get_store
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.freshness import reload_municipalities, version_key
from bot.knowledge.yaml_source import DataFileError
from bot.localfacts.history import CellHistory, Change
from bot.localfacts.saving import Saved, Section, StaleVersion, municipality_file, save_section
from bot.settings import get_settings
from connectors.errors import ApiError
from connectors.office_auth import StaffSession, same_token
from connectors.services import Services


def knowledge(services: Services) -> KnowledgeBase:
    """The live knowledge base; 503 while the assistant is not loaded."""
    if services.assistant is None:
        raise ApiError(503)
    return services.assistant.knowledge


def as_saved(kb: KnowledgeBase, municipality: str) -> KnowledgeBase:
    """The knowledge with the municipality's file as it is on disk now.

    A page shown right after a save must show it, even on a worker that has not reloaded yet (each
    re-checks at most once a second); a file that would not load leaves the live knowledge as it is.
    """
    try:
        return reload_municipalities(kb, [file_of(municipality)]) or kb
    except DataFileError:
        return kb


def own_municipality(
    session: StaffSession, kb: KnowledgeBase, wanted: Optional[str], denied: str, what: str, known: bool = True
) -> str:
    """The staff member's municipality when `wanted` is it (or not given) and `what` is `known`; else 404.

    The 404 is audited as `denied` with "<municipality>/<what>" ("yugawa/bulky_waste", "yugawa/offices").
    """
    own = session.office_key.split("/")[0]
    place = wanted or own
    if place != own or not known or own not in kb.municipalities:
        get_store().audit(session.username, f"denied:{denied}", f"{place}/{what[:80]}")
        raise ApiError(404)
    return own


def checked_csrf(session: StaffSession, given: str) -> None:
    """403 unless the form carries the session's CSRF token."""
    if not same_token(session.csrf, given):
        raise ApiError(403, "csrf")


def file_of(municipality: str) -> Path:
    """The municipality's knowledge file in the configured data folder."""
    return municipality_file(get_settings().data_dir, municipality)


@dataclass(frozen=True)
class Refused:
    """Why a save wrote nothing: someone saved first (409), or the whole file would not load (422)."""

    status: int
    general: List[str] = field(default_factory=list)

    @property
    def conflicted(self) -> bool:
        return self.status == 409


def try_save(municipality: str, section: Section, value: Any, version: str) -> Saved | Refused:
    """Write the section if the file is still at `version`."""
    try:
        return save_section(file_of(municipality), section, value, version)
    except StaleVersion:
        return Refused(409)
    except DataFileError as error:
        return Refused(422, [p.message for p in error.problems])


@dataclass(frozen=True)
class Publisher:
    """Record a save in the history, publish the new knowledge version to every worker, audit it."""

    services: Services
    history: Optional[CellHistory]
    session: StaffSession
    municipality: str
    audit_name: str  # "cell", "offices"

    async def publish(self, section: Section, saved: Saved, action: str, reverts: Optional[str] = None) -> None:
        if self.history is not None:
            change = Change(self.session.username, action, saved.before, saved.after, reverts)
            self.history.record(self.municipality, section.key, change)
        await self.services.redis.incr(version_key(self.services.settings.redis_prefix))
        get_store().audit(self.session.username, f"{self.audit_name}-{action}", f"{self.municipality}/{section.key}")

    async def revert(self, section: Section, change_id: str, version: str) -> Saved | Refused:
        """Put back what a recorded change replaced (the revert is itself recorded); 404 for an unknown change."""
        change = self.history.find(self.municipality, section.key, change_id[:40]) if self.history else None
        if change is None:
            raise ApiError(404)
        outcome = try_save(self.municipality, section, change.before, version)
        if isinstance(outcome, Saved):
            await self.publish(section, outcome, "revert", change.id)
        return outcome
