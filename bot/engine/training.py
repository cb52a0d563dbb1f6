"""Train the Rasa model from the project's files."""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

TRAINING_DIRS = ("data/nlu", "data/rules")


@contextmanager
def working_directory(path: Path) -> Iterator[None]:
    """Run the block inside `path`: config.yml names its data folders relative to the project root."""
    previous = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(previous)


@contextmanager
def environment(**values: str) -> Iterator[None]:
    """Set environment variables for the block (e.g. RASA_CACHE_DIRECTORY), restoring them after."""
    previous = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def train(root: Path, out_dir: Path, finetune: Optional[Path] = None, epoch_fraction: float = 0.3) -> Path:
    """Train (reusing cached graph parts Rasa can reuse) and return the model path.

    With `finetune`, continue from that model for a fraction of the epochs: valid when
    only examples were added to existing intents (the review loop).
    """
    from rasa.model_training import train as rasa_train

    out_dir = out_dir.resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    # Rasa's cache path is relative to the working directory: pin it to this checkout's so a copy
    # of the project (FAQ evaluation, tests) reuses what the main project already trained.
    cache = os.environ.get("RASA_CACHE_DIRECTORY") or str(Path(__file__).resolve().parent.parent / ".rasa" / "cache")
    with working_directory(root), environment(RASA_CACHE_DIRECTORY=cache):
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
