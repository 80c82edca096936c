"""PDF uploads: who may upload, what is accepted, where it is stored, and its manifest row.

Uploaded PDFs live in `settings.uploads_dir` beside a `manifest.csv`, the same layout as the
bundled corpus, so the ordinary ingest pipeline picks up the metadata given in the upload form.

An upload is first staged in `uploads/.staging/<id>/` (with its own manifest row). Only when its
ingest makes the new version live is it moved into place, in the same catalog transaction; a
failed upload is deleted, so the PDF served always matches the text cited.
"""

from __future__ import annotations

import csv
import os
import re
import secrets
import shutil
import tempfile
import threading
import time
import unicodedata
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from fastapi import HTTPException, status

from api.messages import Messages
from assistant.settings import Settings
from ingest.manifest import MANIFEST_COLUMNS, MANIFEST_NAME

PDF_MAGIC = b"%PDF-"
# How far into the file the magic may stand; the ingest reader accepts the same leading junk.
MAGIC_WINDOW = 1024
_UNSAFE = re.compile(r"[^a-z0-9_-]+")


def check_token(settings: Settings, authorization: str | None, msg: Messages) -> None:
    """403 when uploads are off or the token is wrong, 401 when it is missing."""
    expected = settings.serve.upload_token
    if not expected:
        raise HTTPException(status.HTTP_403_FORBIDDEN, msg("uploads_disabled"))
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED, msg("upload_token_missing"), headers={"WWW-Authenticate": "Bearer"}
        )
    if not secrets.compare_digest(given.strip().encode(), expected.encode()):
        raise HTTPException(status.HTTP_403_FORBIDDEN, msg("upload_token_wrong"))


def limit_bytes(settings: Settings) -> int:
    return settings.serve.max_upload_mb * 1024 * 1024


def too_large(settings: Settings, msg: Messages) -> HTTPException:
    return HTTPException(413, msg("upload_too_large", limit=settings.serve.max_upload_mb))


def looks_like_pdf(head: bytes) -> bool:
    return PDF_MAGIC in head[:MAGIC_WINDOW]


def safe_stem(filename: str | None) -> str:
    """A document id from an uploaded file name: no directories, only [a-z0-9_-], lower case."""
    name = re.split(r"[\\/]", filename or "")[-1]
    stem = name[:-4] if name.lower().endswith(".pdf") else name
    ascii_only = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    cleaned = _UNSAFE.sub("-", ascii_only.lower()).strip("-_")
    cleaned = re.sub(r"-{2,}", "-", cleaned)[:100].strip("-_")
    return cleaned or f"document-{uuid.uuid4().hex[:8]}"


STAGING = ".staging"  # hidden: a folder ingest of `uploads/` never picks staged files up


@dataclass(frozen=True)
class StagedUpload:
    """An uploaded PDF waiting for its ingest; `publish` puts it in place."""

    key: str  # the staging folder's name
    pdf: Path  # uploads/.staging/<key>/<stem>.pdf
    target: Path  # uploads/<stem>.pdf
    row: dict[str, str] | None  # the manifest row from the upload form, if one was given
    store: UploadStore

    def publish(self) -> None:
        """Move the staged PDF (and its manifest row) into place: runs inside the catalog's
        publish transaction, so a failure here publishes nothing."""
        if self.row is not None:
            self.store.write_manifest_row(self.row)
        os.replace(self.pdf, self.target)


class UploadStore:
    """Writes uploaded files and manifest rows; one lock so concurrent uploads keep every row."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._lock = threading.Lock()

    @property
    def staging(self) -> Path:
        return self.directory / STAGING

    def owns(self, path: str | Path) -> bool:
        return Path(path).resolve().parent == self.directory.resolve()

    def stage(self, source: BinaryIO, stem: str, row: dict[str, str] | None) -> StagedUpload:
        """Copy the upload into a new staging folder, with its manifest row beside it."""
        key = uuid.uuid4().hex[:12]
        folder = self.staging / key
        folder.mkdir(parents=True)
        try:
            with (folder / f"{stem}.pdf").open("wb") as out:
                source.seek(0)
                shutil.copyfileobj(source, out, 1 << 20)
            if row is not None:
                _write_rows(folder / MANIFEST_NAME, [*MANIFEST_COLUMNS, "source"], [row])
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return self.staged(key, stem, row)

    def staged(self, key: str, stem: str, row: dict[str, str] | None) -> StagedUpload:
        """The staged upload of a job (also one read back after a restart)."""
        folder = self.staging / key
        return StagedUpload(key, folder / f"{stem}.pdf", self.directory / f"{stem}.pdf", row, self)

    def discard(self, key: str) -> None:
        """Remove what is left of a staged upload (all of it when its ingest failed)."""
        if key and "/" not in key and key not in (".", ".."):
            shutil.rmtree(self.staging / key, ignore_errors=True)

    def sweep(self, keep: set[str], older_than: float = 0.0) -> list[str]:
        """Remove staging folders no job needs (left by a crash) and older than `older_than`
        seconds (a younger one may be an upload another process is saving); returns their names."""
        if not self.staging.is_dir():
            return []
        cutoff = time.time() - older_than
        gone = [p.name for p in self.staging.iterdir() if p.name not in keep and p.stat().st_mtime <= cutoff]
        for name in gone:
            self.discard(name)
        return gone

    def write_manifest_row(self, row: dict[str, str]) -> None:
        """Add or replace the row of `row["slug"]`, keeping the other rows and any extra columns."""
        self._rewrite_manifest(row["slug"], row)

    def delete(self, path: str | Path) -> None:
        """Remove an uploaded PDF and its manifest row (a document deleted through the API); a
        file outside the uploads folder (the bundled corpus) is left alone."""
        if not self.owns(path):
            return
        stem = Path(path).stem
        self._rewrite_manifest(stem, None)
        Path(path).unlink(missing_ok=True)

    def _rewrite_manifest(self, slug: str, row: dict[str, str] | None) -> None:
        """Drop the row of `slug` and add `row` (if any), keeping the other rows and columns."""
        path = self.directory / MANIFEST_NAME
        with self._lock:
            if row is None and not path.is_file():
                return
            self.directory.mkdir(parents=True, exist_ok=True)
            rows: list[dict[str, str]] = []
            columns = [*MANIFEST_COLUMNS, "source"]
            if path.is_file():
                with path.open(encoding="utf-8-sig", newline="") as f:
                    reader = csv.DictReader(f)
                    columns += [c for c in reader.fieldnames or [] if c not in columns]
                    rows = [r for r in reader if r.get("slug") != slug]
            if row is not None:
                rows.append(row)
            _write_rows(path, columns, rows)


def _write_rows(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    """Write a manifest through a temporary file: readers see the old one or the new one."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".csv.part")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=columns, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
