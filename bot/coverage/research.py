"""What was searched for each municipality × topic cell (data/research/<id>.yml), found or not."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Dict, List, Literal, Optional

from bot.knowledge.models import Strict
from bot.knowledge.yaml_source import DataFileError, Problem, parse, read_yaml

Verdict = Literal["found", "nothing_public"]


class SearchedCell(Strict):
    """One cell's search: the queries tried, the best pages seen, the verdict."""

    verdict: Verdict
    queries: List[str] = []
    pages: List[str] = []
    note: Optional[str] = None


class ResearchRecord(Strict):
    """One municipality's search pass."""

    municipality: str
    searched: dt.date
    cells: Dict[str, SearchedCell] = {}


def research_dir(data_dir: Path) -> Path:
    """The folder of the research records."""
    return data_dir / "research"


def load_research(data_dir: Path) -> Dict[str, ResearchRecord]:
    """Every record by municipality id (raises DataFileError naming file and line)."""
    records: Dict[str, ResearchRecord] = {}
    problems: List[Problem] = []
    for path in sorted(research_dir(data_dir).glob("*.yml")):
        try:
            record = parse(path, read_yaml(path), ResearchRecord)
        except DataFileError as error:
            problems.extend(error.problems)
            continue
        if record.municipality != path.stem:
            problems.append(
                Problem(
                    str(path),
                    1,
                    f"municipality '{record.municipality}' differs from the file name",
                    f"rename the file to {record.municipality}.yml",
                )
            )
        records[path.stem] = record
    if problems:
        raise DataFileError(problems)
    return records


def check_research(data_dir: Path, municipalities: List[str], topics: List[str]) -> List[Problem]:
    """Records name known municipalities and topics."""
    try:
        records = load_research(data_dir)
    except DataFileError as error:
        return list(error.problems)
    problems = []
    for municipality, record in records.items():
        path = str(research_dir(data_dir) / f"{municipality}.yml")
        if municipality not in municipalities:
            problems.append(
                Problem(path, 1, f"unknown municipality '{municipality}'", f"use one of: {', '.join(municipalities)}")
            )
        problems += [
            Problem(path, 1, f"unknown topic '{topic}'", "use a topic id of docs/topics.txt")
            for topic in record.cells
            if topic not in topics
        ]
    return problems
