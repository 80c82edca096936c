"""`python -m evals.bench`: speed, memory and growth figures for one run on this machine.

Figures, never assertions: every number depends on the machine and on what else runs on it, so the
report carries the load average next to each stage and compares against baselines measured in the
same process (the naive LangChain build, the first ingest, the 1x index).

1. Ingest of the corpus into a fresh home with the real embedder, split into parse (and the rest
   of the pipeline), embed, store and catalog time; the naive baseline's build on the same PDFs;
   an unchanged re-ingest. `--skip-ingest` copies an existing home instead.
2. Warm query latency (p50/p95, q/s) of `ask` and `search` at several numbers of concurrent
   callers, and of the query embedding alone.
3. Peak memory (ru_maxrss; tracemalloc's Python-heap peak with `--tracemalloc`, which slows
   everything down) after each stage.
4. Growth: the corpus replicated under new document ids (10x, 50x, 100x), written through the real
   store and catalog with the vectors of the base index (no re-embedding), then size on disk,
   write time and latency at each size.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import platform
import resource
import shutil
import sys
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from assistant.catalog import Catalog, DocumentRecord
from assistant.protocols import Embedder, Store
from assistant.settings import Settings
from assistant.types import Chunk, DocumentMeta, Page

DEV_QUESTIONS = Path(__file__).resolve().parent / "dev.jsonl"
# 50x (29,350 chunks) is the last size below the 32,766 rows that one Chroma `get` can return
# (SQLite's variable limit), which the keyword index and the ingest sweep need: see the growth rows.
DEFAULT_SCALES = (10, 50, 100)
DEFAULT_CONCURRENCY = (1, 4, 16)
GROWTH_QUESTIONS = 20  # per size; growth latency is measured with one caller
EMBED_SAMPLE = 32  # passages embedded to estimate the embed rate when the ingest is skipped
WARM_QUESTIONS = 3  # asked untimed before the latency runs
# Replica vectors are moved by this (L2) distance, then renormalised: HNSW degrades on exact
# duplicates, which a real corpus does not have; cosine to the original stays about 0.999.
REPLICA_JITTER = 0.05

Log = Callable[[str], None]


# --- measuring helpers ------------------------------------------------------------------------


def load_questions(path: Path = DEV_QUESTIONS, limit: int | None = None) -> list[str]:
    from evals.gold import load_gold

    questions = [item.question for item in load_gold(path)]
    return questions[:limit] if limit else questions


def loadavg() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:  # pragma: no cover - not on Linux/macOS
        return []


def memory_snapshot() -> dict[str, float | None]:
    """Peak and current resident memory of this process in MiB (ru_maxrss is KiB on Linux)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak_mib = peak / (1 << 20) if sys.platform == "darwin" else peak / 1024
    current: float | None = None
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        current = pages * os.sysconf("SC_PAGE_SIZE") / (1 << 20)
    except (OSError, ValueError, IndexError):
        pass
    snapshot: dict[str, float | None] = {
        "maxrss_mib": round(peak_mib, 1),
        "rss_mib": round(current, 1) if current is not None else None,
    }
    if tracemalloc.is_tracing():
        now, top = tracemalloc.get_traced_memory()
        snapshot["py_heap_mib"] = round(now / (1 << 20), 1)
        snapshot["py_heap_peak_mib"] = round(top / (1 << 20), 1)
    return snapshot


def dir_bytes(path: Path) -> int:
    if not path.exists():
        return 0
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def index_bytes(settings: Settings) -> dict[str, int]:
    """Chroma's folder, the catalog and the catalog's WAL files."""
    chroma = dir_bytes(settings.chroma_path)
    catalog = dir_bytes(settings.catalog_path)
    # SQLite's WAL keeps its high-water size until a checkpoint truncates it: reported apart.
    wal = sum(dir_bytes(Path(f"{settings.catalog_path}{suffix}")) for suffix in ("-wal", "-shm"))
    return {
        "chroma_bytes": chroma,
        "catalog_bytes": catalog,
        "catalog_wal_bytes": wal,
        "total_bytes": chroma + catalog + wal,
    }


def summarize(latencies_s: Sequence[float], wall_s: float, concurrency: int, errors: int) -> dict[str, Any]:
    ms = np.asarray(latencies_s, dtype=float) * 1000
    n = len(ms)
    return {
        "concurrency": concurrency,
        "n": n,
        "errors": errors,
        "p50_ms": round(float(np.percentile(ms, 50)), 1) if n else None,
        "p95_ms": round(float(np.percentile(ms, 95)), 1) if n else None,
        "mean_ms": round(float(ms.mean()), 1) if n else None,
        "max_ms": round(float(ms.max()), 1) if n else None,
        "wall_s": round(wall_s, 2),
        "qps": round(n / wall_s, 2) if wall_s > 0 else None,
    }


def measure_latency(
    fn: Callable[[str], object], questions: Sequence[str], concurrency: int
) -> dict[str, Any]:
    """Each question once, by `concurrency` threads; latency is per call as a caller sees it."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def one(question: str) -> None:
        started = time.perf_counter()
        try:
            fn(question)
        except Exception as exc:  # a failing question is counted, not fatal to the benchmark
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
    result = summarize(latencies, time.perf_counter() - started, max(1, concurrency), len(errors))
    if errors:
        result["first_error"] = errors[0]
    return result


# --- instrumented roles -----------------------------------------------------------------------


class TimedEmbedder:
    """Passes through to the embedder (same name, so version ids match) and adds up passage time."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.passage_s = 0.0
        self.passages = 0
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def dim(self) -> int:
        return self.inner.dim

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        started = time.perf_counter()
        out = self.inner.embed_passages(texts)
        with self._lock:
            self.passage_s += time.perf_counter() - started
            self.passages += len(texts)
        return out

    def embed_query(self, text: str) -> np.ndarray:
        return self.inner.embed_query(text)

    def reset_timers(self) -> None:
        with self._lock:
            self.passage_s, self.passages = 0.0, 0


class CachedQueryEmbedder:
    """Query vectors computed once: growth latency then shows what grows with the index, not the
    query embedding, which costs the same at every size (measured on its own in step 2)."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self._cache: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def dim(self) -> int:
        return self.inner.dim

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.embed_passages(texts)

    def embed_query(self, text: str) -> np.ndarray:
        with self._lock:
            vector = self._cache.get(text)
        if vector is None:
            vector = self.inner.embed_query(text)
            with self._lock:
                self._cache[text] = vector
        return vector


class TimedStore:
    """The real store with `add` and `delete_version` timed."""

    def __init__(self, inner: Store) -> None:
        self.inner = inner
        self.add_s = 0.0
        self.delete_s = 0.0

    def add(self, chunks: Sequence[Chunk], vectors: np.ndarray, version: str) -> None:
        started = time.perf_counter()
        self.inner.add(chunks, vectors, version)
        self.add_s += time.perf_counter() - started

    def delete_version(self, version: str) -> None:
        started = time.perf_counter()
        self.inner.delete_version(version)
        self.delete_s += time.perf_counter() - started

    def versions(self) -> set[str]:
        return self.inner.versions()

    def query(self, vector: np.ndarray, k: int, versions: Sequence[str]) -> list[tuple[Chunk, float]]:
        return self.inner.query(vector, k, versions)

    def chunks(self, versions: Sequence[str]) -> list[Chunk]:
        return self.inner.chunks(versions)

    def count(self) -> int:
        return self.inner.count()

    def reopen(self) -> None:
        self.inner.reopen()

    def reset(self) -> None:
        self.inner.reset()

    def reset_timers(self) -> None:
        self.add_s = self.delete_s = 0.0


class TimedCatalog(Catalog):
    """The real catalog with `publish` timed."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.publish_s = 0.0

    def publish(
        self,
        meta: DocumentMeta,
        version: str,
        sha256: str,
        path: str,
        pages: Sequence[Page],
        chunk_count: int,
        on_commit: Callable[[], None] | None = None,
    ) -> None:
        started = time.perf_counter()
        super().publish(meta, version, sha256, path, pages, chunk_count, on_commit)
        self.publish_s += time.perf_counter() - started


# --- the run ----------------------------------------------------------------------------------


@dataclass
class _Clock:
    log: Log
    started: float = field(default_factory=time.perf_counter)

    def say(self, message: str) -> None:
        self.log(f"[bench +{time.perf_counter() - self.started:6.1f}s load {loadavg()}] {message}")

    @contextmanager
    def stage(self, name: str) -> Iterator[dict[str, Any]]:
        info: dict[str, Any] = {"loadavg_before": loadavg()}
        self.say(f"{name} ...")
        started = time.perf_counter()
        yield info
        info["stage_s"] = round(time.perf_counter() - started, 2)
        info["loadavg_after"] = loadavg()
        self.say(f"{name} done in {info['stage_s']} s")


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _pdf_paths(corpus: Sequence[Path]) -> list[Path]:
    from ingest.pipeline import collect_pdfs

    files, _ = collect_pdfs(corpus)
    return files


def _rate(count: float, seconds: float) -> float | None:
    return round(count / seconds, 2) if seconds > 0 else None


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 3) if a is not None and b else None


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
    log: Log = _stderr,
) -> dict[str, Any]:
    """Runs the benchmark in a temporary home under `work_dir` and returns the report as a dict.

    `settings` gives everything but the home (the corpus folder, chunking, retrieval); the embedder
    defaults to the one `settings` names. With `skip_ingest_from`, that home is copied instead of
    ingesting, and the naive build is skipped with it.
    """
    from assistant.embedders import make_embedder

    clock = _Clock(log)
    if trace_memory:
        tracemalloc.start()
    embedder = embedder or make_embedder(settings)
    corpus = list(corpus) if corpus else [settings.corpus_dir]
    question_list = list(questions) if questions is not None else load_questions(limit=question_limit)
    if question_limit:
        question_list = question_list[:question_limit]
    if not question_list:
        raise ValueError("no questions to time")
    scales = sorted({int(s) for s in scales if int(s) > 1})
    concurrency = sorted({max(1, int(c)) for c in concurrency}) or [1]

    root = Path(tempfile.mkdtemp(prefix="beleid-bench-", dir=str(work_dir) if work_dir else None))
    home_settings = settings.model_copy(update={"home": root / "home", "chroma_host": None})
    report: dict[str, Any] = {
        "meta": {
            "started_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "loadavg_start": loadavg(),
            "embedder": embedder.name,
            "questions": len(question_list),
            "concurrency": concurrency,
            "scales": [1, *scales],
            "skip_ingest": skip_ingest_from is not None,
            "tracemalloc": trace_memory,
            "work_dir": str(root),
        },
        "memory": {"start": memory_snapshot()},
    }
    try:
        with clock.stage("model load") as info:
            started = time.perf_counter()
            embedder.embed_query("warm-up")
            info["seconds"] = round(time.perf_counter() - started, 2)
        report["meta"]["model_load_s"] = info["seconds"]

        if skip_ingest_from is None:
            report["ingest"] = _bench_ingest(home_settings, embedder, corpus, naive, clock)
        else:
            report["ingest"] = _copy_home(Path(skip_ingest_from), home_settings, embedder, clock)
        report["memory"]["after_ingest"] = memory_snapshot()
        gc.collect()

        report["latency"] = _bench_queries(home_settings, embedder, question_list, concurrency, clock)
        report["memory"]["after_queries"] = memory_snapshot()
        gc.collect()

        embed_rate = report["ingest"].get("embed_chunks_per_s")
        report["growth"] = _bench_growth(
            home_settings,
            embedder,
            scales,
            question_list[: max(1, growth_questions)],
            embed_rate,
            corpus,
            clock,
        )
        report["memory"]["after_growth"] = memory_snapshot()
    finally:
        report["meta"]["loadavg_end"] = loadavg()
        report["meta"]["total_s"] = round(time.perf_counter() - clock.started, 1)
        if trace_memory:
            tracemalloc.stop()
        if not keep:
            shutil.rmtree(root, ignore_errors=True)
    return report


def _bench_ingest(
    settings: Settings, embedder: Embedder, corpus: Sequence[Path], naive: bool, clock: _Clock
) -> dict[str, Any]:
    from assistant.factory import build_store
    from ingest.pipeline import Ingestor

    timed = TimedEmbedder(embedder)
    store = TimedStore(build_store(settings, timed))
    catalog = TimedCatalog(settings.catalog_path)
    out: dict[str, Any] = {"skipped": False}
    with clock.stage("ingest (ours)") as info:
        started = time.perf_counter()
        first = Ingestor(settings, timed, store, catalog).run(list(corpus))
        total = time.perf_counter() - started
    records = catalog.documents()
    if not records:
        raise RuntimeError(f"nothing was ingested from {[str(p) for p in corpus]}: {first.failed}")
    pages = sum(r.page_count for r in records)
    chunks = sum(r.chunk_count for r in records)
    embed_s, store_s, catalog_s = timed.passage_s, store.add_s + store.delete_s, catalog.publish_s
    out.update(
        {
            "documents": len(records),
            "pages": pages,
            "chunks": chunks,
            "failed": first.failed,
            "seconds": round(total, 2),
            "pages_per_s": _rate(pages, total),
            "chunks_per_s": _rate(chunks, total),
            "embed_s": round(embed_s, 2),
            "store_s": round(store_s, 2),
            "catalog_s": round(catalog_s, 3),
            # parsing, cleaning and chunking are not separately hooked: what the others leave
            "parse_and_rest_s": round(total - embed_s - store_s - catalog_s, 2),
            "embed_chunks_per_s": _rate(timed.passages, embed_s),
            "store_chunks_per_s": _rate(chunks, store.add_s),
            "loadavg": info,
        }
    )

    if naive:
        from evals.naive import NaiveRAG

        timed.reset_timers()
        with clock.stage("naive LangChain build") as info:
            baseline = NaiveRAG(timed, _pdf_paths(corpus), index_dir=None)
            naive_chunks = baseline._collection.count()
            baseline.close()
        out["naive"] = {
            "seconds": round(baseline.build_s, 2),
            "chunks": naive_chunks,
            "chunks_per_s": _rate(naive_chunks, baseline.build_s),
            "embed_s": round(timed.passage_s, 2),
            "embed_chunks_per_s": _rate(timed.passages, timed.passage_s),
            "loadavg": info,
        }
        out["ratio_ours_to_naive"] = _ratio(total, baseline.build_s)
    else:
        out["naive"] = None
        out["ratio_ours_to_naive"] = None

    timed.reset_timers()
    store.reset_timers()
    with clock.stage("re-ingest (unchanged)") as info:
        started = time.perf_counter()
        again = Ingestor(settings, timed, store, catalog).run(list(corpus))
        reingest = time.perf_counter() - started
    out["reingest"] = {
        "seconds": round(reingest, 3),
        "ratio_to_first": _ratio(reingest, total),
        "unchanged": len(again.unchanged),
        "embedded": again.embedded,
        "loadavg": info,
    }
    catalog.close()
    return out


def _copy_home(source: Path, settings: Settings, embedder: Embedder, clock: _Clock) -> dict[str, Any]:
    """Skip the ingest: copy a ready home and estimate the embed rate on a sample of its chunks."""
    from ingest.pipeline import embedding_text

    if not (source / "catalog.sqlite").is_file():
        raise FileNotFoundError(f"{source} has no catalog.sqlite: not a BELEID_HOME with an index")
    with clock.stage(f"copy home {source}") as info:
        shutil.copytree(source, settings.home)
    from assistant.factory import build_store

    catalog = Catalog(settings.catalog_path)
    records = catalog.documents()
    store = build_store(settings, embedder)
    sample = store.chunks([r.version for r in records])[:EMBED_SAMPLE]
    catalog.close()
    with clock.stage(f"embed rate on {len(sample)} sampled chunks") as sample_info:
        started = time.perf_counter()
        embedder.embed_passages([embedding_text(c) for c in sample])
        embed_s = time.perf_counter() - started
    return {
        "skipped": True,
        "source": str(source),
        "documents": len(records),
        "pages": sum(r.page_count for r in records),
        "chunks": sum(r.chunk_count for r in records),
        "embed_sample": len(sample),
        "embed_s": round(embed_s, 2),
        "embed_chunks_per_s": _rate(len(sample), embed_s),
        "loadavg": {**info, "sample": sample_info},
        "naive": None,
        "ratio_ours_to_naive": None,
        "reingest": None,
    }


def _bench_queries(
    settings: Settings,
    embedder: Embedder,
    questions: Sequence[str],
    concurrency: Sequence[int],
    clock: _Clock,
) -> dict[str, Any]:
    from assistant.factory import build_assistant

    assistant = build_assistant(settings, embedder=embedder)
    with clock.stage("warm-up (keyword index, first query)") as info:
        started = time.perf_counter()
        assistant.warm_up()
        warm_s = time.perf_counter() - started
        for question in questions[:WARM_QUESTIONS]:
            assistant.ask(question)
    out: dict[str, Any] = {"warm_up_s": round(warm_s, 2), "ask": [], "search": [], "loadavg": {"warm": info}}
    with clock.stage(f"embed_query x{len(questions)}") as info:
        out["embed_query"] = measure_latency(embedder.embed_query, questions, 1)
    out["loadavg"]["embed_query"] = info
    for callers in concurrency:
        with clock.stage(f"ask x{len(questions)} @ {callers} callers") as info:
            row = measure_latency(assistant.ask, questions, callers)
        out["ask"].append({**row, "loadavg": info["loadavg_after"]})
        with clock.stage(f"search x{len(questions)} @ {callers} callers") as info:
            row = measure_latency(assistant.search, questions, callers)
        out["search"].append({**row, "loadavg": info["loadavg_after"]})
    assistant.catalog.close()
    return out


@dataclass
class _BaseDoc:
    record: DocumentRecord
    pages: list[Page]
    chunks: list[Chunk]
    vectors: np.ndarray


def _load_base(assistant: Any) -> list[_BaseDoc]:
    """The live chunks of each base document with their stored vectors (no re-embedding)."""
    collection = assistant.store.collection
    docs = []
    for record in assistant.catalog.documents():
        chunks = assistant.store.chunks([record.version])
        got = collection.get(where={"version": record.version}, include=["embeddings", "metadatas"])
        by_id = {
            str(meta["chunk_id"]): np.asarray(vector, dtype=np.float32)
            for meta, vector in zip(got["metadatas"], got["embeddings"], strict=True)
        }
        vectors = np.stack([by_id[c.id] for c in chunks]) if chunks else np.zeros((0, 0), dtype=np.float32)
        docs.append(_BaseDoc(record, assistant.catalog.pages(record.doc_id), chunks, vectors))
    return docs


def replica_id(doc_id: str, copy: int, width: int = 3) -> str:
    return f"{doc_id}-r{copy:0{width}d}"


def replicate(base: _BaseDoc, copy: int, width: int = 3) -> tuple[DocumentMeta, str, list[Chunk]]:
    """Copy `copy` of a document: new doc id, version and chunk ids; same text, pages, vectors and
    municipality (so a municipality filter sees every copy, as in a big corpus of one city)."""
    doc_id = replica_id(base.record.doc_id, copy, width)
    version = hashlib.sha256(f"{base.record.version}|{doc_id}".encode()).hexdigest()[:16]
    chunks = [
        replace(c, id=hashlib.sha1(f"{doc_id}\x1f{c.id}".encode()).hexdigest()[:16], doc_id=doc_id)
        for c in base.chunks
    ]
    return replace(base.record.meta, doc_id=doc_id), version, chunks


def jitter(vectors: np.ndarray, rng: np.random.Generator, distance: float = REPLICA_JITTER) -> np.ndarray:
    if not len(vectors) or distance <= 0:
        return vectors
    noise = rng.standard_normal(vectors.shape).astype(np.float32)
    noise *= distance / np.linalg.norm(noise, axis=1, keepdims=True)
    moved = vectors + noise
    return moved / np.linalg.norm(moved, axis=1, keepdims=True)


def _write_copies(assistant: Any, base: Sequence[_BaseDoc], copies: range, width: int) -> dict[str, Any]:
    store_s = catalog_s = 0.0
    chunks_written = 0
    per_copy: list[float] = []
    started = time.perf_counter()
    for copy in copies:
        copy_started = time.perf_counter()
        rng = np.random.default_rng(copy)
        for doc in base:
            meta, version, chunks = replicate(doc, copy, width)
            vectors = jitter(doc.vectors, rng)
            t0 = time.perf_counter()
            assistant.store.add(chunks, vectors, version)
            t1 = time.perf_counter()
            assistant.catalog.publish(
                meta, version, doc.record.sha256, doc.record.path, doc.pages, len(chunks)
            )
            store_s += t1 - t0
            catalog_s += time.perf_counter() - t1
            chunks_written += len(chunks)
        per_copy.append(time.perf_counter() - copy_started)
    total = time.perf_counter() - started
    # The time per corpus copy at the start and end of this batch: flat means linear writes.
    head, tail = per_copy[: max(1, len(per_copy) // 10)], per_copy[-max(1, len(per_copy) // 10) :]
    return {
        "copies": len(per_copy),
        "chunks": chunks_written,
        "seconds": round(total, 2),
        "store_s": round(store_s, 2),
        "catalog_s": round(catalog_s, 2),
        "chunks_per_s": _rate(chunks_written, total),
        "first_copies_s_each": round(float(np.mean(head)), 3) if per_copy else None,
        "last_copies_s_each": round(float(np.mean(tail)), 3) if per_copy else None,
    }


def _error(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {' '.join(str(exc).split())}"[:300]


class _NoEmbedding(CachedQueryEmbedder):
    """For the unchanged re-ingest at each size: a document that would need embedding fails
    (reported) instead of silently spending minutes on the model."""

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        from assistant.errors import IngestError

        raise IngestError("bench: this re-ingest would embed; the corpus differs from the index")


def _measure_size(
    assistant: Any,
    settings: Settings,
    questions: Sequence[str],
    corpus: Sequence[Path],
    clock: _Clock,
    scale: int,
) -> dict[str, Any]:
    from assistant.retrieval import HybridRetriever
    from ingest.pipeline import Ingestor

    records = assistant.catalog.documents()
    row: dict[str, Any] = {
        "scale": scale,
        "documents": len(records),
        "pages": sum(r.page_count for r in records),
        "chunks": sum(r.chunk_count for r in records),
        "store_count": assistant.store.count(),
        **index_bytes(settings),
        "errors": {},
    }
    keyword_index = getattr(assistant.retriever, "keyword_index", None)
    with clock.stage(f"{scale}x: keyword index build") as info:
        started = time.perf_counter()
        try:
            if keyword_index is not None:
                keyword_index()
        except Exception as exc:  # reported in the row: the point of the growth run is to find these
            row["errors"]["keyword_index"] = _error(exc)
        row["keyword_index_build_s"] = round(time.perf_counter() - started, 2)
    # Once the keyword index cannot be built every ask and search fails the same way, each after
    # the same full read of the store: one question shows it without hours of identical errors.
    hybrid_questions = questions[:1] if row["errors"] else questions
    with clock.stage(f"{scale}x: ask/search/dense x{len(questions)}") as timing:
        row["ask"] = measure_latency(assistant.ask, hybrid_questions, 1)
        row["search"] = measure_latency(assistant.search, hybrid_questions, 1)
        # The vector side alone (Chroma with the live-version filter), which has no keyword index.
        dense = HybridRetriever(
            assistant.store, assistant.embedder, assistant.catalog, settings, mode="dense"
        )
        row["dense_search"] = measure_latency(dense.search, questions, 1)
    with clock.stage(f"{scale}x: unchanged re-ingest of the corpus") as reingest_info:
        embedder = _NoEmbedding(assistant.embedder)
        started = time.perf_counter()
        try:
            again = Ingestor(settings, embedder, assistant.store, assistant.catalog).run(list(corpus))
            row["reingest_unchanged"] = {
                "seconds": round(time.perf_counter() - started, 3),
                "unchanged": len(again.unchanged),
                "failed": len(again.failed),
            }
        except Exception as exc:
            row["reingest_unchanged"] = {"seconds": round(time.perf_counter() - started, 3), "unchanged": 0}
            row["errors"]["reingest"] = _error(exc)
    for kind in ("ask", "search", "dense_search"):
        if row[kind].get("first_error"):
            row["errors"][kind] = row[kind]["first_error"]
    row["loadavg"] = {
        "build": info["loadavg_after"],
        "queries": timing["loadavg_after"],
        "reingest": reingest_info["loadavg_after"],
    }
    row["memory"] = memory_snapshot()
    return row


def _bench_growth(
    settings: Settings,
    embedder: Embedder,
    scales: Sequence[int],
    questions: Sequence[str],
    embed_rate: float | None,
    corpus: Sequence[Path],
    clock: _Clock,
) -> dict[str, Any]:
    from assistant.factory import build_assistant

    cached = CachedQueryEmbedder(embedder)
    for question in questions:
        cached.embed_query(question)
    assistant = build_assistant(settings, embedder=cached)
    base = _load_base(assistant)
    base_chunks = sum(len(d.chunks) for d in base)
    width = max(3, len(str(max(scales, default=1))))
    rows = [_measure_size(assistant, settings, questions, corpus, clock, 1)]
    rows[0]["write"] = None
    copies_done = 1  # the base corpus is copy 0
    cumulative_s = 0.0
    for scale in scales:
        with clock.stage(f"{scale}x: write {scale - copies_done} copies of {base_chunks} chunks"):
            write = _write_copies(assistant, base, range(copies_done, scale), width)
        copies_done = scale
        cumulative_s += write["seconds"]
        write["cumulative_s"] = round(cumulative_s, 2)
        write["embed_s_extrapolated"] = round(write["chunks"] / embed_rate, 1) if embed_rate else None
        row = _measure_size(assistant, settings, questions, corpus, clock, scale)
        row["write"] = write
        rows.append(row)
    assistant.catalog.close()
    base_row = rows[0]
    for row in rows:
        for key in ("ask", "search", "dense_search"):
            row[key]["p50_vs_1x"] = _ratio(row[key]["p50_ms"], base_row[key]["p50_ms"])
            row[key]["p95_vs_1x"] = _ratio(row[key]["p95_ms"], base_row[key]["p95_ms"])
        row["bytes_vs_1x"] = _ratio(row["total_bytes"], base_row["total_bytes"])
    return {
        "replica_ids": f"<doc>-r{'0' * (width - 1)}1 ... (municipality, title and year kept)",
        "vector_jitter_l2": REPLICA_JITTER,
        "query_vectors": "cached: query embedding excluded, it is a constant (see latency.embed_query)",
        "write_excludes_embedding": True,
        "embed_rate_chunks_per_s": embed_rate,
        "questions": len(questions),
        "concurrency": 1,
        "rows": rows,
    }


# --- the printed report -----------------------------------------------------------------------


def _f(value: Any, digits: int = 1) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    cells = [[str(h) for h in header], *[[_f(v) for v in row] for row in rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = ["  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return lines


def _mib(n: int | None) -> str:
    return "-" if n is None else f"{n / (1 << 20):.1f}"


def format_report(report: dict[str, Any]) -> str:
    meta = report["meta"]
    out = [
        "Beleidsassistent benchmark",
        f"  {meta['started_at']}  python {meta['python']}  {meta['cpus']} cpus  embedder {meta['embedder']}",
        f"  load average start {meta['loadavg_start']}  end {meta.get('loadavg_end')}  "
        f"total {meta.get('total_s')} s  model load {meta.get('model_load_s')} s",
        "",
    ]
    ingest = report.get("ingest")
    if ingest:
        out.append("1. Ingest")
        out.append(
            f"  corpus: {ingest['documents']} documents, {ingest['pages']} pages, {ingest['chunks']} chunks"
        )
        if ingest.get("skipped"):
            out.append(f"  skipped (--skip-ingest): copied {ingest['source']}")
            out.append(
                f"  embed rate on {ingest['embed_sample']} sampled chunks: "
                f"{_f(ingest['embed_chunks_per_s'], 2)} chunks/s"
            )
        else:
            rows = [
                ["ours", ingest["seconds"], ingest["pages_per_s"], ingest["chunks_per_s"],
                 ingest["parse_and_rest_s"], ingest["embed_s"], ingest["store_s"], ingest["catalog_s"],
                 ingest["embed_chunks_per_s"]],
            ]  # fmt: skip
            naive = ingest.get("naive")
            if naive:
                rows.append(["naive", naive["seconds"], None, naive["chunks_per_s"], None,
                             naive["embed_s"], None, None, naive["embed_chunks_per_s"]])  # fmt: skip
            out += [
                "  " + line
                for line in _table(
                    ["", "total s", "pages/s", "chunks/s", "parse+rest s", "embed s", "store s",
                     "catalog s", "embed chunks/s"],
                    rows,
                )
            ]  # fmt: skip
            if naive:
                out.append(
                    f"  naive chunks: {naive['chunks']}; "
                    f"ours/naive ingest time: {ingest['ratio_ours_to_naive']}"
                )
            for failure in ingest.get("failed") or []:
                out.append(f"  FAILED {failure['file']}: {failure['error']}")
            again = ingest["reingest"]
            out.append(
                f"  unchanged re-ingest: {again['seconds']} s = {again['ratio_to_first']} of the first "
                f"({again['unchanged']} unchanged, {again['embedded']} embedded)"
            )
            out.append(f"  load average during ingest: {ingest['loadavg']['loadavg_after']}")
        out.append("")

    latency = report.get("latency")
    if latency:
        out.append(f"2. Warm query latency ({meta['questions']} dev questions, each once per row)")
        out.append(f"  warm-up (keyword index, first query): {latency['warm_up_s']} s")
        rows = []
        for kind in ("ask", "search"):
            for row in latency[kind]:
                load = " ".join(f"{x:.1f}" for x in row["loadavg"])
                rows.append([kind, row["concurrency"], row["n"], row["p50_ms"], row["p95_ms"], row["max_ms"],
                             row["qps"], row["errors"], load])  # fmt: skip
        e = latency["embed_query"]
        rows.append(["embed_query", 1, e["n"], e["p50_ms"], e["p95_ms"], e["max_ms"], e["qps"], e["errors"],
                     ""])  # fmt: skip
        out += ["  " + line for line in _table(
            ["call", "callers", "n", "p50 ms", "p95 ms", "max ms", "q/s", "errors", "load after"], rows
        )]  # fmt: skip
        out.append("")

    memory = report.get("memory", {})
    if memory:
        out.append("3. Memory (MiB; maxrss is the process peak so far)")
        rows = [
            [stage, m.get("maxrss_mib"), m.get("rss_mib"), m.get("py_heap_peak_mib")]
            for stage, m in memory.items()
        ]
        out += ["  " + line for line in _table(["after", "maxrss", "rss", "tracemalloc peak"], rows)]
        out.append("")

    growth = report.get("growth")
    if growth:
        out.append(
            f"4. Growth (replicated corpus, vectors reused; {growth['questions']} questions, 1 caller, "
            "query vectors cached)"
        )
        rows = []
        for row in growth["rows"]:
            write = row.get("write") or {}
            rows.append([
                f"{row['scale']}x", row["documents"], row["chunks"], _mib(row["chroma_bytes"]),
                _mib(row["catalog_bytes"]), _mib(row["catalog_wal_bytes"]), row["bytes_vs_1x"],
                write.get("seconds"), write.get("chunks_per_s"), write.get("first_copies_s_each"),
                write.get("last_copies_s_each"), write.get("embed_s_extrapolated"),
                row["memory"]["maxrss_mib"],
            ])  # fmt: skip
        out += ["  " + line for line in _table(
            ["size", "docs", "chunks", "chroma MiB", "catalog MiB", "wal MiB", "disk vs 1x", "write s",
             "write ch/s", "s/copy first", "s/copy last", "embed s (extrap.)", "maxrss MiB"],
            rows,
        )]  # fmt: skip
        out.append("")
        rows = []
        for row in growth["rows"]:
            ask, search, dense = row["ask"], row["search"], row["dense_search"]
            rows.append([
                f"{row['scale']}x", row["keyword_index_build_s"], ask["p50_ms"], ask["p95_ms"],
                ask["p50_vs_1x"], search["p50_ms"], search["p95_ms"], search["p50_vs_1x"], dense["p50_ms"],
                dense["p95_ms"], dense["p50_vs_1x"], row["reingest_unchanged"]["seconds"],
                ask["errors"] + search["errors"] + dense["errors"],
            ])  # fmt: skip
        out += ["  " + line for line in _table(
            ["size", "kw index s", "ask p50", "ask p95", "x1x", "search p50", "search p95", "x1x",
             "dense p50", "dense p95", "x1x", "re-ingest s", "errors"],
            rows,
        )]  # fmt: skip
        for row in growth["rows"]:
            for where, message in row["errors"].items():
                out.append(f"  ERROR at {row['scale']}x in {where}: {message}")
        out.append(
            "  Write time excludes embedding: the vectors of the base index are reused; 'embed s' is "
            f"extrapolated linearly at {_f(growth['embed_rate_chunks_per_s'], 2)} chunks/s (step 1)."
        )
        out.append(
            "  Replicas keep their municipality, so a question naming one sees every copy of its documents;"
            " the query embedding (a constant, see embed_query) is left out of these latencies; ms columns"
            " are per call, 'dense' is the vector side alone, 're-ingest' an unchanged run over the corpus."
        )
    return "\n".join(out)


# --- table detection ------------------------------------------------------------------------

TABLE_SIZES = (1_000, 4_000, 16_000)


def short_lines(n: int) -> list[str]:
    """n short lines that make no table (a figure every tenth line): where a table is tried at every
    line, and each try once scanned the whole run after it."""
    return [f"{i * 7 % 1000},5" if i % 10 == 9 else f"korte regel {i % 97}" for i in range(n)]


def bench_tables(sizes: Sequence[int] = TABLE_SIZES, repeat: int = 3) -> dict[str, Any]:
    """Seconds of `find_tables` over `short_lines(n)` per size (the best of `repeat` runs), and how
    they grow: a time ratio near the ratio of the sizes is linear, near its square quadratic."""
    from ingest.tables import find_tables

    rows: list[dict[str, Any]] = []
    for n in sizes:
        lines = short_lines(n)
        best = float("inf")
        for _ in range(max(1, repeat)):
            started = time.perf_counter()
            found = find_tables(lines)
            best = min(best, time.perf_counter() - started)
        rows.append({"lines": n, "seconds": round(best, 4), "tables": len(found)})
    first, last = rows[0], rows[-1]
    return {
        "sizes": rows,
        "size_ratio": round(last["lines"] / first["lines"], 1),
        "time_ratio": _ratio(last["seconds"], first["seconds"]),
        "loadavg": loadavg(),
    }


def format_tables(report: dict[str, Any]) -> str:
    rows = report["sizes"]
    out = [f"Table detection on short lines (load average {report['loadavg']})"]
    cells = [[f"{r['lines']:,}", f"{r['seconds']:.4f}", r["tables"]] for r in rows]
    out += ["  " + line for line in _table(["lines", "s", "tables"], cells)]
    out.append(
        f"  {rows[-1]['lines']:,} / {rows[0]['lines']:,} lines: {_f(report['time_ratio'])}x the time for "
        f"{_f(report['size_ratio'])}x the lines (linear: about {_f(report['size_ratio'])}x)"
    )
    return "\n".join(out)


# --- command line -----------------------------------------------------------------------------


def _int_list(text: str) -> list[int]:
    try:
        return [int(x) for x in text.replace(",", " ").split()]
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected integers like 10,100: {text!r}") from exc


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.bench", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--scales", type=_int_list, default=list(DEFAULT_SCALES), help="growth sizes: 10,50,100"
    )
    parser.add_argument(
        "--concurrency", type=_int_list, default=list(DEFAULT_CONCURRENCY), help="callers: 1,4,16"
    )
    parser.add_argument(
        "--skip-ingest", action="store_true", help="copy an existing home instead of ingesting"
    )
    parser.add_argument("--from-home", type=Path, default=None, help="home to copy (default: BELEID_HOME)")
    parser.add_argument(
        "--corpus", type=Path, nargs="*", default=None, help="PDFs or folders (default: corpus/)"
    )
    parser.add_argument("--questions", type=int, default=None, help="time only the first N dev questions")
    parser.add_argument("--growth-questions", type=int, default=GROWTH_QUESTIONS)
    parser.add_argument("--no-naive", action="store_true", help="skip the naive LangChain build")
    parser.add_argument("--work-dir", type=Path, default=None, help="where the temporary home goes")
    parser.add_argument("--keep", action="store_true", help="keep the temporary home")
    parser.add_argument("--tracemalloc", action="store_true", help="trace the Python heap (slows everything)")
    parser.add_argument("--json", type=Path, default=None, help="write the report as JSON here")
    parser.add_argument(
        "--tables", action="store_true", help="only table detection on 1k/4k/16k synthetic short lines"
    )
    parser.add_argument("--table-sizes", type=_int_list, default=list(TABLE_SIZES), help="lines: 1000,4000")
    args = parser.parse_args(argv)
    if args.tables:
        tables = bench_tables(args.table_sizes)
        print(format_tables(tables))
        _write_json(args.json, tables)
        return 0

    settings = Settings()
    source = (args.from_home or settings.home).resolve() if args.skip_ingest else None
    report = run_bench(
        settings,
        scales=args.scales,
        concurrency=args.concurrency,
        corpus=args.corpus or None,
        question_limit=args.questions,
        growth_questions=args.growth_questions,
        skip_ingest_from=source,
        naive=not args.no_naive,
        work_dir=args.work_dir,
        keep=args.keep,
        trace_memory=args.tracemalloc,
    )
    print(format_report(report))
    _write_json(args.json, report)
    return 0


def _write_json(path: Path | None, report: dict[str, Any]) -> None:
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
        print(f"\nJSON: {path}")


if __name__ == "__main__":
    raise SystemExit(main())
