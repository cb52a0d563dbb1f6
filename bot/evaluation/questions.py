"""Read evaluation questions from JSON lines or a CSV (as Excel saves it), with file:line problems.

Both formats carry the question, the expected label (a topic id, or an FAQ entry id in FAQ mode)
and optionally a municipality id. Every problem names the file, the line and the fix; all of them
are collected before anything is reported, so a file is fixed in one pass.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import unicodedata
from pathlib import Path
from typing import Any, Collection, Dict, List, Optional, Tuple

from bot.evaluation.datasets import LabelledQuestion
from bot.faq.csv_source import SAVE_AS_HINT, decode
from bot.knowledge.yaml_source import DataFileError, Problem

# Accepted spellings of each field (JSON keys and CSV headers, compared after NFKC + lower-case).
ALIASES: Dict[str, str] = {
    "question": "question",
    "text": "question",
    "質問": "question",
    "expected": "expected",
    "topic": "expected",
    "intent": "expected",
    "正解": "expected",
    "municipality": "municipality",
    "自治体": "municipality",
}
FORMAT_HINT = "columns/keys: question (or text), expected (or topic/intent), optional municipality"


def read_questions(path: Path) -> List[LabelledQuestion]:
    """Read a .jsonl or .csv file of labelled questions; raise DataFileError on any problem."""
    file = str(path)
    suffix = path.suffix.lower()
    if suffix not in {".jsonl", ".csv"}:
        raise DataFileError(
            [
                Problem(
                    file,
                    1,
                    f"unsupported file type '{path.suffix or '(none)'}'",
                    f"give a .csv file (saved from Excel) or a .jsonl file (one JSON object per line); {FORMAT_HINT}",
                )
            ]
        )
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DataFileError(
            [
                Problem(
                    file,
                    1,
                    f"cannot open the file: {error.strerror}",
                    "check the file name and that the file is closed in Excel",
                )
            ]
        ) from error
    text = decode(raw, file)
    questions = _parse_csv(text, file) if suffix == ".csv" else _parse_jsonl(text, file)
    if not questions:
        raise DataFileError(
            [Problem(file, 1, "the file holds no questions", f"add one question per line/row ({FORMAT_HINT})")]
        )
    return questions


def _key(name: str) -> str:
    return unicodedata.normalize("NFKC", name).strip().lower()


def _question(fields: Dict[str, str], line: int, file: str) -> Tuple[Optional[LabelledQuestion], List[Problem]]:
    problems = [
        Problem(file, line, f"the {name} is empty", f"write the {name} or delete the line")
        for name in ("question", "expected")
        if not fields.get(name)
    ]
    if problems:
        return None, problems
    expected = unicodedata.normalize("NFKC", fields["expected"])
    return LabelledQuestion(fields["question"], expected, fields.get("municipality") or None, line), []


def _parse_jsonl(text: str, file: str) -> List[LabelledQuestion]:
    questions: List[LabelledQuestion] = []
    problems: List[Problem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item: Any = json.loads(line)
        except ValueError as error:
            problems.append(
                Problem(
                    file,
                    number,
                    f"not a JSON object: {error}",
                    'write {"question": "...", "expected": "..."} on one line',
                )
            )
            continue
        if not isinstance(item, dict):
            problems.append(
                Problem(
                    file,
                    number,
                    "the line is not a JSON object",
                    'write {"question": "...", "expected": "..."} on one line',
                )
            )
            continue
        fields = {ALIASES[_key(k)]: str(v).strip() for k, v in item.items() if _key(k) in ALIASES and v is not None}
        question, found = _question(fields, number, file)
        problems.extend(found)
        if question is not None:
            questions.append(question)
    if problems:
        raise DataFileError(problems)
    return questions


def _header(row: List[str], file: str) -> Dict[str, int]:
    columns: Dict[str, int] = {}
    for index, cell in enumerate(row):
        name = ALIASES.get(_key(cell))
        if name is not None and name not in columns:
            columns[name] = index
    missing = [name for name in ("question", "expected") if name not in columns]
    if missing:
        raise DataFileError(
            [
                Problem(
                    file,
                    1,
                    f"required column(s) missing: {', '.join(missing)}",
                    f"put a header row first; {FORMAT_HINT}",
                )
            ]
        )
    return columns


def _parse_csv(text: str, file: str) -> List[LabelledQuestion]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        columns = _header(next(reader), file)
    except StopIteration:
        raise DataFileError([Problem(file, 1, "the file is empty", f"put a header row first; {FORMAT_HINT}")]) from None
    except csv.Error as error:
        raise DataFileError([Problem(file, 1, f"not a valid CSV header: {error}", SAVE_AS_HINT)]) from error
    questions: List[LabelledQuestion] = []
    problems: List[Problem] = []
    line = reader.line_num + 1
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                fields = {name: record[i].strip() if i < len(record) else "" for name, i in columns.items()}
                question, found = _question(fields, line, file)
                problems.extend(found)
                if question is not None:
                    questions.append(question)
            line = reader.line_num + 1
    except csv.Error as error:
        problems.append(
            Problem(file, line, f"the CSV is malformed here: {error}", 'check for a stray double quote (") in this row')
        )
    if problems:
        raise DataFileError(problems)
    return questions


def check_labels(questions: List[LabelledQuestion], known: Collection[str], file: str, what: str, fix: str) -> None:
    """Raise DataFileError listing every line whose expected label is not one of `known`."""
    problems = []
    for question in questions:
        if question.intent not in known:
            close = difflib.get_close_matches(question.intent, list(known), n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            problems.append(Problem(file, question.line, f"unknown {what} '{question.intent}'", hint + fix))
    if problems:
        raise DataFileError(problems)


def check_municipalities(questions: List[LabelledQuestion], known: Collection[str], file: str) -> None:
    """Raise DataFileError listing every line naming a municipality id that does not exist."""
    problems = [
        Problem(
            file,
            q.line,
            f"unknown municipality id '{q.municipality}'",
            f"use one of: {', '.join(sorted(known))} (or leave it empty)",
        )
        for q in questions
        if q.municipality and q.municipality not in known
    ]
    if problems:
        raise DataFileError(problems)
