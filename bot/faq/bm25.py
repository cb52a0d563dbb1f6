"""Okapi BM25 over token lists, precomputed as a sparse document × term weight matrix."""

from __future__ import annotations

from typing import Dict, List, Sequence

import numpy as np
from scipy import sparse


class Bm25:
    """Score documents for a bag of query tokens; scoring is one sparse matrix-vector product."""

    def __init__(self, documents: Sequence[Sequence[str]], k1: float = 1.2, b: float = 0.75) -> None:
        self.vocabulary: Dict[str, int] = {}
        rows: List[int] = []
        cols: List[int] = []
        counts: List[float] = []
        for row, tokens in enumerate(documents):
            tf: Dict[int, int] = {}
            for token in tokens:
                column = self.vocabulary.setdefault(token, len(self.vocabulary))
                tf[column] = tf.get(column, 0) + 1
            rows.extend([row] * len(tf))
            cols.extend(tf.keys())
            counts.extend(tf.values())
        n_docs = len(documents)
        shape = (n_docs, max(len(self.vocabulary), 1))
        tf_matrix = sparse.csr_matrix((np.array(counts, dtype=float), (rows, cols)), shape=shape)
        lengths = np.array([len(tokens) for tokens in documents], dtype=float)
        average = lengths.mean() if n_docs and lengths.mean() > 0 else 1.0
        df = np.bincount(np.array(cols, dtype=int), minlength=shape[1]).astype(float)
        self.idf = np.log1p((n_docs - df + 0.5) / (df + 0.5))
        norm = k1 * (1.0 - b + b * lengths / average)
        coo = tf_matrix.tocoo()
        weights = coo.data * (k1 + 1.0) / (coo.data + norm[coo.row]) * self.idf[coo.col]
        self.weights = sparse.csr_matrix((weights, (coo.row, coo.col)), shape=shape)
        self.n_docs = n_docs

    def scores(self, query: Sequence[str]) -> np.ndarray:
        """BM25 score of every document (each distinct query token counted once)."""
        columns = sorted({self.vocabulary[t] for t in query if t in self.vocabulary})
        if not columns:
            return np.zeros(self.n_docs)
        return np.asarray(self.weights[:, columns].sum(axis=1)).ravel()
