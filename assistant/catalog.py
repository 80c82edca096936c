"""The catalog: which documents are indexed, in which version, and the text of their pages.

The vector store holds chunks of possibly several versions of a document (a new version is
written before the old one is deleted). The catalog says which version is live, so switching a
document to its new version is one SQLite transaction: readers see the whole old document or the
whole new one, never half of each. Page texts live here because citations are checked against
them.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass
from pathlib import Path

from assistant.errors import UnknownDocumentError
from assistant.prompts import say
from assistant.sqlite import connect, transaction
from assistant.types import DocumentMeta, Filters, Page

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY,
    version TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    path TEXT NOT NULL,
    meta TEXT NOT NULL,
    page_count INTEGER NOT NULL,
    chunk_count INTEGER NOT NULL,
    updated_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS pages (
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (doc_id, number)
);
CREATE TABLE IF NOT EXISTS unpublished (version TEXT PRIMARY KEY);
"""


@dataclass(frozen=True)
class DocumentRecord:
    meta: DocumentMeta
    version: str
    sha256: str
    path: str
    page_count: int
    chunk_count: int
    updated_at: float

    @property
    def doc_id(self) -> str:
        return self.meta.doc_id


class Catalog:
    """SQLite-backed; safe to share between threads (one connection, serialised by a lock)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._db = connect(path)
        self._db.executescript(_SCHEMA)
        self._db.execute(
            "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
        )
        # The records at one generation: every question reads them (filters, names), and parsing
        # thousands of them per question cost more than the search itself at 500x the demo corpus.
        self._records: tuple[float, tuple[DocumentRecord, ...], dict[str, DocumentRecord]] | None = None

    def _tx(self) -> AbstractContextManager[sqlite3.Connection]:
        return transaction(self._db, self._lock)

    def get_meta(self, key: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self._tx() as db:
            db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    def publish(
        self,
        meta: DocumentMeta,
        version: str,
        sha256: str,
        path: str,
        pages: Sequence[Page],
        chunk_count: int,
        on_commit: Callable[[], None] | None = None,
    ) -> None:
        """Make `version` the live version of the document, with its pages, in one transaction.

        `on_commit` runs inside it, last: when it fails nothing is published (a staged upload
        is moved into place here, so the PDF served and the text cited change together)."""
        with self._tx() as db:
            _retire(db, meta.doc_id, keep=version)
            db.execute("DELETE FROM unpublished WHERE version = ?", (version,))
            db.execute("DELETE FROM pages WHERE doc_id = ?", (meta.doc_id,))
            db.execute(
                "INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    meta.doc_id,
                    version,
                    sha256,
                    path,
                    json.dumps(asdict(meta), ensure_ascii=False),
                    len(pages),
                    chunk_count,
                    time.time(),
                ),
            )
            db.executemany(
                "INSERT INTO pages(doc_id, number, text) VALUES (?, ?, ?)",
                [(meta.doc_id, p.number, p.text) for p in pages],
            )
            if on_commit is not None:
                on_commit()

    def remove(self, doc_id: str) -> None:
        with self._tx() as db:
            _retire(db, doc_id)
            db.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))

    # The journal of versions whose chunks are in the store but not live: one about to be
    # written (`expect`), one that a publish or a removal retired. An ingest deletes their chunks
    # and `forget`s them; a crash in between leaves them here for the next run, which so never
    # needs to read the whole store to find leftovers.

    def expect(self, version: str) -> None:
        """Chunks of `version` are about to be written; `unpublished` lists it until it is
        published, or forgotten once its chunks are deleted."""
        with self._tx() as db:
            db.execute("INSERT OR IGNORE INTO unpublished(version) VALUES (?)", (version,))

    def unpublished(self) -> set[str]:
        with self._lock:
            rows = self._db.execute("SELECT version FROM unpublished").fetchall()
        return {r[0] for r in rows}

    def forget(self, version: str) -> None:
        with self._tx() as db:
            db.execute("DELETE FROM unpublished WHERE version = ?", (version,))

    def documents(self, filters: Filters | None = None) -> list[DocumentRecord]:
        records = self._current()[0]
        if filters is None or filters.is_empty():
            return list(records)
        test = matcher(filters)
        return [r for r in records if test(r.meta)]

    def document(self, doc_id: str) -> DocumentRecord:
        record = self._current()[1].get(doc_id)
        if record is None:
            raise UnknownDocumentError(say("error_unknown_document", doc=doc_id))
        return record

    def _current(self) -> tuple[tuple[DocumentRecord, ...], dict[str, DocumentRecord]]:
        """The records, read again only when the generation moved (in this or another process)."""
        with self._lock:
            generation = self.generation()
            if self._records is not None and self._records[0] == generation:
                return self._records[1], self._records[2]
            rows = self._db.execute(
                "SELECT doc_id, version, sha256, path, meta, page_count, chunk_count, updated_at "
                "FROM documents ORDER BY doc_id"
            ).fetchall()
            records = tuple(
                DocumentRecord(
                    meta=DocumentMeta(**json.loads(r[4])),
                    version=r[1],
                    sha256=r[2],
                    path=r[3],
                    page_count=r[5],
                    chunk_count=r[6],
                    updated_at=r[7],
                )
                for r in rows
            )
            by_id = {r.doc_id: r for r in records}
            self._records = (generation, records, by_id)
            return records, by_id

    def page(self, doc_id: str, number: int) -> Page:
        with self._lock:
            row = self._db.execute(
                "SELECT text FROM pages WHERE doc_id = ? AND number = ?", (doc_id, number)
            ).fetchone()
        if row is None:
            raise UnknownDocumentError(say("error_unknown_page", page=number, doc=doc_id))
        return Page(number, row[0])

    def pages(self, doc_id: str) -> list[Page]:
        with self._lock:
            rows = self._db.execute(
                "SELECT number, text FROM pages WHERE doc_id = ? ORDER BY number", (doc_id,)
            ).fetchall()
        return [Page(n, t) for n, t in rows]

    def generation(self) -> float:
        """Changes whenever any document is published or removed; caches key on it."""
        with self._lock:
            row = self._db.execute("SELECT COUNT(*), COALESCE(MAX(updated_at), 0) FROM documents").fetchone()
        return float(row[0]) * 1e12 + float(row[1])

    def close(self) -> None:
        with self._lock:
            self._db.close()


def _retire(db: sqlite3.Connection, doc_id: str, keep: str | None = None) -> None:
    """Journal the live version of `doc_id` (unless it is `keep`): it is about to stop being live."""
    row = db.execute("SELECT version FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
    if row is not None and row[0] != keep:
        db.execute("INSERT OR IGNORE INTO unpublished(version) VALUES (?)", (row[0],))


def matches(meta: DocumentMeta, filters: Filters) -> bool:
    """Case-insensitive on municipality and type; a document passes when it meets every given filter."""
    return matcher(filters)(meta)


def matcher(filters: Filters) -> Callable[[DocumentMeta], bool]:
    """`matches` with `filters` prepared once, for testing many documents: a filter may name
    thousands of documents (everything but one municipality), and testing each record against
    the list would cost the square of the corpus."""
    municipalities = {m.casefold() for m in filters.municipalities}
    years = set(filters.years)
    doc_types = {t.casefold() for t in filters.doc_types}
    docs = set(filters.docs)

    def test(meta: DocumentMeta) -> bool:
        if municipalities and meta.municipality.casefold() not in municipalities:
            return False
        if years and meta.year not in years and not _period_covers(meta.period, filters.years):
            return False
        if doc_types and meta.doc_type.casefold() not in doc_types:
            return False
        return not (docs and meta.doc_id not in docs)

    return test


def named_by_year(records: Sequence[DocumentRecord], years: Sequence[int]) -> list[DocumentRecord]:
    """The documents a question means by a year it names them by ("de begroting 2025"), among
    `records` that a year filter let through: for each year, those whose title carries it, else
    those dated that year, else every one whose period covers it. A programme budget 2024 runs
    2024-2027 and so covers 2025, but "de begroting 2025" is the one titled so."""
    chosen: set[str] = set()
    for year in years:
        tiers = {r.doc_id: _year_tier(r.meta, year) for r in records}
        best = min(tiers.values(), default=_NOT_NAMED)
        chosen |= {doc for doc, tier in tiers.items() if tier == best < _NOT_NAMED}
    return [r for r in records if r.doc_id in chosen] if chosen else list(records)


_NOT_NAMED = 3


def _year_tier(meta: DocumentMeta, year: int) -> int:
    """How closely `year` names the document: 0 in its title, 1 its date, 2 its period, else 3."""
    if str(year) in meta.title:
        return 0
    if meta.year == year:
        return 1
    return 2 if _period_covers(meta.period, (year,)) else _NOT_NAMED


def _period_covers(period: str, years: Sequence[int]) -> bool:
    """`2019-2022` covers 2020; an open period `2022-` covers 2022 and later."""
    parts = period.split("-")
    try:
        start = int(parts[0])
    except (ValueError, IndexError):
        return False
    end_text = parts[1].strip() if len(parts) > 1 else str(start)
    end = int(end_text) if end_text.isdigit() else 9999
    return any(start <= y <= end for y in years)
