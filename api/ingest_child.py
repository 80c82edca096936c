"""Upload jobs are ingested in a child process, never in the server's own.

An uploaded PDF comes from outside. Parsing it in a separate process keeps whatever it does to
memory (pypdf's object graph of a 3,000-page file, a page that inflates to megabytes) out of the
server, which answers questions for hours; it can be stopped for real when it runs past
`BELEID_JOB_TIMEOUT_S` (a thread cannot be); and a crash in a parser fails one job, not the
server. The child writes through the same catalog, store and lock as `beleid ingest`, so the
server sees the new version the way it sees any other process's ingest: by the catalog generation.

    python -m api.ingest_child < job.json   # {"settings": {...}, "key": ..., "stem": ..., "row": ...}

It prints the ingest report as one JSON document on stdout.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from typing import Any

from api.jobs import IngestFn
from api.messages import Messages
from api.uploads import StagedUpload, UploadStore
from assistant.errors import BeleidError
from assistant.settings import Settings


class JobTimeoutError(BeleidError):
    """The child process ran past the job time limit and was stopped."""


def child_ingest(settings: Settings, msg: Messages) -> IngestFn:
    """An `IngestFn` that runs each job in `python -m api.ingest_child`."""

    def run(upload: StagedUpload) -> dict[str, Any]:
        job = {
            "settings": json.loads(settings.model_dump_json()),
            "key": upload.key,
            "stem": upload.target.stem,
            "row": upload.row,
        }
        process = subprocess.Popen(
            [sys.executable, "-m", "api.ingest_child"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,  # its own group: a stop reaches whatever it started
        )
        try:
            out, err = process.communicate(json.dumps(job), timeout=settings.serve.job_timeout_s)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise JobTimeoutError(
                msg("job_timeout", file=upload.target.name, limit=settings.serve.job_timeout_s)
            ) from None
        if process.returncode != 0 or not out.strip():
            # The child failed before it could report: its last stderr line says why.
            last = (err.strip().splitlines() or [f"exit {process.returncode}"])[-1]
            raise BeleidError(msg("job_child_failed", error=last[-300:]))
        report: dict[str, Any] = json.loads(out)
        return report

    return run


def main() -> int:
    from assistant.factory import build_assistant
    from ingest.pipeline import ingestor_for

    job = json.load(sys.stdin)
    settings = Settings(**job["settings"])
    upload = UploadStore(settings.uploads_dir).staged(job["key"], job["stem"], job["row"])
    assistant = build_assistant(settings)
    report = ingestor_for(assistant).run_staged(upload.pdf, upload.target, upload.publish)
    print(json.dumps(report.to_json(), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
