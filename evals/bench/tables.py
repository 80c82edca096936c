"""Table detection on synthetic short lines: the time should grow linearly with the lines."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from evals.bench.common import JsonResult, loadavg, ratio

TABLE_SIZES = (1_000, 4_000, 16_000)


@dataclass(frozen=True, kw_only=True)
class TableSize(JsonResult):
    lines: int
    seconds: float  # the best of the repeats
    tables: int


@dataclass(frozen=True, kw_only=True)
class TablesResult(JsonResult):
    """A time ratio near the ratio of the sizes is linear, near its square quadratic."""

    sizes: list[TableSize]
    size_ratio: float
    time_ratio: float | None
    loadavg: list[float]


def short_lines(n: int) -> list[str]:
    """n short lines that make no table (a figure every tenth line): where a table is tried at every
    line, and each try once scanned the whole run after it."""
    return [f"{i * 7 % 1000},5" if i % 10 == 9 else f"korte regel {i % 97}" for i in range(n)]


def bench_tables(sizes: Sequence[int] = TABLE_SIZES, repeat: int = 3) -> TablesResult:
    """Seconds of `find_tables` over `short_lines(n)` per size, the best of `repeat` runs."""
    from ingest.tables import find_tables

    if not sizes:
        raise ValueError("no table sizes to time")
    rows: list[TableSize] = []
    for n in sizes:
        lines = short_lines(n)
        best = float("inf")
        for _ in range(max(1, repeat)):
            started = time.perf_counter()
            found = find_tables(lines)
            best = min(best, time.perf_counter() - started)
        rows.append(TableSize(lines=n, seconds=round(best, 4), tables=len(found)))
    first, last = rows[0], rows[-1]
    return TablesResult(
        sizes=rows,
        size_ratio=round(last.lines / first.lines, 1),
        time_ratio=ratio(last.seconds, first.seconds),
        loadavg=loadavg(),
    )
