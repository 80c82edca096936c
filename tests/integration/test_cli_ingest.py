"""`beleid ingest` against another ingest holding the lock (--wait) and over the document limits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from beleid.cli import app
from tests.integration.test_ingest_limits import GOOD, _docs, _held

runner = CliRunner()


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("BELEID_HOME", str(home))
    monkeypatch.setenv("BELEID_EMBEDDING_MODEL", "hash-64")
    return home


def test_wait_runs_out_with_exit_1_and_one_json_document(env: Path, tmp_path: Path) -> None:
    docs = _docs(tmp_path / "docs")
    with _held(env):
        result = runner.invoke(app, ["ingest", str(docs), "--json", "--wait", "0.3"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)  # exactly one JSON document: the wait is told on stderr
    assert report["added"] == 0 and report["documents"] == 0
    (failure,) = report["failed"]
    assert failure["file"] == str(docs) and "--wait" in failure["error"]
    assert result.stderr.count("Een andere inname loopt; ik wacht maximaal 0,3 s") == 1


def test_ingest_goes_on_once_the_other_ingest_finishes(env: Path, tmp_path: Path) -> None:
    docs = _docs(tmp_path / "docs")
    with _held(env, release_after=0.5):
        result = runner.invoke(app, ["ingest", str(docs), "--json", "--wait", "60"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["added"] == 1
    assert result.stderr.count("Een andere inname loopt; ik wacht maximaal 60 s") == 1


def test_the_wait_defaults_to_the_setting(env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BELEID_INGEST_LOCK_WAIT_SECONDS", "0.2")
    docs = _docs(tmp_path / "docs")
    with _held(env):
        result = runner.invoke(app, ["ingest", str(docs)])
    assert result.exit_code == 1
    assert "ik wacht maximaal 0,2 s" in result.stderr
    assert "BELEID_INGEST_LOCK_WAIT_SECONDS" in " ".join(result.stdout.split())


def test_a_document_beyond_a_limit_exits_1_and_names_the_setting(
    env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BELEID_INGEST_MAX_PAGES", "1")
    docs = _docs(tmp_path / "docs")
    result = runner.invoke(app, ["ingest", str(docs), "--json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    (failure,) = report["failed"]
    assert Path(failure["file"]).stem == GOOD and "BELEID_INGEST_MAX_PAGES" in failure["error"]
    assert "ik wacht" not in result.stderr  # nobody held the lock
