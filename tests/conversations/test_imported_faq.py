"""The open 661-entry FAQ imported as one municipality's list, answered in chat for that municipality only."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import uuid

import pytest

from bot.settings import PROJECT_ROOT, get_settings
from bot.staff.open_corpus import load_corpus, load_queries

pytestmark = pytest.mark.slow
OPEN = PROJECT_ROOT / "data" / "faq" / "open"


@pytest.fixture(scope="module")
def data_with_faq(tmp_path_factory):
    """A copy of data/ where 湯川村 imported the open FAQ through the staff command."""
    root = tmp_path_factory.mktemp("faqdata")
    shutil.copytree(PROJECT_ROOT / "data", root / "data")
    sheet = root / "yugawa-faq.csv"
    with sheet.open("w", encoding="cp932", errors="replace", newline="") as handle:  # as Excel saves it
        writer = csv.writer(handle)
        writer.writerow(["id", "question", "answer", "category"])
        for entry in load_corpus(OPEN / "corpus.json"):
            writer.writerow([entry.id, entry.question, entry.answer, entry.category or ""])
    result = subprocess.run([sys.executable, "-m", "bot", "import", "--municipality", "yugawa", str(sheet),
                             "--data-dir", str(root / "data")], cwd=PROJECT_ROOT, capture_output=True, text=True,
                            env={**os.environ, "AIZU_DATA_DIR": str(root / "data")}, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "data"


@pytest.fixture(scope="module")
def faq_assistant(data_with_faq, trained_model):
    from bot import faq_answers
    from bot.knowledge import cache
    from bot.runtime import Assistant

    previous = os.environ.get("AIZU_DATA_DIR")
    os.environ["AIZU_DATA_DIR"] = str(data_with_faq)
    for clear in (get_settings.cache_clear, cache.get_knowledge.cache_clear,
                  faq_answers.municipality_index.cache_clear):
        clear()
    yield Assistant.load(trained_model)
    if previous is None:
        os.environ.pop("AIZU_DATA_DIR", None)
    else:
        os.environ["AIZU_DATA_DIR"] = previous
    for clear in (get_settings.cache_clear, cache.get_knowledge.cache_clear,
                  faq_answers.municipality_index.cache_clear):
        clear()


async def test_development_queries_are_answered_from_the_imported_faq(faq_assistant):
    queries = load_queries(OPEN / "development.json")
    right = wrong = 0
    for query in queries:
        result = await faq_assistant.handle(f"faq-{uuid.uuid4().hex[:10]}", query.text, "yugawa")
        faq_id = result.meta.get("faq_id")
        if faq_id == query.expected:
            right += 1
        elif faq_id is not None:
            wrong += 1
    print(f"answered from the FAQ: right={right} wrong={wrong} of {len(queries)}")
    assert right / len(queries) >= 0.75
    assert wrong / max(right + wrong, 1) <= 0.1


async def test_another_municipality_never_gets_that_faq(faq_assistant):
    for query in load_queries(OPEN / "development.json")[:30]:
        result = await faq_assistant.handle(f"faq-{uuid.uuid4().hex[:10]}", query.text, "showa")
        assert "faq_id" not in result.meta
