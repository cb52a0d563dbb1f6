"""Load benchmark: simulated residents against our connector and against stock `rasa run`.

Starts everything itself on loopback (redis-server, the connector, stock Rasa with its REST
channel and action server), plays N concurrent multi-turn conversations, and prints p50/p95/p99
latency, throughput, errors and peak memory per process. All traffic goes to 127.0.0.1 and
every loop is bounded in time.

    .venv/bin/python benchmarks/load.py --residents 20 --seconds 40
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.settings import get_settings  # noqa: E402
from connectors.embedded_redis import free_port, start_redis  # noqa: E402

SCRIPTS = [
    ["喜多方です", "燃えるゴミ何曜？", "粗大ごみも出したい", "ありがとう"],
    ["会津若松市に住んでます", "住民票がほしい", "いんかんとうろく", "マイナンバーカードをなくした"],
    ["昭和村です", "国民健康保険に入りたい", "保険", "担当の人と話したい"],
    ["会津美里町", "子どもが生まれた", "児童手当の申請", "保育園に入れたい", "さようなら"],
    ["ばんげ", "道路の雪いつ片付けてくれるんだべ", "犬の登録", "水道を止めたい"],
]


@dataclass
class Result:
    latencies: List[float] = field(default_factory=list)
    errors: int = 0
    started: float = 0.0
    finished: float = 0.0

    def summary(self) -> Dict[str, float]:
        ordered = sorted(self.latencies)

        def pct(p: float) -> float:
            return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000 if ordered else float("nan")

        elapsed = self.finished - self.started
        return {"requests": len(ordered), "errors": self.errors, "p50_ms": pct(0.50), "p95_ms": pct(0.95),
                "p99_ms": pct(0.99), "mean_ms": statistics.mean(ordered) * 1000 if ordered else float("nan"),
                "throughput_rps": len(ordered) / elapsed if elapsed else 0.0}


def wait_ready(url: str, process: subprocess.Popen, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited with {process.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} not ready")


def peak_rss_mb(pid: int) -> float:
    """Peak resident memory (VmHWM) of one process."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def children(pid: int) -> List[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


async def resident(client: httpx.AsyncClient, send: Callable, script: List[str], result: Result,
                   deadline: float, think: float, measuring: Callable[[], bool]) -> None:
    while time.monotonic() < deadline:
        sender = f"bench-{uuid.uuid4().hex[:16]}"
        for text in script:
            if time.monotonic() >= deadline:
                return
            start = time.perf_counter()
            try:
                ok = await send(client, sender, text)
            except httpx.HTTPError:
                ok = False
            elapsed = time.perf_counter() - start
            if measuring():
                if ok:
                    result.latencies.append(elapsed)
                else:
                    result.errors += 1
            if think:
                await asyncio.sleep(random.uniform(think * 0.5, think * 1.5))


async def run_load(send: Callable, residents: int, seconds: float, warmup: float, think: float) -> Result:
    result = Result()
    begin = time.monotonic()
    measure_from = begin + warmup
    deadline = measure_from + seconds
    limits = httpx.Limits(max_connections=residents * 2)
    async with httpx.AsyncClient(timeout=30, limits=limits) as client:
        result.started = time.perf_counter() + warmup
        await asyncio.gather(*(resident(client, send, SCRIPTS[i % len(SCRIPTS)], result, deadline, think,
                                        lambda: time.monotonic() >= measure_from)
                               for i in range(residents)))
        result.finished = time.perf_counter()
    return result


def ours_sender(base: str) -> Callable:
    async def send(client: httpx.AsyncClient, sender: str, text: str) -> bool:
        response = await client.post(f"{base}/api/chat", json={"sender_id": sender, "message": text})
        return response.status_code == 200 and bool(response.json()["messages"])
    return send


def stock_sender(base: str) -> Callable:
    async def send(client: httpx.AsyncClient, sender: str, text: str) -> bool:
        response = await client.post(f"{base}/webhooks/rest/webhook", json={"sender": sender, "message": text})
        return response.status_code == 200 and isinstance(response.json(), list) and bool(response.json())
    return send


def start(args: List[str], env: Dict[str, str], log: Path) -> subprocess.Popen:
    handle = log.open("wb")
    return subprocess.Popen(args, cwd=ROOT, env={**os.environ, **env}, stdout=handle, stderr=subprocess.STDOUT)


def table(rows: Dict[str, Dict[str, float]]) -> str:
    keys = ["requests", "errors", "p50_ms", "p95_ms", "p99_ms", "throughput_rps"]
    lines = ["| run | " + " | ".join(keys) + " |", "|---" * (len(keys) + 1) + "|"]
    for name, row in rows.items():
        lines.append(f"| {name} | " + " | ".join(f"{row[k]:.1f}" if isinstance(row[k], float) else str(row[k])
                                                  for k in keys) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=40, help="measured time per phase")
    parser.add_argument("--warmup", type=float, default=8)
    parser.add_argument("--think", type=float, default=1.5, help="mean pause between a resident's messages (s)")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--skip-stock", action="store_true")
    parser.add_argument("--model", default=None)
    args = parser.parse_args()

    model = Path(args.model) if args.model else get_settings().latest_model()
    if model is None:
        raise SystemExit("no model: run `make train` first")
    workdir = Path(tempfile.mkdtemp(prefix="aizu-bench-"))
    base_env = {"PYTHONPATH": str(ROOT), "TF_CPP_MIN_LOG_LEVEL": "3"}
    redis = start_redis(workdir / "redis")
    processes: Dict[str, subprocess.Popen] = {}
    try:
        port = free_port()
        processes["ours"] = start([sys.executable, "-m", "connectors"], {
            **base_env, "AIZU_PORT": str(port), "AIZU_REDIS_URL": redis.url, "AIZU_MODEL_PATH": str(model),
            "AIZU_WORKERS": str(args.workers), "AIZU_LOG_LEVEL": "WARNING",
            "AIZU_RATE_LIMIT_PER_IP_PER_MINUTE": "100000000", "AIZU_RATE_LIMIT_PER_SENDER_PER_MINUTE": "100000000",
        }, workdir / "ours.log")
        ours = f"http://127.0.0.1:{port}"
        wait_ready(f"{ours}/readyz", processes["ours"])
        stock: Optional[str] = None
        if not args.skip_stock:
            action_port, stock_port = free_port(), free_port()
            (workdir / "endpoints.yml").write_text(
                f'action_endpoint:\n  url: "http://127.0.0.1:{action_port}/webhook"\n')
            (workdir / "credentials.yml").write_text("rest:\n")
            rasa = str(Path(sys.executable).parent / "rasa")
            processes["stock actions"] = start([rasa, "run", "actions", "--actions", "actions", "-p",
                                                str(action_port)], base_env, workdir / "actions.log")
            processes["stock rasa"] = start([rasa, "run", "--enable-api", "-m", str(model), "-p", str(stock_port),
                                             "--endpoints", str(workdir / "endpoints.yml"),
                                             "--credentials", str(workdir / "credentials.yml")],
                                            base_env, workdir / "stock.log")
            stock = f"http://127.0.0.1:{stock_port}"
            wait_ready(f"{stock}/status", processes["stock rasa"])
            wait_ready(f"http://127.0.0.1:{action_port}/health", processes["stock actions"])

        rows: Dict[str, Dict[str, float]] = {}
        for phase, think in (("residents", args.think), ("saturation", 0.0)):
            rows[f"ours {phase}"] = asyncio.run(run_load(ours_sender(ours), args.residents, args.seconds,
                                                         args.warmup, think)).summary()
            if stock:
                rows[f"stock {phase}"] = asyncio.run(run_load(stock_sender(stock), args.residents, args.seconds,
                                                              args.warmup, think)).summary()
        print(f"\nmodel: {model.name}; residents: {args.residents}; think: {args.think}s (residents phase), "
              f"0 (saturation); measured {args.seconds}s per run after {args.warmup}s warm-up; "
              f"workers: {args.workers}\n")
        print(table(rows))
        if stock:
            ratio = rows["ours saturation"]["throughput_rps"] / rows["stock saturation"]["throughput_rps"]
            print(f"\nthroughput ratio ours/stock (saturation): {ratio:.2f}x")
        print("\npeak resident memory (VmHWM) per process:")
        for name, process in processes.items():
            pids = [process.pid] + children(process.pid)
            for pid in pids:
                print(f"  {name} pid {pid}: {peak_rss_mb(pid):.0f} MB")
    finally:
        for process in processes.values():
            process.terminate()
        for process in processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        redis.stop()


if __name__ == "__main__":
    main()
