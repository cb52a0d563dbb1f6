"""Choose the thresholds of the search over every topic's entries (bot/qa/region.py) on benchmarks/qa_dev.jsonl.

Every development question is searched as if its topic were unknown. For a grid of min_score ×
min_margin it prints how many entries would be answered, how many of them are the expected one
(precision) and the share of the questions that expect an entry answered right (coverage); a general
question (expected null) answered with an entry counts as wrong. Then, with the configured answer
thresholds, how often the expected entry is among the offered choices.
Run: .venv/bin/python -m benchmarks.qa_region [--show] [--cue-weight W]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bot.knowledge.base import load_knowledge
from bot.qa.region import decide_region, region_index
from bot.settings import PROJECT_ROOT

DEV = Path(__file__).with_name("qa_dev.jsonl")


def main() -> None:
    """Score every development question once over all entries, then sweep the answer thresholds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print each question's top three entries")
    parser.add_argument("--cue-weight", type=float, default=None, help="instead of region.cue_weight")
    parser.add_argument("--dev", type=Path, default=DEV, help="JSON lines {text, expected}")
    args = parser.parse_args()
    book = load_knowledge(PROJECT_ROOT / "data").qa
    assert book.settings is not None and book.settings.region is not None
    region = book.settings.region
    cue_weight = region.cue_weight if args.cue_weight is None else args.cue_weight
    index = region_index(book)
    assert index is not None
    rows = [json.loads(line) for line in args.dev.read_text(encoding="utf-8").splitlines() if line.strip()]
    scored = [
        (
            row,
            index.scores(row["text"], book.settings, cue_weight)
            if index.words(row["text"]) >= region.min_words
            else [],
        )
        for row in rows
    ]
    if args.show:
        for row, scores in scored:
            mark = "ok " if scores and scores[0][0] == row["expected"] else "   "
            print(mark, row["expected"], "|", row["text"], "|", scores[:3])
    wanted = sum(row["expected"] is not None for row in rows)
    print(
        f"{len(rows)} questions, {wanted} expect an entry; top-1 right: "
        f"{sum(bool(s) and s[0][0] == r['expected'] for r, s in scored)}"
    )
    print("min_score min_margin  answered  right  wrong  precision  coverage")
    for min_score in (0.5, 0.6, 0.7, 0.8, 0.9, 1.0):
        for min_margin in (0.05, 0.1, 0.15, 0.2, 0.3):
            settings = region.copy(update={"min_score": min_score, "min_margin": min_margin})
            picks = [(row["expected"], decide_region(scores, settings).entry_id) for row, scores in scored]
            answered = sum(pick is not None for _, pick in picks)
            right = sum(pick is not None and pick == expected for expected, pick in picks)
            precision = right / answered if answered else 0.0
            print(
                f"{min_score:9} {min_margin:10} {answered:9} {right:6} {answered - right:6} "
                f"{precision:10.2f} {right / wanted:9.2f}"
            )
    matches = [(row["expected"], decide_region(scores, region)) for row, scores in scored]
    offered = [(expected, m.choices) for expected, m in matches if m.choices]
    hit = sum(expected in choices for expected, choices in offered)
    print(
        f"configured ({region.min_score}, {region.min_margin}): choices offered {len(offered)} times, "
        f"the expected entry among them {hit} times"
    )


if __name__ == "__main__":
    main()
