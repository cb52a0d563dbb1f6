"""What the safety layer costs per message: patterns, analysis and classifier, on the example texts.

Usage: .venv/bin/python benchmarks/safety.py [MODEL.tar.gz]   (default: the newest model in models/)
Prints p50/p95 per message for the patterns alone and for the whole SafetyClassifier component.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.safety.analysis import SafetyAnalyzer  # noqa: E402 - after the path set-up, as the other benchmarks
from bot.safety.catalogue import load_detection  # noqa: E402
from bot.safety.detector import SafetyDetector  # noqa: E402
from bot.settings import PROJECT_ROOT, get_settings  # noqa: E402


def texts() -> list[str]:
    """Every example message (situations and everyday), as residents would send them."""
    folder = PROJECT_ROOT / "data" / "safety" / "examples"
    return [
        json.loads(line)["text"]
        for path in sorted(folder.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def timed(function, items) -> list[float]:  # type: ignore[no-untyped-def]
    """Milliseconds per call."""
    out = []
    for item in items:
        start = time.perf_counter()
        function(item)
        out.append((time.perf_counter() - start) * 1000)
    return out


def report(name: str, ms: list[float]) -> None:
    """One line of numbers."""
    ordered = sorted(ms)
    print(f"{name:34s} n={len(ms)}  p50 {statistics.median(ms):.2f} ms  p95 {ordered[int(0.95 * len(ms))]:.2f} ms")


def main() -> None:
    """Measure."""
    messages = texts()
    detector = SafetyDetector(load_detection(PROJECT_ROOT / "data" / "safety"))
    analyzer = SafetyAnalyzer()
    readings = {t: analyzer.analyze(t).reading for t in messages}
    report("patterns (text + reading)", timed(lambda t: detector.detect(t, readings[t]), messages))
    report("Sudachi analysis", timed(analyzer.analyze, messages))
    model = Path(sys.argv[1]) if len(sys.argv) > 1 else get_settings().latest_model()
    if model is None:
        print("no trained model: run `make train` for the whole-component numbers")
        return
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    classifier = next(
        node
        for node in agent.processor.graph_runner._instantiated_nodes.values()  # type: ignore[attr-defined]
        if type(node._component).__name__ == "SafetyClassifier"
    )._component
    report("SafetyClassifier.categories", timed(classifier.categories, messages))


if __name__ == "__main__":
    main()
