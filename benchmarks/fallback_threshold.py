"""Where to put the topic fallback: share answered directly and its precision per confidence threshold.

Usage: .venv/bin/python benchmarks/fallback_threshold.py [MODEL.tar.gz] [QUESTIONS.jsonl]
(defaults: the newest model in models/, data/eval/heldout.jsonl). Each question is parsed by the trained
NLU; the topic classifier's own first intent and confidence are read below any fallback or safety
routing, and a question counts as answered directly at threshold t when that confidence is at least t and
leads the second by the ambiguity margin of config.yml's FallbackClassifier (0.1).
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import Any, Dict, List, Tuple

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.settings import PROJECT_ROOT, get_settings  # noqa: E402 - after the path set-up, as the other benchmarks

THRESHOLDS = (0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6)
MARGIN = 0.1
HIDDEN = {"nlu_fallback", "safety"}


def classifier_guess(parsed: Dict[str, Any]) -> Tuple[str, float, float]:
    """The topic classifier's first intent, its confidence and its lead over the second."""
    ranking = [r for r in parsed.get("intent_ranking") or [] if r.get("name") not in HIDDEN]
    if not ranking:
        return "", 0.0, 0.0
    second = float(ranking[1]["confidence"]) if len(ranking) > 1 else 0.0
    first = ranking[0]
    return str(first["name"]), float(first["confidence"]), float(first["confidence"]) - second


async def guesses(model: Path, questions: List[Dict[str, Any]]) -> List[Tuple[str, str, float, float]]:
    """(expected, guessed, confidence, margin) per question."""
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    out = []
    for question in questions:
        name, confidence, margin = classifier_guess(await agent.parse_message(question["text"]))
        out.append((str(question["intent"]), name, confidence, margin))
    return out


def main() -> int:
    """Print one row per threshold."""
    model = Path(sys.argv[1]) if len(sys.argv) > 1 else get_settings().latest_model()
    path = Path(sys.argv[2]) if len(sys.argv) > 2 else PROJECT_ROOT / "data" / "eval" / "heldout.jsonl"
    if model is None:
        print("no trained model: run `make train` first")
        return 1
    questions = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = asyncio.run(guesses(model, questions))
    right = sum(expected == guessed for expected, guessed, _, _ in rows)
    print(f"model {model.name}, {len(rows)} questions, top-1 {right / len(rows):.1%}")
    print("threshold  answered directly  precision")
    for threshold in THRESHOLDS:
        answered = [r for r in rows if r[2] >= threshold and r[3] >= MARGIN]
        correct = sum(expected == guessed for expected, guessed, _, _ in answered)
        print(f"{threshold:9.2f}  {len(answered) / len(rows):17.1%}  {correct / max(len(answered), 1):9.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
