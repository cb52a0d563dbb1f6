"""Retrieval benchmark: the FAQ ranker on the open generic municipal FAQ (661 entries).

Builds `FaqIndex` on data/faq/open/corpus.json, ranks every development query in
data/faq/open/development.json and prints Hit@1/3/10, MRR and per-query latency (p50/p95).
Only the development split is used; the published holdout split is deliberately not in this
repository, so nothing here can be tuned on it.

    .venv/bin/python benchmarks/retrieval.py [--misses] [--tune] [--gate]

--tune re-runs the weight search: every setting in GRID is scored on the development queries,
and a split-half check (tune on the queries of half the FAQs, score the other half, 20 seeded
splits) estimates how much of the development score is fitted rather than general.
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import sys
import time
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Dict, List, Tuple

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.faq.open_corpus import DevQuery, load_corpus, load_queries  # noqa: E402
from bot.faq.search import FaqIndex, SearchConfig  # noqa: E402
from bot.paths import open_corpus_dir  # noqa: E402


def percentile(values: List[float], share: float) -> float:
    """Nearest-rank percentile (values need not be sorted)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def rank_of(expected: str, ranked: List[str]) -> int:
    """1-based rank of the expected id (a large number when it is not returned)."""
    return ranked.index(expected) + 1 if expected in ranked else 10**6


GRID: Dict[str, Tuple[float, ...]] = {
    "answer": (0.2, 0.5, 0.8),
    "category": (0.0, 0.5),
    "reading": (0.0, 0.3, 1.0),
    "synonym": (0.0, 0.2, 0.4),
    "char_full": (0.0, 0.5),
    "lexical_share": (0.5, 0.6, 0.7, 0.8),
}


def grid_ranks(index: FaqIndex, queries: List[DevQuery]) -> Dict[Tuple[float, ...], np.ndarray]:
    """Rank of the expected entry for every query under every GRID setting."""
    parts = [index.components(query.text) for query in queries]
    expected = [index.ids.index(query.expected) for query in queries]
    shipped = index.config
    out = {}
    for values in itertools.product(*GRID.values()):
        index.config = replace(shipped, **dict(zip(GRID, values, strict=True)))
        scores = [index.fuse(p) for p in parts]
        out[values] = np.array([1 + int((s > s[e]).sum()) for s, e in zip(scores, expected, strict=True)])
    index.config = shipped
    return out


def tune(index: FaqIndex, queries: List[DevQuery]) -> None:
    """Print the best GRID settings and a split-half estimate of fitted vs. general accuracy."""
    ranks = grid_ranks(index, queries)

    def key(values: Tuple[float, ...], mask: np.ndarray) -> Tuple[float, float]:
        r = ranks[values][mask]
        return float((r == 1).mean()), float((1 / r).mean())

    everything = np.ones(len(queries), dtype=bool)
    best = sorted(ranks, key=lambda v: key(v, everything), reverse=True)
    print(f"{len(ranks)} settings; best on all development queries (Hit@1, MRR):")
    for values in best[:5]:
        print(f"  {dict(zip(GRID, values, strict=True))}  {key(values, everything)}")
    good = sum(key(v, everything)[0] >= 0.92 for v in ranks)
    print(f"settings with Hit@1 >= 92%: {good} of {len(ranks)}")
    faqs = sorted({q.expected for q in queries})
    rng = random.Random(0)
    held: List[Tuple[float, float]] = []
    for _ in range(20):
        rng.shuffle(faqs)
        half = set(faqs[: len(faqs) // 2])
        first = np.array([q.expected in half for q in queries])
        for train, test in ((first, ~first), (~first, first)):
            chosen = max(ranks, key=partial(key, mask=train))
            r = ranks[chosen][test]
            held.append((float((r == 1).mean()), float((r <= 3).mean())))
    print(
        f"split-half (tuned on one half of the FAQs, scored on the other): "
        f"Hit@1 {statistics.fmean(h[0] for h in held):.1%}, Hit@3 {statistics.fmean(h[1] for h in held):.1%}"
    )


SMALL_TALK = {"greet", "thank", "goodbye", "bot_challenge", "out_of_scope", "affirm", "deny"}


def gate(index: FaqIndex, queries: List[DevQuery]) -> None:
    """How the chat's FAQ gate (margin, relevance) behaves: development queries vs questions about no entry.

    Answered = best entry leads the second by >= 0.1 and relevance >= the threshold; choices =
    relevant but no clear leader. Counterparts: the held-out catalog questions (about our 46
    topics, some of which the generic FAQ also covers) and the small-talk training examples.
    """
    from bot.evaluation.datasets import read_examples, read_heldout

    def outcome(text: str) -> Tuple[str, float, float]:
        hits, relevance = index.rank(text, top_k=2)
        margin = hits[0][1] - (hits[1][1] if len(hits) > 1 else 0.0) if hits else 0.0
        return (hits[0][0] if hits else ""), margin, relevance

    dev = [(q.expected, *outcome(q.text)) for q in queries]
    catalog = [outcome(q.text) for q in read_heldout(ROOT / "data" / "eval" / "heldout.jsonl")]
    talk = [outcome(e.text) for e in read_examples(ROOT / "data" / "nlu") if e.intent in SMALL_TALK]
    print(f"\ngate (margin >= 0.1): dev {len(dev)}, catalog questions {len(catalog)}, small talk {len(talk)}")
    print(
        "| min relevance | dev answered right | dev answered wrong | dev choices | catalog answered "
        "| catalog choices | small talk answered | small talk choices |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for threshold in (0.0, 0.15, 0.2, 0.25, 0.3):
        right = sum(top == want and m >= 0.1 and r >= threshold for want, top, m, r in dev)
        wrong = sum(top != want and m >= 0.1 and r >= threshold for want, top, m, r in dev)
        offered = sum(m < 0.1 and r >= threshold for _, _, m, r in dev)
        cells = [sum(m >= 0.1 and r >= threshold for _, m, r in group) for group in (catalog, talk)]
        choices = [sum(m < 0.1 and r >= threshold for _, m, r in group) for group in (catalog, talk)]
        print(
            f"| {threshold:.2f} | {right} | {wrong} | {offered} | {cells[0]} | {choices[0]} | {cells[1]} "
            f"| {choices[1]} |"
        )


def main(argv: List[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    folder = open_corpus_dir(ROOT / "data")
    parser.add_argument("--corpus", default=str(folder / "corpus.json"))
    parser.add_argument("--queries", default=str(folder / "development.json"))
    parser.add_argument("--misses", action="store_true", help="list the queries whose answer is not ranked first")
    parser.add_argument("--tune", action="store_true", help="re-run the weight search and the split-half check")
    parser.add_argument("--gate", action="store_true", help="how the chat's answer/choices gate behaves")
    args = parser.parse_args(argv)

    corpus = load_corpus(Path(args.corpus))
    queries: List[DevQuery] = load_queries(Path(args.queries))
    started = time.perf_counter()
    index = FaqIndex.build(corpus, SearchConfig())
    build_seconds = time.perf_counter() - started
    index.search("warm-up")

    ranks: List[int] = []
    latencies: List[float] = []
    by_type: Dict[str, List[int]] = {}
    questions = {entry.id: entry.question for entry in corpus}
    for query in queries:
        started = time.perf_counter()
        ranked = [entry_id for entry_id, _ in index.search(query.text, top_k=len(corpus))]
        latencies.append((time.perf_counter() - started) * 1000)
        rank = rank_of(query.expected, ranked)
        ranks.append(rank)
        by_type.setdefault(query.query_type, []).append(rank)
        if args.misses and rank > 1:
            top = questions.get(ranked[0], "-").strip() if ranked else "-"
            print(
                f"  rank {rank:>3}  {query.id}  {query.text}\n            got: {top}\n           want: "
                f"{questions[query.expected].strip()}"
            )

    n = len(ranks)
    print(f"corpus {len(corpus)} entries, {n} development queries; index built in {build_seconds:.2f} s")
    for k in (1, 3, 10):
        print(f"Hit@{k:<2} {sum(r <= k for r in ranks) / n:6.1%}")
    print(f"MRR    {statistics.fmean(1 / r for r in ranks):.3f}")
    print(f"latency p50 {percentile(latencies, 0.50):.1f} ms, p95 {percentile(latencies, 0.95):.1f} ms")
    for name, values in sorted(by_type.items()):
        print(f"  {name:<20} Hit@1 {sum(r == 1 for r in values) / len(values):6.1%}  (n={len(values)})")
    if args.tune:
        tune(index, queries)
    if args.gate:
        gate(index, queries)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
