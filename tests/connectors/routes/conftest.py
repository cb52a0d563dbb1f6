"""One connector (two workers) for the FAQ upload's HTTP and browser tests, on a copy of data/."""

from __future__ import annotations

import shutil
import uuid

import pytest

from bot.settings import PROJECT_ROOT
from tests.connectors.test_handoff_and_inbox import add_user

FAQ_PREFIX = f"faq{uuid.uuid4().hex[:6]}"


@pytest.fixture(scope="session")
def faq_server(launch, server_env, tmp_path_factory):
    """The server, its data/ folder and Redis prefix; the HTTP tests use 湯川村, the browser test 北塩原村."""
    root = tmp_path_factory.mktemp("faqdata")
    shutil.copytree(PROJECT_ROOT / "data", root / "data")
    accounts = root / "accounts.json"
    for user, municipality in (("yugawa-faq", "yugawa"), ("showa-faq", "showa"), ("kitashiobara-faq", "kitashiobara")):
        add_user(accounts, user, municipality, "general")
    env = {
        **server_env,
        "AIZU_DATA_DIR": str(root / "data"),
        "AIZU_OFFICE_ACCOUNTS_FILE": str(accounts),
        "AIZU_REDIS_PREFIX": FAQ_PREFIX,
        "AIZU_WORKERS": "2",
        "AIZU_FAQ_CSV_MAX_BYTES": "20000",
    }
    return launch(env), root / "data"
