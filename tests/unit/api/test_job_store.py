"""The job queue in SQLite: claims are exclusive across processes, orphans are found."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from api.jobs import Job, JobStore, this_process


def test_two_stores_on_one_file_never_claim_the_same_job(tmp_path: Path) -> None:
    path = tmp_path / "jobs.sqlite"
    writer = JobStore(path)
    for n in range(40):
        writer.save(Job(f"j{n}", f"k{n}", f"{n}.pdf", f"doc{n}"))
    claimed: dict[str, list[str]] = {"a": [], "b": []}

    def drain(name: str) -> None:
        store = JobStore(path)  # its own connection, as another worker process has
        while (job := store.claim(f"host:{name}")) is not None:
            claimed[name].append(job.id)
        store.close()

    threads = [threading.Thread(target=drain, args=(name,)) for name in claimed]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    everything = claimed["a"] + claimed["b"]
    assert sorted(everything) == sorted(f"j{n}" for n in range(40))  # each exactly once
    assert writer.get("j0") is not None and writer.get("j0").status == "running"  # type: ignore[union-attr]


def test_only_jobs_of_processes_that_are_gone_are_queued_again(tmp_path: Path) -> None:
    store = JobStore(tmp_path / "jobs.sqlite")
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    host = this_process().rpartition(":")[0]
    store.save(Job("dead", "k1", "a.pdf", "a", status="running", owner=f"{host}:{ended.stdout.strip()}"))
    store.save(Job("alive", "k2", "b.pdf", "b", status="running", owner=this_process()))
    store.save(Job("elsewhere", "k3", "c.pdf", "c", status="running", owner="andere-machine:12"))
    assert store.requeue_orphans() == 1
    assert [(j.id, j.status) for j in store.unfinished()] == [
        ("dead", "queued"),
        ("alive", "running"),
        ("elsewhere", "running"),
    ]


def test_old_finished_jobs_are_dropped_but_unfinished_kept(tmp_path: Path) -> None:
    store = JobStore(tmp_path / "jobs.sqlite", keep=3)
    store.save(Job("waiting", "k", "w.pdf", "w"))
    for n in range(6):
        store.save(Job(f"d{n}", "k", "x.pdf", "x", status="done"))
    assert store.get("waiting") is not None
    assert store.get("d0") is None and store.get("d5") is not None
