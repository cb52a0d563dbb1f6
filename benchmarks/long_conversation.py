"""Long-conversation benchmark: does a turn cost the same at message 10 and message 1,000?

Starts a redis-server and our connector on loopback (as benchmarks/load.py does), then keeps ONE
conversation going through /api/chat, message after message, and prints the median turn time and
the size Redis holds for the conversation in windows of the conversation (messages 1–20, 91–110,
…), ending with a Markdown table. `--max-events` sets AIZU_TRACKER_MAX_EVENTS for the connector
(0 = the project default), so the bounded and an effectively unbounded store can be compared:

    .venv/bin/python benchmarks/long_conversation.py --messages 1000
    .venv/bin/python benchmarks/long_conversation.py --messages 1000 --max-events 1000000

Safety: every request goes to 127.0.0.1, one at a time; the number of messages is bounded; all
started processes are stopped on exit, error or Ctrl-C.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Callable, Dict, List, Tuple

import httpx
import redis

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.load import HOST, free_port, service_env, start_service, stop_service, wait_ready  # noqa: E402
from connectors.embedded_redis import start_redis  # noqa: E402

MESSAGES = ("粗大ごみの出し方を教えて", "ありがとう", "図書館は何時まで？", "住民票がほしい", "児童手当について")
WINDOW = 20


def windows(total: int) -> List[Tuple[int, int]]:
    """Message ranges (1-based, inclusive) to report: the start, every tenth of the way, the end."""
    starts = sorted({1, *(max(1, total * k // 10 - WINDOW // 2) for k in range(1, 10)), total - WINDOW + 1})
    return [(s, min(total, s + WINDOW - 1)) for s in starts if s >= 1]


def stored_bytes(client: redis.Redis, conversation: str) -> int:
    return sum(len(client.get(key) or b"") for key in client.scan_iter(f"*tracker*{conversation}*")) or sum(
        len(client.get(key) or b"")
        for key in client.scan_iter(f"*{conversation}")
        if client.type(key) == b"string" and b"lock" not in key
    )


def run(args: argparse.Namespace, cleanup: List[Callable[[], None]]) -> Dict[str, object]:
    workdir = Path(tempfile.mkdtemp(prefix="aizu-long-"))
    server = start_redis(workdir / "redis")
    cleanup.append(server.stop)
    port = free_port()
    env = {
        **service_env(args),
        "AIZU_HOST": HOST,
        "AIZU_PORT": str(port),
        "AIZU_REDIS_URL": server.url,
        "AIZU_MODEL_PATH": str(args.model),
        "AIZU_LOG_LEVEL": "WARNING",
        "AIZU_RATE_LIMIT_PER_IP_PER_MINUTE": "1000000",
        "AIZU_RATE_LIMIT_PER_SENDER_PER_MINUTE": "1000000",
        "AIZU_STATE_DIR": str(workdir / "state"),
    }
    if args.max_events:
        env["AIZU_TRACKER_MAX_EVENTS"] = str(args.max_events)
    service = start_service("ours", [sys.executable, "-m", "connectors"], env, workdir / "ours.log")
    cleanup.append(lambda: stop_service(service))
    base = f"http://{HOST}:{port}"
    wait_ready(f"{base}/readyz", [service], args.ready_timeout)
    store = redis.Redis.from_url(server.url)
    conversation = f"long-{uuid.uuid4().hex[:12]}"
    times: List[float] = []
    sizes: Dict[int, int] = {}
    marks = {end for _, end in windows(args.messages)}
    with httpx.Client(base_url=base, timeout=60) as client:
        for number in range(1, args.messages + 1):
            body = {"sender_id": conversation, "message": MESSAGES[number % len(MESSAGES)], "municipality": "kitakata"}
            started = time.perf_counter()
            response = client.post("/api/chat", json=body)
            times.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise RuntimeError(f"message {number}: HTTP {response.status_code} {response.text[:200]}")
            if number in marks:
                sizes[number] = stored_bytes(store, conversation)
    rows = []
    for first, last in windows(args.messages):
        rows.append((first, last, statistics.median(times[first - 1 : last]), sizes.get(last, 0)))
    return {"rows": rows}


def table(rows: List[Tuple[int, int, float, int]]) -> str:
    base = rows[0][2]
    lines = [
        "| messages | median turn (ms) | vs. first window | stored for the conversation (KB) |",
        "|---|---|---|---|",
    ]
    for first, last, median, size in rows:
        lines.append(f"| {first}–{last} | {median:.1f} | {median / base:.2f}× | {size / 1024:.1f} |")
    return "\n".join(lines)


def parse_args(argv: List[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--model", type=Path, default=None, help="model archive (default: newest in models/)")
    parser.add_argument("--messages", type=int, default=1000, help="messages in the one conversation (max 20000)")
    parser.add_argument("--max-events", type=int, default=0, help="AIZU_TRACKER_MAX_EVENTS (0 = project default)")
    parser.add_argument("--ready-timeout", type=float, default=180)
    parser.add_argument("--env", action="append", default=[], help="extra KEY=VALUE for the connector")
    args = parser.parse_args(argv)
    if not 2 * WINDOW <= args.messages <= 20000:
        parser.error(f"--messages must be between {2 * WINDOW} and 20000")
    if args.model is None:
        from bot.settings import get_settings

        args.model = get_settings().latest_model()
        if args.model is None:
            parser.error("no model: train one (make train) or pass --model")
    return args


def main(argv: List[str] | None = None) -> int:
    args = parse_args(argv)
    cleanup: List[Callable[[], None]] = []
    try:
        result = run(args, cleanup)
    finally:
        for step in reversed(cleanup):
            step()
    rows = result["rows"]
    assert isinstance(rows, list)
    print(f"one conversation, {args.messages} messages, AIZU_TRACKER_MAX_EVENTS={args.max_events or 'default'}")
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
