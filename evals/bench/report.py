"""The printed report: plain-text tables of a `BenchReport` or a `TablesResult`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from typing import Any

from evals.bench.growth import Growth
from evals.bench.ingest import CopiedHome, IngestResult
from evals.bench.latency import QueryLatency
from evals.bench.run import BenchMemory, BenchMeta, BenchReport
from evals.bench.tables import TablesResult


def _f(value: Any, digits: int = 1) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    """Right-aligned columns, indented for the report."""
    cells = [[str(h) for h in header], *[[_f(v) for v in row] for row in rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = ["  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return ["  " + line for line in lines]


def _mib(n: int | None) -> str:
    return "-" if n is None else f"{n / (1 << 20):.1f}"


def format_report(report: BenchReport) -> str:
    return "\n".join(
        [
            *_meta(report.meta),
            *_ingest(report.ingest),
            *_latency(report.latency, report.meta.questions),
            *_memory(report.memory),
            *_growth(report.growth),
        ]
    )


def _meta(meta: BenchMeta) -> list[str]:
    return [
        "Beleidsassistent benchmark",
        f"  {meta.started_at}  python {meta.python}  {meta.cpus} cpus  embedder {meta.embedder}",
        f"  load average start {meta.loadavg_start}  end {meta.loadavg_end}  "
        f"total {meta.total_s} s  model load {meta.model_load_s} s",
        "",
    ]


def _ingest(ingest: IngestResult | CopiedHome) -> list[str]:
    out = [
        "1. Ingest",
        f"  corpus: {ingest.documents} documents, {ingest.pages} pages, {ingest.chunks} chunks",
    ]
    if isinstance(ingest, CopiedHome):
        return [
            *out,
            f"  skipped (--skip-ingest): copied {ingest.source}",
            f"  embed rate on {ingest.embed_sample} sampled chunks: "
            f"{_f(ingest.embed_chunks_per_s, 2)} chunks/s",
            "",
        ]
    rows: list[list[Any]] = [
        ["ours", ingest.seconds, ingest.pages_per_s, ingest.chunks_per_s, ingest.parse_and_rest_s,
         ingest.embed_s, ingest.store_s, ingest.catalog_s, ingest.embed_chunks_per_s],
    ]  # fmt: skip
    naive = ingest.naive
    if naive:
        rows.append(["naive", naive.seconds, None, naive.chunks_per_s, None, naive.embed_s, None, None,
                     naive.embed_chunks_per_s])  # fmt: skip
    out += _table(
        ["", "total s", "pages/s", "chunks/s", "parse+rest s", "embed s", "store s", "catalog s",
         "embed chunks/s"],
        rows,
    )  # fmt: skip
    if naive:
        out.append(f"  naive chunks: {naive.chunks}; ours/naive ingest time: {ingest.ratio_ours_to_naive}")
    raw = ingest.raw
    if raw:
        out.append(
            f"  raw encoder on the same {raw.passages} texts (batches of {raw.batch}): "
            f"{_f(raw.passages_per_s, 2)} passages/s; ingest {_f(ingest.chunks_per_s, 2)} chunks/s, "
            f"{_f(ingest.pages_per_s, 2)} pages/s = {_f(ingest.ratio_to_raw, 3)} of raw"
        )
    out += [f"  FAILED {failure['file']}: {failure['error']}" for failure in ingest.failed]
    again = ingest.reingest
    out.append(
        f"  unchanged re-ingest: {again.seconds} s = {again.ratio_to_first} of the first "
        f"({again.unchanged} unchanged, {again.embedded} embedded)"
    )
    out.append(f"  load average during ingest: {ingest.loadavg.loadavg_after}")
    return [*out, ""]


def _latency(latency: QueryLatency, questions: int) -> list[str]:
    rows: list[list[Any]] = []
    for kind, batches in (("ask", latency.ask), ("search", latency.search)):
        for row in batches:
            load = " ".join(f"{x:.1f}" for x in row.loadavg)
            rows.append([kind, row.concurrency, row.n, row.p50_ms, row.p95_ms, row.max_ms, row.qps,
                         row.errors, load])  # fmt: skip
    e = latency.embed_query
    rows.append(["embed_query", 1, e.n, e.p50_ms, e.p95_ms, e.max_ms, e.qps, e.errors, ""])
    return [
        f"2. Warm query latency ({questions} dev questions, each once per row)",
        f"  warm-up (keyword index, first query): {latency.warm_up_s} s",
        *_table(["call", "callers", "n", "p50 ms", "p95 ms", "max ms", "q/s", "errors", "load after"], rows),
        "",
    ]


def _memory(memory: BenchMemory) -> list[str]:
    rows = []
    for stage in fields(memory):
        snapshot = getattr(memory, stage.name)
        rows.append([stage.name, snapshot.maxrss_mib, snapshot.rss_mib, snapshot.py_heap_peak_mib])
    return [
        "3. Memory (MiB; maxrss is the process peak so far)",
        *_table(["after", "maxrss", "rss", "tracemalloc peak"], rows),
        "",
    ]


def _growth(growth: Growth) -> list[str]:
    out = [
        f"4. Growth (replicated corpus, vectors reused; {growth.questions} questions, 1 caller, "
        "query vectors cached)"
    ]
    rows: list[list[Any]] = []
    for row in growth.rows:
        write = row.write
        written = [write.seconds, write.chunks_per_s, write.first_copies_s_each, write.last_copies_s_each,
                   write.embed_s_extrapolated] if write else [None] * 5  # fmt: skip
        disk = row.disk
        rows.append([
            f"{row.scale}x", row.documents, row.chunks, _mib(disk.chroma_bytes), _mib(disk.catalog_bytes),
            _mib(disk.catalog_wal_bytes), row.bytes_vs_1x, *written, row.memory.maxrss_mib,
        ])  # fmt: skip
    out += _table(
        ["size", "docs", "chunks", "chroma MiB", "catalog MiB", "wal MiB", "disk vs 1x", "write s",
         "write ch/s", "s/copy first", "s/copy last", "embed s (extrap.)", "maxrss MiB"],
        rows,
    )  # fmt: skip
    out.append("")
    rows = []
    for row in growth.rows:
        ask, search, dense = row.ask, row.search, row.dense_search
        rows.append([
            f"{row.scale}x", row.keyword_index_build_s, ask.p50_ms, ask.p95_ms, ask.p95_vs_1x, search.p50_ms,
            search.p95_ms, search.p95_vs_1x, dense.p50_ms, dense.p95_ms, dense.p95_vs_1x,
            row.reingest_unchanged.seconds, ask.errors + search.errors + dense.errors,
        ])  # fmt: skip
    out += _table(
        ["size", "kw build s", "ask p50", "ask p95", "x1x", "search p50", "search p95", "x1x", "dense p50",
         "dense p95", "x1x", "re-ingest s", "errors"],
        rows,
    )  # fmt: skip
    out.append("")
    rows = []
    for row in growth.rows:
        add = row.add_document
        if add is not None:
            rows.append([
                f"{row.scale}x", add.chunks, add.add_s, add.store_s, add.catalog_s, add.keyword_index_s,
                "yes" if add.found else "NO", add.remove_s, add.remove_keyword_index_s,
                row.memory.rss_mib, row.memory.maxrss_mib,
            ])  # fmt: skip
    if rows:
        out += _table(
            ["size", "add 1 doc: chunks", "s", "store s", "catalog s", "kw index s", "found", "remove s",
             "kw index s", "rss MiB", "maxrss MiB"],
            rows,
        )  # fmt: skip
    for row in growth.rows:
        out += [f"  ERROR at {row.scale}x in {where}: {message}" for where, message in row.errors.items()]
    out.append(
        "  Write time excludes embedding: the vectors of the base index are reused; 'embed s' is "
        f"extrapolated linearly at {_f(growth.embed_rate_chunks_per_s, 2)} chunks/s (step 1)."
    )
    out.append(
        "  Replicas keep their municipality, so a question naming one sees every copy of its documents;"
        " the query embedding (a constant, see embed_query) is left out of these latencies; ms columns"
        " are per call (after one untimed pass), x1x compares p95, 'dense' is the vector side alone,"
        " 're-ingest' an unchanged run over the corpus, 'kw build' a full keyword index build."
    )
    out.append(
        "  'add 1 doc': a new document (vectors reused) written to the store and the catalog and taken"
        " into the keyword index, then removed again: what a publish costs besides embedding."
    )
    return out


def format_tables(result: TablesResult) -> str:
    first, last = result.sizes[0], result.sizes[-1]
    cells = [[f"{r.lines:,}", f"{r.seconds:.4f}", r.tables] for r in result.sizes]
    return "\n".join(
        [
            f"Table detection on short lines (load average {result.loadavg})",
            *_table(["lines", "s", "tables"], cells),
            f"  {last.lines:,} / {first.lines:,} lines: {_f(result.time_ratio)}x the time for "
            f"{_f(result.size_ratio)}x the lines (linear: about {_f(result.size_ratio)}x)",
        ]
    )
