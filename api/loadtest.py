"""A bounded load test of `POST /api/ask`: p50/p95 latency at 1 and 16 concurrent clients.

    python -m api.loadtest --url http://127.0.0.1:8000 --requests 32

Loopback only (it refuses other hosts), a fixed number of requests per level, no retries: it
stops by itself. Run it against `beleid serve` with the real assistant; figures are printed,
never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import math
import sys
import time
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import urlparse

QUESTIONS = (
    "Wat zijn de doelen van Hengelo in het sociaal domein?",
    "Hoeveel geeft Almelo uit aan jeugdhulp?",
    "Welke rol spelen sociale teams in Leusden?",
    "Wat doet Twenterand aan armoedebestrijding?",
    "Hoe wil Almelo de Wmo-kosten beheersen?",
    "Welke indicatoren gebruikt Hengelo voor participatie?",
    "Wat zegt Leusden over mantelzorg?",
    "Wat is het budget voor het sociaal domein in Twenterand?",
)


@dataclass
class LevelResult:
    concurrency: int
    requests: int
    errors: int
    p50_ms: float
    p95_ms: float
    mean_ms: float
    max_ms: float
    seconds: float
    per_second: float
    statuses: dict[str, int] = field(default_factory=dict)


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile; 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def is_loopback(url: str) -> bool:
    host = urlparse(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


async def run_level(client: Any, url: str, concurrency: int, total: int, timeout: float) -> LevelResult:
    gate = asyncio.Semaphore(concurrency)
    latencies: list[float] = []
    statuses: dict[str, int] = {}

    async def one(i: int) -> None:
        async with gate:
            started = time.perf_counter()
            try:
                response = await client.post(
                    f"{url}/api/ask", json={"question": QUESTIONS[i % len(QUESTIONS)]}, timeout=timeout
                )
                key = str(response.status_code)
            except Exception as exc:  # a failed request is a data point, not a reason to stop
                key = type(exc).__name__
            statuses[key] = statuses.get(key, 0) + 1
            if key == "200":
                latencies.append((time.perf_counter() - started) * 1000)

    started = time.perf_counter()
    await asyncio.gather(*(one(i) for i in range(total)))
    seconds = time.perf_counter() - started
    return LevelResult(
        concurrency=concurrency,
        requests=total,
        errors=total - len(latencies),
        p50_ms=round(percentile(latencies, 50), 1),
        p95_ms=round(percentile(latencies, 95), 1),
        mean_ms=round(sum(latencies) / len(latencies), 1) if latencies else 0.0,
        max_ms=round(max(latencies, default=0.0), 1),
        seconds=round(seconds, 2),
        per_second=round(len(latencies) / seconds, 2) if seconds else 0.0,
        statuses=statuses,
    )


async def run(url: str, levels: list[int], total: int, timeout: float) -> list[LevelResult]:
    import httpx

    async with httpx.AsyncClient(limits=httpx.Limits(max_connections=max(levels))) as client:
        # One unmeasured request: the first answer may pay for loading the model.
        await client.post(f"{url}/api/ask", json={"question": QUESTIONS[0]}, timeout=timeout)
        return [await run_level(client, url, level, total, timeout) for level in levels]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--requests", type=int, default=32, help="requests per concurrency level")
    parser.add_argument("--levels", default="1,16", help="concurrent clients, comma-separated")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per request")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    url = args.url.rstrip("/")
    if not is_loopback(url):
        print(f"loadtest: alleen loopback-adressen (127.0.0.1, localhost, ::1), niet {url}", file=sys.stderr)
        return 2
    levels = [int(x) for x in args.levels.split(",") if x.strip()]
    if not levels or min(levels) < 1 or args.requests < 1 or max(levels) > 256 or args.requests > 10_000:
        print("loadtest: --levels 1..256 en --requests 1..10000", file=sys.stderr)
        return 2
    try:
        results = asyncio.run(run(url, levels, args.requests, args.timeout))
    except Exception as exc:
        print(f"loadtest: {url} niet bereikbaar: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps([asdict(r) for r in results], indent=2))
    else:
        print(f"POST {url}/api/ask, {args.requests} requests per level")
        header = ("clients", "p50 ms", "p95 ms", "mean ms", "max ms", "req/s", "errors")
        print(" ".join(f"{h:>{w}}" for h, w in zip(header, (7, 9, 9, 9, 9, 7, 6), strict=True)))
        for r in results:
            print(
                f"{r.concurrency:>7} {r.p50_ms:>9.1f} {r.p95_ms:>9.1f} {r.mean_ms:>9.1f} {r.max_ms:>9.1f} "
                f"{r.per_second:>7.2f} {r.errors:>6}"
            )
    return 1 if any(r.errors for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
