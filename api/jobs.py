"""Background ingest of uploaded PDFs: one worker thread, jobs kept in memory while the server runs.

One worker is enough: the ingest pipeline takes a file lock anyway (one writer at a time), and
a queue keeps upload requests fast whatever the size of the PDF.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from api.messages import Messages
from api.schemas import JobOut, JobStatus
from assistant.core import Assistant
from assistant.errors import BeleidError

log = logging.getLogger(__name__)

# Takes the path of a saved PDF, returns the ingest report as JSON (IngestReport.to_json()).
IngestFn = Callable[[Path], dict[str, Any]]


def pipeline_ingest(assistant: Assistant) -> IngestFn:
    """The real thing: the incremental pipeline, writing into the assistant's own store and catalog."""

    def run(path: Path) -> dict[str, Any]:
        from ingest.pipeline import ingestor_for  # imported on first upload: parsing stack is heavy

        return ingestor_for(assistant).run([path]).to_json()

    return run


@dataclass
class Job:
    id: str
    path: Path
    filename: str
    doc_id: str
    status: JobStatus = "queued"
    created_at: float = field(default_factory=time.time)
    started_at: float | None = None
    finished_at: float | None = None
    report: dict[str, Any] | None = None
    error: str | None = None


class JobManager:
    def __init__(self, ingest: IngestFn, msg: Messages, keep: int = 200) -> None:
        self._ingest = ingest
        self._msg = msg
        self._keep = keep
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._queue: queue.Queue[Job | None] = queue.Queue()
        self._worker: threading.Thread | None = None

    def submit(self, path: Path, filename: str, doc_id: str) -> Job:
        job = Job(id=uuid.uuid4().hex[:12], path=path, filename=filename, doc_id=doc_id)
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > self._keep:
                self._jobs.popitem(last=False)
            if self._worker is None:
                # Started on the first upload, so a server that never gets one runs no extra thread.
                self._worker = threading.Thread(target=self._work, name="ingest-jobs", daemon=True)
                self._worker.start()
        self._queue.put(job)
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

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
        if worker is not None:
            self._queue.put(None)
            worker.join(timeout)

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
            report=job.report,
            error=job.error,
        )

    def _message(self, job: Job) -> str:
        if job.status == "failed":
            return self._msg("job_failed", error=job.error or "")
        if job.status != "done":
            return self._msg(f"job_{job.status}")
        report = job.report or {}
        if job.doc_id in report.get("unchanged", []):
            return self._msg("job_unchanged", doc=job.doc_id)
        return self._msg("job_done", doc=job.doc_id, chunks=report.get("embedded", 0))

    def _work(self) -> None:
        while (job := self._queue.get()) is not None:
            job.started_at = time.time()
            job.status = "running"
            try:
                report = self._ingest(job.path)
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
            job.finished_at = time.time()
