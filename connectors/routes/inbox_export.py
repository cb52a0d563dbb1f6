"""The inbox list, filtered as on the page, as a CSV file for Excel."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter
from fastapi.responses import Response

from bot.escalations.export import csv_text
from bot.knowledge.office_hours import JST
from connectors import inbox_views as views
from connectors.deps import InboxFilterDep, StaffPage, StoreDep

router = APIRouter(prefix="/inbox", tags=["office inbox"], include_in_schema=False)


@router.get("/export.csv")
async def export_csv(session: StaffPage, store: StoreDep, wanted: InboxFilterDep) -> Response:
    """Download what the list shows under the same filter (masked texts, no contact details)."""
    now = dt.datetime.now(dt.timezone.utc)
    shown = views.office_listing(store, session.office_key, wanted).shown
    store.audit(session.username, f"export:{len(shown)}", "*", now)
    name = f"inbox-{session.office_key.replace('/', '-')}-{now.astimezone(JST):%Y%m%d-%H%M}.csv"
    return Response(
        csv_text(views.csv_header(), [views.csv_row(e, now) for e in shown]).encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"},
    )
