from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

from api import loadtest, server
from api.app import create_app
from assistant.core import Assistant
from assistant.settings import Settings
from tests.api_support import TESTDORP_PAGES, LiveServer, make_pdf, make_settings


def test_loadtest_against_a_live_server(
    settings: Settings, assistant: Assistant, capsys: pytest.CaptureFixture[str]
) -> None:
    with LiveServer(create_app(settings, assistant_factory=lambda s: assistant)) as live:
        code = loadtest.main(["--url", live.url, "--requests", "6", "--levels", "1,3", "--json"])
    results = json.loads(capsys.readouterr().out)
    assert code == 0
    assert [r["concurrency"] for r in results] == [1, 3]
    assert all(r["errors"] == 0 and r["requests"] == 6 and r["statuses"] == {"200": 6} for r in results)
    assert all(0 < r["p50_ms"] <= r["p95_ms"] <= r["max_ms"] for r in results)


def test_serve_runs_uvicorn_on_the_configured_address(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr("uvicorn.run", lambda app, **kwargs: calls.append({"app": app, **kwargs}))
    server.serve(make_settings(tmp_path, host="127.0.0.1", port=8123))
    assert calls and calls[0]["host"] == "127.0.0.1" and calls[0]["port"] == 8123
    assert calls[0]["app"].title == "Beleidsassistent"


@pytest.mark.skipif(
    importlib.util.find_spec("ingest.parse") is None, reason="ingest/parse.py not written yet"
)
def test_prepare_assistant_ingests_the_corpus_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    make_pdf(corpus / "testdorp-beleidsplan-2022.pdf", TESTDORP_PAGES)
    (corpus / "manifest.csv").write_text(
        "slug,municipality,title,year,period,doc_type\n"
        "testdorp-beleidsplan-2022,Testdorp,Beleidsplan Testdorp,2022,2022,beleidsplan\n",
        encoding="utf-8",
    )
    settings = make_settings(tmp_path / "home", corpus_dir=corpus)
    first = server.prepare_assistant(settings)
    assert [d.doc_id for d in first.documents()] == ["testdorp-beleidsplan-2022"]
    assert "worden nu geïndexeerd" in capsys.readouterr().err
    first.catalog.close()
    second = server.prepare_assistant(settings)
    assert len(second.documents()) == 1
    assert "geïndexeerd" not in capsys.readouterr().err
