"""Upload jobs that fail, that are interrupted by a restart, and that must not leak server paths."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from api.app import create_app
from api.jobs import Job, JobStore, this_process
from api.uploads import StagedUpload, UploadStore
from assistant.core import Assistant
from assistant.settings import Settings
from tests.api_support import fake_ingest, make_pdf
from tests.integration.api.test_uploads import META, upload, wait_done


def _pdf(tmp_path: Path, text: str) -> bytes:
    return make_pdf(tmp_path / f"{abs(hash(text))}.pdf", [("Nota armoedebeleid", [text])]).read_bytes()


def test_a_failed_reupload_leaves_the_cited_pdf_in_place(
    client: TestClient, settings: Settings, tmp_path: Path
) -> None:
    good = _pdf(tmp_path, "Uploaddorp helpt bij schulden.")
    assert wait_done(client, upload(client, good).json()["id"])["status"] == "done"
    broken = b"%PDF-1.4\n" + b"kapot" * 100  # passes the magic check, fails ingest
    failed = wait_done(client, upload(client, broken).json()["id"])
    assert failed["status"] == "failed"
    assert client.get("/api/documents/nota-armoede-2023/pdf").content == good
    assert (settings.uploads_dir / "nota-armoede-2023.pdf").read_bytes() == good
    assert not any((settings.uploads_dir / ".staging").iterdir())  # the failed upload is gone


def test_a_successful_reupload_swaps_file_and_text_together(
    client: TestClient, settings: Settings, tmp_path: Path
) -> None:
    wait_done(client, upload(client, _pdf(tmp_path, "Eerste versie over schulden.")).json()["id"])
    newer = _pdf(tmp_path, "Tweede versie over schulden en armoede.")
    assert wait_done(client, upload(client, newer).json()["id"])["status"] == "done"
    assert client.get("/api/documents/nota-armoede-2023/pdf").content == newer
    page = client.get("/api/documents/nota-armoede-2023/pages/1").json()
    assert "Tweede versie" in page["text"]
    assert not any((settings.uploads_dir / ".staging").iterdir())


def test_the_queue_goes_on_after_a_failed_job(client: TestClient, tmp_path: Path) -> None:
    bad = upload(client, b"%PDF-1.4\nkapot", name="kapot.pdf").json()
    good = upload(client, _pdf(tmp_path, "Uploaddorp helpt bij schulden.")).json()
    assert wait_done(client, bad["id"])["status"] == "failed"
    assert wait_done(client, good["id"])["status"] == "done"


def test_job_views_name_files_not_server_folders(client: TestClient, settings: Settings) -> None:
    job = wait_done(client, upload(client, b"%PDF-1.4\nkapot", name="kapot.pdf").json()["id"])
    text = json.dumps(job)
    assert job["status"] == "failed" and "kapot" in text
    assert str(settings.home) not in text and str(settings.home.resolve()) not in text


def test_jobs_left_by_a_stopped_server_run_after_the_restart(
    settings: Settings, assistant: Assistant, tmp_path: Path
) -> None:
    """The state a crash leaves: one job running (claimed by a process that is gone), one
    queued, their staged PDFs, and a staging folder of an upload whose job never got saved."""
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead_owner = f"{socket.gethostname()}:{gone.stdout.strip()}"
    uploads = UploadStore(settings.uploads_dir)
    store = JobStore(settings.home / "jobs.sqlite")
    row = {"slug": "", "municipality": "Uploaddorp", "title": "Nota", "year": "2023", "period": "2023"}
    staged: list[StagedUpload] = []
    for number, status in enumerate(("running", "queued")):
        stem = f"nota-{number}"
        with (tmp_path / f"{stem}.pdf").open("w+b") as source:
            source.write(_pdf(tmp_path, f"Nota {number} over schulden."))
            staged.append(uploads.stage(source, stem, {**row, "slug": stem, "doc_type": "nota"}))
        owner = dead_owner if status == "running" else None
        store.save(
            Job(f"job{number}", staged[-1].key, f"{stem}.pdf", stem, staged[-1].row, status, owner=owner)
        )
    store.save(Job("busy", "elders", "elders.pdf", "elders", None, "running", owner=this_process()))
    store.close()
    orphan = uploads.staging / "wees"
    orphan.mkdir()
    old = time.time() - 3600
    os.utime(orphan, (old, old))
    (uploads.staging / "net-begonnen").mkdir()  # an upload another process is saving right now

    app = create_app(settings, assistant_factory=lambda s: assistant, ingest_factory=fake_ingest)
    with TestClient(app) as client:
        for number in range(2):
            job = wait_done(client, f"job{number}")
            assert job["status"] == "done", job
        docs = {d["doc_id"] for d in client.get("/api/documents").json()["documents"]}
        assert client.get("/api/jobs/busy").json()["status"] == "running"  # its process still runs
    assert {"nota-0", "nota-1"} <= docs
    assert not orphan.exists() and (uploads.staging / "net-begonnen").exists()
    assert all((settings.uploads_dir / f"nota-{n}.pdf").is_file() for n in range(2))


def test_finished_jobs_are_still_known_after_a_restart(
    settings: Settings, assistant: Assistant, tmp_path: Path
) -> None:
    def make() -> Any:
        return create_app(settings, assistant_factory=lambda s: assistant, ingest_factory=fake_ingest)

    with TestClient(make()) as client:
        job_id = upload(client, _pdf(tmp_path, "Uploaddorp helpt bij schulden."), data=META).json()["id"]
        wait_done(client, job_id)
    with TestClient(make()) as client:
        assert client.get(f"/api/jobs/{job_id}").json()["status"] == "done"


def test_an_upload_waits_while_the_worker_is_busy_and_nothing_is_in_place_before(
    settings: Settings, assistant: Assistant, tmp_path: Path
) -> None:
    release = threading.Event()
    real = fake_ingest(assistant)

    def slow(assistant: Assistant) -> Any:
        def run(upload: StagedUpload) -> dict[str, Any]:
            release.wait(10)
            return real(upload)

        return run

    app = create_app(settings, assistant_factory=lambda s: assistant, ingest_factory=slow)
    with TestClient(app) as client:
        job = upload(client, _pdf(tmp_path, "Uploaddorp helpt bij schulden.")).json()
        time.sleep(0.1)
        assert not (settings.uploads_dir / "nota-armoede-2023.pdf").exists()
        assert client.get(f"/api/jobs/{job['id']}").json()["status"] in ("queued", "running")
        release.set()
        assert wait_done(client, job["id"])["status"] == "done"
        assert (settings.uploads_dir / "nota-armoede-2023.pdf").is_file()
