"""`beleid bench` end to end: a tiny run with the hashing embedder prints one JSON document."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from beleid.cli import app
from tests.unit.evals.bench_corpus import write_corpus

runner = CliRunner()


@pytest.fixture(autouse=True)
def hash_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BELEID_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("BELEID_EMBEDDING_MODEL", "hash")


def test_bench_json_is_one_document_and_the_report_file(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "pdfs")
    out = tmp_path / "reports" / "bench.json"
    result = runner.invoke(
        app,
        ["bench", "--corpus", str(corpus), "--scales", "2", "--concurrency", "1", "--questions", "1",
         "--growth-questions", "1", "--no-naive", "--work-dir", str(tmp_path), "--out", str(out), "--json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)  # nothing else on stdout
    assert report == json.loads(out.read_text(encoding="utf-8"))
    assert report["meta"]["embedder"].startswith("hash") and report["meta"]["questions"] == 1
    assert report["ingest"]["documents"] == 2 and report["ingest"]["naive"] is None
    assert [row["scale"] for row in report["growth"]["rows"]] == [1, 2]
    assert "[bench +" in result.stderr  # progress


def test_bench_prints_the_report(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["bench", "--corpus", str(write_corpus(tmp_path / "pdfs")), "--scales", "1", "--concurrency", "1",
         "--questions", "1", "--no-naive", "--work-dir", str(tmp_path)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Beleidsassistent benchmark")
    assert "4. Growth" in result.stdout and "[bench +" not in result.stdout


def test_bench_tables_json() -> None:
    result = runner.invoke(app, ["bench", "--tables", "--table-sizes", "50,200", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["size_ratio"] == 4.0


def test_bench_refuses_a_bad_list_and_a_home_without_index(tmp_path: Path) -> None:
    bad = runner.invoke(app, ["bench", "--scales", "tien"])
    assert bad.exit_code == 2 and "--scales" in bad.output
    empty = runner.invoke(app, ["bench", "--skip-ingest", "--from-home", str(tmp_path), "--questions", "1"])
    assert empty.exit_code == 2 and "catalog.sqlite" in empty.output
