"""A/B: do ja-ginza word vectors improve the FAQ ranking when fused with it? (measured: not enough to keep)

ja-ginza is not a project dependency (it pins SudachiPy < 0.7, the project uses 0.7), so the
vectors are computed in a separate, throw-away install and the fusion is scored in the project's
virtualenv:

    .venv/bin/pip install --target /tmp/ginza-site ja-ginza==5.2.0 click      # not into .venv
    PYTHONNOUSERSITE=1 PYTHONPATH=/tmp/ginza-site python3.10 benchmarks/ginza_vectors.py embed /tmp/vecs.npz
    .venv/bin/python benchmarks/ginza_vectors.py fuse /tmp/vecs.npz

`embed` writes normalised mean word vectors of every corpus question, of question + the first 200
characters of the answer, and of every development query. `fuse` adds w × (min-max scaled cosine)
to the ranker's fused score and prints Hit@1/3 and MRR for several w.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OPEN = ROOT / "data" / "faq" / "open"


def embed(out: str) -> None:
    """Run under an interpreter that has spaCy + ja_ginza (see the module docstring)."""
    import numpy as np
    import spacy  # type: ignore[import-not-found]

    nlp = spacy.load("ja_ginza")
    corpus = json.loads((OPEN / "corpus.json").read_text(encoding="utf-8"))
    queries = json.loads((OPEN / "development.json").read_text(encoding="utf-8"))

    def vector(text: str) -> "np.ndarray":
        value = nlp(text).vector
        norm = np.linalg.norm(value)
        return value / norm if norm else value

    np.savez(
        out,
        ids=np.array([str(c["faq_id"]) for c in corpus]),
        Q=np.array([vector(c["question"]) for c in corpus]),
        A=np.array([vector(c["question"] + c["answer"][:200]) for c in corpus]),
        D=np.array([vector(q["query"]) for q in queries]),
    )
    print(f"vectors for {len(corpus)} entries and {len(queries)} queries -> {out}")


def fuse(path: str) -> None:
    """Score the ranker alone, the vectors alone, and their weighted sums."""
    import numpy as np

    sys.path.insert(0, str(ROOT))
    from bot.faq.open_corpus import load_corpus, load_queries
    from bot.faq.search import FaqIndex

    corpus = load_corpus(OPEN / "corpus.json")
    queries = load_queries(OPEN / "development.json")
    index = FaqIndex.build(corpus)
    stored = np.load(path)
    if list(stored["ids"]) != index.ids:
        raise SystemExit("the vectors were computed for another corpus; run embed again")
    ours = np.array([index.fuse(index.components(q.text)) for q in queries])
    expected = np.array([index.ids.index(q.expected) for q in queries])

    def report(name: str, scores: "np.ndarray") -> None:
        ranks = np.array([(scores[i] > scores[i, expected[i]]).sum() + 1 for i in range(len(queries))])
        print(
            f"{name:<28} Hit@1 {np.mean(ranks == 1):6.1%}  Hit@3 {np.mean(ranks <= 3):6.1%}  "
            f"MRR {np.mean(1 / ranks):.3f}"
        )

    def scaled(scores: "np.ndarray") -> "np.ndarray":
        low, high = scores.min(axis=1, keepdims=True), scores.max(axis=1, keepdims=True)
        return (scores - low) / (high - low + 1e-9)

    question, full = stored["D"] @ stored["Q"].T, stored["D"] @ stored["A"].T
    report("ranker alone", ours)
    report("vectors alone (question)", question)
    report("vectors alone (q + answer)", full)
    for weight in (0.1, 0.2, 0.3, 0.4):
        report(f"ranker + {weight} x vectors (q)", (1 - weight) * ours + weight * scaled(question))
        report(f"ranker + {weight} x vectors (both)", (1 - weight) * ours + weight * scaled((question + full) / 2))


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in {"embed", "fuse"}:
        raise SystemExit(__doc__)
    (embed if sys.argv[1] == "embed" else fuse)(sys.argv[2])
