"""PDF uploads: who may upload, what is accepted, where it is stored, and its manifest row.

Uploaded PDFs live in `settings.uploads_dir` beside a `manifest.csv`, the same layout as the
bundled corpus, so the ordinary ingest pipeline picks up the metadata given in the upload form.
"""

from __future__ import annotations

import csv
import os
import re
import secrets
import shutil
import tempfile
import threading
import unicodedata
import uuid
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
    expected = settings.upload_token
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
    return settings.max_upload_mb * 1024 * 1024


def too_large(settings: Settings, msg: Messages) -> HTTPException:
    return HTTPException(413, msg("upload_too_large", limit=settings.max_upload_mb))


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


class UploadStore:
    """Writes uploaded files and manifest rows; one lock so concurrent uploads keep every row."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._lock = threading.Lock()

    def owns(self, path: str | Path) -> bool:
        return Path(path).resolve().parent == self.directory.resolve()

    def save(self, source: BinaryIO, stem: str) -> Path:
        """Copy to a temporary file, then rename: ingest never reads a half-written PDF."""
        self.directory.mkdir(parents=True, exist_ok=True)
        target = self.directory / f"{stem}.pdf"
        fd, tmp = tempfile.mkstemp(dir=self.directory, suffix=".part")
        try:
            with os.fdopen(fd, "wb") as out:
                source.seek(0)
                shutil.copyfileobj(source, out, 1 << 20)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return target

    def write_manifest_row(self, row: dict[str, str]) -> None:
        """Add or replace the row of `row["slug"]`, keeping the other rows and any extra columns."""
        path = self.directory / MANIFEST_NAME
        with self._lock:
            self.directory.mkdir(parents=True, exist_ok=True)
            rows: list[dict[str, str]] = []
            columns = [*MANIFEST_COLUMNS, "source"]
            if path.is_file():
                with path.open(encoding="utf-8-sig", newline="") as f:
                    reader = csv.DictReader(f)
                    columns += [c for c in reader.fieldnames or [] if c not in columns]
                    rows = [r for r in reader if r.get("slug") != row["slug"]]
            rows.append(row)
            fd, tmp = tempfile.mkstemp(dir=self.directory, suffix=".csv.part")
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
                writer = csv.DictWriter(f, fieldnames=columns, extrasaction="ignore")
                writer.writeheader()
                writer.writerows(rows)
            os.replace(tmp, path)
