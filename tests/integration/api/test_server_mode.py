"""Server mode: API processes sharing one BELEID_HOME and a real Chroma server.

Two `beleid serve` processes (and one with `--workers 2`) answer while an upload to one of them
and an ingest and prune from the command line change the index: every process sees each change,
serves no stale documents and answers no 5xx."""

from __future__ import annotations

import time
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from beleid.cli import app as cli
from tests import pdf_factory
from tests.processes import beleid, beleid_env, serve_beleid

MANIFEST = (
    "slug,municipality,title,year,period,doc_type\nalmelo-plan-2022,Almelo,Plan,2022,2022,beleidsplan\n"
)
QUERY = {"q": "mantelzorg schulden jeugdhulp", "k": 20}


@pytest.fixture
def env(tmp_path: Path, chroma_port: int) -> dict[str, str]:
    (tmp_path / "leeg").mkdir()
    return beleid_env(
        tmp_path / "home",
        chroma_host="127.0.0.1",
        chroma_port=str(chroma_port),
        collection=f"s{uuid.uuid4().hex[:10]}",
        corpus_dir=str(tmp_path / "leeg"),  # not the bundled corpus: these tests bring their own
        upload_token="geheim",
    )


@pytest.fixture
def docs(tmp_path: Path, env: dict[str, str]) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    pdf_factory.make_text_pdf(
        folder / "almelo-plan-2022.pdf",
        [["1. Mantelzorg", "Almelo ondersteunt mantelzorgers met respijtzorg."]],
    )
    (folder / "manifest.csv").write_text(MANIFEST, encoding="utf-8")
    assert beleid(env, "ingest", str(folder), "--json").wait(120) == 0
    return folder


@pytest.fixture
def two_servers(env: dict[str, str], docs: Path, tmp_path: Path) -> Iterator[tuple[str, str]]:
    first, second = serve_beleid(env, tmp_path), serve_beleid(env, tmp_path)
    yield next(first), next(second)
    for server in (first, second):
        next(server, None)


def _documents(url: str) -> set[str]:
    return {h["doc"] for h in httpx.get(url + "/api/search", params=QUERY, timeout=30).json()["hits"]}


def _until(check: object, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():  # type: ignore[operator]
            return
        time.sleep(0.2)
    raise AssertionError("not reached in time")


def test_two_processes_on_a_chroma_server_see_every_change(
    two_servers: tuple[str, str], docs: Path, env: dict[str, str], tmp_path: Path
) -> None:
    first, second = two_servers
    statuses: Counter[int] = Counter()

    def traffic() -> None:
        for url in (first, second):
            statuses[httpx.get(url + "/api/search", params=QUERY, timeout=30).status_code] += 1
            ask = httpx.post(
                url + "/api/ask", json={"question": "Wat doet Almelo voor mantelzorgers?"}, timeout=30
            )
            statuses[ask.status_code] += 1

    assert _documents(first) == _documents(second) == {"almelo-plan-2022"}

    upload = tmp_path / "hengelo-schulden-2023.pdf"
    pdf_factory.make_text_pdf(
        upload, [["Schulden", "Hengelo helpt inwoners met schulden via vroegsignalering."]]
    )
    response = httpx.post(
        first + "/api/documents",
        files={"file": (upload.name, upload.read_bytes(), "application/pdf")},
        data={"municipality": "Hengelo", "year": "2023", "doc_type": "nota"},
        headers={"Authorization": "Bearer geheim"},
        timeout=30,
    )
    assert response.status_code == 202, response.text
    job = response.json()["id"]

    def job_done() -> bool:
        traffic()
        status = httpx.get(f"{second}/api/jobs/{job}", timeout=30).json()["status"]  # the queue is shared
        assert status != "failed"
        return bool(status == "done")

    _until(job_done)
    assert _documents(first) == _documents(second) == {"almelo-plan-2022", "hengelo-schulden-2023"}

    (docs / "almelo-plan-2022.pdf").unlink()
    pruning = beleid(env, "ingest", str(docs), "--prune", "--json")
    while pruning.poll() is None:
        traffic()
    assert pruning.returncode == 0
    traffic()
    assert _documents(first) == _documents(second) == {"hengelo-schulden-2023"}
    assert statuses and all(code < 500 for code in statuses), statuses
    for url in (first, second):
        health = httpx.get(url + "/healthz", timeout=30).json()
        assert health["status"] == "ok" and health["documents"] == 1


def test_serve_with_two_workers_answers_from_both(env: dict[str, str], docs: Path, tmp_path: Path) -> None:
    server = serve_beleid(env, tmp_path, "--workers", "2")
    url = next(server)
    try:
        answers = [httpx.get(url + "/api/search", params=QUERY, timeout=30) for _ in range(20)]
        assert {r.status_code for r in answers} == {200}
        assert all({h["doc"] for h in r.json()["hits"]} == {"almelo-plan-2022"} for r in answers)
        log_file = tmp_path / f"serve-{url.rsplit(':', 1)[1]}.log"

        def both_started() -> bool:
            # One worker may answer before the other has finished loading on a slow machine.
            log = log_file.read_text(encoding="utf-8", errors="replace")
            return log.count("Application startup complete") == 2  # one per worker process

        _until(both_started)
    finally:
        next(server, None)


def test_more_workers_without_a_chroma_server_is_refused_in_dutch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BELEID_HOME", str(tmp_path))
    monkeypatch.delenv("BELEID_CHROMA_HOST", raising=False)
    result = CliRunner().invoke(cli, ["serve", "--workers", "2"])
    assert result.exit_code == 2
    assert "Chroma-server" in result.output and "BELEID_CHROMA_HOST" in result.output
