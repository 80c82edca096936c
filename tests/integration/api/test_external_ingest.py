"""A running server and a `beleid ingest` in another process on the same BELEID_HOME.

Embedded Chroma keeps a collection's vector index in memory; before the store reopened on a new
catalog version, every question after an external ingest failed with "Error finding id" (500)
until a restart. Here the server keeps answering while a separate process adds a document and
then prunes one, and afterwards it serves exactly the live documents."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from assistant.factory import build_assistant
from assistant.settings import Settings
from tests import pdf_factory

MANIFEST = "slug,municipality,title,year,period,doc_type\n"
ROWS = {
    "almelo-plan-2022": "almelo-plan-2022,Almelo,Plan sociaal domein,2022,2022-2025,beleidsplan\n",
    "hengelo-plan-2023": "hengelo-plan-2023,Hengelo,Plan jeugd,2023,2023-2026,beleidsplan\n",
}
TEXTS = {
    "almelo-plan-2022": [
        ["1. Mantelzorg", "Almelo ondersteunt mantelzorgers met respijtzorg en een mantelzorgwaardering."],
        ["2. Eenzaamheid", "Wij willen eenzaamheid onder ouderen in Almelo verminderen."],
    ],
    "hengelo-plan-2023": [
        ["1. Jeugdhulp", "Hengelo zet in op jeugdhulp dichtbij huis via het sociaal wijkteam."],
        ["2. Schulden", "Hengelo helpt inwoners met schulden via vroegsignalering."],
    ],
}


def _write(folder: Path, slugs: list[str]) -> None:
    for slug in slugs:
        if not (folder / f"{slug}.pdf").exists():
            pdf_factory.make_text_pdf(folder / f"{slug}.pdf", TEXTS[slug], title=slug)
    (folder / "manifest.csv").write_text(MANIFEST + "".join(ROWS[s] for s in slugs), encoding="utf-8")


def _beleid(home: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "BELEID_HOME": str(home), "BELEID_EMBEDDING_MODEL": "hash-64"}
    return subprocess.Popen(
        [sys.executable, "-c", "from beleid.cli import main; main()", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[TestClient, Path, Path]]:
    home, folder = tmp_path / "home", tmp_path / "docs"
    folder.mkdir()
    _write(folder, ["almelo-plan-2022"])
    first = _beleid(home, "ingest", str(folder), "--json")
    assert first.wait(120) == 0, first.stderr.read() if first.stderr else ""
    settings = Settings(home=home, embedding_model="hash-64", use_register=False)
    app = create_app(settings, assistant_factory=build_assistant)
    with TestClient(app) as client:
        yield client, home, folder


def _traffic_while(process: subprocess.Popen[str], client: TestClient) -> Counter[int]:
    """Questions and searches until the other process has finished, and a few after."""
    statuses: Counter[int] = Counter()
    after = 0
    while after < 6:
        if process.poll() is not None:
            after += 1
        statuses[client.get("/api/search", params={"q": "jeugdhulp mantelzorg", "k": 5}).status_code] += 1
        statuses[
            client.post("/api/ask", json={"question": "Wat doet de gemeente aan eenzaamheid?"}).status_code
        ] += 1
    return statuses


def _docs(client: TestClient) -> set[str]:
    hits = client.get(
        "/api/search", params={"q": "jeugdhulp mantelzorg eenzaamheid schulden", "k": 20}
    ).json()
    return {h["doc"] for h in hits["hits"]}


def test_server_keeps_answering_through_an_external_ingest_and_prune(
    served: tuple[TestClient, Path, Path],
) -> None:
    client, home, folder = served
    assert client.get("/healthz").json()["status"] == "ok"
    assert _docs(client) == {"almelo-plan-2022"}

    _write(folder, ["almelo-plan-2022", "hengelo-plan-2023"])
    adding = _beleid(home, "ingest", str(folder), "--json")
    statuses = _traffic_while(adding, client)
    assert adding.returncode == 0
    assert statuses and all(code < 500 for code in statuses), statuses
    assert _docs(client) == {"almelo-plan-2022", "hengelo-plan-2023"}

    (folder / "almelo-plan-2022.pdf").unlink()
    _write(folder, ["hengelo-plan-2023"])
    pruning = _beleid(home, "ingest", str(folder), "--prune", "--json")
    statuses = _traffic_while(pruning, client)
    assert pruning.returncode == 0
    assert all(code < 500 for code in statuses), statuses
    assert _docs(client) == {"hengelo-plan-2023"}
    health = client.get("/healthz").json()
    assert health["status"] == "ok" and health["documents"] == 1
