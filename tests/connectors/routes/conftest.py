"""The workbench servers: one for the cell and office editor tests, one for the FAQ upload's tests. Each is a
real connector (two workers) with redis-server on its own copy of data/, with staff accounts of three
municipalities."""

from __future__ import annotations

import json
import re
import shutil
import uuid

import pytest
import redis

from bot.settings import PROJECT_ROOT
from tests.connectors.conftest import OPEN_CLIENTS
from tests.connectors.test_handoff_and_inbox import PASSWORD, add_user

PREFIX = f"cells{uuid.uuid4().hex[:6]}"


@pytest.fixture(scope="session")
def cells_server(launch, server_env, tmp_path_factory):
    root = tmp_path_factory.mktemp("cellsdata")
    shutil.copytree(PROJECT_ROOT / "data", root / "data")
    accounts = root / "accounts.json"
    for municipality in ("yugawa", "showa", "kitakata"):
        add_user(accounts, f"{municipality}-staff", municipality, "general")
    for user, municipality in (("bandai-faq", "bandai"), ("showa-faq", "showa"), ("kitashiobara-faq", "kitashiobara")):
        add_user(accounts, user, municipality, "general")
    env = {
        **server_env,
        "AIZU_DATA_DIR": str(root / "data"),
        "AIZU_OFFICE_ACCOUNTS_FILE": str(accounts),
        "AIZU_REDIS_PREFIX": PREFIX,
        "AIZU_WORKERS": "2",
        "AIZU_FAQ_CSV_MAX_BYTES": "20000",
    }
    return launch(env, keep=True), root / "data"


@pytest.fixture()
def audit(redis_server):
    client = OPEN_CLIENTS.opened(redis.Redis.from_url(redis_server.url))
    return lambda: [json.loads(x) for x in client.lrange(f"{PREFIX}:audit", 0, -1)]


def hidden(page: str, name: str) -> str:
    """The value of a hidden field of the page."""
    return re.search(rf'name="{name}" value="([^"]*)"', page).group(1)


def staff_in_chromium(browser, server, username: str, errors: list):
    """A Chromium page logged in as `username` through the login form; page errors go to `errors`."""
    page = browser.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server.url}/inbox/login")
    page.get_by_label("ユーザー名").fill(username)
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    return page


def ask_in_widget(browser, server, municipality: str, question: str, errors: list):
    """A resident's phone-sized widget on the municipality's demo page, with the question sent."""
    resident = browser.new_page(viewport={"width": 390, "height": 844})
    resident.on("pageerror", lambda e: errors.append(str(e)))
    resident.goto(f"{server.url}/demo/{municipality}")
    resident.get_by_role("button", name="チャットで質問").click()
    box = resident.get_by_label("質問を入力（例: 住民票がほしい）")
    box.fill(question)
    box.press("Enter")
    return resident.get_by_role("log")


FAQ_PREFIX = PREFIX  # the FAQ upload tests share the workbench server (their municipalities: 磐梯町, 北塩原村)


@pytest.fixture(scope="session")
def faq_server(cells_server):
    """The workbench server, also for the FAQ upload: the HTTP tests use 磐梯町, the browser test 北塩原村."""
    return cells_server
