"""The OpenAPI document is a true contract: Schemathesis, with every check, against the real connector.

Schemathesis's CLI runs against a connector process (uvicorn, the trained model, a real redis-server) with
an office session, so the inbox routes are tried logged in as well as without the cookie (`ignored_auth`).
Every generated request must get an answer the document allows: schema-valid ones accepted, invalid ones
refused with a 4xx, every body, header and status as documented, never a 5xx.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Dict

import httpx
import pytest
import redis

from bot.escalations.store import EscalationStore
from tests.connectors.routes.test_inbox import seed
from tests.connectors.test_handoff_and_inbox import add_user, login

pytestmark = pytest.mark.slow
schemathesis = pytest.importorskip("schemathesis", reason="schemathesis (requirements.lock) is not installed")
# Cases per operation and phase (the whole run stays well under 90 s on two cores), and the seed; both can be
# raised from the environment for a longer search.
EXAMPLES = int(os.environ.get("AIZU_CONTRACT_EXAMPLES", "12"))
SEED = int(os.environ.get("AIZU_CONTRACT_SEED", "17"))
CONFIG = Path(__file__).with_name("schemathesis.toml")
PREFIX = f"contract{uuid.uuid4().hex[:6]}"  # its escalations, canned replies and votes apart from the others


@pytest.fixture(scope="module")
def contract_server(launch, server_env, tmp_path_factory):
    accounts = tmp_path_factory.mktemp("contract-accounts") / "accounts.json"
    add_user(accounts, "contract-kankyo", "kitakata", "environment")
    return launch({**server_env, "AIZU_OFFICE_ACCOUNTS_FILE": str(accounts), "AIZU_REDIS_PREFIX": PREFIX})


@pytest.fixture()
def escalation(redis_server):
    """An escalation of the session's office, written where the connector reads (as a hand-off writes it)."""
    with redis.Redis.from_url(redis_server.url) as client:
        yield seed(EscalationStore(client, PREFIX, retention_days=90), office="kitakata/environment")


def run_schemathesis(server, variables: Dict[str, str], report: Path) -> subprocess.CompletedProcess:
    command = [
        str(Path(sys.executable).with_name("st")),
        "--config-file",
        str(CONFIG),
        "run",
        f"{server.url}/openapi.json",
        "--checks",
        "all",
        "--max-examples",
        str(EXAMPLES),
        "--seed",
        str(SEED),
        "--workers",
        "1",
        "--generation-database",
        "none",
        "--report",
        "ndjson",
        "--report-ndjson-path",
        str(report),
        "--no-color",
    ]
    env = {**os.environ, **variables}
    # in the test's folder: Schemathesis keeps a cache (.schemathesis/) in its working directory
    return subprocess.run(command, cwd=report.parent, env=env, capture_output=True, text=True, timeout=300)


def statuses(report: Path) -> list[int]:
    """The status code of every response Schemathesis recorded."""
    found = []
    for line in report.read_text().splitlines():
        found += [int(s) for s in re.findall(r'"status_code":\s*(\d{3})', line)]
    return found


def test_every_generated_request_gets_a_documented_answer(contract_server, escalation, tmp_path):
    client, response = login(contract_server, "contract-kankyo")
    assert response.status_code == 303
    variables = {
        "AIZU_CONTRACT_SESSION": client.cookies["aizu_office"],
        "AIZU_CONTRACT_CSRF": re.search(r'name="csrf" value="([^"]+)"', client.get("/inbox").text).group(1),
        "AIZU_CONTRACT_RECEIPT": escalation.receipt,
        "AIZU_CONTRACT_SENDER": escalation.sender_id,
    }
    report = tmp_path / "events.ndjson"

    result = run_schemathesis(contract_server, variables, report)

    (tmp_path / "schemathesis.txt").write_text(result.stdout)
    failures = result.stdout.find("FAILURES")
    summary = result.stdout[failures : failures + 8000] if failures >= 0 else result.stdout[-3000:]
    assert result.returncode == 0, summary
    seen = statuses(report)
    assert len(seen) > 200, summary  # a real run, not an empty one
    assert not [s for s in seen if s >= 500], summary
    assert {200, 401, 404, 422} <= set(seen), sorted(set(seen))  # answers, missing session, unknown ids, bad fields
    assert "Missing test data" not in summary  # the escalation's routes were tried on a real one


def test_the_document_names_the_ids_and_rules_the_server_checks(contract_server, knowledge):
    document = httpx.get(f"{contract_server.url}/openapi.json").json()
    chat = document["paths"]["/api/chat"]["post"]
    assert chat["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("/ChatRequest")
    request = document["components"]["schemas"]["ChatRequest"]["properties"]
    assert request["municipality"]["anyOf"][0]["enum"] == list(knowledge.municipalities)
    assert request["sender_id"]["pattern"] == "^[A-Za-z0-9_-]{8,64}$"
    error = {"$ref": "#/components/schemas/ErrorBody"}
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for status, answer in operation["responses"].items():
                if status.startswith(("4", "5")) and path != "/readyz":
                    assert answer["content"]["application/json"]["schema"] == error, (method, path, status)
    assert json.dumps(document).count("HTTPValidationError") == 0
