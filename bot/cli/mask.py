"""`python -m bot mask`: staff check or anonymise text before it is shared (an export, a report).

Text as arguments → one masked line each. Otherwise standard input: JSON lines
(`{"text": "..."}`, other keys kept) → the same objects with `text` masked, one per line; a line
that is not such an object is reported on standard error with its line number and left out, and
the exit code is 1. Plain text lines (with `--plain`) → masked lines.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, List, TextIO


def register(sub: Any) -> None:
    """Add the `mask` command to the CLI."""
    mask = sub.add_parser(
        "mask",
        help="個人情報を伏せ字に / mask names, addresses and other personal data",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    mask.add_argument("text", nargs="*", help="伏せ字にする文 / text to mask (else JSON lines on standard input)")
    mask.add_argument("--plain", action="store_true", help="標準入力を1行1文として扱う / stdin is plain text lines")
    mask.set_defaults(func=cmd_mask)


def mask_stream(source: TextIO, out: TextIO, errors: TextIO, plain: bool) -> int:
    """Mask every line of `source`; 1 when a line could not be read, else 0."""
    from bot.privacy import mask_pii

    status = 0
    for number, line in enumerate(source, start=1):
        if not line.strip():
            continue
        if plain:
            out.write(mask_pii(line.rstrip("\n")) + "\n")
            continue
        try:
            item = json.loads(line)
        except ValueError as error:
            errors.write(f'line {number}: not JSON ({error}) -> write {{"text": "..."}} or use --plain\n')
            status = 1
            continue
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            errors.write(f'line {number}: no "text" string -> write {{"text": "..."}}\n')
            status = 1
            continue
        item["text"] = mask_pii(item["text"])
        out.write(json.dumps(item, ensure_ascii=False) + "\n")
    return status


def cmd_mask(args: argparse.Namespace) -> int:
    """Mask the given texts, or standard input."""
    import os

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # spaCy's thinc imports TensorFlow when present
    from bot.privacy import mask_pii

    texts: List[str] = args.text
    if texts:
        for text in texts:
            print(mask_pii(text))
        return 0
    return mask_stream(sys.stdin, sys.stdout, sys.stderr, args.plain)
