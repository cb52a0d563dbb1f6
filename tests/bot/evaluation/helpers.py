"""A tiny project (four topics, eight examples each, the real pipeline) for evaluation tests."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Iterable, List

import rasa.shared.utils.io

from bot.evaluation.cross_validation import override_epochs
from bot.evaluation.datasets import examples_by_intent, read_examples
from bot.settings import PROJECT_ROOT

TOPICS = ("resident_certificate", "bulky_waste", "library", "snow_removal")
DOMAIN = """\
version: "3.1"
intents: [{intents}]
responses:
  utter_ok:
  - text: ok
"""
RULES = """\
version: "3.1"
rules:
- rule: any topic
  steps:
  - intent: {intent}
  - action: utter_ok
"""


def _trim_safety_examples(directory: Path, keep: int) -> None:
    """Keep the first `keep` lines of each safety example file: the tiny project tests the tooling, and
    fitting the safety classifier on every example would be most of its training time."""
    for path in directory.glob("*.jsonl"):
        lines = path.read_text(encoding="utf-8").splitlines()[:keep]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def tiny_project(root: Path, per_topic: int = 8, epochs: int = 2, safety_examples: int = 150) -> Path:
    """config.yml (the project's pipeline, few epochs), domain.yml, data/{nlu,rules,municipalities,safety,faq/settings}.

    The safety patterns are the project's; the safety classifier learns from the first
    `safety_examples` examples of each file only.
    """
    config = rasa.shared.utils.io.read_config_file(str(PROJECT_ROOT / "config.yml"))
    (root / "data" / "nlu").mkdir(parents=True)
    rasa.shared.utils.io.write_yaml(override_epochs(config, epochs), root / "config.yml")
    shutil.copytree(PROJECT_ROOT / "data" / "municipalities", root / "data" / "municipalities")
    shutil.copytree(PROJECT_ROOT / "data" / "safety", root / "data" / "safety")
    _trim_safety_examples(root / "data" / "safety" / "examples", safety_examples)
    shutil.copytree(PROJECT_ROOT / "data" / "faq" / "settings", root / "data" / "faq" / "settings")
    lines = ['version: "3.1"', "nlu:"]
    known = examples_by_intent(read_examples(PROJECT_ROOT / "data" / "nlu" / "topics"))
    for topic in TOPICS:
        examples = known[topic][:per_topic]
        lines += [f"- intent: {topic}", "  examples: |"] + [f"    - {e.text}" for e in examples]
    (root / "data" / "nlu" / "topics.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "domain.yml").write_text(DOMAIN.format(intents=", ".join(TOPICS)), encoding="utf-8")
    (root / "data" / "rules").mkdir()
    (root / "data" / "rules" / "rules.yml").write_text(RULES.format(intent=TOPICS[0]), encoding="utf-8")
    return root


def write_rows(path: Path, header: List[str], rows: Iterable[List[str]], encoding: str = "utf-8") -> Path:
    """A CSV file with a header row."""
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def run_cli(args: List[str], state_dir: Path) -> subprocess.CompletedProcess:
    """`python -m bot ARGS` in a subprocess, as CI would run it."""
    env = {**os.environ, "AIZU_STATE_DIR": str(state_dir), "TF_CPP_MIN_LOG_LEVEL": "3"}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=600
    )
