"""`DELETE /api/documents/{doc}`: the upload token, then the prune code path under the ingest lock."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from assistant.core import Assistant
from assistant.settings import Settings
from tests.api_support import DOC, OTHER_DOC, add_register, fake_ingest, make_pdf

AUTH = {"Authorization": "Bearer geheim"}


@pytest.fixture
def reg(settings: Settings, assistant: Assistant, tmp_path: Path) -> Iterator[TestClient]:
    add_register(assistant, tmp_path / "corpus")
    app = create_app(settings, assistant_factory=lambda s: assistant, ingest_factory=fake_ingest)
    with TestClient(app) as test_client:
        yield test_client


def docs(client: TestClient) -> set[str]:
    return {d["doc_id"] for d in client.get("/api/documents").json()["documents"]}


def test_delete_removes_the_document_from_index_catalog_and_register(reg: TestClient) -> None:
    assert any(r["doc"] == DOC for r in reg.get("/api/register").json()["records"])
    hits = reg.get("/api/search", params={"q": "budget jeugdhulp Testdorp", "k": 10}).json()["hits"]
    assert any(h["doc"] == DOC for h in hits)

    response = reg.delete(f"/api/documents/{DOC}", headers=AUTH)
    assert response.status_code == 200, response.text
    assert response.json() == {"doc_id": DOC, "message": response.json()["message"]}
    assert DOC in response.json()["message"]

    assert DOC not in docs(reg) and OTHER_DOC in docs(reg)
    hits = reg.get("/api/search", params={"q": "budget jeugdhulp Testdorp", "k": 10}).json()["hits"]
    assert hits and all(h["doc"] != DOC for h in hits)
    records = reg.get("/api/register").json()["records"]
    assert records and all(r["doc"] != DOC for r in records)
    assert reg.get(f"/api/documents/{DOC}/pdf").status_code == 404
    # The corpus file itself stays: only an uploaded PDF goes with its document.
    assert reg.delete(f"/api/documents/{DOC}", headers=AUTH).status_code == 404


def test_delete_needs_the_upload_token_and_a_known_document(client: TestClient) -> None:
    missing = client.delete(f"/api/documents/{DOC}")
    assert missing.status_code == 401 and "Bearer" in missing.json()["detail"]
    wrong = client.delete(f"/api/documents/{DOC}", headers={"Authorization": "Bearer fout"})
    assert wrong.status_code == 403 and wrong.json()["detail"] == "Het uploadtoken klopt niet."
    unknown = client.delete("/api/documents/bestaat-niet", headers=AUTH)
    assert unknown.status_code == 404 and "bestaat-niet" in unknown.json()["detail"]
    assert DOC in docs(client)


def test_delete_of_an_upload_removes_its_pdf_and_manifest_row(
    client: TestClient, settings: Settings, tmp_path: Path
) -> None:
    pdf = make_pdf(tmp_path / "weg.pdf", [("Nota weg", ["Uploaddorp ruimt op."])]).read_bytes()
    meta = {"municipality": "Uploaddorp", "year": "2023", "doc_type": "beleidsnota"}
    job = client.post(
        "/api/documents", files={"file": ("weg.pdf", pdf, "application/pdf")}, data=meta, headers=AUTH
    ).json()
    assert client.app.state.jobs.wait(job["id"], timeout=20).status == "done"  # type: ignore[attr-defined]
    assert (settings.uploads_dir / "weg.pdf").is_file()

    assert client.delete("/api/documents/weg", headers=AUTH).status_code == 200
    assert "weg" not in docs(client)
    assert not (settings.uploads_dir / "weg.pdf").exists()
    with (settings.uploads_dir / "manifest.csv").open(encoding="utf-8") as f:
        assert all(r["slug"] != "weg" for r in csv.DictReader(f))
