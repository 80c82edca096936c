"""Background ingest of uploaded PDFs: a queue in SQLite that survives restarts and is shared
by every API worker process on the same BELEID_HOME.

One worker thread per process is enough: the ingest pipeline takes a file lock anyway (one
writer at a time), and a queue keeps upload requests fast whatever the size of the PDF. Jobs live
in `jobs.sqlite`; a worker claims the oldest queued job in one transaction, so two processes never
run the same job, and any process can report any job. At startup, jobs left running by a process
that is gone are queued again (their staged PDFs wait in `uploads/.staging/`), and staging
folders no job needs are removed. A job that fails or runs out of time is marked failed and the
worker goes on with the next.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from api.messages import Messages
from api.schemas import JobOut, JobStatus
from api.uploads import StagedUpload, UploadStore
from assistant.errors import BeleidError
from assistant.sqlite import connect, transaction

log = logging.getLogger(__name__)

# Ingests a staged upload, calling its `publish` when the new version goes live; returns the
# ingest report as JSON (IngestReport.to_json()).
IngestFn = Callable[[StagedUpload], dict[str, Any]]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    staging_key TEXT NOT NULL,
    filename TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    manifest_row TEXT,
    status TEXT NOT NULL,
    created_at REAL NOT NULL,
    started_at REAL,
    finished_at REAL,
    report TEXT,
    error TEXT,
    owner TEXT
)
"""
POLL_S = 1.0  # how often an idle worker looks for jobs queued by another process
STAGING_GRACE_S = 600  # a staging folder this young may belong to an upload being saved now


def this_process() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def process_alive(owner: str) -> bool:
    """Whether the process that claimed a job still runs. A process on another machine cannot be
    checked and counts as alive (see the README on server mode)."""
    host, _, pid = owner.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass
class Job:
    id: str
    staging_key: str
    filename: str
    doc_id: str
    row: dict[str, str] | None = None
    status: JobStatus = "queued"
    created_at: float = field(default_factory=time.time)
    started_at: float | None = None
    finished_at: float | None = None
    report: dict[str, Any] | None = None
    error: str | None = None
    owner: str | None = None


class JobStore:
    """The jobs in SQLite; the newest `keep` are kept."""

    def __init__(self, path: Path, keep: int = 200) -> None:
        self._db = connect(path)
        self._db.execute(_SCHEMA)
        self._lock = threading.RLock()
        self._keep = keep

    def save(self, job: Job) -> None:
        with transaction(self._db, self._lock) as db:
            seq = db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM jobs").fetchone()[0]
            db.execute(
                f"INSERT INTO jobs VALUES ({', '.join('?' * 13)}) ON CONFLICT(id) DO UPDATE SET "
                "status = excluded.status, started_at = excluded.started_at, owner = excluded.owner, "
                "finished_at = excluded.finished_at, report = excluded.report, error = excluded.error",
                (
                    job.id,
                    seq,
                    job.staging_key,
                    job.filename,
                    job.doc_id,
                    json.dumps(job.row) if job.row is not None else None,
                    job.status,
                    job.created_at,
                    job.started_at,
                    job.finished_at,
                    json.dumps(job.report, ensure_ascii=False) if job.report is not None else None,
                    job.error,
                    job.owner,
                ),
            )
            db.execute(
                "DELETE FROM jobs WHERE status IN ('done', 'failed') AND seq <= "
                "(SELECT MAX(seq) FROM jobs) - ?",
                (self._keep,),
            )

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            row = self._db.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return _job(row) if row else None

    def claim(self, owner: str) -> Job | None:
        """The oldest queued job, marked running for `owner` in the same transaction."""
        with transaction(self._db, self._lock) as db:
            row = db.execute("SELECT * FROM jobs WHERE status = 'queued' ORDER BY seq LIMIT 1").fetchone()
            if row is None:
                return None
            job = _job(row)
            job.status, job.started_at, job.owner = "running", time.time(), owner
            db.execute(
                "UPDATE jobs SET status = 'running', started_at = ?, owner = ? WHERE id = ?",
                (job.started_at, owner, job.id),
            )
        return job

    def requeue_orphans(self) -> int:
        """Jobs left running by a process that is gone are queued again; returns how many."""
        with transaction(self._db, self._lock) as db:
            rows = db.execute("SELECT id, owner FROM jobs WHERE status = 'running'").fetchall()
            orphans = [job_id for job_id, owner in rows if not owner or not process_alive(owner)]
            db.executemany(
                "UPDATE jobs SET status = 'queued', started_at = NULL, owner = NULL WHERE id = ?",
                [(job_id,) for job_id in orphans],
            )
        return len(orphans)

    def unfinished(self) -> list[Job]:
        with self._lock:
            rows = self._db.execute(
                "SELECT * FROM jobs WHERE status IN ('queued', 'running') ORDER BY seq"
            ).fetchall()
        return [_job(r) for r in rows]

    def close(self) -> None:
        with self._lock:
            self._db.close()


def _job(row: sqlite3.Row | tuple[Any, ...]) -> Job:
    id_, _, key, filename, doc_id, manifest_row, status, created, started, finished, report, error, owner = (
        row
    )
    return Job(
        id=id_,
        staging_key=key,
        filename=filename,
        doc_id=doc_id,
        row=json.loads(manifest_row) if manifest_row else None,
        status=status,
        created_at=created,
        started_at=started,
        finished_at=finished,
        report=json.loads(report) if report else None,
        error=error,
        owner=owner,
    )


class JobManager:
    def __init__(self, ingest: IngestFn, msg: Messages, uploads: UploadStore, jobs: JobStore) -> None:
        self._ingest = ingest
        self._msg = msg
        self._uploads = uploads
        self._store = jobs
        self._owner = this_process()
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._worker: threading.Thread | None = None

    def resume(self) -> int:
        """Queue again what a stopped process left running; clear staging no job needs; start
        the worker when jobs wait. Returns the number of jobs waiting."""
        requeued = self._store.requeue_orphans()
        waiting = self._store.unfinished()
        for name in self._uploads.sweep({job.staging_key for job in waiting}, older_than=STAGING_GRACE_S):
            log.info("removed staging folder %s of an upload no job waits for", name)
        if requeued:
            log.info("queued %d upload jobs again that a stopped server left running", requeued)
        if any(job.status == "queued" for job in waiting):
            self._start()
        return len(waiting)

    def submit(self, upload: StagedUpload, filename: str, doc_id: str) -> Job:
        job = Job(id=uuid.uuid4().hex[:12], staging_key=upload.key, filename=filename, doc_id=doc_id)
        job.row = upload.row
        self._store.save(job)
        self._start()
        self._wake.set()
        return job

    def _start(self) -> None:
        with self._lock:
            if self._worker is None:
                # Started on the first upload, so a server that never gets one runs no extra thread.
                self._worker = threading.Thread(target=self._work, name="ingest-jobs", daemon=True)
                self._worker.start()

    def get(self, job_id: str) -> Job | None:
        return self._store.get(job_id)

    def wait(self, job_id: str, timeout: float) -> Job | None:
        """Until the job has finished or `timeout` passed; for tests and scripts."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            job = self.get(job_id)
            if job is None or job.status in ("done", "failed"):
                return job
            time.sleep(0.02)
        return self.get(job_id)

    def stop(self, timeout: float = 5.0) -> None:
        worker = self._worker
        self._stopping.set()
        self._wake.set()
        if worker is not None:
            worker.join(timeout)
        if worker is None or not worker.is_alive():
            self._store.close()

    def view(self, job: Job) -> JobOut:
        return JobOut(
            id=job.id,
            status=job.status,
            message=self._message(job),
            filename=job.filename,
            doc_id=job.doc_id,
            created_at=job.created_at,
            started_at=job.started_at,
            finished_at=job.finished_at,
            report=_without_paths(job.report),
            error=self._scrub(job.error) if job.error else None,
        )

    def _scrub(self, text: str) -> str:
        """Error texts name files, never the server's folders."""
        for folder in (self._uploads.staging.resolve(), self._uploads.directory.resolve()):
            text = text.replace(f"{folder}/", "")
        return text

    def _message(self, job: Job) -> str:
        if job.status == "failed":
            return self._msg("job_failed", error=self._scrub(job.error or ""))
        if job.status != "done":
            return self._msg(f"job_{job.status}")
        report = job.report or {}
        if job.doc_id in report.get("unchanged", []):
            return self._msg("job_unchanged", doc=job.doc_id)
        return self._msg("job_done", doc=job.doc_id, chunks=report.get("embedded", 0))

    def _work(self) -> None:
        while not self._stopping.is_set():
            job = self._store.claim(self._owner)
            if job is None:
                self._wake.wait(POLL_S)
                self._wake.clear()
                continue
            self._run(job)

    def _run(self, job: Job) -> None:
        upload = self._uploads.staged(job.staging_key, job.doc_id, job.row)
        try:
            if not upload.pdf.is_file():
                raise BeleidError(self._msg("job_upload_lost"))
            report = self._ingest(upload)
            failures = report.get("failed") or []
            job.report = report
            job.error = "; ".join(str(f.get("error", f)) for f in failures) or None
            job.status = "failed" if failures else "done"
        except BeleidError as exc:
            job.error, job.status = " ".join(str(exc).split()), "failed"
        except Exception:
            # The worker must outlive one bad file; the traceback goes to the log.
            log.exception("ingest job %s failed", job.id)
            job.error, job.status = self._msg("internal_error"), "failed"
        # Published: the PDF was moved into place; otherwise the upload is dropped.
        self._uploads.discard(job.staging_key)
        job.finished_at = time.time()
        self._store.save(job)


def _without_paths(report: dict[str, Any] | None) -> dict[str, Any] | None:
    """The report as a client may see it: file names, never the server's folders."""
    if report is None:
        return None
    failed = [{**f, "file": Path(str(f.get("file", ""))).name} for f in report.get("failed") or []]
    return {**report, "failed": failed}
