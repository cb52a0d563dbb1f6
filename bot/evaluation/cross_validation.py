"""Stratified k-fold cross-validation of the NLU pipeline over the training examples in data/nlu."""

from __future__ import annotations

import asyncio
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence

from bot.engine.training import environment, working_directory
from bot.evaluation.datasets import LabelledQuestion
from bot.evaluation.intents import Report, predict
from bot.knowledge.yaml_source import DataFileError, Problem


@dataclass
class Fold:
    """One fold's held-out size, accuracy and wall time (training + prediction)."""

    number: int
    train_size: int
    test_size: int
    accuracy: float
    seconds: float


@dataclass
class CrossValidation:
    """All folds' predictions in one Report, plus what each fold scored."""

    report: Report
    folds: List[Fold] = field(default_factory=list)
    examples: int = 0
    dropped: Dict[str, int] = field(default_factory=dict)  # intents with fewer examples than folds

    def sections(self) -> List[str]:
        """Markdown lines: the per-fold table and the spread of fold accuracies."""
        accuracies = [fold.accuracy for fold in self.folds]
        spread = statistics.pstdev(accuracies) if accuracies else 0.0
        lines = ["## Per fold", "", "| fold | trained on | held out | accuracy | minutes |", "|---|---|---|---|---|"]
        lines += [
            f"| {f.number} | {f.train_size} | {f.test_size} | {f.accuracy:.1%} | {f.seconds / 60:.1f} |"
            for f in self.folds
        ]
        lines += [
            "",
            f"Fold accuracy: mean {statistics.fmean(accuracies or [0.0]):.1%}, standard deviation {spread:.1%}.",
            "",
        ]
        if self.dropped:
            left_out = ", ".join(f"{name} ({n})" for name, n in sorted(self.dropped.items()))
            lines += [f"Left out (fewer examples than folds): {left_out}.", ""]
        return lines


def stratified_folds(labels: Sequence[str], folds: int, seed: int) -> List[List[int]]:
    """Held-out indices of each fold: every label's examples shuffled (seeded) and dealt round-robin."""
    by_label: Dict[str, List[int]] = defaultdict(list)
    for index, label in enumerate(labels):
        by_label[label].append(index)
    rng = random.Random(seed)
    out: List[List[int]] = [[] for _ in range(folds)]
    start = 0
    for label in sorted(by_label):
        indices = by_label[label]
        rng.shuffle(indices)
        for offset, index in enumerate(indices):
            out[(start + offset) % folds].append(index)
        start = (start + len(indices)) % folds  # the next label starts where this one ended: even fold sizes
    return [sorted(fold) for fold in out]


def override_epochs(config: Dict[str, Any], epochs: int) -> Dict[str, Any]:
    """The config with `epochs` set on DIETClassifier and every other component that has epochs."""
    pipeline = [
        dict(item, epochs=epochs) if item.get("name") == "DIETClassifier" or "epochs" in item else item
        for item in config.get("pipeline") or []
    ]
    return {**config, "pipeline": pipeline}


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _train_fold(root: Path, config: Path, examples: List[Any], source: Any, folder: Path) -> Path:
    from rasa.model_training import train_nlu
    from rasa.shared.nlu.training_data.training_data import TrainingData

    data = TrainingData(
        training_examples=examples,
        entity_synonyms=source.entity_synonyms,
        regex_features=source.regex_features,
        lookup_tables=source.lookup_tables,
    )
    folder.mkdir(parents=True)
    nlu_file = folder / "nlu.yml"
    nlu_file.write_text(data.nlu_as_yaml(), encoding="utf-8")
    # No training cache: each fold's data differs, cached parts would never be reused.
    with working_directory(root), environment(RASA_MAX_CACHE_SIZE="0"):
        model = train_nlu(config=str(config), nlu_data=str(nlu_file), output=str(folder), fixed_model_name="fold")
    if not model:
        raise RuntimeError(f"training failed for {folder.name}")
    return Path(model)


async def _predict_fold(model: Path, questions: List[LabelledQuestion], desc: str) -> Report:
    from rasa.core.agent import Agent

    return Report(await predict(Agent.load(str(model)), questions, desc), municipalities=False)


def cross_validate(
    root: Path,
    config: Path,
    folds: int = 5,
    seed: int = 42,
    epochs: Optional[int] = None,
    progress: Callable[[str], None] = _progress,
) -> CrossValidation:
    """Train an NLU model per fold with `config` inside `root`, predict the held-out fold, aggregate."""
    import rasa.shared.utils.io
    from rasa.shared.nlu.training_data.loading import load_data

    source = load_data(str(root / "data" / "nlu"), language="ja")
    counts: Dict[str, int] = defaultdict(int)
    for message in source.intent_examples:
        counts[message.get("intent")] += 1
    dropped = {name: n for name, n in counts.items() if n < folds}
    examples = [m for m in source.intent_examples if m.get("intent") not in dropped]
    if len(counts) - len(dropped) < 2:
        raise DataFileError(
            [
                Problem(
                    str(root / "data" / "nlu"),
                    1,
                    f"need at least two intents with {folds} or more examples each",
                    "add examples, or lower --folds",
                )
            ]
        )
    result = CrossValidation(Report(municipalities=False), examples=len(examples), dropped=dropped)
    held_out = stratified_folds([m.get("intent") for m in examples], folds, seed)
    with tempfile.TemporaryDirectory(prefix="aizu-cv-") as work:
        if epochs is not None:
            settings = override_epochs(rasa.shared.utils.io.read_config_file(str(config)), epochs)
            config = Path(work) / "config.yml"
            rasa.shared.utils.io.write_yaml(settings, config)
        for number, test_indices in enumerate(held_out, start=1):
            started = time.monotonic()
            test_set = set(test_indices)
            train = [m for i, m in enumerate(examples) if i not in test_set]
            progress(f"fold {number}/{folds}: training on {len(train)} examples, holding out {len(test_set)}")
            model = _train_fold(root, config.resolve(), train, source, Path(work) / f"fold-{number}")
            questions = [
                LabelledQuestion(examples[i].get("text"), examples[i].get("intent"), None, i + 1) for i in test_indices
            ]
            report = asyncio.run(_predict_fold(model, questions, f"fold {number}/{folds}"))
            model.unlink()
            fold = Fold(number, len(train), len(questions), report.accuracy, time.monotonic() - started)
            result.folds.append(fold)
            result.report.predictions.extend(report.predictions)
            progress(f"fold {number}/{folds}: accuracy {fold.accuracy:.1%} ({fold.seconds / 60:.1f} min)")
    return result
