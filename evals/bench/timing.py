"""Clocks and meters: stages timed with the load average around them, memory snapshots and the
latency of a call as its callers see it."""

from __future__ import annotations

import os
import resource
import sys
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from evals.bench.common import JsonResult, Log, loadavg


@dataclass(frozen=True, kw_only=True)
class StageTimes(JsonResult):
    loadavg_before: list[float]
    stage_s: float
    loadavg_after: list[float]


class Stage:
    """A stage of the run: its `times` once it has ended."""

    def __init__(self) -> None:
        self.loadavg_before = loadavg()
        self.started = time.perf_counter()
        self._times: StageTimes | None = None

    def end(self) -> StageTimes:
        self._times = StageTimes(
            loadavg_before=self.loadavg_before,
            stage_s=round(time.perf_counter() - self.started, 2),
            loadavg_after=loadavg(),
        )
        return self._times

    @property
    def times(self) -> StageTimes:
        if self._times is None:
            raise RuntimeError("the stage has not ended yet")
        return self._times


@dataclass
class Clock:
    """Says what the run does, with the time since it started and the load average."""

    log: Log
    started: float = field(default_factory=time.perf_counter)

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def say(self, message: str) -> None:
        self.log(f"[bench +{self.elapsed():6.1f}s load {loadavg()}] {message}")

    @contextmanager
    def stage(self, name: str) -> Iterator[Stage]:
        stage = Stage()
        self.say(f"{name} ...")
        yield stage
        self.say(f"{name} done in {stage.end().stage_s} s")


@dataclass(frozen=True, kw_only=True)
class MemorySnapshot(JsonResult):
    """Peak and current resident memory in MiB; the Python heap too while tracemalloc traces."""

    OMIT_NONE = frozenset({"py_heap_mib", "py_heap_peak_mib"})

    maxrss_mib: float
    rss_mib: float | None
    py_heap_mib: float | None = None
    py_heap_peak_mib: float | None = None

    @classmethod
    def take(cls) -> MemorySnapshot:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
        peak_mib = peak / (1 << 20) if sys.platform == "darwin" else peak / 1024
        current: float | None = None
        try:
            pages = int(Path("/proc/self/statm").read_text().split()[1])
            current = round(pages * os.sysconf("SC_PAGE_SIZE") / (1 << 20), 1)
        except (OSError, ValueError, IndexError):
            pass
        heap = heap_peak = None
        if tracemalloc.is_tracing():
            now, top = tracemalloc.get_traced_memory()
            heap, heap_peak = round(now / (1 << 20), 1), round(top / (1 << 20), 1)
        return cls(
            maxrss_mib=round(peak_mib, 1), rss_mib=current, py_heap_mib=heap, py_heap_peak_mib=heap_peak
        )


@dataclass(frozen=True, kw_only=True)
class Latency(JsonResult):
    """Per-call latency of one batch of questions at `concurrency` callers."""

    OMIT_NONE = frozenset({"first_error"})

    concurrency: int
    n: int
    errors: int
    p50_ms: float | None
    p95_ms: float | None
    mean_ms: float | None
    max_ms: float | None
    wall_s: float
    qps: float | None
    first_error: str | None = None

    @classmethod
    def of(
        cls,
        latencies_s: Sequence[float],
        wall_s: float,
        concurrency: int,
        errors: Sequence[str] = (),
    ) -> Latency:
        ms = np.asarray(latencies_s, dtype=float) * 1000
        n = len(ms)
        stats: list[float | None] = [None] * 4
        if n:
            stats = [round(float(x), 1) for x in (*np.percentile(ms, [50, 95]), ms.mean(), ms.max())]
        p50, p95, mean, top = stats
        return cls(
            concurrency=concurrency,
            n=n,
            errors=len(errors),
            p50_ms=p50,
            p95_ms=p95,
            mean_ms=mean,
            max_ms=top,
            wall_s=round(wall_s, 2),
            qps=round(n / wall_s, 2) if wall_s > 0 else None,
            first_error=errors[0] if errors else None,
        )


def measure_latency(fn: Callable[[str], object], questions: Sequence[str], concurrency: int) -> Latency:
    """Each question once, by `concurrency` threads; a failing question is counted, not fatal."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def one(question: str) -> None:
        started = time.perf_counter()
        try:
            fn(question)
        except Exception as exc:
            with lock:
                errors.append(f"{type(exc).__name__}: {exc}"[:200])
            return
        elapsed = time.perf_counter() - started
        with lock:
            latencies.append(elapsed)

    started = time.perf_counter()
    if concurrency <= 1:
        for question in questions:
            one(question)
    else:
        with ThreadPoolExecutor(max_workers=concurrency) as pool:
            list(pool.map(one, questions))
    return Latency.of(latencies, time.perf_counter() - started, max(1, concurrency), errors)
