"""Part 4, growth: the corpus replicated under new document ids (10x, 50x, 100x, up to 500x),
written through the real store and catalog with the vectors of the base index (no re-embedding),
then the size on disk, the write time, the latency, and the cost of adding one more document at
each size."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant.catalog import DocumentRecord
from assistant.core import Assistant
from assistant.protocols import Embedder
from assistant.settings import Settings
from assistant.types import Chunk, DocumentMeta, Page
from evals.bench.common import JsonResult, error_text, rate, ratio
from evals.bench.roles import CachedQueryEmbedder, NoEmbedding
from evals.bench.timing import Clock, Latency, MemorySnapshot, measure_latency

if TYPE_CHECKING:
    from assistant.retrieval import HybridRetriever

# 100x is 58,700 chunks of the demo corpus: past the 32,766 rows one Chroma `get` can return
# (SQLite's variable limit), so it checks that the store's reads page. 500x (about 290,000 chunks,
# 57,000 pages) is the size of a large municipality's archive: `--scales 10,100,500`.
DEFAULT_SCALES = (10, 50, 100)
GROWTH_QUESTIONS = 20  # per size; growth latency is measured with one caller
# Replica vectors are moved by this (L2) distance, then renormalised: HNSW degrades on exact
# duplicates, which a real corpus does not have; cosine to the original stays about 0.999.
REPLICA_JITTER = 0.05


@dataclass(frozen=True)
class IndexBytes(JsonResult):
    """Chroma's folder, the catalog and the catalog's WAL files (SQLite keeps the WAL at its
    high-water size until a checkpoint truncates it, so it is reported apart)."""

    chroma_bytes: int
    catalog_bytes: int
    catalog_wal_bytes: int

    @property
    def total_bytes(self) -> int:
        return self.chroma_bytes + self.catalog_bytes + self.catalog_wal_bytes

    @classmethod
    def of(cls, settings: Settings) -> IndexBytes:
        wal = sum(dir_bytes(Path(f"{settings.catalog_path}{suffix}")) for suffix in ("-wal", "-shm"))
        return cls(dir_bytes(settings.chroma_path), dir_bytes(settings.catalog_path), wal)

    def to_json(self) -> dict[str, int]:
        return {**super().to_json(), "total_bytes": self.total_bytes}


def dir_bytes(path: Path) -> int:
    if not path.exists():
        return 0
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


@dataclass(frozen=True, kw_only=True)
class CopyWrite(JsonResult):
    """Writing the copies that take the index from the previous size to this one."""

    copies: int
    chunks: int
    seconds: float
    store_s: float
    catalog_s: float
    chunks_per_s: float | None
    first_copies_s_each: float | None  # flat from first to last: the writes are linear
    last_copies_s_each: float | None
    cumulative_s: float | None = None
    embed_s_extrapolated: float | None = None  # what embedding these chunks would have cost


@dataclass(frozen=True, kw_only=True)
class SizeLatency(Latency):
    """Latency at one size, and relative to the base index (1x)."""

    p50_vs_1x: float | None = None
    p95_vs_1x: float | None = None

    @classmethod
    def against(cls, latency: Latency, base: Latency) -> SizeLatency:
        vs_1x = {
            "p50_vs_1x": ratio(latency.p50_ms, base.p50_ms),
            "p95_vs_1x": ratio(latency.p95_ms, base.p95_ms),
        }
        return cls(**{**vars(latency), **vs_1x})


@dataclass(frozen=True, kw_only=True)
class SizeReingest(JsonResult):
    OMIT_NONE = frozenset({"failed"})

    seconds: float
    unchanged: int
    failed: int | None = None  # None when the re-ingest itself failed (see the row's errors)
    # New versions whose text was already stored (another version id, e.g. a home built by an
    # older pipeline): published again without embedding, their vectors reused.
    updated: int = 0


@dataclass(frozen=True, kw_only=True)
class SizeLoad(JsonResult):
    build: list[float]
    queries: list[float]
    reingest: list[float]


@dataclass(frozen=True, kw_only=True)
class AddDocument(JsonResult):
    """One new document added at this size and removed again, with vectors reused: what a publish
    costs besides embedding (and parsing, which does not depend on the size). It is a copy of the
    largest base document with a word of its own in every chunk, so its text is analysed anew and
    the vocabulary changes, as with a real new document."""

    doc_id: str
    chunks: int
    add_s: float  # store write + catalog publish + keyword index update
    store_s: float
    catalog_s: float
    keyword_index_s: float
    found: bool  # a search for its word finds it right after
    remove_s: float  # catalog remove + store delete + keyword index update
    remove_keyword_index_s: float


@dataclass(frozen=True, kw_only=True)
class GrowthRow(JsonResult):
    """The index at one size: contents, disk, the write that made it and the latency on it."""

    scale: int
    documents: int
    pages: int
    chunks: int
    store_count: int
    disk: IndexBytes
    errors: dict[str, str]  # where something failed at this size: the point of the run is to find it
    keyword_index_build_s: float
    ask: SizeLatency
    search: SizeLatency
    dense_search: SizeLatency
    reingest_unchanged: SizeReingest
    add_document: AddDocument | None
    loadavg: SizeLoad
    memory: MemorySnapshot
    write: CopyWrite | None = None  # None at 1x
    bytes_vs_1x: float | None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in super().to_json().items():
            if key == "disk":
                out.update(value)  # the byte counts stand in the row itself
            else:
                out[key] = value
        return out


@dataclass(frozen=True, kw_only=True)
class Growth(JsonResult):
    replica_ids: str
    vector_jitter_l2: float = REPLICA_JITTER
    query_vectors: str = "cached: query embedding excluded, it is a constant (see latency.embed_query)"
    write_excludes_embedding: bool = True
    embed_rate_chunks_per_s: float | None
    questions: int
    concurrency: int = 1
    warm: str = "each size's questions are asked once, untimed, before the timed pass"
    keyword_index: str = "built in full after the copies of each size (most documents are new)"
    rows: list[GrowthRow]


@dataclass(frozen=True)
class BaseDoc:
    """A document of the base index with its stored vectors."""

    record: DocumentRecord
    pages: list[Page]
    chunks: list[Chunk]
    vectors: np.ndarray


def load_base(assistant: Assistant) -> list[BaseDoc]:
    """The live chunks of each document with their stored vectors (no re-embedding)."""
    docs = []
    for record in assistant.catalog.documents():
        chunks, vectors = assistant.store.chunks_with_vectors([record.version])
        docs.append(BaseDoc(record, assistant.catalog.pages(record.doc_id), chunks, vectors))
    return docs


def replica_id(doc_id: str, copy: int, width: int = 3) -> str:
    return f"{doc_id}-r{copy:0{width}d}"


def replicate(base: BaseDoc, copy: int, width: int = 3) -> tuple[DocumentMeta, str, list[Chunk]]:
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


def write_copies(assistant: Assistant, base: Sequence[BaseDoc], copies: range, width: int) -> CopyWrite:
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
    tenth = max(1, len(per_copy) // 10)
    return CopyWrite(
        copies=len(per_copy),
        chunks=chunks_written,
        seconds=round(total, 2),
        store_s=round(store_s, 2),
        catalog_s=round(catalog_s, 2),
        chunks_per_s=rate(chunks_written, total),
        first_copies_s_each=round(float(np.mean(per_copy[:tenth])), 3) if per_copy else None,
        last_copies_s_each=round(float(np.mean(per_copy[-tenth:])), 3) if per_copy else None,
    )


def add_one_document(
    assistant: Assistant, retriever: HybridRetriever, base: BaseDoc, scale: int
) -> AddDocument:
    """Publishes a new document into the index as an ingest would (store, catalog, then the keyword
    index follows the catalog), checks that a search finds it, and removes it again."""
    word = "proefdocument" + "".join("abcdefghij"[int(d)] for d in str(scale))
    meta, version, chunks = replicate(base, 0, 3)
    doc_id = f"{base.record.doc_id}-bench-{word}"
    meta = replace(meta, doc_id=doc_id)
    version = hashlib.sha256(f"{version}|{doc_id}".encode()).hexdigest()[:16]
    chunks = [
        replace(c, id=hashlib.sha1(f"{doc_id}\x1f{c.id}".encode()).hexdigest()[:16], doc_id=doc_id,
                text=f"{c.text} Zie {word}.")
        for c in chunks
    ]  # fmt: skip
    retriever.keyword_index()  # up to date before the clock starts
    started = time.perf_counter()
    assistant.store.add(chunks, base.vectors, version)
    stored = time.perf_counter()
    assistant.catalog.publish(meta, version, base.record.sha256, base.record.path, base.pages, len(chunks))
    published = time.perf_counter()
    retriever.keyword_index()
    done = time.perf_counter()
    found = any(hit.chunk.doc_id == doc_id for hit in retriever.search(word, k=5).hits)
    removing = time.perf_counter()
    assistant.catalog.remove(doc_id)
    assistant.store.delete_version(version)
    assistant.catalog.forget(version)  # deleted: no ingest needs to sweep it
    unindexing = time.perf_counter()
    retriever.keyword_index()
    removed = time.perf_counter()
    return AddDocument(
        doc_id=doc_id,
        chunks=len(chunks),
        add_s=round(done - started, 3),
        store_s=round(stored - started, 3),
        catalog_s=round(published - stored, 3),
        keyword_index_s=round(done - published, 3),
        found=found,
        remove_s=round(removed - removing, 3),
        remove_keyword_index_s=round(removed - unindexing, 3),
    )


def measure_size(
    assistant: Assistant,
    settings: Settings,
    questions: Sequence[str],
    corpus: Sequence[Path],
    clock: Clock,
    scale: int,
    base: GrowthRow | None = None,
    base_docs: Sequence[BaseDoc] = (),
) -> GrowthRow:
    """Contents, disk, keyword index build, latency and an unchanged re-ingest at this size,
    compared with the `base` row (None: this is the base)."""
    from assistant.retrieval import HybridRetriever
    from ingest.pipeline import Ingestor

    records = assistant.catalog.documents()
    errors: dict[str, str] = {}
    with clock.stage(f"{scale}x: keyword index build") as build:
        started = time.perf_counter()
        try:
            if isinstance(assistant.retriever, HybridRetriever):
                assistant.retriever.keyword_index()
        except Exception as exc:  # reported in the row
            errors["keyword_index"] = error_text(exc)
        keyword_s = round(time.perf_counter() - started, 2)
    # Once the keyword index cannot be built every ask and search fails the same way, each after
    # the same full read of the store: one question shows it without hours of identical errors.
    hybrid_questions = questions[:1] if errors else questions
    with clock.stage(f"{scale}x: ask/search/dense x{len(questions)}") as queries:
        # Untimed first: answering caches what it embeds per question (two units), so every size
        # is timed in the same warm state, the 1x base included.
        measure_latency(assistant.ask, hybrid_questions, 1)
        ask = measure_latency(assistant.ask, hybrid_questions, 1)
        search = measure_latency(assistant.search, hybrid_questions, 1)
        # The vector side alone, on the same index (it keeps the live vectors for selections).
        dense = (
            assistant.retriever.with_mode("dense")
            if isinstance(assistant.retriever, HybridRetriever)
            else HybridRetriever(assistant.store, assistant.embedder, assistant.catalog, settings, "dense")
        )
        dense_search = measure_latency(dense.search, questions, 1)
    with clock.stage(f"{scale}x: unchanged re-ingest of the corpus") as reingest_stage:
        started = time.perf_counter()
        try:
            ingestor = Ingestor(settings, NoEmbedding(assistant.embedder), assistant.store, assistant.catalog)
            again = ingestor.run(list(corpus))
            reingest = SizeReingest(
                seconds=round(time.perf_counter() - started, 3),
                unchanged=len(again.unchanged),
                failed=len(again.failed),
                updated=len(again.updated),
            )
        except Exception as exc:
            reingest = SizeReingest(seconds=round(time.perf_counter() - started, 3), unchanged=0)
            errors["reingest"] = error_text(exc)
    added: AddDocument | None = None
    if base_docs and isinstance(assistant.retriever, HybridRetriever):
        with clock.stage(f"{scale}x: add one document and remove it"):
            try:
                added = add_one_document(
                    assistant, assistant.retriever, max(base_docs, key=lambda d: len(d.chunks)), scale
                )
            except Exception as exc:  # reported in the row
                errors["add_document"] = error_text(exc)
    for kind, latency in (("ask", ask), ("search", search), ("dense_search", dense_search)):
        if latency.first_error:
            errors[kind] = latency.first_error
    disk = IndexBytes.of(settings)
    return GrowthRow(
        scale=scale,
        documents=len(records),
        pages=sum(r.page_count for r in records),
        chunks=sum(r.chunk_count for r in records),
        store_count=assistant.store.count(),
        disk=disk,
        errors=errors,
        keyword_index_build_s=keyword_s,
        ask=SizeLatency.against(ask, base.ask if base else ask),
        search=SizeLatency.against(search, base.search if base else search),
        dense_search=SizeLatency.against(dense_search, base.dense_search if base else dense_search),
        bytes_vs_1x=ratio(disk.total_bytes, (base.disk if base else disk).total_bytes),
        reingest_unchanged=reingest,
        add_document=added,
        loadavg=SizeLoad(
            build=build.times.loadavg_after,
            queries=queries.times.loadavg_after,
            reingest=reingest_stage.times.loadavg_after,
        ),
        memory=MemorySnapshot.take(),
    )


def bench_growth(
    settings: Settings,
    embedder: Embedder,
    scales: Sequence[int],
    questions: Sequence[str],
    embed_rate: float | None,
    corpus: Sequence[Path],
    clock: Clock,
) -> Growth:
    """Grows the index of `settings.home` to each of `scales` (sorted, above 1) and measures it."""
    from assistant.factory import build_assistant

    cached = CachedQueryEmbedder(embedder)
    for question in questions:
        cached.embed_query(question)
    assistant = build_assistant(settings, embedder=cached)
    width = max(3, len(str(max(scales, default=1))))
    try:
        base = load_base(assistant)
        base_chunks = sum(len(d.chunks) for d in base)
        rows = [measure_size(assistant, settings, questions, corpus, clock, 1, base_docs=base)]
        copies_done = 1  # the base corpus is copy 0
        cumulative_s = 0.0
        for scale in scales:
            with clock.stage(f"{scale}x: write {scale - copies_done} copies of {base_chunks} chunks"):
                write = write_copies(assistant, base, range(copies_done, scale), width)
            copies_done = scale
            cumulative_s += write.seconds
            write = replace(
                write,
                cumulative_s=round(cumulative_s, 2),
                embed_s_extrapolated=round(write.chunks / embed_rate, 1) if embed_rate else None,
            )
            row = measure_size(assistant, settings, questions, corpus, clock, scale, rows[0], base)
            rows.append(replace(row, write=write))
    finally:
        assistant.catalog.close()
    return Growth(
        replica_ids=f"<doc>-r{'0' * (width - 1)}1 ... (municipality, title and year kept)",
        embed_rate_chunks_per_s=embed_rate,
        questions=len(questions),
        rows=rows,
    )
