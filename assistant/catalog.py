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
            db.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))

    def documents(self, filters: Filters | None = None) -> list[DocumentRecord]:
        with self._lock:
            rows = self._db.execute(
                "SELECT doc_id, version, sha256, path, meta, page_count, chunk_count, updated_at "
                "FROM documents ORDER BY doc_id"
            ).fetchall()
        records = [
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
        ]
        if filters is None or filters.is_empty():
            return records
        return [r for r in records if matches(r.meta, filters)]

    def document(self, doc_id: str) -> DocumentRecord:
        for record in self.documents():
            if record.doc_id == doc_id:
                return record
        raise UnknownDocumentError(say("error_unknown_document", doc=doc_id))

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


def matches(meta: DocumentMeta, filters: Filters) -> bool:
    """Case-insensitive on municipality and type; a document passes when it meets every given filter."""
    if filters.municipalities and meta.municipality.casefold() not in {
        m.casefold() for m in filters.municipalities
    }:
        return False
    if filters.years and meta.year not in filters.years and not _period_covers(meta.period, filters.years):
        return False
    if filters.doc_types and meta.doc_type.casefold() not in {t.casefold() for t in filters.doc_types}:
        return False
    return not (filters.docs and meta.doc_id not in filters.docs)


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
