"""Part 2, warm query latency: `ask` and `search` at several numbers of concurrent callers, and
the query embedding alone."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.protocols import Embedder
from assistant.settings import Settings
from evals.bench.common import JsonResult
from evals.bench.timing import Clock, Latency, StageTimes, measure_latency

DEFAULT_CONCURRENCY = (1, 4, 16)
WARM_QUESTIONS = 3  # asked untimed before the latency runs


@dataclass(frozen=True, kw_only=True)
class CallerRow(Latency):
    """One batch at one number of callers, with the load average after it."""

    loadavg: list[float]


@dataclass(frozen=True, kw_only=True)
class QueryLoad(JsonResult):
    warm: StageTimes
    embed_query: StageTimes


@dataclass(frozen=True, kw_only=True)
class QueryLatency(JsonResult):
    warm_up_s: float  # the keyword index and the first query
    ask: list[CallerRow]
    search: list[CallerRow]
    loadavg: QueryLoad
    embed_query: Latency


def bench_queries(
    settings: Settings,
    embedder: Embedder,
    questions: Sequence[str],
    concurrency: Sequence[int],
    clock: Clock,
) -> QueryLatency:
    """Each question once per row, on the home of `settings`, after a warm-up."""
    from assistant.factory import build_assistant

    assistant = build_assistant(settings, embedder=embedder)
    try:
        with clock.stage("warm-up (keyword index, first query)") as warm:
            started = time.perf_counter()
            assistant.warm_up()
            warm_s = time.perf_counter() - started
            for question in questions[:WARM_QUESTIONS]:
                assistant.ask(question)
        with clock.stage(f"embed_query x{len(questions)}") as embed_stage:
            embed = measure_latency(embedder.embed_query, questions, 1)
        rows: dict[str, list[CallerRow]] = {"ask": [], "search": []}
        for callers in concurrency:
            for kind, call in (("ask", assistant.ask), ("search", assistant.search)):
                with clock.stage(f"{kind} x{len(questions)} @ {callers} callers") as stage:
                    row = measure_latency(call, questions, callers)
                rows[kind].append(CallerRow(**vars(row), loadavg=stage.times.loadavg_after))
    finally:
        assistant.catalog.close()
    return QueryLatency(
        warm_up_s=round(warm_s, 2),
        ask=rows["ask"],
        search=rows["search"],
        loadavg=QueryLoad(warm=warm.times, embed_query=embed_stage.times),
        embed_query=embed,
    )
