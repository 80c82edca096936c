"""The benchmark's report structure on a tiny corpus with the hashing embedder (no timing checks)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from assistant.embedders.hashing import HashEmbedder
from assistant.settings import Settings
from evals.bench import bench_tables, format_report, format_tables, jitter, main, run_bench
from tests.unit.evals.pdfs import write_text_pdf

QUESTIONS = [
    "Hoe wil Almelo eenzaamheid onder ouderen verminderen?",
    "Wat doet Hengelo aan sport in de wijk?",
    "Welk budget is er voor schuldhulpverlening?",
]
LATENCY_KEYS = {"concurrency", "n", "errors", "p50_ms", "p95_ms", "mean_ms", "max_ms", "wall_s", "qps"}


def _pdfs(folder: Path) -> Path:
    folder.mkdir()
    write_text_pdf(
        folder / "almelo-plan-2022.pdf",
        [
            ["Inleiding", "De gemeente Almelo wil dat alle inwoners meedoen in de samenleving."],
            ["Eenzaamheid", "Wij verminderen eenzaamheid onder ouderen met buurtcirkels en huisbezoeken."],
            [f"Regel {i}: het budget voor schuldhulpverlening groeit elk jaar." for i in range(25)],
        ],
    )
    write_text_pdf(
        folder / "hengelo-sport-2021.pdf",
        [
            ["Sport", "Iedereen in Hengelo kan sporten in de wijk dankzij de sportformateurs."],
            ["Jeugd", "De wachtlijsten voor jeugdhulp worden korter door samen te werken met scholen."],
            ["Werk", "Meer inwoners vinden betaald werk via het werkplein en leerwerkbanen."],
        ],
    )
    (folder / "manifest.csv").write_text(
        "slug,municipality,title,year,period,doc_type\n"
        "almelo-plan-2022,Almelo,Plan sociaal domein,2022,2022-,beleidsplan\n"
        "hengelo-sport-2021,Hengelo,Sportnota,2021,2021-2024,beleidsnota\n",
        encoding="utf-8",
    )
    return folder


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path]:
    root = tmp_path_factory.mktemp("bench")
    settings = Settings(home=root / "unused-home", embedding_model="hash", corpus_dir=_pdfs(root / "pdfs"))
    report = run_bench(
        settings,
        scales=(2,),
        concurrency=(1, 2),
        embedder=HashEmbedder(64),
        questions=QUESTIONS,
        work_dir=root,
        log=lambda _: None,
    )
    return report, root


def test_ingest_section(bench: tuple[dict[str, Any], Path]) -> None:
    report, _ = bench
    ingest = report["ingest"]
    assert ingest["skipped"] is False
    assert ingest["documents"] == 2 and ingest["chunks"] > 0 and ingest["pages"] == 6
    for key in (
        "seconds",
        "pages_per_s",
        "chunks_per_s",
        "embed_s",
        "store_s",
        "catalog_s",
        "parse_and_rest_s",
    ):
        assert key in ingest
    assert ingest["naive"]["chunks"] > 0 and "seconds" in ingest["naive"]
    assert "ratio_ours_to_naive" in ingest
    assert ingest["reingest"]["unchanged"] == 2 and ingest["reingest"]["embedded"] == 0


def test_latency_section(bench: tuple[dict[str, Any], Path]) -> None:
    report, _ = bench
    latency = report["latency"]
    for kind in ("ask", "search"):
        assert [row["concurrency"] for row in latency[kind]] == [1, 2]
        for row in latency[kind]:
            assert row.keys() >= LATENCY_KEYS
            assert row["n"] == len(QUESTIONS) and row["errors"] == 0
    assert latency["embed_query"]["n"] == len(QUESTIONS)


def test_growth_section(bench: tuple[dict[str, Any], Path]) -> None:
    report, _ = bench
    growth = report["growth"]
    assert growth["write_excludes_embedding"] is True
    base, doubled = growth["rows"]
    assert [base["scale"], doubled["scale"]] == [1, 2]
    assert doubled["documents"] == 2 * base["documents"]
    assert doubled["chunks"] == 2 * base["chunks"] == doubled["store_count"]
    assert base["write"] is None
    assert (
        doubled["write"]["chunks"] == base["chunks"] and doubled["write"]["embed_s_extrapolated"] is not None
    )
    for row in (base, doubled):
        assert row["chroma_bytes"] > 0 and row["catalog_bytes"] > 0
        assert row["ask"].keys() >= LATENCY_KEYS and row["ask"]["errors"] == 0
        assert row["search"]["errors"] == 0 and row["dense_search"]["errors"] == 0
        assert row["errors"] == {} and row["reingest_unchanged"]["unchanged"] == 2


def test_memory_meta_and_cleanup(bench: tuple[dict[str, Any], Path]) -> None:
    report, _ = bench
    assert {"start", "after_ingest", "after_queries", "after_growth"} <= report["memory"].keys()
    assert report["memory"]["after_growth"]["maxrss_mib"] > 0
    assert len(report["meta"]["loadavg_start"]) == 3 and report["meta"]["scales"] == [1, 2]
    assert not Path(report["meta"]["work_dir"]).exists()  # the temporary home is removed
    json.dumps(report)  # the --json output needs no custom encoder
    text = format_report(report)
    for heading in ("1. Ingest", "2. Warm query latency", "3. Memory", "4. Growth"):
        assert heading in text


def test_skip_ingest_copies_a_home(bench: tuple[dict[str, Any], Path], tmp_path: Path) -> None:
    _, root = bench
    settings = Settings(home=tmp_path / "unused", embedding_model="hash", corpus_dir=root / "pdfs")
    kept = run_bench(
        settings, scales=(), concurrency=(1,), embedder=HashEmbedder(64), questions=QUESTIONS[:1],
        naive=False, work_dir=tmp_path, keep=True, log=lambda _: None,
    )  # fmt: skip
    source = Path(kept["meta"]["work_dir"]) / "home"
    report = run_bench(
        settings, scales=(2,), concurrency=(1,), embedder=HashEmbedder(64), questions=QUESTIONS[:1],
        skip_ingest_from=source, work_dir=tmp_path, log=lambda _: None,
    )  # fmt: skip
    assert report["ingest"]["skipped"] is True and report["ingest"]["documents"] == 2
    assert report["ingest"]["embed_chunks_per_s"] is not None
    assert [row["scale"] for row in report["growth"]["rows"]] == [1, 2]
    assert (source / "catalog.sqlite").is_file()  # the source home is copied, not used


def test_jitter_keeps_unit_vectors_close() -> None:
    vectors = np.eye(4, dtype=np.float32)
    moved = jitter(vectors, np.random.default_rng(0), 0.05)
    assert np.allclose(np.linalg.norm(moved, axis=1), 1.0, atol=1e-5)
    assert np.all((moved * vectors).sum(axis=1) > 0.99)


def test_table_detection_figures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = bench_tables((100, 400), repeat=1)
    assert [row["lines"] for row in report["sizes"]] == [100, 400]
    assert all(row["tables"] == 0 and row["seconds"] >= 0 for row in report["sizes"])
    assert report["size_ratio"] == 4.0
    assert "400 / 100 lines" in format_tables(report)
    assert main(["--tables", "--table-sizes", "50,200", "--json", str(tmp_path / "t.json")]) == 0
    assert "Table detection" in capsys.readouterr().out
    assert json.loads((tmp_path / "t.json").read_text())["size_ratio"] == 4.0
