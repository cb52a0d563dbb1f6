"""Cost of the FaqRanker pipeline component per message, as more municipalities import their FAQ.

Every municipality gets copies of the open 661-entry FAQ (data/faq/open/corpus.json) up to
`--entries` entries, indexed with the search setup training stores (synonyms, word vectors,
sensitive subjects, gate); each of the 90 development queries is processed twice, once as the
widget sends it (the site's municipality in the metadata: only that municipality is ranked) and
once without any municipality (all are ranked).
Prints the index build time at model load and the per-message latency p50/p95 (wall and CPU time:
on a shared machine the wall time mostly measures the other jobs).

    .venv/bin/python benchmarks/faq_ranker.py [--municipalities 1 4 13] [--entries 2000] [--vectors]
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
    parser.add_argument("--entries", type=int, default=661, help="entries per municipality (copies of the open FAQ)")
    parser.add_argument("--vectors", action="store_true", help="A/B: with GiNZA's word vectors (off in the chat)")
    args = parser.parse_args()

    from rasa.shared.nlu.training_data.message import Message

    from bot.faq.open_corpus import load_corpus, load_queries
    from bot.nlu.faq_ranker import FaqRanker, IndexedEntry
    from bot.nlu.faq_setup import SearchSetup

    open_dir = ROOT / "data" / "faq" / "open"
    config = {**FaqRanker.get_default_config(), "settings_dir": str(ROOT / "data" / "faq" / "settings")}
    if args.vectors:
        config["word_vectors"] = "ja_ginza"
    search = SearchSetup.read(config)  # what training stores in the model
    entries_of = load_corpus(open_dir / "corpus.json")
    corpus = [
        IndexedEntry(f"{copy}-{e.id}", e.question, e.answer, e.category)
        for copy in range(args.entries // len(entries_of) + 1)
        for e in entries_of
    ][: args.entries]
    queries = [q.text for q in load_queries(open_dir / "development.json")]
    print(f"{len(corpus)} entries per municipality, {len(queries)} queries")
    print(
        "| municipalities with an FAQ | index build at load s | site known: p50 ms | p95 ms "
        "| site known, CPU: p50 ms | p95 ms | no municipality: p50 ms | p95 ms |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for count in args.municipalities:
        started = time.perf_counter()
        entries: Dict[str, List[IndexedEntry]] = {f"m{i}": corpus for i in range(count)}
        ranker = FaqRanker(config, None, None, entries, search)  # type: ignore[arg-type]
        build = time.perf_counter() - started
        for text in queries[:10]:  # warm-up: the first messages pay for lazy loading, not for ranking
            ranker.process([Message({"text": text, "metadata": {}})])
        timings: Dict[bool, List[float]] = {True: [], False: []}
        cpu: List[float] = []
        for site in (True, False):
            for text in queries:
                message = Message({"text": text, "metadata": {"municipality": "m0"} if site else {}})
                started, cpu_started = time.perf_counter(), time.process_time()
                ranker.process([message])
                timings[site].append((time.perf_counter() - started) * 1000)
                if site:
                    cpu.append((time.process_time() - cpu_started) * 1000)
                assert message.get("faq"), "nothing was ranked"
        print(
            f"| {count} | {build:.1f} | {percentile(timings[True], 0.5):.1f} | {percentile(timings[True], 0.95):.1f} "
            f"| {percentile(cpu, 0.5):.1f} | {percentile(cpu, 0.95):.1f} "
            f"| {percentile(timings[False], 0.5):.1f} | {percentile(timings[False], 0.95):.1f} |"
        )


if __name__ == "__main__":
    main()
