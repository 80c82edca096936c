"""The benchmark package on a tiny corpus with the hashing embedder: the typed results, the JSON
shape of the report file (its keys stay, so reports of different runs compare) and the printed
report. Figures are not checked, only what the run must produce."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from assistant.embedders.hashing import HashEmbedder
from assistant.settings import Settings
from evals.bench import (
    BenchReport,
    CopiedHome,
    IngestResult,
    bench_tables,
    format_report,
    format_tables,
    jitter,
    run_bench,
    write_json,
)
from evals.bench.run import bench_embedder
from tests.unit.evals.bench_corpus import QUESTIONS, write_corpus

LATENCY_KEYS = {"concurrency", "n", "errors", "p50_ms", "p95_ms", "mean_ms", "max_ms", "wall_s", "qps"}
STAGE_KEYS = {"loadavg_before", "stage_s", "loadavg_after"}


def _quiet(_: str) -> None:
    pass


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("bench") / "pdfs")


@pytest.fixture(scope="module")
def report(corpus: Path) -> BenchReport:
    settings = Settings(home=corpus.parent / "unused-home", embedding_model="hash", corpus_dir=corpus)
    return run_bench(
        settings,
        scales=(2, 1),  # 1 is the base, always measured
        concurrency=(2, 1),
        embedder=HashEmbedder(64),
        questions=QUESTIONS,
        work_dir=corpus.parent,
        log=_quiet,
    )


def test_ingest_times_ours_the_naive_build_and_a_reingest(report: BenchReport) -> None:
    ingest = report.ingest
    assert isinstance(ingest, IngestResult)
    assert ingest.documents == 2 and ingest.pages == 6 and ingest.chunks > 0 and ingest.failed == []
    assert ingest.seconds >= ingest.embed_s + ingest.store_s and ingest.embed_chunks_per_s
    assert ingest.naive is not None and ingest.naive.chunks > 0
    assert ingest.ratio_ours_to_naive is not None
    assert ingest.reingest.unchanged == 2 and ingest.reingest.embedded == 0
    # The raw encoder on the same texts, back to back: the ingest is held against it.
    assert ingest.raw is not None and ingest.raw.passages == ingest.chunks
    assert ingest.ratio_to_raw is not None  # near 0 here: hashing is free, parsing is not


def test_latency_rows_per_caller_count(report: BenchReport) -> None:
    latency = report.latency
    for rows in (latency.ask, latency.search):
        assert [row.concurrency for row in rows] == [1, 2]  # sorted
        for row in rows:
            assert row.n == len(QUESTIONS) and row.errors == 0 and row.first_error is None
            assert row.p50_ms is not None and row.p95_ms is not None and row.p50_ms <= row.p95_ms
            assert len(row.loadavg) == 3
    assert latency.embed_query.n == len(QUESTIONS)


def test_growth_doubles_the_index_with_the_stored_vectors(report: BenchReport) -> None:
    growth = report.growth
    base, doubled = growth.rows
    assert [base.scale, doubled.scale] == [1, 2]
    assert doubled.documents == 2 * base.documents
    assert doubled.chunks == 2 * base.chunks == doubled.store_count
    assert base.write is None and doubled.write is not None
    assert doubled.write.chunks == base.chunks and doubled.write.embed_s_extrapolated is not None
    assert base.ask.p50_vs_1x == 1.0 and base.bytes_vs_1x == 1.0
    assert doubled.bytes_vs_1x is not None and doubled.bytes_vs_1x > 1
    for row in (base, doubled):
        assert row.disk.chroma_bytes > 0 and row.disk.catalog_bytes > 0
        assert row.ask.errors == row.search.errors == row.dense_search.errors == 0
        assert row.errors == {} and row.reingest_unchanged.unchanged == 2
        # One more document at each size: found by a search right after, and gone again.
        added = row.add_document
        assert added is not None and added.found and added.chunks > 0
        assert added.add_s >= added.keyword_index_s and added.remove_s >= added.remove_keyword_index_s
    assert doubled.store_count == doubled.chunks  # the added document was removed again


def test_json_keeps_the_report_file_shape(report: BenchReport, tmp_path: Path) -> None:
    write_json(tmp_path / "bench.json", report)
    data = json.loads((tmp_path / "bench.json").read_text(encoding="utf-8"))
    assert data == json.loads(json.dumps(report.to_json()))
    assert list(data) == ["meta", "memory", "ingest", "latency", "growth"]
    assert data["meta"]["scales"] == [1, 2] and data["meta"]["concurrency"] == [1, 2]
    assert len(data["meta"]["loadavg_start"]) == 3 and data["meta"]["total_s"] > 0
    assert list(data["memory"]) == ["start", "after_ingest", "after_queries", "after_growth"]
    assert set(data["memory"]["start"]) == {"maxrss_mib", "rss_mib"}  # no heap figures untraced
    ingest = data["ingest"]
    assert ingest["skipped"] is False and set(ingest["loadavg"]) == STAGE_KEYS
    assert {"parse_and_rest_s", "store_chunks_per_s", "naive", "ratio_ours_to_naive"} <= set(ingest)
    naive = {"seconds", "chunks", "chunks_per_s", "embed_s", "embed_chunks_per_s", "loadavg"}
    assert set(ingest["naive"]) == naive
    assert set(ingest["reingest"]) == {"seconds", "ratio_to_first", "unchanged", "embedded", "loadavg"}
    latency = data["latency"]
    assert set(latency) == {"warm_up_s", "ask", "search", "loadavg", "embed_query"}
    assert set(latency["ask"][0]) == LATENCY_KEYS | {"loadavg"}
    assert set(latency["embed_query"]) == LATENCY_KEYS
    assert set(latency["loadavg"]) == {"warm", "embed_query"}
    growth = data["growth"]
    assert growth["write_excludes_embedding"] is True and growth["concurrency"] == 1
    row = growth["rows"][1]
    disk = {"chroma_bytes", "catalog_bytes", "catalog_wal_bytes", "total_bytes"}
    assert disk <= set(row) and "disk" not in row  # the byte counts stand in the row itself
    assert row["total_bytes"] == sum(row[key] for key in disk - {"total_bytes"})
    assert set(row["ask"]) == LATENCY_KEYS | {"p50_vs_1x", "p95_vs_1x"}
    assert set(row["reingest_unchanged"]) == {"seconds", "unchanged", "failed", "updated"}
    assert set(row["loadavg"]) == {"build", "queries", "reingest"}
    assert set(row["write"]) >= {"copies", "chunks", "seconds", "cumulative_s", "embed_s_extrapolated"}
    assert growth["rows"][0]["write"] is None


def test_printed_report_and_cleanup(report: BenchReport) -> None:
    text = format_report(report)
    for heading in ("1. Ingest", "2. Warm query latency", "3. Memory", "4. Growth"):
        assert heading in text
    assert "naive chunks:" in text and "ERROR" not in text
    assert not Path(report.meta.work_dir).exists()  # the temporary home is removed


def test_skip_ingest_copies_a_home(corpus: Path, tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "unused", embedding_model="hash", corpus_dir=corpus)
    kept = run_bench(
        settings, scales=(), concurrency=(1,), embedder=HashEmbedder(64), questions=QUESTIONS[:1],
        naive=False, work_dir=tmp_path, keep=True, trace_memory=True, log=_quiet,
    )  # fmt: skip
    assert isinstance(kept.ingest, IngestResult) and kept.ingest.naive is None
    assert kept.memory.after_growth.py_heap_peak_mib is not None  # traced
    source = Path(kept.meta.work_dir) / "home"
    copied = run_bench(
        settings, scales=(2,), concurrency=(1,), embedder=HashEmbedder(64), questions=QUESTIONS[:1],
        skip_ingest_from=source, work_dir=tmp_path, log=_quiet,
    )  # fmt: skip
    assert isinstance(copied.ingest, CopiedHome) and copied.ingest.documents == 2
    assert copied.ingest.embed_sample > 0 and copied.ingest.embed_chunks_per_s is not None
    assert copied.meta.skip_ingest is True
    assert [row.scale for row in copied.growth.rows] == [1, 2]
    data = copied.to_json()["ingest"]
    assert data["skipped"] is True and data["naive"] is None and data["reingest"] is None
    assert set(data["loadavg"]) == STAGE_KEYS | {"sample"}
    assert "skipped (--skip-ingest)" in format_report(copied)
    assert (source / "catalog.sqlite").is_file()  # the source home is copied, not used


def test_no_questions_is_an_error(corpus: Path, tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "unused", embedding_model="hash", corpus_dir=corpus)
    with pytest.raises(ValueError, match="no questions"):
        run_bench(settings, embedder=HashEmbedder(64), questions=[], work_dir=tmp_path, log=_quiet)
    assert list(tmp_path.iterdir()) == []


def test_jitter_keeps_unit_vectors_close() -> None:
    vectors = np.eye(4, dtype=np.float32)
    moved = jitter(vectors, np.random.default_rng(0), 0.05)
    assert np.allclose(np.linalg.norm(moved, axis=1), 1.0, atol=1e-5)
    assert np.all((moved * vectors).sum(axis=1) > 0.99)
    assert not np.allclose(moved, vectors)


def test_table_detection_figures() -> None:
    result = bench_tables((100, 400), repeat=1)
    assert [row.lines for row in result.sizes] == [100, 400]
    assert all(row.tables == 0 and row.seconds >= 0 for row in result.sizes)
    assert result.size_ratio == 4.0
    assert "400 / 100 lines" in format_tables(result)
    data = result.to_json()
    assert set(data) == {"sizes", "size_ratio", "time_ratio", "loadavg"}
    assert set(data["sizes"][0]) == {"lines", "seconds", "tables"}


def test_the_bench_embeds_every_question_it_asks() -> None:
    # Each row asks the same questions again: a cached question vector would hide its cost.
    assert bench_embedder(Settings(embedding_model="hash-16")).capacity == 0
