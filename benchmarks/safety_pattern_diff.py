"""Which example messages change verdict when detection.yml changes: run before keeping a pattern change.

Usage: .venv/bin/python benchmarks/safety_pattern_diff.py [OLD]   (OLD: a git revision or a detection.yml;
default HEAD). Compares the patterns of OLD with data/safety/detection.yml on every example in
data/safety/examples (situations and everyday), patterns and `settled` only (no learned classifier), and lists
each message whose verdict changed: a situation served before and missed now (or the reverse), an everyday
message quiet before and alarmed now (or the reverse). Exit status 1 when something got worse.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Tuple

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.evaluation.safety import served  # noqa: E402 - after the path set-up, as the other benchmarks
from bot.safety.analysis import SafetyAnalyzer  # noqa: E402
from bot.safety.catalogue import load_detection  # noqa: E402
from bot.safety.detector import SafetyDetector  # noqa: E402
from bot.safety.models import Detection  # noqa: E402

SAFETY = ROOT / "data" / "safety"
Case = Tuple[str, str]  # (text, category or "")


def old_detector(spec: str) -> SafetyDetector:
    """The detector of a detection.yml file, or of the one at a git revision."""
    path = Path(spec)
    if path.is_file():
        text = path.read_text(encoding="utf-8")
    else:
        text = subprocess.run(
            ["git", "show", f"{spec}:data/safety/detection.yml"], cwd=ROOT, check=True, capture_output=True, text=True
        ).stdout
    return SafetyDetector(Detection.parse_obj(yaml.safe_load(text)))


def cases() -> List[Case]:
    """Every example: situations with their category, everyday messages with ""."""
    out: List[Case] = []
    for name in ("situations.jsonl", "everyday.jsonl"):
        for line in (SAFETY / "examples" / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                out.append((str(item["text"]), str(item.get("category") or "")))
    return out


def verdict(detector: SafetyDetector, text: str, reading: str) -> List[str]:
    """The situations the patterns give a reply for (none when the message is settled)."""
    found = detector.detect(text, reading)
    return [] if found and detector.settled(text) else found


def good(category: str, found: List[str]) -> bool:
    """A situation served, or an everyday message left quiet."""
    return served(category, found) if category else not found


def main() -> int:
    """Compare and print."""
    old = old_detector(sys.argv[1] if len(sys.argv) > 1 else "HEAD")
    new = SafetyDetector(load_detection(SAFETY))
    analyzer = SafetyAnalyzer()
    counts: Dict[str, int] = {"situations": 0, "everyday": 0}
    good_old: Dict[str, int] = {"situations": 0, "everyday": 0}
    good_new: Dict[str, int] = {"situations": 0, "everyday": 0}
    worse = better = 0
    for text, category in cases():
        reading = analyzer.analyze(text).reading
        before, after = verdict(old, text, reading), verdict(new, text, reading)
        kind = "situations" if category else "everyday"
        counts[kind] += 1
        good_old[kind] += good(category, before)
        good_new[kind] += good(category, after)
        if good(category, before) != good(category, after):
            sign = "+" if good(category, after) else "-"
            worse += sign == "-"
            better += sign == "+"
            change = f"{', '.join(before) or '-'} -> {', '.join(after) or '-'}"
            print(f"{sign} [{category or 'everyday'}] {text}  ({change})")
    for kind in counts:
        label = "served" if kind == "situations" else "quiet"
        print(f"{kind}: {label} {good_old[kind]} -> {good_new[kind]} of {counts[kind]}")
    print(f"changed verdict: {better} better, {worse} worse")
    return 1 if worse else 0


if __name__ == "__main__":
    sys.exit(main())
