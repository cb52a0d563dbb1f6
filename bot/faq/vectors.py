"""Dense signal for FAQ search: GiNZA's word vectors, IDF-weighted mean per text, cosine (pure numpy).

The table is ja_ginza's (chiVe-derived, 20,000 vectors × 300 dimensions; 480,443 Sudachi normalized
forms map onto those rows). It is read from the installed ja_ginza package once, when the model is
trained (`WordVectors.from_spacy_vocab`), and stored in the model as float16 (`save` / `load`), so
the request path needs neither spaCy nor the GiNZA pipeline. A text's vector is the mean of its
content words' vectors weighted by their IDF in the FAQ (words no entry uses weigh most), so
particles' neighbours and the FAQ's boilerplate (教える, ください) count little.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

import numpy as np

# A Sudachi mode B unit's normalized form and its mode A parts' (looked up when the unit has no vector).
Unit = Tuple[str, Tuple[str, ...]]


class WordVectors:
    """Normalized form → row of a float16 matrix."""

    def __init__(self, rows: Dict[str, int], matrix: np.ndarray) -> None:
        self._rows = rows
        self.matrix = matrix

    def __len__(self) -> int:
        return len(self._rows)

    @classmethod
    def empty(cls) -> WordVectors:
        """A table with no words (the dense signal is then off)."""
        return cls({}, np.zeros((0, 0), dtype=np.float16))

    @classmethod
    def from_spacy_vocab(cls, directory: Path) -> WordVectors:
        """Read a spaCy vocab folder (`vectors`, `key2row`, `strings.json`), e.g. ja_ginza's."""
        from spacy.strings import StringStore
        from spacy.vectors import Vectors

        vectors = Vectors().from_disk(str(directory))
        strings = StringStore().from_disk(str(directory / "strings.json"))
        rows = {strings[key]: int(row) for key, row in vectors.key2row.items() if key in strings}
        return cls(rows, np.asarray(vectors.data, dtype=np.float16))

    def save(self, path: Path) -> None:
        """Write the table as one .npz file (words joined by newlines, rows, matrix)."""
        words = "\n".join(self._rows)
        rows = np.fromiter(self._rows.values(), dtype=np.int32, count=len(self._rows))
        with path.open("wb") as handle:
            np.savez(handle, words=np.frombuffer(words.encode("utf-8"), dtype=np.uint8), rows=rows, matrix=self.matrix)

    @classmethod
    def load(cls, path: Path) -> WordVectors:
        """Inverse of `save`."""
        with np.load(path) as data:
            words = data["words"].tobytes().decode("utf-8").split("\n") if data["words"].size else []
            return cls(dict(zip(words, data["rows"].tolist(), strict=True)), data["matrix"])

    def words_of(self, units: Sequence[Unit]) -> List[str]:
        """The forms that have a vector: each unit, else its parts that have one."""
        found: List[str] = []
        for form, parts in units:
            if form in self._rows:
                found.append(form)
            else:
                found.extend(part for part in parts if part in self._rows)
        return found

    def vector(self, word: str) -> np.ndarray:
        """The word's vector (float32); the word must be in the table."""
        return self.matrix[self._rows[word]].astype(np.float32)


class DenseIndex:
    """Unit vectors of the entries' questions; `cosines` scores a query against all of them."""

    def __init__(self, vectors: WordVectors, documents: Sequence[Sequence[Unit]]) -> None:
        self.vectors = vectors
        words = [vectors.words_of(units) for units in documents]
        df: Dict[str, int] = {}
        for found in words:
            for word in set(found):
                df[word] = df.get(word, 0) + 1
        self._n = max(len(documents), 1)
        self._df = df
        dim = vectors.matrix.shape[1] if len(vectors) else 0
        self.matrix = np.stack([self._embed(found, dim) for found in words]) if words else np.zeros((0, dim))

    def _weight(self, word: str) -> float:
        return math.log(1.0 + self._n / (1.0 + self._df.get(word, 0)))

    def _embed(self, words: Sequence[str], dim: int) -> np.ndarray:
        if not words:
            return np.zeros(dim, dtype=np.float32)
        total = sum(self._weight(w) * self.vectors.vector(w) for w in words)
        norm = float(np.linalg.norm(total))
        return np.asarray(total / norm if norm > 0 else total, dtype=np.float32)

    def cosines(self, units: Sequence[Unit]) -> np.ndarray:
        """Cosine of the query with every entry's question (0 where either has no known word)."""
        if not len(self.vectors) or not self.matrix.size:
            return np.zeros(self.matrix.shape[0])
        query = self._embed(self.vectors.words_of(units), self.matrix.shape[1])
        return self.matrix @ query

    @property
    def active(self) -> bool:
        """Whether the index has any vectors at all."""
        return bool(len(self.vectors)) and bool(self.matrix.size)
