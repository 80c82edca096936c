"""Read a PDF's text layer with pypdf, turning every way it can fail into a typed, actionable error."""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from assistant.errors import (
    CorruptPdfError,
    DocumentLimitError,
    EncryptedPdfError,
    NotAPdfError,
    NoTextLayerError,
)
from assistant.prompts import say
from ingest.limits import DocumentLimits

# A page "has text" when it holds a few real words; scanned pages yield nothing or stray glyphs.
_MIN_WORDS_PER_TEXT_PAGE = 3
_WORD = re.compile(r"[^\W\d_]{2,}")
# What PDF writers fill in when nobody gave a value (reportlab, Word exports).
_PLACEHOLDERS = {"untitled", "unspecified", "anonymous", "unknown", "titel", "title"}


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf logs and warns about every small spec violation; real PDFs are full of them."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def read_pdf(path: Path, limits: DocumentLimits | None = None) -> tuple[list[str], dict[str, str]]:
    """Raw pypdf text of every page (one string a page) and the PDF's title/author/subject.

    Raises NotAPdfError, EncryptedPdfError, CorruptPdfError or NoTextLayerError with a one-line
    message that says what to do; with `limits`, also the DocumentLimitError of the first limit
    passed (pages before any text is extracted, text and time while it is).
    """
    path = Path(path)
    try:
        with path.open("rb") as f:
            head = f.read(1024)
    except OSError as exc:
        raise NotAPdfError(say("error_file_unreadable", file=path.name, reason=exc.strerror)) from exc
    if b"%PDF-" not in head:
        raise NotAPdfError(say("error_not_pdf", file=path.name))

    from pypdf import PdfReader  # imported here: keeps `import ingest` cheap
    from pypdf.errors import DependencyError

    with _quiet_pypdf():
        try:
            reader = PdfReader(str(path))
            if reader.is_encrypted:
                _decrypt(reader, path)
            texts = _page_texts(reader.pages, limits)
            meta = _metadata(reader)
        except (EncryptedPdfError, NotAPdfError, DocumentLimitError):
            raise
        # AES needs a crypto package (`cryptography`, a dependency); pypdf tries the empty password
        # as early as the constructor, or only when a stream is read (AES-128): wherever it fails,
        # the file is fine and the installation is what to fix.
        except DependencyError as exc:
            raise EncryptedPdfError(say("error_pdf_needs_crypto", file=path.name)) from exc
        # pypdf fails on broken files with almost any exception type (struct, zlib, KeyError ...):
        # at this boundary every one of them means "this PDF cannot be read".
        except Exception as exc:
            if "encrypt" in str(exc).lower() or "decrypt" in str(exc).lower():
                raise EncryptedPdfError(_encrypted_message(path)) from exc
            cause = f"{type(exc).__name__}: {str(exc)[:80]}"
            raise CorruptPdfError(say("error_pdf_corrupt", file=path.name, cause=cause)) from exc
    if not texts:
        raise CorruptPdfError(say("error_pdf_no_pages", file=path.name))
    if not any(len(_WORD.findall(t)) >= _MIN_WORDS_PER_TEXT_PAGE for t in texts):
        raise NoTextLayerError(say("error_pdf_scanned", file=path.name))
    return texts, meta


def _encrypted_message(path: Path) -> str:
    return say("error_pdf_encrypted", file=path.name)


def _decrypt(reader: Any, path: Path) -> None:
    from pypdf.errors import DependencyError

    # Many "encrypted" PDFs only restrict printing/copying and open with the empty password.
    try:
        ok = reader.decrypt("")
    except DependencyError:
        raise  # no AES backend: not the file's fault, see read_pdf
    except Exception as exc:  # pypdf raises several types for odd encryption dictionaries
        raise EncryptedPdfError(_encrypted_message(path)) from exc
    if not ok:
        raise EncryptedPdfError(_encrypted_message(path))


def _page_texts(pages: Any, limits: DocumentLimits | None) -> list[str]:
    if limits is None:
        return [_page_text(page) for page in pages]
    limits.check_pages(len(pages))
    texts: list[str] = []
    total = 0
    for number, page in enumerate(pages, 1):
        limits.check_time()
        text = _page_text(page, limits.meter(number, total))
        total += len(text)
        limits.check_text(number, len(text), total)
        texts.append(text)
    return texts


def _page_text(page: Any, visitor: Callable[..., None] | None = None) -> str:
    text = page.extract_text(visitor_text=visitor) if visitor is not None else page.extract_text()
    return text if isinstance(text, str) else ""


def _metadata(reader: Any) -> dict[str, str]:
    info = reader.metadata or {}
    out: dict[str, str] = {}
    for key in ("title", "author", "subject"):
        value = str(info.get(f"/{key.capitalize()}") or "").strip()
        if value and value.lower() not in _PLACEHOLDERS:
            out[key] = value
    return out
