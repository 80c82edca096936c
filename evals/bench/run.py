"""The whole run: a temporary home, then ingest, latency, memory and growth, as one report."""

from __future__ import annotations

import gc
import os
import platform
import shutil
import tempfile
import time
import tracemalloc
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.embedders.query_cache import QueryCachingEmbedder
from assistant.protocols import Embedder
from assistant.resources import package_path
from assistant.settings import Settings
from evals.bench.common import JsonResult, Log, loadavg, stderr_log
from evals.bench.growth import DEFAULT_SCALES, GROWTH_QUESTIONS, Growth, bench_growth
from evals.bench.ingest import CopiedHome, IngestResult, bench_ingest, copy_home
from evals.bench.latency import DEFAULT_CONCURRENCY, QueryLatency, bench_queries
from evals.bench.timing import Clock, MemorySnapshot

DEV_QUESTIONS = package_path("evals", "dev.jsonl")


@dataclass(frozen=True, kw_only=True)
class BenchMeta(JsonResult):
    started_at: str
    python: str
    platform: str
    cpus: int | None
    loadavg_start: list[float]
    embedder: str
    questions: int
    concurrency: list[int]
    scales: list[int]  # 1 (the corpus as ingested) and the growth sizes
    skip_ingest: bool
    tracemalloc: bool
    work_dir: str  # removed after the run unless kept
    model_load_s: float
    loadavg_end: list[float]
    total_s: float


@dataclass(frozen=True, kw_only=True)
class BenchMemory(JsonResult):
    """Memory after each part; maxrss is the process peak so far."""

    start: MemorySnapshot
    after_ingest: MemorySnapshot
    after_queries: MemorySnapshot
    after_growth: MemorySnapshot


@dataclass(frozen=True, kw_only=True)
class BenchReport(JsonResult):
    meta: BenchMeta
    memory: BenchMemory
    ingest: IngestResult | CopiedHome
    latency: QueryLatency
    growth: Growth


def load_questions(path: Path = DEV_QUESTIONS, limit: int | None = None) -> list[str]:
    from evals.gold import load_gold

    questions = [item.question for item in load_gold(path)]
    return questions[:limit] if limit else questions


def bench_embedder(settings: Settings) -> QueryCachingEmbedder:
    """The model `settings` names without a cache of question vectors: every row asks the same
    questions again, and a cached vector would hide what a new question pays to be embedded."""
    from assistant.embedders import make_embedder

    return make_embedder(settings.replaced(query_cache=0))


def run_bench(
    settings: Settings,
    scales: Sequence[int] = DEFAULT_SCALES,
    concurrency: Sequence[int] = DEFAULT_CONCURRENCY,
    *,
    embedder: Embedder | None = None,
    corpus: Sequence[Path] | None = None,
    questions: Sequence[str] | None = None,
    question_limit: int | None = None,
    growth_questions: int = GROWTH_QUESTIONS,
    skip_ingest_from: Path | None = None,
    naive: bool = True,
    work_dir: Path | None = None,
    keep: bool = False,
    trace_memory: bool = False,
    log: Log = stderr_log,
) -> BenchReport:
    """Runs the benchmark in a temporary home under `work_dir` and returns its report.

    `settings` gives everything but the home (the corpus folder, chunking, retrieval); the embedder
    defaults to the one `settings` names. With `skip_ingest_from`, that home is copied instead of
    ingesting, and the naive build is skipped with it. Progress goes to `log`.
    """
    clock = Clock(log)
    started_at = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    loadavg_start = loadavg()
    if trace_memory:
        tracemalloc.start()
    root: Path | None = None
    try:
        embedder = embedder or bench_embedder(settings)
        corpus = list(corpus) if corpus else [settings.default_corpus()]
        question_list = list(questions) if questions is not None else load_questions(limit=question_limit)
        if question_limit:
            question_list = question_list[:question_limit]
        if not question_list:
            raise ValueError("no questions to time")
        sizes = sorted({int(s) for s in scales if int(s) > 1})
        callers = sorted({max(1, int(c)) for c in concurrency}) or [1]
        root = Path(tempfile.mkdtemp(prefix="beleid-bench-", dir=str(work_dir) if work_dir else None))
        # The bench's own home, always with the embedded Chroma.
        index = settings.index.model_copy(update={"chroma_host": None})
        home_settings = settings.model_copy(update={"home": root / "home", "index": index})
        start_memory = MemorySnapshot.take()
        with clock.stage("model load") as model_load:
            embedder.embed_query("warm-up")
        ingest: IngestResult | CopiedHome
        if skip_ingest_from is None:
            ingest = bench_ingest(home_settings, embedder, corpus, naive, clock)
        else:
            ingest = copy_home(Path(skip_ingest_from), home_settings, embedder, clock)
        after_ingest = MemorySnapshot.take()
        gc.collect()
        latency = bench_queries(home_settings, embedder, question_list, callers, clock)
        after_queries = MemorySnapshot.take()
        gc.collect()
        growth = bench_growth(
            home_settings,
            embedder,
            sizes,
            question_list[: max(1, growth_questions)],
            ingest.embed_chunks_per_s,
            corpus,
            clock,
        )
        after_growth = MemorySnapshot.take()
    finally:
        if trace_memory:
            tracemalloc.stop()
        if root is not None and not keep:
            shutil.rmtree(root, ignore_errors=True)
    meta = BenchMeta(
        started_at=started_at,
        python=platform.python_version(),
        platform=platform.platform(),
        cpus=os.cpu_count(),
        loadavg_start=loadavg_start,
        embedder=embedder.name,
        questions=len(question_list),
        concurrency=callers,
        scales=[1, *sizes],
        skip_ingest=skip_ingest_from is not None,
        tracemalloc=trace_memory,
        work_dir=str(root),
        model_load_s=model_load.times.stage_s,
        loadavg_end=loadavg(),
        total_s=round(clock.elapsed(), 1),
    )
    memory = BenchMemory(
        start=start_memory, after_ingest=after_ingest, after_queries=after_queries, after_growth=after_growth
    )
    return BenchReport(meta=meta, memory=memory, ingest=ingest, latency=latency, growth=growth)
