"""Speed, memory and growth figures for one run on this machine (`beleid bench`).

Figures, never assertions: every number depends on the machine and on what else runs on it, so the
report carries the load average next to each stage and compares against baselines measured in the
same process (the naive LangChain build, the first ingest, the 1x index).

1. `ingest`: the corpus into a fresh home with the real embedder, split into parse (and the rest of
   the pipeline), embed, store and catalog time; the naive baseline's build on the same PDFs; an
   unchanged re-ingest. Or a copy of an existing home instead (`skip_ingest_from`).
2. `latency`: warm query latency (p50/p95, q/s) of `ask` and `search` at several numbers of
   concurrent callers, and of the query embedding alone.
3. Memory: peak and current RSS (and tracemalloc's Python-heap peak when asked, which slows
   everything down) after each part (`timing.MemorySnapshot`).
4. `growth`: the corpus replicated under new document ids (10x, 50x, 100x), written through the
   real store and catalog with the vectors of the base index (no re-embedding), then size on disk,
   write time and latency at each size.

Apart: `tables`, table detection on synthetic short lines, which should grow linearly.
`run.run_bench` runs 1-4 and returns a `BenchReport`; every result has `to_json()` (the report
file) and `report` formats them as text.
"""

from evals.bench.common import write_json
from evals.bench.growth import DEFAULT_SCALES, GROWTH_QUESTIONS, Growth, GrowthRow, bench_growth, jitter
from evals.bench.ingest import CopiedHome, IngestResult, bench_ingest, copy_home
from evals.bench.latency import DEFAULT_CONCURRENCY, QueryLatency, bench_queries
from evals.bench.report import format_report, format_tables
from evals.bench.run import BenchMemory, BenchMeta, BenchReport, load_questions, run_bench
from evals.bench.tables import TABLE_SIZES, TablesResult, bench_tables, short_lines
from evals.bench.timing import Latency, MemorySnapshot, measure_latency

__all__ = [
    "DEFAULT_CONCURRENCY",
    "DEFAULT_SCALES",
    "GROWTH_QUESTIONS",
    "TABLE_SIZES",
    "BenchMemory",
    "BenchMeta",
    "BenchReport",
    "CopiedHome",
    "Growth",
    "GrowthRow",
    "IngestResult",
    "Latency",
    "MemorySnapshot",
    "QueryLatency",
    "TablesResult",
    "bench_growth",
    "bench_ingest",
    "bench_queries",
    "bench_tables",
    "copy_home",
    "format_report",
    "format_tables",
    "jitter",
    "load_questions",
    "measure_latency",
    "run_bench",
    "short_lines",
    "write_json",
]
