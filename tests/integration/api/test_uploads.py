from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from assistant.core import Assistant
from assistant.factory import build_assistant
from assistant.settings import Settings
from tests.api_support import DOC, TESTDORP_PAGES, make_pdf, make_settings

AUTH = {"Authorization": "Bearer geheim"}
META = {
    "municipality": "Uploaddorp",
    "title": "Nota armoedebeleid",
    "year": "2023",
    "doc_type": "beleidsnota",
}


@pytest.fixture
def pdf_bytes(tmp_path: Path) -> bytes:
    return make_pdf(
        tmp_path / "upload.pdf", [("Nota armoedebeleid", ["Uploaddorp helpt bij schulden."])]
    ).read_bytes()


def upload(client: TestClient, content: bytes, name: str = "Nota Armoede 2023.pdf", **kwargs: Any) -> Any:
    headers = kwargs.pop("headers", AUTH)
    data = kwargs.pop("data", META)
    return client.post(
        "/api/documents", files={"file": (name, content, "application/pdf")}, data=data, headers=headers
    )


def wait_done(client: TestClient, job_id: str, timeout: float = 20) -> dict[str, Any]:
    job = client.app.state.jobs.wait(job_id, timeout=timeout)  # type: ignore[attr-defined]
    assert job is not None
    return client.get(f"/api/jobs/{job_id}").json()


def test_upload_is_ingested_in_the_background(
    client: TestClient, settings: Settings, pdf_bytes: bytes
) -> None:
    response = upload(client, pdf_bytes)
    assert response.status_code == 202, response.text
    job = response.json()
    assert response.headers["location"] == f"/api/jobs/{job['id']}"
    assert job["doc_id"] == "nota-armoede-2023" and job["status"] in ("queued", "running", "done")
    done = wait_done(client, job["id"])
    assert done["status"] == "done", done
    assert "nota-armoede-2023" in done["message"]
    docs = {d["doc_id"]: d for d in client.get("/api/documents").json()["documents"]}
    assert docs["nota-armoede-2023"]["municipality"] == "Uploaddorp"
    assert docs["nota-armoede-2023"]["year"] == 2023
    assert (settings.uploads_dir / "nota-armoede-2023.pdf").read_bytes() == pdf_bytes


def test_upload_writes_and_merges_manifest_rows(
    client: TestClient, settings: Settings, pdf_bytes: bytes
) -> None:
    wait_done(client, upload(client, pdf_bytes, name="een.pdf").json()["id"])
    wait_done(client, upload(client, pdf_bytes, name="twee.pdf", data={**META, "year": "2024"}).json()["id"])
    wait_done(client, upload(client, pdf_bytes, name="een.pdf", data={**META, "title": "Nieuw"}).json()["id"])
    with (settings.uploads_dir / "manifest.csv").open(encoding="utf-8") as f:
        rows = {r["slug"]: r for r in csv.DictReader(f)}
    assert set(rows) == {"een", "twee"}
    assert rows["een"]["title"] == "Nieuw" and rows["twee"]["year"] == "2024"
    assert rows["een"]["period"] == "2023" and rows["een"]["doc_type"] == "beleidsnota"


def test_upload_without_metadata_infers_it_or_fails_the_job(client: TestClient, pdf_bytes: bytes) -> None:
    inferred = upload(client, pdf_bytes, name="testdorp-evaluatie-2024.pdf", data={})
    assert wait_done(client, inferred.json()["id"])["status"] == "done"
    unknown = upload(client, pdf_bytes, name="zomaar.pdf", data={})
    failed = wait_done(client, unknown.json()["id"])
    assert failed["status"] == "failed"
    assert failed["message"].startswith("Indexeren mislukt") and "manifest.csv" in failed["message"]


def test_file_names_are_made_safe(client: TestClient, settings: Settings, pdf_bytes: bytes) -> None:
    job = upload(client, pdf_bytes, name="../../etc/Beleid Café (v2).PDF").json()
    assert job["doc_id"] == "beleid-cafe-v2"
    wait_done(client, job["id"])
    assert (settings.uploads_dir / "beleid-cafe-v2.pdf").is_file()
    assert not (settings.home.parent / "etc").exists()


def test_uploads_disabled_without_token(settings: Settings, assistant: Assistant, pdf_bytes: bytes) -> None:
    app = create_app(settings.replaced(upload_token=None), assistant_factory=lambda s: assistant)
    with TestClient(app) as client:
        response = upload(client, pdf_bytes)
    assert response.status_code == 403
    assert "BELEID_UPLOAD_TOKEN" in response.json()["detail"]


def test_missing_or_wrong_token(client: TestClient, pdf_bytes: bytes) -> None:
    missing = upload(client, pdf_bytes, headers={})
    assert missing.status_code == 401 and "Bearer" in missing.json()["detail"]
    assert missing.headers["www-authenticate"] == "Bearer"
    wrong = upload(client, pdf_bytes, headers={"Authorization": "Bearer fout"})
    assert wrong.status_code == 403 and wrong.json()["detail"] == "Het uploadtoken klopt niet."


def test_oversize_upload_is_413(client: TestClient) -> None:
    big = b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 10)  # max_upload_mb is 1 in the test settings
    response = upload(client, big)
    assert response.status_code == 413
    assert "1 MB" in response.json()["detail"]


def test_oversize_chunked_upload_is_413(client: TestClient) -> None:
    def body() -> Iterator[bytes]:  # no Content-Length: the guard has to count
        yield b'--b\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4\n'
        for _ in range(12):
            yield b"0" * 100_000

    headers = {**AUTH, "Content-Type": "multipart/form-data; boundary=b"}
    response = client.post("/api/documents", content=body(), headers=headers)
    assert response.status_code == 413


def test_non_pdf_is_415_and_empty_is_400(client: TestClient) -> None:
    response = upload(client, b"<html>geen pdf</html>", name="nep.pdf")
    assert response.status_code == 415
    assert "%PDF" in response.json()["detail"]
    assert upload(client, b"", name="leeg.pdf").status_code == 400


def test_missing_file_and_incomplete_metadata_are_422(client: TestClient, pdf_bytes: bytes) -> None:
    no_file = client.post("/api/documents", data=META, headers=AUTH)
    assert no_file.status_code == 422 and "'file'" in no_file.json()["detail"]
    partial = upload(client, pdf_bytes, data={"municipality": "Uploaddorp"})
    assert partial.status_code == 422
    assert "year, doc_type" in partial.json()["detail"]
    bad_year = upload(client, pdf_bytes, data={**META, "year": "dit jaar"})
    assert bad_year.status_code == 422 and "'year'" in bad_year.json()["detail"]


def test_cannot_overwrite_a_corpus_document(client: TestClient, pdf_bytes: bytes) -> None:
    response = upload(client, pdf_bytes, name=f"{DOC}.pdf")
    assert response.status_code == 409
    assert DOC in response.json()["detail"]


def test_unknown_job_is_404(client: TestClient) -> None:
    response = client.get("/api/jobs/onbekend")
    assert response.status_code == 404
    assert "onbekend" in response.json()["detail"]


def test_upload_through_the_real_ingest_pipeline_in_a_child_process(tmp_path: Path) -> None:
    """The production path: the job runs `api.ingest_child`, which writes to the same embedded
    Chroma and catalog; the server sees the new version by the catalog generation."""
    settings = make_settings(tmp_path / "home", use_register=False)
    pdf = make_pdf(tmp_path / "echte.pdf", TESTDORP_PAGES).read_bytes()
    with TestClient(create_app(settings, assistant_factory=build_assistant)) as client:
        job = upload(client, pdf, name="echte-upload.pdf").json()
        done = wait_done(client, job["id"], timeout=120)
        assert done["status"] == "done", done
        assert "echte-upload" in {d["doc_id"] for d in client.get("/api/documents").json()["documents"]}
        hits = client.get("/api/search", params={"q": "jeugdhulp budget"}).json()["hits"]
        assert hits and hits[0]["doc"] == "echte-upload"


def test_a_job_past_its_time_limit_is_stopped_and_the_next_runs(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "home", use_register=False, job_timeout_s=0.2)
    pdf = make_pdf(tmp_path / "echte.pdf", TESTDORP_PAGES).read_bytes()
    with TestClient(create_app(settings, assistant_factory=build_assistant)) as client:
        first, second = (upload(client, pdf, name=f"nota-{n}.pdf").json() for n in range(2))
        for job in (first, second):
            failed = wait_done(client, job["id"], timeout=60)
            assert failed["status"] == "failed" and "BELEID_JOB_TIMEOUT_S" in failed["message"]
    assert not (settings.uploads_dir / "nota-0.pdf").exists()
    assert list((settings.uploads_dir / ".staging").iterdir()) == []
