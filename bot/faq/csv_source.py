"""Read a municipality's FAQ CSV (as Excel saves it) into validated rows.

Every problem names the file, the line and how to fix it; all problems in the file
are collected before anything is reported, so staff can fix them in one pass.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from bot.knowledge.yaml_source import DataFileError, Problem

REQUIRED = ("id", "question", "answer")
OPTIONAL = ("category", "office", "url", "municipality")

# Header spellings staff use (compared after NFKC folding and lower-casing).
HEADER_ALIASES: Dict[str, str] = {
    "id": "id",
    "question": "question",
    "質問": "question",
    "answer": "answer",
    "回答": "answer",
    "category": "category",
    "カテゴリ": "category",
    "カテゴリー": "category",
    "office": "office",
    "担当": "office",
    "担当課": "office",
    "url": "url",
    "municipality": "municipality",
    "自治体": "municipality",
}

SAVE_AS_HINT = "in Excel choose Save As > 'CSV UTF-8 (comma delimited)' (or 'CSV (comma delimited)') and import again"
_URL = re.compile(r"^https?://\S+$")


@dataclass(frozen=True)
class FaqRow:
    """One validated CSV row; `line` is where the record starts in the file."""

    line: int
    id: str
    question: str
    answer: str
    category: Optional[str] = None
    office: Optional[str] = None
    url: Optional[str] = None


def _mostly_utf8(raw: bytes) -> bool:
    """True when the bytes are UTF-8 with a few broken bytes (not Shift_JIS)."""
    text = raw.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    return good >= 10 * bad


def decode(raw: bytes, file: str) -> str:
    """UTF-8 (with or without BOM), else Shift_JIS/CP932 as Excel writes it."""
    offset = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0
    try:
        return raw[offset:].decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        position = offset + utf8_error.start
    if not _mostly_utf8(raw):
        try:
            return raw.decode("cp932")
        except UnicodeDecodeError as cp932_error:
            position = max(position, cp932_error.start)
    line = raw.count(b"\n", 0, position) + 1
    byte = raw[position : position + 1].hex()
    raise DataFileError(
        [Problem(file, line, f"cannot read the file: byte 0x{byte} is neither UTF-8 nor Shift_JIS", SAVE_AS_HINT)]
    )


def _header_key(cell: str) -> str:
    return unicodedata.normalize("NFKC", cell).strip().lower()


def _map_header(header: List[str], file: str) -> Tuple[Dict[str, int], List[Problem]]:
    problems: List[Problem] = []
    columns: Dict[str, int] = {}
    for index, cell in enumerate(header):
        key = _header_key(cell)
        if not key:
            continue
        name = HEADER_ALIASES.get(key)
        if name is None:
            problems.append(
                Problem(
                    file,
                    1,
                    f"unknown column '{cell.strip()}'",
                    f"rename it to one of: {', '.join(REQUIRED + OPTIONAL)} (or delete the column)",
                )
            )
        elif name in columns:
            problems.append(Problem(file, 1, f"column '{name}' appears twice", "keep one of the two columns"))
        else:
            columns[name] = index
    for name in REQUIRED:
        if name not in columns:
            problems.append(
                Problem(
                    file,
                    1,
                    f"required column '{name}' is missing",
                    f"add a column headed '{name}' (columns needed: {', '.join(REQUIRED)})",
                )
            )
    return columns, problems


def _cell(record: List[str], columns: Dict[str, int], name: str) -> str:
    index = columns.get(name)
    if index is None or index >= len(record):
        return ""
    return record[index].replace("\r\n", "\n").replace("\r", "\n").strip()


def _check_row(
    record: List[str], line: int, columns: Dict[str, int], municipality: str, file: str
) -> Tuple[Optional[FaqRow], List[Problem]]:
    problems: List[Problem] = []
    mapped = set(columns.values())
    if any(cell.strip() for index, cell in enumerate(record) if index not in mapped):
        problems.append(
            Problem(
                file,
                line,
                "the row has a cell under no column header",
                "check for an unquoted comma in a cell, or add a header for the extra column",
            )
        )
    row_id = unicodedata.normalize("NFKC", _cell(record, columns, "id"))
    values = {name: _cell(record, columns, name) for name in ("question", "answer", "category", "office", "url")}
    if not row_id:
        problems.append(Problem(file, line, "the id is empty", "give every row a unique id (e.g. 1, 2, 3 or faq-001)"))
    for name in ("question", "answer"):
        if not values[name]:
            problems.append(Problem(file, line, f"the {name} is empty", f"write the {name} or delete the row"))
    if values["url"] and not _URL.match(values["url"]):
        problems.append(
            Problem(
                file,
                line,
                f"url '{values['url']}' is not a full web address",
                "write it starting with https:// or http://, or leave it empty",
            )
        )
    named = _cell(record, columns, "municipality")
    if named and named != municipality:
        problems.append(
            Problem(
                file,
                line,
                f"the row is for municipality '{named}', not '{municipality}'",
                f"import it with --municipality {named}, or remove the row from this file",
            )
        )
    if problems:
        return None, problems
    return FaqRow(
        line,
        row_id,
        values["question"],
        values["answer"],
        values["category"] or None,
        values["office"] or None,
        values["url"] or None,
    ), []


def parse_rows(text: str, municipality: str, file: str) -> List[FaqRow]:
    """Validate decoded CSV text; raise DataFileError listing every problem."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise DataFileError(
            [Problem(file, 1, "the file is empty", f"put a header row ({', '.join(REQUIRED)}) and one row per FAQ")]
        ) from None
    except csv.Error as error:
        raise DataFileError([Problem(file, 1, f"not a valid CSV header: {error}", SAVE_AS_HINT)]) from error
    columns, problems = _map_header(header, file)
    if problems:
        raise DataFileError(problems)
    rows: List[FaqRow] = []
    first_line: Dict[str, int] = {}
    line = reader.line_num + 1
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                row, row_problems = _check_row(record, line, columns, municipality, file)
                problems.extend(row_problems)
                if row is not None and row.id in first_line:
                    problems.append(
                        Problem(
                            file,
                            line,
                            f"id '{row.id}' is already used on line {first_line[row.id]}",
                            "give each row its own id",
                        )
                    )
                elif row is not None:
                    first_line[row.id] = line
                    rows.append(row)
            line = reader.line_num + 1
    except csv.Error as error:
        problems.append(
            Problem(file, line, f"the CSV is malformed here: {error}", 'check for a stray double quote (") in this row')
        )
    if not rows and not problems:
        problems.append(
            Problem(
                file,
                2,
                "the file has a header but no FAQ rows",
                "add one row per FAQ below the header (an empty file would retire every entry)",
            )
        )
    if problems:
        raise DataFileError(problems)
    return rows


def read_faq_csv(path: Path, municipality: str) -> List[FaqRow]:
    """Read and validate a FAQ CSV file for one municipality."""
    file = str(path)
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
    return read_faq_bytes(raw, municipality, file)


def read_faq_bytes(raw: bytes, municipality: str, file: str) -> List[FaqRow]:
    """Decode and validate a FAQ CSV's bytes (a file, or one uploaded); `file` names it in problems."""
    return parse_rows(decode(raw, file), municipality, file)
