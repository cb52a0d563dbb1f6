"""When to answer from an imported FAQ, offer its entries, or neither: a calibrated estimate (pure).

The gate (data/faq/settings/gate.yml) is a logistic model over the ranking's evidence
(`bot.faq.search.RankFeatures`): its output estimates the probability that the best-ranked entry
answers the resident's question. It is fitted on realistic resident queries, never on the entries'
own paraphrases (`benchmarks/retrieval.py --calibrate`), and the two operating points are read off
the precision–coverage curve of held-out folds:

- answer directly when the estimate reaches `answer_at` (chosen so direct answers are right at
  least 90 % of the time);
- else offer the best entries as choices when it reaches `choices_at`;
- else say the FAQ has no answer (the chat then offers the catalogue topics or the office).
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import List

from pydantic import BaseModel, Extra, validator

from bot.faq.decision import FaqDecision
from bot.faq.search import FEATURES, RankFeatures
from bot.knowledge.yaml_source import parse, read_yaml


class AnswerGate(BaseModel):
    """Logistic weights over `FEATURES`, the two operating points and where they came from."""

    features: List[str]
    weights: List[float]
    bias: float
    answer_at: float
    choices_at: float
    calibrated_on: str
    calibrated: dt.date
    measured: str = ""

    class Config:
        extra = Extra.forbid

    @validator("features")
    def _known_features(cls, value: List[str]) -> List[str]:
        if tuple(value) != FEATURES:
            raise ValueError(f"must be exactly {list(FEATURES)} (re-run benchmarks/retrieval.py --calibrate)")
        return value

    @validator("weights")
    def _one_weight_each(cls, value: List[float]) -> List[float]:
        if len(value) != len(FEATURES):
            raise ValueError(f"needs one weight per feature ({len(FEATURES)})")
        return value

    @validator("choices_at")
    def _choices_below_answer(cls, value: float, values: dict) -> float:  # type: ignore[type-arg]
        if "answer_at" in values and value > values["answer_at"]:
            raise ValueError("must not be above answer_at")
        return value

    @classmethod
    def load(cls, path: Path) -> AnswerGate:
        """Read gate.yml; DataFileError naming the line on a problem."""
        return parse(path, read_yaml(path), cls)

    def confidence(self, features: RankFeatures) -> float:
        """Estimated probability that the best entry answers the query."""
        z = self.bias + sum(w * x for w, x in zip(self.weights, features.vector(), strict=True))
        return 1.0 / (1.0 + math.exp(-z))

    def decide(self, confidence: float) -> FaqDecision:
        """Answer, offer choices or neither, at the calibrated operating points."""
        if confidence >= self.answer_at:
            return FaqDecision.ANSWER
        if confidence >= self.choices_at:
            return FaqDecision.CHOICES
        return FaqDecision.NONE
