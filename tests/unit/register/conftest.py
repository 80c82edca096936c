"""Small hand-made documents for the register tests: pages of cleaned text and the chunks that
give their sections, built the way ingestion hands them to the extractor."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from assistant.types import Chunk, DocumentMeta, Page, Span


def meta(doc_id: str = "testgem-plan-2022", municipality: str = "Testgem", year: int = 2022) -> DocumentMeta:
    return DocumentMeta(doc_id, municipality, "Testplan", year, f"{year}-", "beleidsplan")


def document(
    texts: Sequence[str],
    sections: Sequence[str] | None = None,
    tables: Sequence[Chunk] = (),
    doc: DocumentMeta | None = None,
) -> tuple[DocumentMeta, list[Page], list[Chunk]]:
    """Pages 1..n with one text chunk per page (its section from `sections`), plus table chunks."""
    doc = doc or meta()
    pages = [Page(i + 1, text) for i, text in enumerate(texts)]
    chunks = [
        Chunk(
            id=f"c{p.number}",
            doc_id=doc.doc_id,
            text=p.text,
            page_start=p.number,
            page_end=p.number,
            section=(sections[p.number - 1] if sections else ""),
            spans=(Span(p.number, 0, len(p.text)),),
        )
        for p in pages
    ]
    return doc, pages, [*chunks, *tables]


@pytest.fixture
def make_document():
    return document
