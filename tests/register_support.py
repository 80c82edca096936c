"""Tiny documents for the commitment check: page texts by document, and records located on them."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.answering.verify import locate
from assistant.register.models import Provenance, Record
from assistant.types import DocumentMeta, Page


class PageTexts:
    """The page texts of a few documents, as the check reads them (`PageSource`)."""

    def __init__(self, pages: dict[str, list[str]]) -> None:
        self.texts = pages

    def pages(self, doc_id: str) -> Sequence[Page]:
        return [Page(i + 1, t) for i, t in enumerate(self.texts.get(doc_id, []))]


def record_on(kind: str, quote: str, meta: DocumentMeta, page_text: str, **kw: object) -> Record:
    """A register record whose quote stands on page 1 of `meta`'s document."""
    span = locate(quote, page_text)
    assert span is not None
    prov = Provenance(meta.doc_id, 1, quote, *span)
    return Record(kind, quote.rstrip("."), prov, meta.municipality, meta.year, **kw)  # type: ignore[arg-type]
