"""Load benchmark: simulated residents against our connector and against stock `rasa run`.

Starts everything itself on free loopback ports (redis-server + our connector; stock Rasa with
its REST channel + the rasa_sdk action server), waits until each is ready, then plays N
concurrent residents, each holding multi-turn conversations drawn from SCRIPTS. After a warm-up
it measures every request's latency and prints p50/p95/p99, throughput, errors, CPU per request
and the peak resident memory (VmHWM) of every process, ending with a Markdown table.

    .venv/bin/python benchmarks/load.py --residents 20 --turns 5 --conversations 10
    .venv/bin/python benchmarks/load.py --residents 20 --duration 60 --think 2 --skip-stock

Safety: every request goes to 127.0.0.1; the number of requests and the wall time are both
bounded (--max-requests, --max-seconds); all started processes are stopped on exit, error or
Ctrl-C. Targets are measured one after the other (ours, then stock), never at the same time.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Awaitable, Callable, Dict, List, Optional, Tuple

import httpx

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from connectors.embedded_redis import EmbeddedRedis, free_port, start_redis  # noqa: E402

HOST = "127.0.0.1"
CLK_TCK = os.sysconf("SC_CLK_TCK")

# (municipality id, resident messages). Ours sends the id as the widget does (`municipality`);
# stock Rasa cannot receive it, so every script names the municipality in its text early on.
SCRIPTS: List[Tuple[str, List[str]]] = [
    (
        "kitakata",
        ["燃えるゴミ何曜？", "喜多方です", "粗大ごみも出したい", "家電のリサイクルはどうすれば", "ありがとう"],
    ),
    (
        "aizuwakamatsu",
        [
            "会津若松市に住んでます",
            "住民票がほしい",
            "いんかんとうろく",
            "マイナンバーカードをなくした",
            "ありがとうございました",
        ],
    ),
    ("showa", ["昭和村です", "国民健康保険に入りたい", "年金の手続きは", "担当の人と話したい", "さようなら"]),
    ("aizumisato", ["子どもが生まれた", "会津美里町", "児童手当の申請", "保育園に入れたい", "ありがとう"]),
    (
        "aizubange",
        [
            "ばんげに引っ越してきました",
            "転入の手続き",
            "道路の雪いつ片付けてくれるんだべ",
            "犬の登録",
            "水道を使い始めたい",
        ],
    ),
    ("inawashiro", ["猪苗代町の役場は何時まで？", "住民税の納付", "ｺﾝﾋﾞﾆで住民票とれる？", "図書館", "どうも"]),
]

Send = Callable[[httpx.AsyncClient, str, str, str], Awaitable[bool]]


# ---------------------------------------------------------------- processes and /proc


@dataclass
class Service:
    """A started subprocess (own process group) and its log."""

    name: str
    process: subprocess.Popen
    log: Path

    def tree(self) -> List[int]:
        """The process and all its descendants that are still alive."""
        return process_tree(self.process.pid)


def start_service(name: str, args: List[str], env: Dict[str, str], log: Path) -> Service:
    with log.open("wb") as handle:  # the child keeps its own descriptor
        process = subprocess.Popen(
            args,
            cwd=ROOT,
            env={**os.environ, **env},
            stdout=handle,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    return Service(name, process, log)


def stop_service(service: Service, timeout: float = 20) -> None:
    """SIGTERM the service's process group (uvicorn workers included), SIGKILL what lingers.

    Signals go only to the group of a child we started (while it is unreaped, so the id is
    still ours) and afterwards only to recorded descendants still in that group.
    """
    process = service.process
    members = service.tree()
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
    for pid in members:
        if pid != process.pid and process_group(pid) == process.pid:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)


def process_group(pid: int) -> Optional[int]:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[2])
    except (OSError, IndexError, ValueError):
        return None


def process_tree(root: int) -> List[int]:
    """`root` and its descendants, from the ppid field of /proc/*/stat."""
    parents: Dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = [root], [root]
    while frontier:
        frontier = [pid for pid, ppid in parents.items() if ppid in frontier]
        found += frontier
    return [pid for pid in found if Path(f"/proc/{pid}").exists()]


def proc_status(pid: int) -> Dict[str, str]:
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return {}
    return dict(line.split(":", 1) for line in lines if ":" in line)


def kb_to_mb(value: Optional[str]) -> float:
    return int(value.split()[0]) / 1024 if value else float("nan")


def cpu_seconds(pid: int) -> float:
    """utime + stime of one process so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def cmdline(pid: int) -> str:
    try:
        parts = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return "?"
    words = [p.decode(errors="replace") for p in parts if p]
    short = " ".join(Path(words[0]).name.split() + words[1:4]) if words else "?"
    return short if len(short) <= 60 else short[:57] + "..."


@dataclass
class ProcessMemory:
    service: str
    pid: int
    command: str
    peak_rss_mb: float
    rss_mb: float
    threads: int


def memory_report(services: List[Service]) -> List[ProcessMemory]:
    rows = []
    for service in services:
        for pid in service.tree():
            status = proc_status(pid)
            if status:
                rows.append(
                    ProcessMemory(
                        service.name,
                        pid,
                        cmdline(pid),
                        kb_to_mb(status.get("VmHWM")),
                        kb_to_mb(status.get("VmRSS")),
                        int(status.get("Threads", "0")),
                    )
                )
    return rows


def wait_ready(url: str, services: List[Service], timeout: float) -> None:
    """Poll `url` until it answers 200; fail early if one of the services died."""
    assert url.startswith(f"http://{HOST}:"), url
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for service in services:
            if service.process.poll() is not None:
                tail = service.log.read_text(errors="replace")[-3000:]
                raise RuntimeError(f"{service.name} exited with {service.process.returncode}:\n{tail}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} not ready after {timeout:.0f}s")


# ---------------------------------------------------------------- load


@dataclass
class Measurement:
    latencies: List[float] = field(default_factory=list)
    errors: int = 0
    error_kinds: Dict[str, int] = field(default_factory=dict)
    conversations: int = 0
    started: float = 0.0
    finished: float = 0.0

    def error(self, kind: str) -> None:
        self.errors += 1
        self.error_kinds[kind] = self.error_kinds.get(kind, 0) + 1

    @property
    def requests(self) -> int:
        return len(self.latencies) + self.errors

    def percentile(self, p: float) -> float:
        data = sorted(self.latencies)
        if not data:
            return float("nan")
        rank = p / 100 * (len(data) - 1)  # linear interpolation between closest ranks
        low = int(rank)
        high = min(low + 1, len(data) - 1)
        return (data[low] + (data[high] - data[low]) * (rank - low)) * 1000

    def summary(self) -> Dict[str, float]:
        elapsed = max(self.finished - self.started, 1e-9)
        return {
            "requests": self.requests,
            "ok": len(self.latencies),
            "errors": self.errors,
            "p50_ms": self.percentile(50),
            "p95_ms": self.percentile(95),
            "p99_ms": self.percentile(99),
            "mean_ms": statistics.fmean(self.latencies) * 1000 if self.latencies else float("nan"),
            "max_ms": max(self.latencies) * 1000 if self.latencies else float("nan"),
            "throughput_rps": len(self.latencies) / elapsed,
            "seconds": elapsed,
        }


@dataclass
class Budget:
    """Hard bounds shared by all residents of one phase."""

    deadline: float
    max_requests: int
    sent: int = 0

    def take(self) -> bool:
        if self.sent >= self.max_requests or time.monotonic() >= self.deadline:
            return False
        self.sent += 1
        return True


async def resident(
    number: int,
    client: httpx.AsyncClient,
    send: Send,
    turns: int,
    conversations: Optional[int],
    until: Optional[float],
    think: float,
    budget: Budget,
    result: Measurement,
) -> None:
    rng = random.Random(number)
    held = 0
    while conversations is None or held < conversations:
        if until is not None and time.monotonic() >= until:
            return
        municipality, script = SCRIPTS[(number + held) % len(SCRIPTS)]
        sender = f"bench-{uuid.uuid4().hex[:20]}"
        for turn in range(turns):
            if (until is not None and time.monotonic() >= until) or not budget.take():
                return
            text = script[turn % len(script)]
            start = time.perf_counter()
            try:
                ok = await send(client, sender, text, municipality)
                if ok:
                    result.latencies.append(time.perf_counter() - start)
                else:
                    result.error("bad response")
            except httpx.TimeoutException:
                result.error("timeout")
            except (httpx.HTTPError, ValueError, KeyError, TypeError) as error:
                result.error(type(error).__name__)
            if think:
                await asyncio.sleep(rng.uniform(think * 0.5, think * 1.5))
        held += 1
        result.conversations += 1


async def run_phase(
    send: Send,
    residents: int,
    turns: int,
    conversations: Optional[int],
    duration: Optional[float],
    think: float,
    max_requests: int,
    max_seconds: float,
    timeout: float,
) -> Measurement:
    result = Measurement()
    now = time.monotonic()
    budget = Budget(deadline=now + max_seconds, max_requests=max_requests)
    until = now + duration if duration is not None else None
    limits = httpx.Limits(max_connections=residents, max_keepalive_connections=residents)
    async with httpx.AsyncClient(timeout=timeout, limits=limits, trust_env=False) as client:
        result.started = time.perf_counter()
        # the residents start staggered over the first second, like real arrivals
        await asyncio.gather(
            *(
                staggered(
                    i / max(residents, 1), resident(i, client, send, turns, conversations, until, think, budget, result)
                )
                for i in range(residents)
            )
        )
        result.finished = time.perf_counter()
    return result


async def staggered(delay: float, job: Awaitable[None]) -> None:
    await asyncio.sleep(delay)
    await job


def ours_sender(base: str) -> Send:
    url = f"{base}/api/chat"

    async def send(client: httpx.AsyncClient, sender: str, text: str, municipality: str) -> bool:
        response = await client.post(url, json={"sender_id": sender, "message": text, "municipality": municipality})
        return response.status_code == 200 and bool(response.json()["messages"])

    return send


def stock_sender(base: str) -> Send:
    url = f"{base}/webhooks/rest/webhook"

    async def send(client: httpx.AsyncClient, sender: str, text: str, municipality: str) -> bool:
        response = await client.post(url, json={"sender": sender, "message": text})
        body = response.json() if response.status_code == 200 else None
        return isinstance(body, list) and any(m.get("text") for m in body)

    return send


# ---------------------------------------------------------------- targets


@dataclass
class TargetResult:
    name: str
    summary: Dict[str, float]
    error_kinds: Dict[str, int]
    cpu: Dict[str, float]  # service name -> CPU seconds during the measured phase
    client_cpu: float  # CPU seconds of this load generator during the measured phase (not in CPU ms/request)
    memory: List[ProcessMemory]


def measure(name: str, send: Send, services: List[Service], args: argparse.Namespace) -> TargetResult:
    bounds = dict(max_requests=args.max_requests, max_seconds=args.max_seconds, timeout=args.timeout)
    if args.warmup:
        print(f"[{name}] warm-up: {args.residents} residents x {args.warmup} conversation(s)", flush=True)
        asyncio.run(run_phase(send, args.residents, args.turns, args.warmup, None, args.think, **bounds))
    before = {s.name: sum(cpu_seconds(p) for p in s.tree()) for s in services}
    client_before = time.process_time()
    what = f"{args.duration:.0f}s" if args.duration else f"{args.conversations} conversation(s) each"
    print(
        f"[{name}] measuring: {args.residents} residents x {what}, {args.turns} turns, think {args.think}s", flush=True
    )
    result = asyncio.run(
        run_phase(
            send,
            args.residents,
            args.turns,
            None if args.duration else args.conversations,
            args.duration,
            args.think,
            **bounds,
        )
    )
    cpu = {s.name: sum(cpu_seconds(p) for p in s.tree()) - before[s.name] for s in services}
    client_cpu = time.process_time() - client_before
    summary = result.summary()
    print(
        f"[{name}] {summary['ok']} ok, {summary['errors']} errors, p50 {summary['p50_ms']:.0f} ms, "
        f"p95 {summary['p95_ms']:.0f} ms, {summary['throughput_rps']:.1f} req/s",
        flush=True,
    )
    return TargetResult(name, summary, result.error_kinds, cpu, client_cpu, memory_report(services))


def service_env(args: argparse.Namespace) -> Dict[str, str]:
    env = {
        "PYTHONPATH": str(ROOT),
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "PYTHONUNBUFFERED": "1",
        "NO_PROXY": HOST,
        "no_proxy": HOST,
    }
    for item in args.env:
        key, _, value = item.partition("=")
        env[key] = value
    return env


def run_ours(model: Path, workdir: Path, args: argparse.Namespace, cleanup: List[Callable[[], None]]) -> TargetResult:
    redis: EmbeddedRedis = start_redis(workdir / "redis")
    cleanup.append(redis.stop)
    port = free_port()
    service = start_service(
        "ours",
        [sys.executable, "-m", "connectors"],
        {
            **service_env(args),
            "AIZU_HOST": HOST,
            "AIZU_PORT": str(port),
            "AIZU_REDIS_URL": redis.url,
            "AIZU_MODEL_PATH": str(model),
            "AIZU_WORKERS": str(args.workers),
            "AIZU_LOG_LEVEL": "WARNING",
            "AIZU_RATE_LIMIT_PER_IP_PER_MINUTE": "1000000",
            "AIZU_RATE_LIMIT_PER_SENDER_PER_MINUTE": "1000000",
            "AIZU_STATE_DIR": str(workdir / "state"),
        },
        workdir / "ours.log",
    )
    cleanup.append(lambda: stop_service(service))
    base = f"http://{HOST}:{port}"
    started = time.monotonic()
    wait_ready(f"{base}/readyz", [service], args.ready_timeout)
    print(
        f"[ours] ready after {time.monotonic() - started:.1f}s ({args.workers} worker(s)); log {service.log}",
        flush=True,
    )
    redis_service = Service("redis", redis.process, workdir / "redis" / "redis.log")
    return measure("ours", ours_sender(base), [service, redis_service], args)


def run_stock(model: Path, workdir: Path, args: argparse.Namespace, cleanup: List[Callable[[], None]]) -> TargetResult:
    action_port, rasa_port = free_port(), free_port()
    endpoints = workdir / "endpoints.yml"
    endpoints.write_text(
        (Path(__file__).parent / "stock_endpoints.yml").read_text().replace("ACTION_PORT", str(action_port))
    )
    credentials = workdir / "credentials.yml"
    credentials.write_text("rest:\n")
    rasa = str(Path(sys.executable).parent / "rasa")
    env = service_env(args)
    actions = start_service(
        "stock actions",
        [rasa, "run", "actions", "--actions", "actions", "-p", str(action_port), "--quiet"],
        env,
        workdir / "actions.log",
    )
    cleanup.append(lambda: stop_service(actions))
    server = start_service(
        "stock rasa",
        [
            rasa,
            "run",
            "--enable-api",
            "-m",
            str(model),
            "-p",
            str(rasa_port),
            "-i",
            HOST,
            "--endpoints",
            str(endpoints),
            "--credentials",
            str(credentials),
            "--quiet",
        ],
        env,
        workdir / "stock.log",
    )
    cleanup.append(lambda: stop_service(server))
    base = f"http://{HOST}:{rasa_port}"
    started = time.monotonic()
    wait_ready(f"http://{HOST}:{action_port}/health", [actions, server], args.ready_timeout)
    wait_ready(f"{base}/status", [actions, server], args.ready_timeout)
    print(f"[stock] ready after {time.monotonic() - started:.1f}s; logs {server.log}, {actions.log}", flush=True)
    return measure("stock", stock_sender(base), [server, actions], args)


# ---------------------------------------------------------------- report


def fmt(value: float, digits: int = 0) -> str:
    return "n/a" if value != value else f"{value:.{digits}f}"  # NaN check


def results_table(results: List[TargetResult]) -> str:
    head = (
        "| target | requests | errors | p50 ms | p95 ms | p99 ms | mean ms | max ms | throughput req/s "
        "| CPU ms/request |"
    )
    lines = [head, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        s = r.summary
        cpu_ms = sum(r.cpu.values()) * 1000 / s["ok"] if s["ok"] else float("nan")
        lines.append(
            f"| {r.name} | {s['requests']} | {s['errors']} | {fmt(s['p50_ms'])} | {fmt(s['p95_ms'])} "
            f"| {fmt(s['p99_ms'])} | {fmt(s['mean_ms'])} | {fmt(s['max_ms'])} "
            f"| {fmt(s['throughput_rps'], 1)} | {fmt(cpu_ms, 1)} |"
        )
    return "\n".join(lines)


def memory_table(results: List[TargetResult]) -> str:
    lines = [
        "| target | service | pid | process | peak RSS (VmHWM) MB | RSS at end MB | threads |",
        "|---|---|---:|---|---:|---:|---:|",
    ]
    for r in results:
        for m in r.memory:
            lines.append(
                f"| {r.name} | {m.service} | {m.pid} | `{m.command}` | {fmt(m.peak_rss_mb)} "
                f"| {fmt(m.rss_mb)} | {m.threads} |"
            )
        total = sum(m.peak_rss_mb for m in r.memory)
        lines.append(f"| {r.name} | **sum of peaks** | | | **{fmt(total)}** | | |")
    return "\n".join(lines)


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--residents", type=int, default=20, help="concurrent simulated residents")
    parser.add_argument("--turns", type=int, default=5, help="messages per conversation")
    amount = parser.add_mutually_exclusive_group()
    amount.add_argument("--conversations", type=int, default=10, help="measured conversations per resident")
    amount.add_argument("--duration", type=float, default=None, help="measure for this many seconds instead")
    parser.add_argument("--warmup", type=int, default=1, help="unmeasured conversations per resident first")
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        help="mean pause (s) between a resident's messages; 0 = closed loop, back to back",
    )
    parser.add_argument("--workers", type=int, default=1, help="uvicorn workers of our connector")
    parser.add_argument("--skip-stock", action="store_true", help="only measure our connector")
    parser.add_argument("--skip-ours", action="store_true", help="only measure stock Rasa")
    parser.add_argument("--model", type=Path, default=None, help="model archive (default: newest in models/)")
    parser.add_argument(
        "--env",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="extra environment for the started services (e.g. TF_NUM_INTRAOP_THREADS=1)",
    )
    parser.add_argument("--max-requests", type=int, default=20000, help="hard cap on requests per phase")
    parser.add_argument("--max-seconds", type=float, default=600, help="hard cap on the wall time of a phase")
    parser.add_argument("--timeout", type=float, default=30, help="per-request timeout (s)")
    parser.add_argument("--ready-timeout", type=float, default=240, help="seconds to wait for a service to load")
    args = parser.parse_args(argv)
    if args.residents < 1 or args.turns < 1 or (args.conversations or 1) < 1 or args.max_requests < 1:
        parser.error("--residents, --turns, --conversations and --max-requests must be positive")
    if args.duration is not None and not 0 < args.duration <= args.max_seconds:
        parser.error("--duration must be positive and at most --max-seconds")
    if any("=" not in item for item in args.env):
        parser.error("--env takes KEY=VALUE")
    return args


def newest_model() -> Optional[Path]:
    archives = sorted((ROOT / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    return archives[-1] if archives else None


def main(argv: Optional[List[str]] = None) -> None:
    args = parse_args(argv)
    model = args.model or newest_model()
    if model is None or not model.exists():
        raise SystemExit("no model: run `make train` (or `.venv/bin/python -m bot train`) first")
    model = model.resolve()
    # a SIGTERM to the benchmark must still run the cleanup below
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    cleanup: List[Callable[[], None]] = []
    results: List[TargetResult] = []
    with tempfile.TemporaryDirectory(prefix="aizu-bench-") as tmp:
        workdir = Path(tmp)
        try:
            if not args.skip_ours:
                results.append(run_ours(model, workdir, args, cleanup))
                while cleanup:  # free the cores before measuring stock
                    cleanup.pop()()
            if not args.skip_stock:
                results.append(run_stock(model, workdir, args, cleanup))
        finally:
            while cleanup:
                try:
                    cleanup.pop()()
                except Exception as error:  # noqa: BLE001 - keep stopping the others
                    print(f"cleanup failed: {error!r}", file=sys.stderr)

    what = f"{args.duration:.0f}s measured" if args.duration else f"{args.conversations} measured conversation(s)"
    print(
        f"\n## Results\n\nmodel `{model.name}`; {args.residents} concurrent residents x {args.turns} turns, "
        f"{what} each after {args.warmup} warm-up conversation(s); think time {args.think}s; "
        f"our workers: {args.workers}; extra env: {' '.join(args.env) or 'none'}\n"
    )
    print(results_table(results))
    by_name = {r.name: r for r in results}
    if "ours" in by_name and "stock" in by_name and by_name["stock"].summary["throughput_rps"]:
        ratio = by_name["ours"].summary["throughput_rps"] / by_name["stock"].summary["throughput_rps"]
        note = (
            ""
            if args.think == 0
            else (
                " (with think time the residents set the pace, so this mostly "
                "reflects the offered load; use --think 0 for capacity)"
            )
        )
        print(f"\nthroughput ratio ours/stock: **{ratio:.2f}x**{note}")
    print("\n" + memory_table(results))
    for r in results:
        if r.error_kinds:
            print(f"\n{r.name} errors: {r.error_kinds}")
        print(
            f"\n{r.name} CPU seconds during the measured phase: "
            + ", ".join(f"{k} {v:.1f}" for k, v in r.cpu.items())
            + f"; load generator {r.client_cpu:.1f} over {r.summary['seconds']:.1f}s wall"
        )


if __name__ == "__main__":
    main()
