"""The catalog-backed evidence service: page texts, document metadata and citation checks.

Every answerer (extractive, generative, register) checks its quotes here, so there is one rule
for what may be shown and one error policy: a page or document that is not in the index means
the quote does not verify there; any other failure (a broken database) is an error, not a
silently dropped citation.
"""

from __future__ import annotations

from collections.abc import Iterable

from assistant.answering.verify import verify
from assistant.catalog import Catalog
from assistant.errors import UnknownDocumentError
from assistant.types import Citation, DocumentMeta, Filters


class CatalogEvidence:
    """Implements the `Evidence` protocol over the catalog."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog

    def page_text(self, doc: str, page: int) -> str | None:
        try:
            return self.catalog.page(doc, page).text
        except UnknownDocumentError:
            return None

    def verify(self, doc: str, quote: str, pages: Iterable[int], chunk_id: str = "") -> Citation | None:
        return verify(doc, quote, pages, self.page_text, chunk_id)

    def document(self, doc_id: str) -> DocumentMeta | None:
        try:
            return self.catalog.document(doc_id).meta
        except UnknownDocumentError:
            return None

    def documents(self, filters: Filters | None = None) -> list[DocumentMeta]:
        return [record.meta for record in self.catalog.documents(filters)]
