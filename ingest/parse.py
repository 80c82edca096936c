"""One PDF in, cleaned pages and chunks out: read_pdf -> clean_pages -> chunk_document."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.settings import Settings
from assistant.types import Chunk, Page
from ingest.chunking import chunk_document
from ingest.clean import clean_pages
from ingest.limits import DocumentLimits
from ingest.pdf import read_pdf


@dataclass(frozen=True)
class ParsedDocument:
    pages: list[Page]
    chunks: list[Chunk]
    pdf_meta: dict[str, Any] = field(default_factory=dict)


def parse_document(
    path: Path, doc_id: str, settings: Settings | None = None, limits: DocumentLimits | None = None
) -> ParsedDocument:
    """Parse one PDF; raises the typed IngestError subclasses of `read_pdf`, and a DocumentLimitError
    when the document goes beyond the limits (default: those of `settings`, the time from now)."""
    settings = settings or Settings()
    limits = limits or DocumentLimits.from_settings(settings, Path(path).name)
    raw, meta = read_pdf(Path(path), limits)
    limits.check_time()
    pages = clean_pages(raw)
    limits.check_time()
    chunks = chunk_document(
        doc_id,
        pages,
        target_words=settings.ingest.chunk_target_words,
        max_words=settings.ingest.chunk_max_words,
        overlap_sentences=settings.ingest.chunk_overlap_sentences,
        table_rows_per_chunk=settings.ingest.table_rows_per_chunk,
        check=limits.check_time,
    )
    limits.check_time()
    return ParsedDocument(pages=pages, chunks=chunks, pdf_meta=meta)
