"""Build a project copy in which one municipality imported the open 661-entry FAQ, and train it."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import List

from bot.faq.open_corpus import OpenFaq, load_corpus
from bot.settings import PROJECT_ROOT

OPEN = PROJECT_ROOT / "data" / "faq" / "open"


def write_csv(path: Path, entries: List[OpenFaq], encoding: str = "cp932") -> Path:
    """The entries as a staff CSV (Shift_JIS by default, as Excel saves it)."""
    with path.open("w", encoding=encoding, errors="replace", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "question", "answer", "category"])
        for entry in entries:
            writer.writerow([entry.id, entry.question, entry.answer, entry.category or ""])
    return path


def import_csv(sheet: Path, municipality: str, data_dir: Path) -> str:
    """Run the staff import command; returns its output (raises when it fails)."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot",
            "import",
            "--municipality",
            municipality,
            str(sheet),
            "--data-dir",
            str(data_dir),
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "AIZU_DATA_DIR": str(data_dir)},
        timeout=300,
    )
    if result.returncode != 0:
        raise AssertionError(result.stdout + result.stderr)
    return result.stdout


def project_with_open_faq(root: Path, municipality: str = "yugawa") -> Path:
    """config.yml, domain.yml and a copy of data/ under `root`, with the open FAQ imported."""
    shutil.copytree(PROJECT_ROOT / "data", root / "data")
    for name in ("config.yml", "domain.yml"):
        shutil.copy(PROJECT_ROOT / name, root / name)
    import_csv(
        write_csv(root / f"{municipality}-faq.csv", load_corpus(OPEN / "corpus.json")), municipality, root / "data"
    )
    return root


def copy_project(project: Path, root: Path) -> Path:
    """A copy of a project's files (not its models) under `root`, for a module that changes its data."""
    shutil.copytree(project, root / "project", ignore=shutil.ignore_patterns("models", ".rasa"))
    return root / "project"


def train_project(root: Path) -> Path:
    """`train` in the copy (only the FAQ ranker retrains; the rest comes from Rasa's cache)."""
    from bot.engine.training import train

    started = time.monotonic()
    model = train(root, root / "models")
    print(f"training with the imported FAQ took {time.monotonic() - started:.0f} s")
    return model
