"""The staff workbench's FAQ upload: a municipality's CSV previewed, then published live (no retraining)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Optional

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from bot.escalations.service import get_store
from bot.faq.csv_source import read_faq_bytes
from bot.faq.importer import ImportReport, import_rows
from bot.faq.preview import Preview, fingerprint, preview
from bot.faq.publication import FaqPublications, Publication
from bot.faq.store import active_entries, load_entries
from bot.knowledge.yaml_source import DataFileError, read_yaml
from bot.paths import faq_path
from bot.settings import get_settings
from connectors import faq_views as views
from connectors.deps import CurrentStaff, FaqPublicationsDep, FaqUploadsDep, ServicesDep, StaffPage, TemplatesDep
from connectors.errors import ApiError
from connectors.faq_uploads import HeldUpload
from connectors.office_auth import StaffSession, same_token
from connectors.routes.cells import labels as cells_labels

router = APIRouter(prefix="/staff/faq", tags=["staff"], include_in_schema=False)
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f]")
DONE = ("published", "unchanged", "cancelled")  # the notices after a redirect (data/ui/faq.yml, upload)


@lru_cache(maxsize=1)
def labels() -> Dict[str, Any]:
    return {**read_yaml(get_settings().data_dir / "ui" / "faq.yml"), "nav": cells_labels()["nav"]}


def _data_dir() -> Path:
    return get_settings().data_dir


def _own(services: ServicesDep, session: StaffSession, wanted: Optional[str], action: str) -> str:
    """The staff member's municipality; 404 (audited) when they ask for another one."""
    if services.assistant is None:
        raise ApiError(503)
    own = session.office_key.split("/")[0]
    if (wanted or own) != own or own not in services.assistant.knowledge.municipalities:
        get_store().audit(session.username, f"denied:faq-{action}", (wanted or own)[:80])
        raise ApiError(404)
    return own


def _checked_csrf(session: StaffSession, given: str) -> None:
    if not same_token(session.csrf, given):
        raise ApiError(403, "csrf")


def _published_text(municipality: str) -> Optional[str]:
    path = faq_path(_data_dir(), municipality)
    return path.read_text(encoding="utf-8") if path.exists() else None


def _preview(raw: bytes, file: str, municipality: str) -> Preview:
    """The importer's dry run of an upload against the published file; DataFileError lists its problems."""
    rows = read_faq_bytes(raw, municipality, file)
    target = faq_path(_data_dir(), municipality)
    report = ImportReport(municipality, file, str(target))
    return preview(load_entries(target), rows, file, dt.date.today(), report)


@dataclass(frozen=True)
class FaqPage:
    """The list page of one municipality, optionally with an upload's problems or a notice."""

    request: Request
    pages: Jinja2Templates
    services: ServicesDep
    publications: Optional[FaqPublications]
    session: StaffSession
    municipality: str

    def context(self) -> Dict[str, Any]:
        kb = self.services.assistant.knowledge if self.services.assistant else None
        return {
            "municipality": kb.municipalities[self.municipality].name if kb else self.municipality,
            "csrf": self.session.csrf,
            "text": labels(),
            "megabytes": f"{get_settings().faq_csv_max_bytes / 1_048_576:g}",
        }

    def render(self, status: int = 200, query: str = "", **extra: Any) -> Response:
        try:
            entries = active_entries(faq_path(_data_dir(), self.municipality))
        except DataFileError:  # shown as none; `python -m bot validate` names the problem
            entries = []
        found = self.publications
        context = {
            **self.context(),
            "total": len(entries),
            "entries": views.matching(entries, query),
            "query": query,
            "last_import": views.last_import(entries),
            "progress": views.progress_view(found.progress(self.municipality) if found else None),
            "history": views.history_rows(found.history(self.municipality) if found else []),
            "problems": [],
            "too_large": False,
            "notice": "",
            **extra,
        }
        return self.pages.TemplateResponse(self.request, "faq.html", context, status_code=status)

    def show(self, upload: HeldUpload, status: int = 200, stale: bool = False) -> Response:
        """The preview of a held upload against the file as it is now (its problems, if it became unusable)."""
        try:
            result = _preview(upload.raw, upload.file, self.municipality)
        except DataFileError as error:
            return self.render(422, problems=views.problem_rows(error.problems))
        context = {**self.context(), "token": upload.token, "file": upload.file, "result": result, "stale": stale}
        return self.pages.TemplateResponse(self.request, "faq_preview.html", context, status_code=status)


@router.get("", response_class=HTMLResponse)
async def list_page(
    request: Request,
    services: ServicesDep,
    session: StaffPage,
    pages: TemplatesDep,
    publications: FaqPublicationsDep,
    q: str = Query("", max_length=100),
    municipality: Optional[str] = Query(None, max_length=40),
    done: str = Query("", max_length=20),
) -> Response:
    """The published entries (searchable), the upload form, the progress of the last publish, the history."""
    own = _own(services, session, municipality, "view")
    notice = labels()["upload"][done] if done in DONE else ""
    return FaqPage(request, pages, services, publications, session, own).render(query=q, notice=notice)


def _file_name(upload: UploadFile) -> str:
    name = _UNSAFE_NAME.sub("", Path(upload.filename or "").name).strip()
    return name[:100] or "upload.csv"


@router.post("/upload")
async def upload(
    request: Request,
    services: ServicesDep,
    session: CurrentStaff,
    pages: TemplatesDep,
    publications: FaqPublicationsDep,
    uploads: FaqUploadsDep,
    csrf: str = Form(...),
    file: UploadFile = File(...),
) -> Response:
    """Hold the CSV and show what it would change; its problems (nothing held or written) otherwise."""
    _checked_csrf(session, csrf)
    own = _own(services, session, None, "upload")
    page = FaqPage(request, pages, services, publications, session, own)
    limit = get_settings().faq_csv_max_bytes
    raw = await file.read(limit + 1)
    if len(raw) > limit:
        return page.render(413, too_large=True)
    name = _file_name(file)
    try:
        _preview(raw, name, own)
    except DataFileError as error:
        return page.render(422, problems=views.problem_rows(error.problems))
    token = await uploads.hold(session.username, own, name, raw, fingerprint(_published_text(own)))
    return RedirectResponse(f"/staff/faq/uploads/{token}", status_code=303)


async def _held(uploads: FaqUploadsDep, session: StaffSession, municipality: str, token: str) -> HeldUpload:
    held = await uploads.find(token, session.username, municipality)
    if held is None:  # unknown, expired, or someone else's
        get_store().audit(session.username, "denied:faq-upload", municipality)
        raise ApiError(404)
    return held


@router.get("/uploads/{token}", response_class=HTMLResponse)
async def preview_page(
    token: str,
    request: Request,
    services: ServicesDep,
    session: StaffPage,
    pages: TemplatesDep,
    publications: FaqPublicationsDep,
    uploads: FaqUploadsDep,
) -> Response:
    """What publishing the held CSV would change: added, changed (before → after), retired, unchanged."""
    own = _own(services, session, None, "view")
    held = await _held(uploads, session, own, token)
    held = await uploads.rebase(held, fingerprint(_published_text(own)))
    return FaqPage(request, pages, services, publications, session, own).show(held)


@router.post("/uploads/{token}/publish")
async def publish(
    token: str,
    request: Request,
    services: ServicesDep,
    session: CurrentStaff,
    pages: TemplatesDep,
    publications: FaqPublicationsDep,
    uploads: FaqUploadsDep,
    csrf: str = Form(...),
) -> Response:
    """Write the held CSV with the importer, record it, and publish a new version for every worker."""
    _checked_csrf(session, csrf)
    own = _own(services, session, None, "publish")
    held = await _held(uploads, session, own, token)
    if fingerprint(_published_text(own)) != held.base:  # someone published since this preview: show it again
        held = await uploads.rebase(held, fingerprint(_published_text(own)))
        return FaqPage(request, pages, services, publications, session, own).show(held, 409, stale=True)
    try:
        report = import_rows(read_faq_bytes(held.raw, own, held.file), own, _data_dir(), held.file, dt.date.today())
    except DataFileError as error:  # the published file became unreadable since the preview
        page = FaqPage(request, pages, services, publications, session, own)
        return page.render(422, problems=views.problem_rows(error.problems))
    await uploads.drop(token)
    if not report.written:
        return RedirectResponse("/staff/faq?done=unchanged", status_code=303)
    if publications is not None:
        version = publications.publish(own)
        counts = (len(report.added), len(report.updated), len(report.retired), len(report.unchanged))
        publications.record(own, Publication(session.username, held.file, version, *counts))
    get_store().audit(session.username, "faq-publish", own)
    return RedirectResponse("/staff/faq?done=published", status_code=303)


@router.post("/uploads/{token}/cancel")
async def cancel(
    token: str,
    services: ServicesDep,
    session: CurrentStaff,
    uploads: FaqUploadsDep,
    csrf: str = Form(...),
) -> Response:
    """Forget the held CSV; nothing is written."""
    _checked_csrf(session, csrf)
    own = _own(services, session, None, "cancel")
    await uploads.drop((await _held(uploads, session, own, token)).token)
    return RedirectResponse("/staff/faq?done=cancelled", status_code=303)
