"""CLI conventions (issue 13): `--version`, `serve --host/--port`, the default corpus, and `--json`
stdout that is exactly one JSON document while library warnings go to stderr."""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from assistant.settings import Settings
from beleid.cli import app
from tests import pdf_factory

runner = CliRunner()
SLUG = "almelo-testplan-sociaal-domein-2022"
MANIFEST = (
    "slug,municipality,title,year,period,doc_type\n"
    f"{SLUG},Almelo,Testplan sociaal domein,2022,2022-2025,beleidsplan\n"
)
PYPDF_WARNING = "Ignoring wrong pointing object"
CONSOLE_SCRIPT = Path(sys.executable).parent / "beleid"


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("BELEID_HOME", str(home))
    monkeypatch.setenv("BELEID_EMBEDDING_MODEL", "hash-64")
    return home


def _pdf_with_a_wrong_xref_offset(path: Path) -> Path:
    """A readable PDF whose cross-reference table points 3 bytes past object 1: pypdf finds the
    object anyway and logs "Ignoring wrong pointing object 1 0"."""
    pdf_factory.make_text_pdf(
        path,
        [["1. Inleiding", "De gemeente Almelo wil dat inwoners zelfredzaam zijn.", "Dat doen we samen."]],
        title="Testplan sociaal domein",
        author="Gemeente Almelo",
    )
    data = path.read_bytes()
    start = data.index(b"\nxref\n") + 1
    table = data[start:]
    entry = re.search(rb"(\d{10}) 00000 n", table)
    assert entry is not None
    shifted = b"%010d" % (int(entry.group(1)) + 3)
    path.write_bytes(data[:start] + table[: entry.start(1)] + shifted + table[entry.end(1) :])
    return path


def test_the_corrupt_pdf_makes_pypdf_warn(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from pypdf import PdfReader

    pdf = _pdf_with_a_wrong_xref_offset(tmp_path / f"{SLUG}.pdf")
    with caplog.at_level(logging.WARNING, logger="pypdf"):
        text = PdfReader(str(pdf)).pages[0].extract_text()
    assert "zelfredzaam" in text
    assert PYPDF_WARNING in caplog.text


@pytest.mark.skipif(not CONSOLE_SCRIPT.exists(), reason="the `beleid` console script is not installed")
def test_ingest_json_is_one_document_on_stdout_and_warnings_go_to_stderr(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    pdf = _pdf_with_a_wrong_xref_offset(docs / f"{SLUG}.pdf")
    (docs / "manifest.csv").write_text(MANIFEST, encoding="utf-8")
    environment = {k: v for k, v in os.environ.items() if not k.startswith("BELEID_")}
    environment.update(BELEID_HOME=str(tmp_path / "home"), BELEID_EMBEDDING_MODEL="hash-64")
    result = subprocess.run(
        [str(CONSOLE_SCRIPT), "ingest", str(pdf), "--json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=environment,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)  # raises on anything before or after the one document
    assert report["added"] == 1 and report["failed"] == []
    assert result.stdout.strip().count("\n") == 0
    assert PYPDF_WARNING not in result.stdout  # if pypdf's warning is shown at all, it is on stderr


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(flag: str) -> None:
    result = runner.invoke(app, [flag])
    assert result.exit_code == 0
    assert result.stdout.split() == ["beleid", version("beleidsassistent")]


def _served(monkeypatch: pytest.MonkeyPatch, args: list[str]) -> Settings:
    import api.server

    seen: dict[str, Any] = {}
    monkeypatch.setattr(api.server, "serve", lambda settings, workers=None: seen.update(settings=settings))
    result = runner.invoke(app, ["serve", *args])
    assert result.exit_code == 0, result.output
    settings: Settings = seen["settings"]
    return settings


def test_serve_host_and_port_override_the_settings(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BELEID_SERVE__PORT", "8111")
    assert (_served(monkeypatch, []).serve.host, _served(monkeypatch, []).serve.port) == ("127.0.0.1", 8111)
    settings = _served(monkeypatch, ["--host", "0.0.0.0", "--port", "9123"])
    assert (settings.serve.host, settings.serve.port) == ("0.0.0.0", 9123)
    assert settings.serve.workers == Settings().serve.workers


def test_serve_rejects_a_port_out_of_range(env: Path) -> None:
    result = runner.invoke(app, ["serve", "--port", "70000"])
    assert result.exit_code == 2


def test_ingest_without_the_default_corpus_says_what_to_do(
    env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BELEID_CORPUS_DIR", str(tmp_path / "geen-corpus"))
    result = runner.invoke(app, ["ingest", "--json"])
    assert result.exit_code == 2
    assert result.stdout == ""
    message = " ".join(result.stderr.split())
    assert "geen-corpus" in message and "BELEID_CORPUS_DIR" in message and "beleid ingest" in message
