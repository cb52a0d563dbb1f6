"""A municipality's own answers to the regional Q&A, edited in the cell editor, over real HTTP.

A real connector (two workers) and redis-server on a copy of data/: the editor lists the topic's shared
entries with what a resident sees now; bad fields come back next to their field; other municipalities get
404 (audited); a save reaches residents on every worker without a restart, is recorded and can be reverted.
"""

from __future__ import annotations

import re
import time
import uuid

import httpx
import pytest

from tests.connectors.routes.conftest import ask_in_widget, hidden, staff_in_chromium
from tests.connectors.test_handoff_and_inbox import login

pytestmark = pytest.mark.slow
TOPIC = "bulky_waste"
ENTRY = "bulky_waste.pc"
QUESTION = "古いパソコンはどうやって処分しますか"
OWN_ANSWER = "昭和村では、使わなくなったパソコンを役場の窓口で無料で回収しています（試験用）。"
SOURCE = "https://www.vill.showa.fukushima.jp/test-pc.html"


def ask(server, municipality: str = "showa", text: str = QUESTION) -> str:
    body = {"sender_id": f"q-{uuid.uuid4().hex[:10]}", "message": text, "municipality": municipality}
    reply = httpx.post(f"{server.url}/api/chat", json=body, timeout=30).json()
    return "\n".join(m["text"] for m in reply["messages"])


def answers_within(server, wanted: bool, seconds: float = 5.0) -> float:
    """Seconds until 4 residents in a row (fresh connections, so both workers) get the own answer, or not."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if all((OWN_ANSWER in ask(server)) == wanted for _ in range(4)):
            return time.monotonic() - start
        time.sleep(0.3)
    raise AssertionError(f"the answer did not {'show' if wanted else 'drop'} the override within {seconds} s")


def qa_form(page: str, **values: str) -> dict:
    """The Q&A form of a cell page as it is, with `values` for ENTRY ("answer", "source", "seen", "note")."""
    form = {name: hidden(page.split('<section id="qa"')[1], name) for name in ("csrf", "version", "municipality")}
    section = page.split('<section id="qa"')[1]
    for entry in re.findall(r'<fieldset class="qa-entry" data-entry="([^"]+)">', section):
        for field in ("answer", "note", "source", "seen"):
            found = re.search(
                rf'name="{field}-{re.escape(entry)}"[^>]*?(?:value="([^"]*)"|>([^<]*)</textarea>)', section
            )
            form[f"{field}-{entry}"] = (found.group(1) or found.group(2) or "") if found else ""
    form.update({f"{k}-{ENTRY}": v for k, v in values.items()})
    return form


def test_the_editor_and_the_grid_list_the_regional_entries_with_what_residents_see(cells_server, knowledge):
    server, _ = cells_server
    staff, _ = login(server, "showa-staff")
    page = staff.get(f"/staff/cells/{TOPIC}").text
    section = page.split('<section id="qa"')[1]
    entries = re.findall(r'<fieldset class="qa-entry" data-entry="([^"]+)">', section)
    assert entries == [e.id for e in knowledge.qa.by_topic[TOPIC]]
    regional = knowledge.qa.entries[ENTRY].answer.strip()
    assert regional in section  # the shared answer, and the resident's view of it
    assert section.count(regional) >= 2 and "昭和村" in section
    preview = page.split('<section class="preview"')[1].split("</section>")[0]
    assert knowledge.topics[TOPIC].label in preview and "0241-57-2111" in preview  # the chat's topic answer
    grid = staff.get("/staff/cells").text
    listed = re.findall(r'<tr data-entry="([^"]+)">', grid)
    assert sorted(listed) == sorted(knowledge.qa.entries)
    assert grid.count('<details class="preview">') == len(knowledge.topics) + len(knowledge.qa.entries)
    ask(server)
    ordered = re.findall(r'<tr data-entry="([^"]+)">', staff.get("/staff/cells").text)
    assert ordered[0] == ENTRY  # the entry residents asked for comes first


def test_bad_fields_are_shown_next_to_them_and_nothing_is_written(cells_server):
    server, data = cells_server
    path = data / "municipalities" / "showa.yml"
    before = path.read_text(encoding="utf-8")
    staff, _ = login(server, "showa-staff")
    page = staff.get(f"/staff/cells/{TOPIC}").text
    form = qa_form(page, answer=OWN_ANSWER, source="www.vill.showa.fukushima.jp", seen="2026-13-01")
    refused = staff.post(f"/staff/cells/{TOPIC}/qa", data=form)
    assert refused.status_code == 422
    assert re.search(rf'id="source-{ENTRY}"[^>]*aria-invalid="true"', refused.text)
    assert f'id="problem-source-{ENTRY}"' in refused.text and "https:// で始まるURL" in refused.text
    assert f'id="problem-seen-{ENTRY}"' in refused.text and OWN_ANSWER in refused.text
    neither = staff.post(f"/staff/cells/{TOPIC}/qa", data=qa_form(page, source=SOURCE, seen="2026-12-01"))
    assert neither.status_code == 422 and "独自の回答か補足のどちらか" in neither.text
    unsourced = staff.post(f"/staff/cells/{TOPIC}/qa", data=qa_form(page, answer=OWN_ANSWER))
    assert unsourced.status_code == 422 and f'id="problem-source-{ENTRY}"' in unsourced.text
    assert path.read_text(encoding="utf-8") == before
    forged = staff.post(f"/staff/cells/{TOPIC}/qa", data={**form, "csrf": "forged"})
    assert forged.status_code == 403 and forged.json()["error"]["code"] == "csrf"
    missing = staff.post(f"/staff/cells/{TOPIC}/qa", data={"csrf": form["csrf"]})
    assert missing.status_code == 422 and missing.headers["content-type"].startswith("application/json")
    assert httpx.post(f"{server.url}/staff/cells/{TOPIC}/qa", data=form).status_code == 401
    assert httpx.post(f"{server.url}/staff/cells/{TOPIC}/qa/revert", data=form).status_code == 401


def test_other_municipalities_and_unknown_topics_get_404_and_are_audited(cells_server, audit):
    server, data = cells_server
    before = (data / "municipalities" / "showa.yml").read_text(encoding="utf-8")
    own, _ = login(server, "showa-staff")
    form = qa_form(own.get(f"/staff/cells/{TOPIC}").text, answer=OWN_ANSWER, source=SOURCE, seen="2026-12-01")
    other, _ = login(server, "yugawa-staff")
    csrf = hidden(other.get(f"/staff/cells/{TOPIC}").text, "csrf")
    attempt = other.post(f"/staff/cells/{TOPIC}/qa", data={**form, "csrf": csrf})
    assert attempt.status_code == 404 and attempt.json()["error"]["code"] == "not_found"
    revert = other.post(f"/staff/cells/{TOPIC}/qa/revert", data={**form, "csrf": csrf, "change": "x"})
    assert revert.status_code == 404
    assert own.post("/staff/cells/no_such_topic/qa", data=form).status_code == 404
    assert (data / "municipalities" / "showa.yml").read_text(encoding="utf-8") == before
    denied = [(e["user"], e["action"], e["receipt"]) for e in audit() if e["action"].startswith("denied:qa")]
    assert ("yugawa-staff", "denied:qa-save", f"showa/{TOPIC}") in denied
    assert ("yugawa-staff", "denied:qa-revert", f"showa/{TOPIC}") in denied
    assert ("showa-staff", "denied:qa-save", "showa/no_such_topic") in denied


def test_a_save_is_answered_live_a_stale_save_is_refused_and_revert_restores_the_file(cells_server, audit):
    server, data = cells_server
    path = data / "municipalities" / "showa.yml"
    original = path.read_text(encoding="utf-8")
    assert OWN_ANSWER not in ask(server)
    staff, _ = login(server, "showa-staff")
    page = staff.get(f"/staff/cells/{TOPIC}").text
    stale = qa_form(page, answer="もう一人の職員が書いた回答です。", source=SOURCE, seen="2026-12-02")

    saved = staff.post(
        f"/staff/cells/{TOPIC}/qa", data=qa_form(page, answer=OWN_ANSWER, source=SOURCE, seen="2026-12-01")
    )
    assert saved.status_code == 303 and saved.headers["location"] == f"/staff/cells/{TOPIC}?saved=1#qa"
    written = path.read_text(encoding="utf-8")
    assert f"qa:\n  {ENTRY}:\n    answer: {OWN_ANSWER}\n    source: {SOURCE}\n    seen: 2026-12-01\n" in written
    assert written.startswith(original.rstrip("\n"))  # the rest of the file as it was
    assert answers_within(server, wanted=True) < 5
    cell = staff.get(f"/staff/cells/{TOPIC}").text
    section = cell.split('<section id="qa"')[1]
    assert section.count(OWN_ANSWER) >= 2  # in its field and in what residents see
    grid = staff.get("/staff/cells").text
    row = grid.split(f'<tr data-entry="{ENTRY}">')[1].split("</tr>")[0]
    assert OWN_ANSWER in row  # the grid shows it too

    conflict = staff.post(f"/staff/cells/{TOPIC}/qa", data=stale)
    assert conflict.status_code == 409 and "もう一人の職員が書いた回答です。" in conflict.text
    assert hidden(conflict.text, "version") != stale["version"] and path.read_text(encoding="utf-8") == written

    change = re.search(r'<tr data-change="([0-9a-f]+)">', section).group(1)
    form = {"csrf": hidden(cell, "csrf"), "version": hidden(cell, "version"), "change": change}
    assert staff.post(f"/staff/cells/{TOPIC}/qa/revert", data={**form, "csrf": "forged"}).status_code == 403
    assert staff.post(f"/staff/cells/{TOPIC}/qa/revert", data={**form, "change": "nope"}).status_code == 404
    assert staff.post(f"/staff/cells/{TOPIC}/qa/revert", data=form).status_code == 303
    assert path.read_text(encoding="utf-8") == original  # byte for byte
    answers_within(server, wanted=False)
    history = re.findall(
        r'<tr data-change="[0-9a-f]+"><td>[^<]*</td><td>([^<]*)</td><td>([^<]*)</td>',
        staff.get(f"/staff/cells/{TOPIC}").text.split('<section id="qa"')[1],
    )
    assert history == [("showa-staff", "元に戻した"), ("showa-staff", "保存")]
    actions = [e["action"] for e in audit() if e["receipt"] == f"showa/qa:{TOPIC}"]
    assert actions[-2:] == ["qa-save", "qa-revert"]


@pytest.mark.browser
def test_in_chromium_an_own_answer_reaches_the_widget_without_a_restart(cells_server, browser):
    server, _ = cells_server
    own = "喜多方市では、古いパソコンを市役所の回収箱に無料で出せます（ブラウザ試験用）。"
    errors: list = []
    staff = staff_in_chromium(browser, server, "kitakata-staff", errors)
    staff.goto(f"{server.url}/staff/cells")
    staff.locator(f'tr[data-entry="{ENTRY}"] a').click()
    entry = staff.locator(f'fieldset[data-entry="{ENTRY}"]')
    entry.get_by_label("独自の回答").fill(own)
    entry.get_by_label("出典URL").fill("not-a-url")
    entry.get_by_label("確認日").fill("2026-12-03")
    staff.get_by_role("button", name="独自の回答・補足を保存・公開").click()
    assert "http:// か https:// で始まるURL" in entry.locator(f'[id="problem-source-{ENTRY}"]').inner_text()
    assert entry.get_by_label("独自の回答").input_value() == own  # nothing typed is lost
    entry.get_by_label("出典URL").fill("https://www.city.kitakata.fukushima.jp/test-pc.html")
    staff.get_by_role("button", name="独自の回答・補足を保存・公開").click()
    staff.get_by_role("status").wait_for()
    assert own in entry.locator(".resident-view").text_content()  # what residents see now, after the edit

    time.sleep(1.2)  # each worker re-checks the knowledge at most once a second
    ask_in_widget(browser, server, "kitakata", QUESTION, errors).get_by_text(own, exact=False).wait_for(timeout=20_000)
    assert errors == []


@pytest.mark.browser
def test_in_chromium_a_second_editor_is_told_of_the_first_save_and_a_revert_puts_it_back(cells_server, browser):
    server, data = cells_server
    path = data / "municipalities" / "showa.yml"
    original = path.read_text(encoding="utf-8")
    entry_id = "bulky_waste.how_to"
    errors: list = []
    first = staff_in_chromium(browser, server, "showa-staff", errors)
    second = staff_in_chromium(browser, server, "showa-staff", errors)
    for page in (first, second):
        page.goto(f"{server.url}/staff/cells/{TOPIC}")
    for page, text in ((first, "最初の職員の回答です（試験用）。"), (second, "二人目の職員の回答です（試験用）。")):
        entry = page.locator(f'fieldset[data-entry="{entry_id}"]')
        entry.get_by_role("textbox", name="独自の回答").fill(text)
        entry.get_by_label("出典URL").fill(SOURCE)
        entry.get_by_label("確認日").fill("2026-12-04")
    first.get_by_role("button", name="独自の回答・補足を保存・公開").click()
    first.get_by_role("status").wait_for()
    second.get_by_role("button", name="独自の回答・補足を保存・公開").click()
    conflict = second.locator("#qa .conflict")
    assert "二人目の職員の回答です（試験用）。" in conflict.inner_text()  # what the second typed is not lost
    shown = second.locator(f'fieldset[data-entry="{entry_id}"]').get_by_role("textbox", name="独自の回答").input_value()
    assert shown == "最初の職員の回答です（試験用）。"  # the form now holds what was saved first
    assert "二人目" not in path.read_text(encoding="utf-8")

    first.reload()
    first.locator("#qa tr[data-change]").first.get_by_role("button", name="この変更の前に戻す").click()
    first.get_by_role("status").wait_for()
    assert path.read_text(encoding="utf-8") == original
    assert (
        first.locator(f'fieldset[data-entry="{entry_id}"]').get_by_role("textbox", name="独自の回答").input_value()
        == ""
    )
    assert errors == []
