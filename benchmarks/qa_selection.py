"""Choose the regional Q&A selection thresholds on development questions (benchmarks/qa_dev.jsonl).

Each line: {"topic", "text", "expected": entry id or null (a general question: the topic's answer)}.
Prints, for a grid of min_score × min_margin, the share of questions handled right, the wrong entries
answered and the entries missed, so the setting can be taken from the middle of the good region.
Run: .venv/bin/python -m benchmarks.qa_selection [--show]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bot.knowledge.base import load_knowledge
from bot.qa.selection import decide, topic_index
from bot.settings import PROJECT_ROOT

DEV = Path(__file__).with_name("qa_dev.jsonl")


def main() -> None:
    """Score every development question once, then sweep the two thresholds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print each question's top two entries")
    args = parser.parse_args()
    kb = load_knowledge(PROJECT_ROOT / "data")
    book = kb.qa
    assert book.settings is not None
    rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    scored = []
    for row in rows:
        index = topic_index(book, row["topic"], kb.label(row["topic"]))
        assert index is not None, row["topic"]
        scores = index.scores(row["text"], book.settings)
        scored.append((row, scores))
        if args.show:
            print(row["expected"], "|", row["text"], "|", scores[:2])
    print("min_score min_margin  right  wrong_entry  missed_entry")
    for min_score in (0.3, 0.4, 0.5, 0.6, 0.7):
        for min_margin in (0.05, 0.1, 0.15, 0.2, 0.3):
            settings = book.settings.copy(update={"min_score": min_score, "min_margin": min_margin})
            picks = [(row["expected"], decide(scores, settings)) for row, scores in scored]
            right = sum(expected == pick for expected, pick in picks)
            wrong = sum(pick is not None and pick != expected for expected, pick in picks)
            missed = sum(expected is not None and pick is None for expected, pick in picks)
            print(f"{min_score:9} {min_margin:10} {right:4}/{len(picks)} {wrong:12} {missed:13}")


if __name__ == "__main__":
    main()
