"""Dependency aliases for routes."""

from __future__ import annotations

from typing import Annotated, Optional

from fastapi import Depends, Header, Request
from fastapi.security import APIKeyCookie
from fastapi.templating import Jinja2Templates

from bot.escalations.accounts import AccountBook
from bot.escalations.canned import CannedReplies
from bot.escalations.listing import InboxFilter
from bot.escalations.service import get_accounts, get_canned, get_store
from bot.escalations.store import EscalationStore
from bot.faq.publication import FaqPublications, get_publications
from bot.localfacts.history import CellHistory
from bot.localfacts.service import get_cell_history
from connectors.errors import ApiError, LoginRequired
from connectors.faq_uploads import FaqUploads
from connectors.inbox_query import inbox_filter
from connectors.office_auth import SESSION_COOKIE, StaffSession
from connectors.services import Services
from connectors.templating import templates


def get_services(request: Request) -> Services:
    """The services built in the lifespan."""
    return request.app.state.services  # type: ignore[no-any-return]


async def get_templates() -> Jinja2Templates:
    """The page templates (connectors/templates), loaded on first use."""
    return templates()


ServicesDep = Annotated[Services, Depends(get_services)]
TemplatesDep = Annotated[Jinja2Templates, Depends(get_templates)]
StoreDep = Annotated[EscalationStore, Depends(get_store)]
CannedDep = Annotated[CannedReplies, Depends(get_canned)]
AccountsDep = Annotated[AccountBook, Depends(get_accounts)]
CellHistoryDep = Annotated[Optional[CellHistory], Depends(get_cell_history)]
FaqPublicationsDep = Annotated[Optional[FaqPublications], Depends(get_publications)]
InboxFilterDep = Annotated[InboxFilter, Depends(inbox_filter)]
# The office session as an OpenAPI security scheme (the cookie the inbox login sets); checked by the routes.
office_session = APIKeyCookie(name=SESSION_COOKIE, auto_error=False, description="set by POST /inbox/login")
SessionCookie = Annotated[Optional[str], Depends(office_session)]
# The session's CSRF token (shown on the inbox pages): every JSON route that changes something answers 403
# without it or with a wrong one (optional in the document so that its absence is a 403, like a wrong one).
CsrfHeader = Annotated[
    Optional[str], Header(alias="X-CSRF-Token", description="the session's CSRF token; missing or wrong: 403")
]


async def current_staff(services: ServicesDep, token: SessionCookie = None) -> StaffSession:
    """The logged-in staff member of a JSON or form route; 401 without a valid session."""
    session = await services.sessions.get(token)
    if session is None:
        raise ApiError(401, "unauthorized")
    return session


async def staff_page(services: ServicesDep, token: SessionCookie = None) -> StaffSession:
    """The logged-in staff member of an HTML page; without a session the browser goes to the login page."""
    session = await services.sessions.get(token)
    if session is None:
        raise LoginRequired()
    return session


CurrentStaff = Annotated[StaffSession, Depends(current_staff)]
StaffPage = Annotated[StaffSession, Depends(staff_page)]


def get_faq_uploads(services: ServicesDep) -> FaqUploads:
    """The FAQ CSVs staff uploaded and have not yet published or cancelled."""
    return FaqUploads(services.redis, services.settings.redis_prefix, services.settings.faq_upload_ttl_seconds)


FaqUploadsDep = Annotated[FaqUploads, Depends(get_faq_uploads)]
