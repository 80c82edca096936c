"""A bounded soak and fault run against a real `beleid serve`, loopback only.

    python -m api.soak --home /pad/naar/een/geindexeerde/BELEID_HOME --add extra.pdf --json

It copies `--home` (an index built by `beleid ingest`) to a scratch folder, starts `beleid serve`
on it, and sends `--requests` requests from `--clients` clients (each from its own loopback
address, as separate people would be): questions as JSON, questions as server-sent events and
searches. While the load runs it
- ingests `--add` from the command line (a document goes live in another process),
- uploads hostile PDFs (an inflating page of short lines, too many pages, a password, a corrupt
  file, something that is no PDF),
- prunes the added document again (`beleid ingest --prune`),
- restarts the server once (SIGTERM, then a fresh `beleid serve`).
Afterwards it checks that catalog, vector store and register agree, and prints errors by status
(inside and outside the restart window), p50/p95 per kind of request, and the server's memory at
the start and end of each server run. It stops by itself; nothing is retried.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zlib
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from api.loadtest import QUESTIONS, percentile

KINDS = ("ask", "stream", "search")
MIX = ("ask", "search", "stream", "ask", "search")  # 40% questions, 40% searches, 20% streams
MANIFEST = "slug,municipality,title,year,period,doc_type\n"


@dataclass
class Outcome:
    kind: str
    status: str  # the HTTP status, or the exception's name when there was none
    ms: float
    at: float  # seconds since the run started


@dataclass
class ServerRun:
    pid: int
    started_at: float
    rss_start_mb: float
    rss_end_mb: float = 0.0


@dataclass
class Report:
    requests: int
    clients: int
    seconds: float
    restart_window: tuple[float, float]
    statuses: dict[str, int]
    errors_outside_restart: dict[str, int]
    errors_inside_restart: dict[str, int]
    latency_ms: dict[str, dict[str, float]]
    servers: list[ServerRun]
    faults: list[dict[str, Any]]
    consistency: dict[str, Any]
    memory_growth: list[float] = field(default_factory=list)


# --- hostile files -------------------------------------------------------------------------------


def _content_pdf(content: bytes, pages: int = 1) -> bytes:
    """A PDF of `pages` pages that all draw `content` (one Flate-compressed stream), written by
    hand: small input that makes exactly the text we want."""
    stream = zlib.compress(content)
    kids = " ".join(f"{5 + n} 0 R" for n in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R "
        b"/Resources << /Font << /F1 4 0 R >> >> >>"
    )
    objects += [page] * pages
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def hostile_pdfs() -> dict[str, bytes]:
    """What an outsider might upload; every one must fail alone and leave the server answering."""
    from pypdf import PdfReader, PdfWriter

    line = b"0 -1 Td (ab 12) Tj\n"
    bomb = _content_pdf(b"BT /F1 1 Tf 0 800 Td\n" + line * 260_000 + b"ET\n")
    text = b"BT /F1 12 Tf 72 760 Td (Geheime nota over schulden) Tj ET\n"
    locked = PdfWriter(clone_from=PdfReader(io.BytesIO(_content_pdf(text))))
    locked.encrypt("wachtwoord", "eigenaar", algorithm="AES-256")
    locked_bytes = io.BytesIO()
    locked.write(locked_bytes)
    many = _content_pdf(text, pages=3000)
    return {
        "opblazer.pdf": bomb,  # ~5 MB of short lines from a small file
        "beveiligd.pdf": locked_bytes.getvalue(),
        "kapot.pdf": _content_pdf(text)[:400],
        "veel-paginas.pdf": many,
        "geen-pdf.pdf": b"<html>dit is geen pdf</html>",
    }


# --- processes -----------------------------------------------------------------------------------


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env = env
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-c", "from beleid.cli import main; main()", "serve"],
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def stop(self) -> None:
        if self.process is None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid


async def _healthy(client: Any, url: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if (await client.get(url + "/healthz", timeout=5)).json().get("status") == "ok":
                return
        except Exception:  # still starting
            pass
        await asyncio.sleep(0.5)
    raise RuntimeError(f"{url}/healthz werd niet 'ok' binnen {timeout} s")


async def _cli(env: dict[str, str], *args: str) -> dict[str, Any]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        "from beleid.cli import main; main()",
        *args,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await process.communicate()
    report: dict[str, Any] = {"args": list(args), "exit": process.returncode}
    try:
        report["report"] = json.loads(out)
    except ValueError:
        report["stderr"] = err.decode(errors="replace")[-500:]
    return report


# --- the run -------------------------------------------------------------------------------------


class Soak:
    def __init__(self, args: argparse.Namespace, work: Path) -> None:
        self.args = args
        self.work = work
        self.home = work / "home"
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.token = secrets.token_hex(8)
        self.env = {
            **os.environ,
            "BELEID_HOME": str(self.home),
            "BELEID_PORT": str(self.port),
            "BELEID_UPLOAD_TOKEN": self.token,
        }
        self.server = Server(self.env, work / "serve.log")
        self.outcomes: list[Outcome] = []
        self.faults: list[dict[str, Any]] = []
        self.runs: list[ServerRun] = []
        self.restart = (0.0, 0.0)
        self.started = 0.0

    async def _boot(self, client: Any) -> None:
        self.server.start()
        await _healthy(client, self.url, self.args.boot_timeout)
        # Unmeasured requests at full concurrency first: the model, the keyword index, the thread
        # pool and the allocator's arenas fill once; memory is measured from there.
        warm = [
            client.post(self.url + "/api/ask", json={"question": QUESTIONS[i % len(QUESTIONS)]}, timeout=120)
            for i in range(self.args.warmup)
        ]
        for start in range(0, len(warm), self.args.clients):
            await asyncio.gather(*warm[start : start + self.args.clients], return_exceptions=True)
        self.runs.append(ServerRun(self.server.pid, self._now(), round(_rss_mb(self.server.pid), 1)))

    def _now(self) -> float:
        return round(time.perf_counter() - self.started, 2) if self.started else 0.0

    async def _request(self, client: Any, index: int) -> None:
        kind = MIX[index % len(MIX)]
        question = QUESTIONS[index % len(QUESTIONS)]
        started = time.perf_counter()
        try:
            if kind == "search":
                response = await client.get(self.url + "/api/search", params={"q": question}, timeout=120)
                status = str(response.status_code)
            elif kind == "ask":
                response = await client.post(self.url + "/api/ask", json={"question": question}, timeout=120)
                status = str(response.status_code)
            else:
                headers = {"Accept": "text/event-stream"}
                async with client.stream(
                    "POST", self.url + "/api/ask", json={"question": question}, headers=headers, timeout=120
                ) as response:
                    body = b"".join([chunk async for chunk in response.aiter_bytes()])
                status = str(response.status_code)
                if status == "200" and b"event: done" not in body:
                    status = "stream-incomplete" if b"event: error" not in body else "stream-error"
        except Exception as exc:  # a failed request is a data point
            status = type(exc).__name__
        self.outcomes.append(Outcome(kind, status, (time.perf_counter() - started) * 1000, self._now()))
        if not status.isdigit():
            await asyncio.sleep(1.0)  # as a person would: no server, so wait before trying again

    async def _client(self, number: int, queue: asyncio.Queue[int]) -> None:
        import httpx

        # Its own loopback address: the server's per-client limit sees separate people.
        transport = httpx.AsyncHTTPTransport(local_address=f"127.0.0.{number + 2}")
        async with httpx.AsyncClient(transport=transport) as client:
            while True:
                try:
                    index = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                await self._request(client, index)

    async def _faults(self, client: Any) -> None:
        total = self.args.requests

        async def at(share: float) -> None:
            while len(self.outcomes) < share * total:
                await asyncio.sleep(0.2)

        added = self.work / "extra"
        if self.args.add:
            await at(0.1)
            added.mkdir()
            shutil.copy(self.args.add, added / self.args.add.name)
            if self.args.add_manifest:
                shutil.copy(self.args.add_manifest, added / "manifest.csv")
            result = await _cli(self.env, "ingest", str(added), "--json")
            self.faults.append({"fault": "ingest --add", "at": self._now(), **result})
        await at(0.25)
        for name, data in hostile_pdfs().items():
            response = await client.post(
                self.url + "/api/documents",
                files={"file": (name, data, "application/pdf")},
                headers={"Authorization": f"Bearer {self.token}"},
                timeout=60,
            )
            entry: dict[str, Any] = {
                "fault": f"upload {name}",
                "at": self._now(),
                "status": response.status_code,
            }
            if response.status_code == 202:
                entry["job"] = response.json()["id"]
            self.faults.append(entry)
        if self.args.add:
            await at(0.4)
            (added / self.args.add.name).unlink()
            result = await _cli(self.env, "ingest", str(added), "--prune", "--json")
            self.faults.append({"fault": "ingest --prune", "at": self._now(), **result})
        # Restart last: the first server's memory is then compared at the same index size, and
        # jobs still queued or running when it stops are finished by the next server.
        await at(0.6)
        self.runs[-1].rss_end_mb = round(_rss_mb(self.server.pid), 1)
        begin = self._now()
        self.server.stop()
        await self._boot(client)
        self.restart = (begin, self._now())
        self.faults.append({"fault": "restart", "from": begin, "to": self.restart[1]})
        # The hostile upload jobs: each must end (failed), none may stay queued or running.
        for fault in self.faults:
            if "job" in fault:
                fault["job_status"] = await self._job_end(client, fault["job"])

    async def _job_end(self, client: Any, job: str) -> str:
        deadline = time.monotonic() + self.args.job_timeout
        status = "?"
        while time.monotonic() < deadline:
            status = (await client.get(f"{self.url}/api/jobs/{job}", timeout=30)).json().get("status", "?")
            if status in ("done", "failed"):
                break
            await asyncio.sleep(1)
        return str(status)

    async def run(self) -> Report:
        import httpx

        async with httpx.AsyncClient() as client:
            await self._boot(client)
            self.started = time.perf_counter()
            self.runs[-1].started_at = 0.0
            queue: asyncio.Queue[int] = asyncio.Queue()
            for index in range(self.args.requests):
                queue.put_nowait(index)
            faults = asyncio.create_task(self._faults(client))
            await asyncio.gather(*(self._client(n, queue) for n in range(self.args.clients)))
            await faults
            seconds = self._now()
            self.runs[-1].rss_end_mb = round(_rss_mb(self.server.pid), 1)
        self.server.stop()
        return self._report(seconds, self._consistency())

    def _consistency(self) -> dict[str, Any]:
        """After the run, with the server stopped: catalog, vector store and register agree."""
        from assistant.factory import build_assistant
        from assistant.settings import Settings

        assistant = build_assistant(Settings(home=self.home))
        live = {d.doc_id: d for d in assistant.documents()}
        versions = assistant.store.versions()
        chunks = {v: len(assistant.store.chunks([v])) for v in versions}
        register = {d.meta.doc_id for d in assistant.register.documents()} if assistant.register else set()
        problems = [
            f"{doc}: versie {r.version} niet in de vectorindex"
            for doc, r in live.items()
            if r.version not in versions
        ]
        problems += [
            f"{doc}: {chunks.get(r.version, 0)} van {r.chunk_count} stukken"
            for doc, r in live.items()
            if chunks.get(r.version, 0) != r.chunk_count
        ]
        problems += [
            f"versie {v} in de vectorindex maar niet live"
            for v in versions - {r.version for r in live.values()}
        ]
        problems += [f"{doc}: in het register maar niet in de catalogus" for doc in register - set(live)]
        return {"documents": sorted(live), "register_documents": len(register), "problems": problems}

    def _report(self, seconds: float, consistency: dict[str, Any]) -> Report:
        begin, end = self.restart
        inside = [o for o in self.outcomes if begin <= o.at <= end + 1]
        outside = [o for o in self.outcomes if not begin <= o.at <= end + 1]

        def errors(outcomes: list[Outcome]) -> dict[str, int]:
            return dict(Counter(o.status for o in outcomes if o.status != "200"))

        latency = {
            kind: {
                "p50": round(
                    percentile([o.ms for o in self.outcomes if o.kind == kind and o.status == "200"], 50), 1
                ),
                "p95": round(
                    percentile([o.ms for o in self.outcomes if o.kind == kind and o.status == "200"], 95), 1
                ),
                "n": sum(o.kind == kind for o in self.outcomes),
            }
            for kind in KINDS
        }
        ok = [o.ms for o in self.outcomes if o.status == "200"]
        latency["all"] = {
            "p50": round(percentile(ok, 50), 1),
            "p95": round(percentile(ok, 95), 1),
            "n": len(ok),
        }
        return Report(
            requests=len(self.outcomes),
            clients=self.args.clients,
            seconds=seconds,
            restart_window=self.restart,
            statuses=dict(Counter(o.status for o in self.outcomes)),
            errors_outside_restart=errors(outside),
            errors_inside_restart=errors(inside),
            latency_ms=latency,
            servers=self.runs,
            faults=self.faults,
            consistency=consistency,
            memory_growth=[
                round(r.rss_end_mb / r.rss_start_mb - 1, 3) if r.rss_start_mb else 0.0 for r in self.runs
            ],
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--home", type=Path, required=True, help="een BELEID_HOME met een index (wordt gekopieerd)"
    )
    parser.add_argument(
        "--add", type=Path, help="een PDF die tijdens de run wordt toegevoegd en weer verwijderd"
    )
    parser.add_argument("--add-manifest", type=Path, help="manifest.csv met de rij van --add")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--warmup", type=int, default=64, help="unmeasured requests after each start")
    parser.add_argument("--boot-timeout", type=float, default=300.0)
    parser.add_argument("--job-timeout", type=float, default=600.0)
    parser.add_argument("--keep", action="store_true", help="bewaar de werkmap (logboek, index)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not 1 <= args.clients <= 200 or not 1 <= args.requests <= 20_000:
        print("soak: --clients 1..200 en --requests 1..20000", file=sys.stderr)
        return 2
    if not (args.home / "catalog.sqlite").is_file():
        print(f"soak: {args.home} heeft geen index; draai eerst `beleid ingest`", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="beleid-soak-"))
    shutil.copytree(
        args.home, work / "home", ignore=shutil.ignore_patterns("uploads", "jobs.sqlite*", "*.lock")
    )
    print(f"soak: werkmap {work}", file=sys.stderr)
    try:
        report = asyncio.run(Soak(args, work).run())
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    data = asdict(report)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        _print(report)
    failed = report.errors_outside_restart or report.consistency["problems"]
    return 1 if failed else 0


def _print(report: Report) -> None:
    print(f"{report.requests} requests from {report.clients} clients in {report.seconds} s")
    print(f"statuses: {report.statuses}")
    print(f"errors outside the restart window: {report.errors_outside_restart or 'none'}")
    print(
        f"errors inside the restart window {report.restart_window}: {report.errors_inside_restart or 'none'}"
    )
    for kind, figures in report.latency_ms.items():
        print(f"  {kind:7} p50 {figures['p50']:>8.1f} ms  p95 {figures['p95']:>8.1f} ms  n={figures['n']}")
    for run, growth in zip(report.servers, report.memory_growth, strict=True):
        print(f"server pid {run.pid}: RSS {run.rss_start_mb} -> {run.rss_end_mb} MB ({growth:+.1%})")
    for fault in report.faults:
        print(f"  fault: {json.dumps(fault, ensure_ascii=False)[:300]}")
    print(f"consistency: {report.consistency['problems'] or 'catalog, vectors and register agree'}")


if __name__ == "__main__":
    raise SystemExit(main())
