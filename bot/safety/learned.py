"""A small learned classifier for safety situations the patterns do not name (pure; scikit-learn).

Character 1–3-grams of the folded text and of its folded kana reading, plus content words, their
bigrams and Sudachi synonym groups; a class-balanced logistic regression over the situations plus
`none`. Trained on data/safety/examples (situations.jsonl,
everyday.jsonl) and the assistant's own NLU examples (every topic and small-talk example is a
`none`; `emergency` examples are `emergency`), so every word of the region's everyday questions
counts against a false alarm. Each example is also learned as a resident typing only kana would write
it (its reading), so 「ｼｾﾂﾃﾞ ﾛｳｼﾞﾝ ﾀﾀｲﾃﾙ」 meets what 「施設で老人を叩いてる」 taught.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, List, Optional, Sequence, Tuple

from bot.safety.analysis import Analysis
from bot.safety.detector import fold_for_match
from bot.text import katakana_to_hiragana

NONE = "none"
SITUATIONS_FILE = "situations.jsonl"
EVERYDAY_FILE = "everyday.jsonl"


def read_examples(directory: Path) -> List[Tuple[str, str]]:
    """(text, category or none) from the example files (JSON lines)."""
    examples: List[Tuple[str, str]] = []
    for name, default in ((SITUATIONS_FILE, None), (EVERYDAY_FILE, NONE)):
        path = directory / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                examples.append((str(item["text"]), str(item.get("category") or default)))
    return examples


def kana_spelling(analysis: Analysis) -> Optional[str]:
    """The message in hiragana as its reading sounds, or None when it is written in kana already."""
    if not analysis.reading:
        return None
    kana = katakana_to_hiragana(analysis.reading)
    return None if fold_for_match(kana) == fold_for_match(analysis.text) else kana


@dataclass
class LearnedSafety:
    """The fitted vectorizers and classifier."""

    characters: Any
    words: Any
    classifier: Any

    @classmethod
    def fit(cls, analyses: Sequence[Analysis], labels: Sequence[str], c: float = 10.0) -> "LearnedSafety":
        """Fit on analysed messages and their labels."""
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        characters = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True)
        words = TfidfVectorizer(analyzer=str.split, sublinear_tf=True)
        characters.fit([a.characters for a in analyses])
        words.fit([a.word_features for a in analyses])
        model = cls(characters, words, LogisticRegression(C=c, class_weight="balanced", max_iter=4000))
        model.classifier.fit(model._matrix(analyses), list(labels))
        return model

    def _matrix(self, analyses: Sequence[Analysis]) -> Any:
        from scipy.sparse import hstack

        return hstack(
            [
                self.characters.transform([a.characters for a in analyses]),
                self.words.transform([a.word_features for a in analyses]),
            ]
        ).tocsr()

    def ranked(self, analysis: Analysis) -> List[Tuple[str, float]]:
        """Every situation with its probability, most likely first (`none` left out)."""
        row = self.classifier.predict_proba(self._matrix([analysis]))[0]
        pairs = [(str(c), float(p)) for c, p in zip(self.classifier.classes_, row, strict=True) if c != NONE]
        return sorted(pairs, key=lambda pair: -pair[1])

    def best(self, analysis: Analysis) -> Optional[Tuple[str, float]]:
        """The most likely situation and its probability (the component applies its thresholds)."""
        classes = list(self.classifier.classes_)
        row = self.classifier.predict_proba(self._matrix([analysis]))[0]
        best = max((p, c) for c, p in zip(classes, row, strict=True) if c != NONE)
        return (best[1], float(best[0])) if classes else None
