"""The data that flows between the layers: documents, chunks, search hits, citations, answers.

Plain frozen dataclasses so every layer (ingest, store, retrieval, API) speaks the same language
without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


@dataclass(frozen=True)
class DocumentMeta:
    """What we know about one source document; `doc_id` is the PDF file stem."""

    doc_id: str
    municipality: str
    title: str
    year: int
    period: str
    doc_type: str
    source: str = ""


@dataclass(frozen=True)
class Page:
    """One PDF page after cleaning; `number` is 1-based like PDF viewers count."""

    number: int
    text: str


@dataclass(frozen=True)
class Span:
    """Where a piece of chunk text stands: character offsets [start, end) in a cleaned page text."""

    page: int
    start: int
    end: int


class UnitKind(StrEnum):
    """What a stretch of chunk text is. Only the citable kinds may be quoted as an answer."""

    SENTENCE = "sentence"
    LEAD = "lead"  # a sentence that announces a list ("... de volgende doelen:")
    ITEM = "item"  # one list item (a bullet or a numbered line, with its wrapped lines)
    ROW = "row"  # one table row
    HEADING = "heading"
    FOOTNOTE = "footnote"
    CAPTION = "caption"  # "Tabel: ...", "Bron: CBS"
    TOC = "toc"  # a table-of-contents entry
    HEADER = "header"  # a page number or running header left in the text

    @property
    def citable(self) -> bool:
        return self in _CITABLE


_CITABLE = frozenset({UnitKind.SENTENCE, UnitKind.LEAD, UnitKind.ITEM, UnitKind.ROW})


@dataclass(frozen=True)
class UnitMark:
    """A unit of a chunk, marked at ingest: `chunk.text[start:end]`, never mid-sentence or mid-cell.

    `group` numbers the list block (lead-in and items, and the paragraphs under title-like items)
    within the document, so a list cut over two chunks is found whole; -1 outside lists."""

    start: int
    end: int
    kind: UnitKind
    group: int = -1


@dataclass(frozen=True)
class Chunk:
    """A retrievable unit: whole sentences of one section, or whole rows of one table.

    `spans` point at the exact passages in the cleaned page texts; `also_on` lists the other pages
    where the same paragraph is repeated (indexed once, found everywhere). For table chunks,
    `table_header` and `unit` are repeated in every chunk of the table and `amounts_eur` holds
    the amounts of its rows converted to euros. `units` are the sentences, list items, rows,
    headings and footnotes the text consists of, in order (see `UnitMark`).
    """

    id: str
    doc_id: str
    text: str
    page_start: int
    page_end: int
    section: str = ""
    kind: str = "text"  # "text" or "table"
    spans: tuple[Span, ...] = ()
    also_on: tuple[int, ...] = ()
    table_header: str = ""
    unit: str = ""
    amounts_eur: tuple[float, ...] = ()
    units: tuple[UnitMark, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def pages(self) -> tuple[int, ...]:
        own = range(self.page_start, self.page_end + 1)
        return tuple(sorted(set(own) | set(self.also_on)))

    def page_at(self, offset: int) -> int:
        """The page of a character of a text chunk: its text is its spans' page passages joined by
        newlines. A table chunk (rows re-rendered) answers its first page."""
        if self.kind != "text" or not self.spans:
            return self.page_start
        position = 0
        for span in self.spans:
            position += span.end - span.start + 1
            if offset < position:
                return span.page
        return self.page_end


@dataclass(frozen=True)
class SearchHit:
    """A chunk as the retriever ranked it; `score` is the fused score (higher is better)."""

    chunk: Chunk
    score: float
    dense_score: float | None = None
    bm25_score: float | None = None


@dataclass(frozen=True)
class Citation:
    """A verified source: `quote` is verbatim on `page` of `doc` (offsets into the cleaned page)."""

    doc: str
    page: int
    quote: str
    start: int = -1
    end: int = -1
    chunk_id: str = ""


@dataclass(frozen=True)
class Filters:
    """Restrictions on what may be retrieved; empty means no restriction."""

    municipalities: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    doc_types: tuple[str, ...] = ()
    docs: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return not (self.municipalities or self.years or self.doc_types or self.docs)


@dataclass
class Answer:
    """What a user gets back: short text with [n] markers, its citations, and the evidence used."""

    question: str
    text: str
    refused: bool
    citations: list[Citation] = field(default_factory=list)
    retrieved: list[SearchHit] = field(default_factory=list)
    latency_ms: float = 0.0
    filters: Filters = field(default_factory=Filters)
    table: list[dict[str, Any]] = field(default_factory=list)
    resolved_question: str = ""  # the question as understood, after resolving a follow-up
    mode: str = "extractive"  # "extractive", "generative", "extractive-fallback" or "register"

    def to_json(self) -> dict[str, Any]:
        """The result format of the eval contract (and of `beleid ask --json`)."""
        return {
            "answer": self.text,
            "refused": self.refused,
            "citations": [
                {"doc": c.doc, "page": c.page, "quote": c.quote, "start": c.start, "end": c.end}
                for c in self.citations
            ],
            "retrieved": [
                {
                    "doc": h.chunk.doc_id,
                    "page_start": h.chunk.page_start,
                    "page_end": h.chunk.page_end,
                    "section": h.chunk.section,
                    "text": h.chunk.text,
                    "score": round(h.score, 6),
                }
                for h in self.retrieved
            ],
            "latency_ms": round(self.latency_ms, 1),
            "resolved_question": self.resolved_question or self.question,
            "mode": self.mode,
            **({"table": self.table} if self.table else {}),
        }
