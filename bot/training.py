"""Train the Rasa model from the project's files."""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

TRAINING_DIRS = ("data/nlu", "data/rules")


@contextmanager
def _cwd(path: Path) -> Iterator[None]:
    previous = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(previous)


def train(root: Path, out_dir: Path, finetune: Optional[Path] = None,
          epoch_fraction: float = 0.3) -> Path:
    """Train (reusing cached graph parts Rasa can reuse) and return the model path.

    With `finetune`, continue from that model for a fraction of the epochs: valid when
    only examples were added to existing intents (the review loop).
    """
    from rasa.model_training import train as rasa_train

    out_dir = out_dir.resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    with _cwd(root):
        result = rasa_train(
            domain="domain.yml",
            config="config.yml",
            training_files=[str(root / d) for d in TRAINING_DIRS],
            output=str(out_dir),
            model_to_finetune=str(finetune.resolve()) if finetune else None,
            finetuning_epoch_fraction=epoch_fraction,
        )
    if result.code != 0 or not result.model:
        raise RuntimeError(f"training failed with code {result.code}")
    return Path(result.model)
