"""Cost of the FaqRanker pipeline component per message, as more municipalities import their FAQ.

Every municipality gets a copy of the open 661-entry FAQ (data/faq/open/corpus.json); each of the
90 development queries is processed twice, once as the widget sends it (the site's municipality in
the metadata: only that municipality is ranked) and once without any municipality (all are ranked).
Prints the index build time at model load and the per-message latency p50/p95.

    .venv/bin/python benchmarks/faq_ranker.py [--municipalities 1 4 13]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Dict, List

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def percentile(values: List[float], share: float) -> float:
    """The value below which `share` of the sorted values lie."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def main() -> None:
    """Build rankers with 1..N municipalities and time `process` per message."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--municipalities", type=int, nargs="+", default=[1, 4, 13])
    args = parser.parse_args()

    from rasa.shared.nlu.training_data.message import Message

    from bot.faq.open_corpus import load_corpus, load_queries
    from bot.nlu.faq_ranker import FaqRanker, IndexedEntry

    open_dir = ROOT / "data" / "faq" / "open"
    corpus = [IndexedEntry(e.id, e.question, e.answer, e.category) for e in load_corpus(open_dir / "corpus.json")]
    queries = [q.text for q in load_queries(open_dir / "development.json")]
    print(f"{len(corpus)} entries per municipality, {len(queries)} queries")
    print(
        "| municipalities with an FAQ | index build at load s | site known: p50 ms | p95 ms "
        "| no municipality: p50 ms | p95 ms |"
    )
    print("|---:|---:|---:|---:|---:|---:|")
    for count in args.municipalities:
        started = time.perf_counter()
        entries: Dict[str, List[IndexedEntry]] = {f"m{i}": corpus for i in range(count)}
        ranker = FaqRanker(FaqRanker.get_default_config(), None, None, entries)  # type: ignore[arg-type]
        build = time.perf_counter() - started
        timings: Dict[bool, List[float]] = {True: [], False: []}
        for site in (True, False):
            for text in queries:
                message = Message({"text": text, "metadata": {"municipality": "m0"} if site else {}})
                started = time.perf_counter()
                ranker.process([message])
                timings[site].append((time.perf_counter() - started) * 1000)
        print(
            f"| {count} | {build:.1f} | {percentile(timings[True], 0.5):.1f} | {percentile(timings[True], 0.95):.1f} "
            f"| {percentile(timings[False], 0.5):.1f} | {percentile(timings[False], 0.95):.1f} |"
        )


if __name__ == "__main__":
    main()
