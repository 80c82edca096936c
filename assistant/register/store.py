"""The register on disk: SQLite at `settings.register_path`, rebuilt per document.

Derived data: everything in it can be rebuilt from the catalog (see `listener.sync`), so a schema
change simply drops the tables and the next ingest refills them. Records of one document are
replaced in one transaction; themes and links hang off records with foreign keys, so deleting a
document removes everything that belongs to it.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from assistant.register.models import RECORD_TYPES, Record, record_from_json
from assistant.sqlite import connect, transaction
from assistant.types import DocumentMeta

SCHEMA_VERSION = 1

_TABLES = ("links", "record_themes", "records", "documents", "meta")
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY,
    municipality TEXT NOT NULL,
    title TEXT NOT NULL,
    year INTEGER NOT NULL,
    period TEXT NOT NULL,
    doc_type TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    updated_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS records (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    type TEXT NOT NULL CHECK (type IN ({", ".join(repr(t) for t in RECORD_TYPES)})),
    municipality TEXT NOT NULL,
    year INTEGER NOT NULL,
    page INTEGER NOT NULL,
    ord INTEGER NOT NULL,
    text TEXT NOT NULL,
    quote TEXT NOT NULL,
    section TEXT NOT NULL,
    origin TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS record_themes (
    record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    theme TEXT NOT NULL,
    PRIMARY KEY (record_id, theme)
);
CREATE TABLE IF NOT EXISTS links (
    source TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    target TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    PRIMARY KEY (source, target)
);
CREATE INDEX IF NOT EXISTS records_municipality ON records(municipality COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS records_type ON records(type);
CREATE INDEX IF NOT EXISTS records_doc ON records(doc_id);
CREATE INDEX IF NOT EXISTS record_themes_theme ON record_themes(theme);
CREATE INDEX IF NOT EXISTS links_target ON links(target);
"""


@dataclass(frozen=True)
class RegisterDocument:
    meta: DocumentMeta
    fingerprint: str
    records: int


class RegisterStore:
    """Thread-safe (one connection, serialised by a lock), like the catalog."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._db = connect(path)
        self._migrate()

    def _migrate(self) -> None:
        with self._lock:
            has_meta = self._db.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
            ).fetchone()
            version = None
            if has_meta:
                row = self._db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
                version = row[0] if row else None
            if version != str(SCHEMA_VERSION):
                # Derived data: drop what an older schema left and let `sync` rebuild it.
                for table in _TABLES:
                    self._db.execute(f"DROP TABLE IF EXISTS {table}")
            self._db.executescript(_SCHEMA)
            self._db.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
            )

    def _tx(self) -> AbstractContextManager[sqlite3.Connection]:
        return transaction(self._db, self._lock)

    def schema_version(self) -> int:
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0])

    def replace_document(self, meta: DocumentMeta, records: Sequence[Record], fingerprint: str = "") -> None:
        """Make `records` the register of the document, replacing what it had, in one transaction."""
        ids = {r.id for r in records}
        with self._tx() as db:
            db.execute("DELETE FROM documents WHERE doc_id = ?", (meta.doc_id,))
            db.execute(
                "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (meta.doc_id, meta.municipality, meta.title, meta.year, meta.period, meta.doc_type,
                 fingerprint, time.time()),
            )  # fmt: skip
            db.executemany(
                "INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (r.id, meta.doc_id, r.type, r.municipality, r.year, r.page, i, r.text, r.quote, r.section,
                     r.origin, json.dumps(r.to_json(), ensure_ascii=False))
                    for i, r in enumerate(records)
                ],
            )  # fmt: skip
            db.executemany(
                "INSERT OR IGNORE INTO record_themes VALUES (?, ?)",
                [(r.id, theme) for r in records for theme in r.themes],
            )
            db.executemany(
                "INSERT OR IGNORE INTO links VALUES (?, ?)",
                [(r.id, target) for r in records for target in r.links if target in ids],
            )

    def remove_document(self, doc_id: str) -> None:
        with self._tx() as db:
            db.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))

    def fingerprint(self, doc_id: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT fingerprint FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    def documents(self) -> list[RegisterDocument]:
        with self._lock:
            rows = self._db.execute(
                "SELECT d.doc_id, d.municipality, d.title, d.year, d.period, d.doc_type, d.fingerprint, "
                "(SELECT COUNT(*) FROM records r WHERE r.doc_id = d.doc_id) "
                "FROM documents d ORDER BY d.municipality, d.year, d.doc_id"
            ).fetchall()
        return [RegisterDocument(DocumentMeta(r[0], r[1], r[2], r[3], r[4], r[5]), r[6], r[7]) for r in rows]

    def municipalities(self) -> list[str]:
        with self._lock:
            rows = self._db.execute(
                "SELECT DISTINCT municipality FROM documents ORDER BY municipality"
            ).fetchall()
        return [r[0] for r in rows]

    def query(
        self,
        municipality: str | Sequence[str] | None = None,
        type: str | None = None,
        theme: str | None = None,
        doc_id: str | None = None,
    ) -> list[Record]:
        """Records matching every given filter (municipality case-insensitive), in reading order."""
        where: list[str] = []
        args: list[object] = []
        if municipality:
            names = [municipality] if isinstance(municipality, str) else list(municipality)
            where.append(f"r.municipality COLLATE NOCASE IN ({', '.join('?' * len(names))})")
            args.extend(names)
        if type:
            where.append("r.type = ?")
            args.append(type)
        if theme:
            where.append("EXISTS (SELECT 1 FROM record_themes t WHERE t.record_id = r.id AND t.theme = ?)")
            args.append(theme)
        if doc_id:
            where.append("r.doc_id = ?")
            args.append(doc_id)
        sql = (
            "SELECT r.data FROM records r JOIN documents d ON d.doc_id = r.doc_id"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY r.municipality, d.year, r.doc_id, r.ord"
        )
        with self._lock:
            rows = self._db.execute(sql, args).fetchall()
        return [record_from_json(json.loads(row[0])) for row in rows]

    def record(self, record_id: str) -> Record | None:
        with self._lock:
            row = self._db.execute("SELECT data FROM records WHERE id = ?", (record_id,)).fetchone()
        return record_from_json(json.loads(row[0])) if row else None

    def linked(self, record_id: str) -> list[Record]:
        with self._lock:
            rows = self._db.execute(
                "SELECT r.data FROM links l JOIN records r ON r.id = l.target "
                "WHERE l.source = ? ORDER BY r.ord",
                (record_id,),
            ).fetchall()
        return [record_from_json(json.loads(row[0])) for row in rows]

    def counts(self) -> dict[tuple[str, str], int]:
        """Records per (municipality, type)."""
        with self._lock:
            rows = self._db.execute(
                "SELECT municipality, type, COUNT(*) FROM records GROUP BY municipality, type"
            ).fetchall()
        return {(m, t): n for m, t, n in rows}

    def close(self) -> None:
        with self._lock:
            self._db.close()
