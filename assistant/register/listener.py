"""Keeping the register in step with the catalog.

`RegisterListener` is a `protocols.DocumentListener`: after a document version goes live its
records are rebuilt; on prune they go; after every run `reconcile` (`sync`) repairs the register
from the catalog alone (a deleted register file, a newer extractor), so the next ingest heals it
even when every document is unchanged and nothing is published.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field

from assistant.catalog import Catalog, DocumentRecord
from assistant.protocols import Embedder, Store
from assistant.register.extract import EXTRACTOR_VERSION, extract_records
from assistant.register.llm_extract import StructuredExtractor, llm_records, merge_records
from assistant.register.models import Record
from assistant.register.store import RegisterStore
from assistant.register.themes import Taxonomy, ThemeAssigner, load_taxonomy
from assistant.types import Chunk, DocumentMeta, Page

ChunksFor = Callable[[DocumentRecord], Sequence[Chunk]]


def fingerprint(meta: DocumentMeta, pages: Sequence[Page], taxonomy: Taxonomy | None = None) -> str:
    """Changes when the document's text or metadata, the extractor or the taxonomy change."""
    taxonomy = taxonomy or load_taxonomy()
    digest = hashlib.sha256()
    digest.update(f"{EXTRACTOR_VERSION}|{taxonomy.version}|".encode())
    digest.update(json.dumps(asdict(meta), sort_keys=True, ensure_ascii=False).encode())
    for page in pages:
        digest.update(f"\f{page.number}\n{page.text}".encode())
    return digest.hexdigest()[:20]


def build_records(
    meta: DocumentMeta,
    pages: Sequence[Page],
    chunks: Sequence[Chunk],
    embedder: Embedder | None = None,
    llm: StructuredExtractor | None = None,
    taxonomy: Taxonomy | None = None,
) -> list[Record]:
    """Extraction, the optional LLM pass (verified like the rules), then themes."""
    records = extract_records(meta, pages, chunks)
    if llm is not None:
        records = merge_records(records, llm_records(meta, pages, chunks, llm))
    return ThemeAssigner(taxonomy, embedder).assign(records)


class RegisterListener:
    def __init__(
        self,
        store: RegisterStore,
        embedder: Embedder | None = None,
        llm: StructuredExtractor | None = None,
        taxonomy: Taxonomy | None = None,
    ) -> None:
        self.store = store
        self.embedder = embedder
        self.llm = llm
        self.taxonomy = taxonomy

    def published(self, meta: DocumentMeta, pages: Sequence[Page], chunks: Sequence[Chunk]) -> None:
        records = build_records(meta, pages, chunks, self.embedder, self.llm, self.taxonomy)
        self.store.replace_document(meta, records, fingerprint(meta, pages, self.taxonomy))

    def removed(self, doc_id: str) -> None:
        self.store.remove_document(doc_id)

    def reconcile(self, catalog: Catalog, store: Store) -> list[dict[str, str]]:
        report = sync(
            catalog,
            self.store,
            chunks_for=lambda record: store.chunks([record.version]),
            embedder=self.embedder,
            llm=self.llm,
            taxonomy=self.taxonomy,
        )
        return [{"file": f.get("doc", ""), "error": f"register: {f.get('error', '')}"} for f in report.failed]


@dataclass
class SyncReport:
    rebuilt: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[dict[str, str]] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return asdict(self)


def sync(
    catalog: Catalog,
    store: RegisterStore,
    chunks_for: ChunksFor,
    embedder: Embedder | None = None,
    llm: StructuredExtractor | None = None,
    taxonomy: Taxonomy | None = None,
) -> SyncReport:
    """Rebuild the register of every live document whose register is missing or stale; drop the
    registers of documents that are no longer live. `chunks_for(record)` gives a document's live
    chunks, e.g. `lambda d: vector_store.chunks([d.version])`."""
    report = SyncReport()
    live = catalog.documents()
    for document in live:
        pages = catalog.pages(document.doc_id)
        expected = fingerprint(document.meta, pages, taxonomy)
        if store.fingerprint(document.doc_id) == expected:
            report.unchanged.append(document.doc_id)
            continue
        try:
            records = build_records(document.meta, pages, chunks_for(document), embedder, llm, taxonomy)
        except Exception as exc:  # one bad document must not stop the others
            report.failed.append({"doc": document.doc_id, "error": f"{type(exc).__name__}: {exc}"})
            continue
        store.replace_document(document.meta, records, expected)
        report.rebuilt.append(document.doc_id)
    names = {d.doc_id for d in live}
    for registered in store.documents():
        if registered.meta.doc_id not in names:
            store.remove_document(registered.meta.doc_id)
            report.removed.append(registered.meta.doc_id)
    return report
