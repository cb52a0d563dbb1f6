"""How much of the open generic municipal FAQ (data/faq/open, 661 entries) falls under a catalog topic.

Every entry's question is parsed by the trained model (newest in models/, or --model); an entry counts as
covered when the topic classifier's first intent is a catalog topic at or above --min-confidence (the
FallbackClassifier's threshold by default). Prints the share, the topics that cover most entries, and the
FAQ categories left uncovered, as Markdown.

    .venv/bin/python benchmarks/catalogue_coverage.py [--model models/<file>.tar.gz] [--min-confidence 0.5]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections import Counter
from pathlib import Path
from typing import List, Tuple

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.evaluation.intents import top_intent  # noqa: E402
from bot.faq.open_corpus import load_corpus  # noqa: E402
from bot.knowledge.cache import get_knowledge  # noqa: E402
from bot.settings import PROJECT_ROOT  # noqa: E402


async def classify(model: Path, questions: List[str]) -> List[Tuple[str, float]]:
    from rasa.core.agent import Agent

    from bot.engine import rasa_patches

    rasa_patches.install()
    agent = Agent.load(str(model))
    return [top_intent(await agent.parse_message(q)) for q in questions]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path)
    parser.add_argument("--min-confidence", type=float, default=0.5)
    args = parser.parse_args()
    model = args.model or max((PROJECT_ROOT / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    entries = load_corpus(PROJECT_ROOT / "data" / "faq" / "open" / "corpus.json")
    topics = set(get_knowledge().topics)
    results = asyncio.run(classify(model, [e.question for e in entries]))
    covered = [(e, t) for e, (t, c) in zip(entries, results, strict=True) if t in topics and c >= args.min_confidence]
    uncovered = [
        e for e, (t, c) in zip(entries, results, strict=True) if not (t in topics and c >= args.min_confidence)
    ]
    print(
        f"model `{model.name}`, {len(entries)} entries, covered at confidence ≥ {args.min_confidence}: "
        f"**{len(covered)} ({len(covered) / len(entries):.1%})**\n"
    )
    print("| topic | entries |\n|---|---:|")
    for topic, n in Counter(t for _, t in covered).most_common(15):
        print(f"| {topic} | {n} |")
    print("\n| FAQ category not covered | entries |\n|---|---:|")
    for category, n in Counter(e.category for e in uncovered).most_common(15):
        print(f"| {category} | {n} |")


if __name__ == "__main__":
    main()
