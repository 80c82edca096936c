"""Part 1, ingest speed: the corpus into a fresh home with the real embedder, split into parse (and
the rest of the pipeline), embed, store and catalog time; the naive baseline's build on the same
PDFs; an unchanged re-ingest. Or, skipping all that, a copy of a ready home."""

from __future__ import annotations

import shutil
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from assistant.catalog import Catalog
from assistant.protocols import Embedder
from assistant.settings import Settings
from evals.bench.common import JsonResult, rate, ratio
from evals.bench.roles import TimedCatalog, TimedEmbedder, TimedStore
from evals.bench.timing import Clock, StageTimes

EMBED_SAMPLE = 32  # passages embedded to estimate the embed rate when the ingest is skipped


@dataclass(frozen=True, kw_only=True)
class NaiveBuild(JsonResult):
    """The naive LangChain recipe's index build on the same PDFs and embedder."""

    seconds: float
    chunks: int
    chunks_per_s: float | None
    embed_s: float
    embed_chunks_per_s: float | None
    loadavg: StageTimes


@dataclass(frozen=True, kw_only=True)
class Reingest(JsonResult):
    """An ingest of the unchanged corpus right after the first."""

    seconds: float
    ratio_to_first: float | None
    unchanged: int
    embedded: int
    loadavg: StageTimes


@dataclass(frozen=True, kw_only=True)
class RawEncoder(JsonResult):
    """The embedder alone on the texts the ingest embedded, in batches of the same size, right
    after the ingest: what the ingest's chunks/s is held against."""

    passages: int
    seconds: float
    passages_per_s: float | None
    batch: int
    loadavg: StageTimes


@dataclass(frozen=True, kw_only=True)
class IndexedCorpus(JsonResult):
    """What the home holds after the ingest or the copy."""

    skipped: bool = field(default=False, init=False)  # the ingest, for a copy of a ready home
    documents: int
    pages: int
    chunks: int


@dataclass(frozen=True, kw_only=True)
class IngestResult(IndexedCorpus):
    """Our ingest of the corpus into an empty home."""

    failed: list[dict[str, str]]
    seconds: float
    pages_per_s: float | None
    chunks_per_s: float | None
    embed_s: float
    store_s: float
    catalog_s: float
    parse_and_rest_s: float  # parsing, cleaning and chunking are not hooked: what the others leave
    embed_chunks_per_s: float | None
    store_chunks_per_s: float | None
    loadavg: StageTimes
    naive: NaiveBuild | None
    ratio_ours_to_naive: float | None
    reingest: Reingest
    raw: RawEncoder | None = None
    ratio_to_raw: float | None = None  # our chunks/s over the raw encoder's passages/s


@dataclass(frozen=True, kw_only=True)
class CopyTimes(StageTimes):
    sample: StageTimes  # embedding the sample


@dataclass(frozen=True, kw_only=True)
class CopiedHome(IndexedCorpus):
    """The ingest skipped: a ready home copied, and the embed rate on a sample of its chunks."""

    skipped: bool = field(default=True, init=False)
    source: str
    embed_sample: int
    embed_s: float
    embed_chunks_per_s: float | None
    loadavg: CopyTimes
    naive: None = field(default=None, init=False)
    ratio_ours_to_naive: None = field(default=None, init=False)
    reingest: None = field(default=None, init=False)


def bench_ingest(
    settings: Settings, embedder: Embedder, corpus: Sequence[Path], naive: bool, clock: Clock
) -> IngestResult:
    """Ingests `corpus` into `settings.home` (which should be empty) and times the parts."""
    from assistant.factory import build_store
    from ingest.pipeline import Ingestor

    timed = TimedEmbedder(embedder)
    store = TimedStore(build_store(settings, timed))
    catalog = TimedCatalog(settings.catalog_path)
    try:
        with clock.stage("ingest (ours)") as stage:
            started = time.perf_counter()
            first = Ingestor(settings, timed, store, catalog).run(list(corpus))
            total = time.perf_counter() - started
        records = catalog.documents()
        if not records:
            raise RuntimeError(f"nothing was ingested from {[str(p) for p in corpus]}: {first.failed}")
        embed_s, passages = timed.passage_s, timed.passages
        store_s, catalog_s = store.add_s + store.delete_s, catalog.publish_s
        store_add_s = store.add_s
        raw = _bench_raw(settings, embedder, store, [r.version for r in records], clock)
        baseline = _bench_naive(timed, corpus, clock) if naive else None
        timed.reset_timers()
        store.reset_timers()
        with clock.stage("re-ingest (unchanged)") as again_stage:
            started = time.perf_counter()
            again = Ingestor(settings, timed, store, catalog).run(list(corpus))
            again_s = time.perf_counter() - started
    finally:
        catalog.close()
    chunks = sum(r.chunk_count for r in records)
    pages = sum(r.page_count for r in records)
    return IngestResult(
        documents=len(records),
        pages=pages,
        chunks=chunks,
        failed=first.failed,
        seconds=round(total, 2),
        pages_per_s=rate(pages, total),
        chunks_per_s=rate(chunks, total),
        embed_s=round(embed_s, 2),
        store_s=round(store_s, 2),
        catalog_s=round(catalog_s, 3),
        parse_and_rest_s=round(total - embed_s - store_s - catalog_s, 2),
        embed_chunks_per_s=rate(passages, embed_s),
        store_chunks_per_s=rate(chunks, store_add_s),
        loadavg=stage.times,
        naive=baseline,
        ratio_ours_to_naive=ratio(total, baseline.seconds) if baseline else None,
        reingest=Reingest(
            seconds=round(again_s, 3),
            ratio_to_first=ratio(again_s, total),
            unchanged=len(again.unchanged),
            embedded=again.embedded,
            loadavg=again_stage.times,
        ),
        raw=raw,
        ratio_to_raw=ratio(rate(chunks, total), raw.passages_per_s),
    )


def _bench_raw(
    settings: Settings, embedder: Embedder, store: TimedStore, versions: list[str], clock: Clock
) -> RawEncoder:
    """The embedder on the ingested chunks' texts, back to back with the ingest."""
    from ingest.pipeline import embedding_text

    texts = [embedding_text(c) for c in store.chunks(versions)]
    batch = max(1, settings.index.embed_batch_size)
    with clock.stage(f"raw encoder on the {len(texts)} ingested texts") as stage:
        started = time.perf_counter()
        for start in range(0, len(texts), batch):
            embedder.embed_passages(texts[start : start + batch])
        seconds = time.perf_counter() - started
    return RawEncoder(
        passages=len(texts),
        seconds=round(seconds, 2),
        passages_per_s=rate(len(texts), seconds),
        batch=batch,
        loadavg=stage.times,
    )


def _bench_naive(timed: TimedEmbedder, corpus: Sequence[Path], clock: Clock) -> NaiveBuild:
    from evals.naive import NaiveRAG
    from ingest.pipeline import collect_pdfs

    timed.reset_timers()
    pdfs, _ = collect_pdfs(corpus)
    with clock.stage("naive LangChain build") as stage:
        baseline = NaiveRAG(timed, pdfs, index_dir=None)
        chunks = baseline.count()
        baseline.close()
    return NaiveBuild(
        seconds=round(baseline.build_s, 2),
        chunks=chunks,
        chunks_per_s=rate(chunks, baseline.build_s),
        embed_s=round(timed.passage_s, 2),
        embed_chunks_per_s=rate(timed.passages, timed.passage_s),
        loadavg=stage.times,
    )


def copy_home(source: Path, settings: Settings, embedder: Embedder, clock: Clock) -> CopiedHome:
    """Copies the home `source` to `settings.home` and embeds a sample of its chunks for the rate."""
    from assistant.factory import build_store
    from ingest.pipeline import embedding_text

    if not (source / "catalog.sqlite").is_file():
        raise FileNotFoundError(f"{source} has no catalog.sqlite: not a BELEID_HOME with an index")
    with clock.stage(f"copy home {source}") as stage:
        shutil.copytree(source, settings.home)
    catalog = Catalog(settings.catalog_path)
    try:
        records = catalog.documents()
    finally:
        catalog.close()
    sample = build_store(settings, embedder).chunks([r.version for r in records])[:EMBED_SAMPLE]
    with clock.stage(f"embed rate on {len(sample)} sampled chunks") as sample_stage:
        started = time.perf_counter()
        embedder.embed_passages([embedding_text(c) for c in sample])
        embed_s = time.perf_counter() - started
    return CopiedHome(
        source=str(source),
        documents=len(records),
        pages=sum(r.page_count for r in records),
        chunks=sum(r.chunk_count for r in records),
        embed_sample=len(sample),
        embed_s=round(embed_s, 2),
        embed_chunks_per_s=rate(len(sample), embed_s),
        loadavg=CopyTimes(
            loadavg_before=stage.times.loadavg_before,
            stage_s=stage.times.stage_s,
            loadavg_after=stage.times.loadavg_after,
            sample=sample_stage.times,
        ),
    )
