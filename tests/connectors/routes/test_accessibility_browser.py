"""Every staff and inbox page passes axe-core's checks in Chromium (axe from node_modules, injected; no network)."""

from __future__ import annotations

import pytest
import redis

from bot.escalations.store import EscalationStore
from bot.settings import PROJECT_ROOT
from tests.connectors.routes.conftest import PREFIX, staff_in_chromium
from tests.connectors.routes.test_inbox import seed

pytestmark = [pytest.mark.slow, pytest.mark.browser]
AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
RUN = """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations.map(
  v => `${v.id} (${v.impact}): ${v.help}\\n    ` + v.nodes.map(n => n.target.join(" ") + " " + n.failureSummary).join("\\n    ")
)"""


def violations(page) -> list:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate(RUN)


def test_no_staff_or_inbox_page_has_an_axe_violation(cells_server, browser, redis_server):
    server, _ = cells_server
    with redis.Redis.from_url(redis_server.url) as client:
        receipt = seed(EscalationStore(client, PREFIX, retention_days=90), office="kitakata/general").receipt
    found = {}
    login = browser.new_page()
    login.goto(f"{server.url}/inbox/login")
    found["/inbox/login"] = violations(login)
    errors: list = []
    staff = staff_in_chromium(browser, server, "kitakata-staff", errors)
    for path in (
        "/inbox",
        f"/inbox/{receipt}",
        "/inbox/replies",
        "/staff",
        "/staff/coverage",
        "/staff/cells",
        "/staff/cells/bulky_waste",
        "/staff/cells/appliance_recycling",  # an override of a regional Q&A entry in its editor
        "/staff/offices",
    ):
        assert staff.goto(f"{server.url}{path}").status == 200, path
        found[path] = violations(staff)
    report = "\n".join(f"{path}:\n  " + "\n  ".join(v) for path, v in found.items() if v)
    assert not report, f"axe-core found violations:\n{report}"
    assert errors == []
