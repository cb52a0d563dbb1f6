"""FAQ mode end to end: import a municipality's CSV into a copy of the project, train, rank every query.

The real data/ is never touched: config.yml, domain.yml and data/ are copied into a temporary
folder, the CSV is imported there, and the model is trained there. Training uses the project's
Rasa cache, so when the project was trained before only the FAQ ranker is trained again.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, List, Optional

from bot.evaluation.datasets import LabelledQuestion
from bot.evaluation.faq import EntryInfo, FaqReport, faq_prediction, parse_grades
from bot.evaluation.questions import check_labels, read_questions
from bot.faq.importer import ImportReport
from bot.knowledge.yaml_source import DataFileError, Problem


@dataclass
class FaqRun:
    """The report plus how it was obtained."""

    report: FaqReport
    imported: ImportReport
    smoke: bool  # the entries' own questions were the queries


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def copy_project(root: Path, config: Path, target: Path) -> Path:
    """A copy of what training reads: config.yml, domain.yml and data/."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(config, target / "config.yml")
    shutil.copyfile(root / "domain.yml", target / "domain.yml")
    shutil.copytree(root / "data", target / "data")
    return target


def imported_entries(data_dir: Path, municipality: str) -> Dict[str, EntryInfo]:
    """The municipality's published entries after the import."""
    from bot.faq.store import active_entries
    from bot.paths import faq_path

    return {e.id: EntryInfo(e.question, e.category) for e in active_entries(faq_path(data_dir, municipality))}


def smoke_queries(entries: Dict[str, EntryInfo]) -> List[LabelledQuestion]:
    """Each entry's own question as a query expecting that entry (line = position in the import)."""
    return [
        LabelledQuestion(info.question, entry_id, None, number)
        for number, (entry_id, info) in enumerate(entries.items(), start=1)
    ]


def check_query_municipalities(questions: List[LabelledQuestion], municipality: str, file: str) -> None:
    """Queries naming another municipality do not belong in this municipality's evaluation."""
    problems = [
        Problem(
            file,
            q.line,
            f"the query is for municipality '{q.municipality}', not '{municipality}'",
            f"remove the row, or leave its municipality empty, or run with --municipality {q.municipality}",
        )
        for q in questions
        if q.municipality and q.municipality != municipality
    ]
    if problems:
        raise DataFileError(problems)


async def _rank(model: Path, queries: List[LabelledQuestion], report: FaqReport) -> None:
    from rasa.core.agent import Agent
    from tqdm import tqdm

    agent = Agent.load(str(model))
    warm_up = await agent.parse_message(queries[0].text)  # untimed: the first parse builds TensorFlow's graph
    if "faq" not in warm_up:
        raise RuntimeError("the trained pipeline has no bot.nlu.faq_ranker.FaqRanker: add it to the config")
    for query in tqdm(queries, desc="ranking", unit="q", file=sys.stderr, disable=None, leave=False):
        started = time.perf_counter()
        parsed = await agent.parse_message(query.text)
        report.predictions.append(faq_prediction(query, parsed, report.municipality, time.perf_counter() - started))


def evaluate_faq(
    root: Path,
    config: Path,
    csv_path: Path,
    municipality: str,
    questions_path: Optional[Path],
    progress: Callable[[str], None] = _progress,
) -> FaqRun:
    """Import `csv_path` for `municipality` into a copy of `root`, train there and rank every query."""
    from bot.engine.training import environment, train
    from bot.faq.importer import import_csv

    questions = read_questions(questions_path) if questions_path else None
    with tempfile.TemporaryDirectory(prefix="aizu-faq-eval-") as work:
        project = copy_project(root, config, Path(work) / "project")
        imported = import_csv(csv_path, municipality, project / "data", dt.date.today())
        progress("\n".join(imported.lines()))
        entries = imported_entries(project / "data", municipality)
        if questions is not None and questions_path is not None:
            graded = [
                LabelledQuestion(q.text, i, q.municipality, q.line) for q in questions for i in parse_grades(q.intent)
            ]
            check_labels(  # every graded id of every query (a query labelled `none` has none)
                graded,
                entries,
                str(questions_path),
                "FAQ entry id",
                f"use an id from the id column of {csv_path.name}",
            )
            check_query_municipalities(questions, municipality, str(questions_path))
        queries = questions or smoke_queries(entries)
        progress("training (with the project's cache only the FAQ ranker is trained again when the rest is unchanged)")
        cache = os.environ.get("RASA_CACHE_DIRECTORY") or str(root.resolve() / ".rasa" / "cache")
        with environment(RASA_CACHE_DIRECTORY=cache):
            model = train(project, project / "models")
        progress(f"ranking {len(queries)} queries")
        report = FaqReport(municipality, entries)
        asyncio.run(_rank(model, queries, report))
    return FaqRun(report, imported, questions is None)
