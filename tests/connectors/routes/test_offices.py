"""The office editor over real HTTP and in Chromium, on the workbench server of tests/connectors/routes/conftest.py.

Staff change their municipality's departments, phones and hours; each bad value comes back next to its
field, a stale save is refused with the typed values kept, other municipalities get 404 (audited), and
residents get the new phone within seconds on every worker, without a restart; history and revert.
"""

from __future__ import annotations

import time
import uuid
from html.parser import HTMLParser

import httpx
import pytest

from bot.settings import PROJECT_ROOT
from tests.connectors.routes.conftest import ask_in_widget, hidden, staff_in_chromium
from tests.connectors.test_handoff_and_inbox import login

pytestmark = pytest.mark.slow
QUESTION = "粗大ごみを出したい"
OLD_PHONE = (
    "0241-24-5285"  # 市民生活課 環境政策推進室, which handles 粗大ごみ in 喜多方市 (data/municipalities/kitakata.yml)
)
SOURCE = "https://www.city.kitakata.fukushima.jp/soshiki/kankyo/test-offices.html"


class FormFields(HTMLParser):
    """The fields a browser would send for the page's first POST form (checked boxes, selected options)."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.values: dict = {}
        self._forms = 0
        self._textarea = self._select = None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._forms += 1
        if self._forms != 1:
            return
        if tag == "input" and (attrs.get("type") != "checkbox" or "checked" in attrs):
            self.values[attrs["name"]] = attrs.get("value") or ""
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self.values[self._textarea] = ""
        elif tag == "select":
            self._select = attrs["name"]
        elif tag == "option" and self._select and (self._select not in self.values or "selected" in attrs):
            self.values[self._select] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        self._textarea = None if tag == "textarea" else self._textarea
        self._select = None if tag == "select" else self._select

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data


def department_key(page: str, name: str) -> str:
    form = FormFields(page).values
    return next(k[: -len("-name")] for k, v in form.items() if k.endswith("-name") and v == name)


def editing(server):
    """kitakata-staff's client, the form name of the department that handles 粗大ごみ, and the form as shown."""
    staff, _ = login(server, "kitakata-staff")
    page = staff.get("/staff/offices").text
    return staff, department_key(page, "市民生活課 環境政策推進室"), FormFields(page).values


def ask(server, text: str = QUESTION) -> str:
    body = {"sender_id": f"o-{uuid.uuid4().hex[:10]}", "message": text, "municipality": "kitakata"}
    reply = httpx.post(f"{server.url}/api/chat", json=body, timeout=30).json()
    return "\n".join(m["text"] for m in reply["messages"])


def phone_within(server, phone: str, seconds: float = 5.0) -> float:
    """Seconds until 4 residents in a row (fresh connections, so both workers) are given this phone."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if all(f"電話 {phone}" in ask(server) for _ in range(4)):
            return time.monotonic() - start
        time.sleep(0.3)
    raise AssertionError(f"the answer did not show {phone} within {seconds} s")


def test_only_the_own_municipality_may_see_or_change_its_offices_and_denials_are_audited(cells_server, audit):
    server, data = cells_server
    path = data / "municipalities" / "kitakata.yml"
    before = path.read_text(encoding="utf-8")
    assert httpx.get(f"{server.url}/staff/offices", follow_redirects=False).headers["location"] == "/inbox/login"
    own, _ = login(server, "kitakata-staff")
    page = own.get("/staff/offices")
    assert page.status_code == 200 and "市民生活課 環境政策推進室" in page.text and OLD_PHONE in page.text
    form = FormFields(page.text).values
    other, _ = login(server, "showa-staff")
    assert other.get("/staff/offices?municipality=kitakata").status_code == 404
    showa_csrf = hidden(other.get("/staff/offices").text, "csrf")
    for path_ in ("/staff/offices", "/staff/offices/revert"):
        attempt = other.post(path_, data={**form, "csrf": showa_csrf, "change": "x"})
        assert attempt.status_code == 404 and attempt.json()["error"]["code"] == "not_found"
    denied = {(e["user"], e["action"], e["receipt"]) for e in audit() if e["action"].startswith("denied:offices")}
    assert denied >= {
        ("showa-staff", f"denied:offices-{action}", "kitakata/offices") for action in ("view", "save", "revert")
    }
    forged = own.post("/staff/offices", data={**form, "csrf": "forged"})
    assert forged.status_code == 403 and forged.json()["error"]["code"] == "csrf"
    assert own.post("/staff/offices/revert", data={**form, "change": "x", "csrf": "forged"}).status_code == 403
    assert own.post("/staff/offices/revert", data={**form, "change": "nope"}).status_code == 404
    for broken in ({"dept-count": "x"}, {"dept-count": "9999"}):
        response = own.post("/staff/offices", data={**form, **broken})
        assert response.status_code == 422 and response.json()["error"]["code"] == "invalid_fields"
    assert httpx.post(f"{server.url}/staff/offices", data=form).status_code == 401
    assert path.read_text(encoding="utf-8") == before


def test_each_bad_value_is_shown_next_to_its_field_and_nothing_is_written(cells_server):
    server, data = cells_server
    path = data / "municipalities" / "kitakata.yml"
    before = path.read_text(encoding="utf-8")
    staff, key, form = editing(server)
    form.update({f"{key}-phone": "24-5285", f"{key}-hours-weekdays": "8:30から", "main-seen": "2026/12/01"})
    form.update({"dept-new-name": "消費生活センター", "dept-new-function": "environment"})
    refused = staff.post("/staff/offices", data=form)
    assert refused.status_code == 422
    for field, text in [
        (f"{key}-phone", "ハイフンつき"),
        (f"{key}-hours-weekdays", "08:30-17:15 のように"),
        ("main-seen", "年-月-日"),
        ("dept-new-function", "ほかの担当課が受け持っています"),
        ("dept-new-source", "入力してください"),
    ]:
        assert f'aria-describedby="problem-{field}"' in refused.text, field
        assert text in refused.text.split(f'id="problem-{field}"')[1].split("</p>")[0], field
    assert FormFields(refused.text).values[f"{key}-hours-weekdays"] == "8:30から"  # nothing typed is lost
    assert path.read_text(encoding="utf-8") == before


def test_a_new_phone_reaches_every_worker_a_stale_save_is_refused_and_revert_restores_the_file(cells_server, audit):
    server, data = cells_server
    path = data / "municipalities" / "kitakata.yml"
    original = path.read_text(encoding="utf-8")
    project = PROJECT_ROOT / "data" / "municipalities" / "kitakata.yml"
    project_before = project.read_text(encoding="utf-8")  # the server edits its own copy (other tests' edits too)
    staff, key, form = editing(server)
    stale = {**form, f"{key}-phone": "0241-24-7777"}
    saved = staff.post("/staff/offices", data={**form, f"{key}-phone": "0241-24-1234", f"{key}-source": SOURCE})
    assert saved.status_code == 303 and saved.headers["location"] == "/staff/offices?saved=1"
    written = path.read_text(encoding="utf-8")
    gone = [line for line in original.splitlines() if line not in written.splitlines()]
    added = [line for line in written.splitlines() if line not in original.splitlines()]
    assert gone == [f'    phone: "{OLD_PHONE}"', "    source: https://mykoho.jp/article/072087/9874759/9938606"]
    assert added == ['    phone: "0241-24-1234"', f"    source: {SOURCE}"]
    assert phone_within(server, "0241-24-1234") < 5

    conflict = staff.post("/staff/offices", data=stale)
    assert conflict.status_code == 409 and "0241-24-7777" in conflict.text  # what was typed is shown
    assert FormFields(conflict.text).values[f"{key}-phone"] == "0241-24-1234"  # the form holds the file now
    assert path.read_text(encoding="utf-8") == written

    page = staff.get("/staff/offices").text
    assert f"departments.environment.phone: {OLD_PHONE}" in page and "kitakata-staff" in page
    change = hidden(page.split('<table class="inbox history">')[1], "change")
    revert = {"csrf": hidden(page, "csrf"), "version": hidden(page, "version"), "change": change}
    assert staff.post("/staff/offices/revert", data=revert).status_code == 303
    assert path.read_text(encoding="utf-8") == original  # byte for byte
    phone_within(server, OLD_PHONE)
    actions = [e["action"] for e in audit() if e["receipt"] == "kitakata/offices" and e["user"] == "kitakata-staff"]
    assert actions[-2:] == ["offices-save", "offices-revert"]
    assert project.read_text(encoding="utf-8") == project_before  # the repository's data/ is never written


@pytest.mark.browser
def test_in_chromium_a_new_department_phone_reaches_the_widget_without_a_restart(cells_server, browser):
    server, _ = cells_server
    errors: list = []
    staff = staff_in_chromium(browser, server, "kitakata-staff", errors)
    staff.goto(f"{server.url}/staff/cells")
    staff.get_by_role("link", name="担当課・電話・開庁時間").click()
    department = staff.get_by_role("group", name="市民生活課 環境政策推進室")
    department.get_by_label("電話番号").fill("0241-24-55")
    staff.get_by_role("button", name="保存して公開").click()
    assert "ハイフンつき" in department.get_by_role("alert").inner_text()
    department.get_by_label("電話番号").fill("0241-24-5555")
    staff.get_by_role("button", name="保存して公開").click()
    staff.get_by_role("status").wait_for()
    assert staff.get_by_role("group", name="市民生活課 環境政策推進室").get_by_label("電話番号").input_value() == (
        "0241-24-5555"
    )

    time.sleep(1.2)  # each worker re-checks the knowledge at most once a second
    ask_in_widget(browser, server, "kitakata", QUESTION, errors).get_by_text("電話 0241-24-5555", exact=False).wait_for(
        timeout=20_000
    )
    assert errors == []
