"""Hybrid retrieval: dense vectors and BM25 keywords, fused by weighted reciprocal rank fusion.

Only the live version of each document is searched (the catalog decides which one that is).
The keyword index is built on first use from the store's live chunks and rebuilt when the
catalog's generation changes, so a newly published document is searchable on the next query.
Filters come from the caller and from the question (municipalities, a document year); a
question naming several municipalities gets each of them a fair share of the results. BM25's
weight shrinks with the share of the question's words the corpus knows, so a question in
English leans on the multilingual dense model.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, cast

import numpy as np

from assistant.bm25 import BM25Index
from assistant.catalog import Catalog, DocumentRecord, matches
from assistant.glossary import to_dutch
from assistant.protocols import Embedder, Store
from assistant.query_parse import parse_query
from assistant.settings import Settings
from assistant.tokenize import Lexicon, analyze, count_terms
from assistant.types import Chunk, Filters, SearchHit

Mode = Literal["hybrid", "dense", "bm25"]
MODES: tuple[Mode, ...] = ("hybrid", "dense", "bm25")
# "rrf": weighted reciprocal rank fusion; "relative": weighted min-max normalised scores.
FUSIONS = ("rrf", "relative")


@dataclass(frozen=True)
class KeywordIndex:
    """BM25 over every live chunk at one catalog generation."""

    generation: float
    chunks: list[Chunk]
    lexicon: Lexicon
    bm25: BM25Index


@dataclass
class _Ranked:
    """One chunk's standing in the dense and keyword rankings (1-based ranks)."""

    chunk: Chunk
    dense_rank: int | None = None
    dense_score: float | None = None
    bm25_rank: int | None = None
    bm25_score: float | None = None
    fused: float = 0.0


def indexed_text(chunk: Chunk) -> str:
    """What BM25 sees: the chunk plus its document's title, municipality and type, its section
    title and table header. Questions often name the document rather than the passage ("in het
    beleidskader", "de kadernota"); on the dev set this lifted BM25 recall@5 from 0.75 to 0.82."""
    context = [str(chunk.meta.get(key, "")) for key in ("title", "municipality", "doc_type")]
    context += [part for part in (chunk.section, chunk.table_header) if part not in chunk.text]
    return "\n".join([*(part for part in context if part), chunk.text])


def rrf_fuse(
    dense: Sequence[tuple[Chunk, float]],
    keyword: Sequence[tuple[Chunk, float]],
    rrf_k: float,
    dense_weight: float,
    bm25_weight: float,
) -> list[SearchHit]:
    """Weighted reciprocal rank fusion: sum of weight / (rrf_k + rank) over the rankings."""
    table: dict[str, _Ranked] = {}
    for rank, (chunk, score) in enumerate(dense, 1):
        entry = table.setdefault(chunk.id, _Ranked(chunk))
        if entry.dense_rank is None:
            entry.dense_rank, entry.dense_score = rank, score
            entry.fused += dense_weight / (rrf_k + rank)
    for rank, (chunk, score) in enumerate(keyword, 1):
        entry = table.setdefault(chunk.id, _Ranked(chunk))
        if entry.bm25_rank is None:
            entry.bm25_rank, entry.bm25_score = rank, score
            entry.fused += bm25_weight / (rrf_k + rank)
    big = 1 << 30
    ordered = sorted(
        table.values(),
        key=lambda e: (-e.fused, min(e.dense_rank or big, e.bm25_rank or big), e.chunk.id),
    )
    return [SearchHit(e.chunk, e.fused, e.dense_score, e.bm25_score) for e in ordered]


def relative_fuse(
    dense: Sequence[tuple[Chunk, float]],
    keyword: Sequence[tuple[Chunk, float]],
    dense_weight: float,
    bm25_weight: float,
) -> list[SearchHit]:
    """Weighted sum of min-max normalised scores: unlike RRF, a chunk far ahead in one ranking
    (a rare name that only BM25 sees) keeps its lead."""
    table: dict[str, _Ranked] = {}
    for ranking, weight, is_dense in ((dense, dense_weight, True), (keyword, bm25_weight, False)):
        if not ranking:
            continue
        scores = [score for _, score in ranking]
        low, high = min(scores), max(scores)
        span = high - low
        for rank, (chunk, score) in enumerate(ranking, 1):
            entry = table.setdefault(chunk.id, _Ranked(chunk))
            if (entry.dense_rank if is_dense else entry.bm25_rank) is not None:
                continue
            if is_dense:
                entry.dense_rank, entry.dense_score = rank, score
            else:
                entry.bm25_rank, entry.bm25_score = rank, score
            entry.fused += weight * ((score - low) / span if span > 0 else 1.0)
    big = 1 << 30
    ordered = sorted(
        table.values(),
        key=lambda e: (-e.fused, min(e.dense_rank or big, e.bm25_rank or big), e.chunk.id),
    )
    return [SearchHit(e.chunk, e.fused, e.dense_score, e.bm25_score) for e in ordered]


def interleave(rankings: Sequence[list[SearchHit]], k: int) -> list[SearchHit]:
    """Round-robin over rankings (strongest first) so no group crowds out another."""
    queues = sorted((list(r) for r in rankings if r), key=lambda r: -r[0].score)
    out: list[SearchHit] = []
    seen: set[str] = set()
    while len(out) < k and any(queues):
        for queue in queues:
            while queue and queue[0].chunk.id in seen:
                queue.pop(0)
            if queue and len(out) < k:
                hit = queue.pop(0)
                seen.add(hit.chunk.id)
                out.append(hit)
    return out


class HybridRetriever:
    """Implements the `Retriever` protocol; safe to share between threads."""

    def __init__(
        self,
        store: Store,
        embedder: Embedder,
        catalog: Catalog,
        settings: Settings,
        mode: str = "hybrid",
        fusion: str = "rrf",
    ) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown retrieval mode {mode!r}; choose one of {', '.join(MODES)}")
        self.store = store
        self.embedder = embedder
        self.catalog = catalog
        self.settings = settings
        if fusion not in FUSIONS:
            raise ValueError(f"unknown fusion {fusion!r}; choose one of {', '.join(FUSIONS)}")
        self.mode = cast(Mode, mode)
        self.fusion = fusion
        self._build_lock = threading.Lock()
        self._index: KeywordIndex | None = None
        self._terms_by_text: dict[str, list[str]] = {}
        self._surfaces: set[str] = set()
        self._local = threading.local()

    @property
    def last_detected_filters(self) -> Filters:
        """Filters applied by this thread's most recent search (prefer `search_with_filters`)."""
        return getattr(self._local, "filters", Filters())

    def search(self, query: str, k: int = 10, filters: Filters | None = None) -> list[SearchHit]:
        return self.search_with_filters(query, k, filters)[0]

    def search_with_filters(
        self, query: str, k: int = 10, filters: Filters | None = None
    ) -> tuple[list[SearchHit], Filters]:
        """Ranked hits and the filters actually applied (the caller's plus what the question implied)."""
        records = self.catalog.documents()
        applied, selected = self._select(query, records, filters)
        self._local.filters = applied
        if not selected or k <= 0:
            return [], applied
        vector = self.embedder.embed_query(query) if self.mode != "bm25" else None
        if len(applied.municipalities) > 1:
            groups = [
                [r for r in selected if r.meta.municipality.casefold() == m.casefold()]
                for m in applied.municipalities
            ]
            rankings = [self._rank(query, vector, group) for group in groups if group]
            return interleave(rankings, k), applied
        return self._rank(query, vector, selected)[:k], applied

    def _select(
        self, query: str, records: list[DocumentRecord], explicit: Filters | None
    ) -> tuple[Filters, list[DocumentRecord]]:
        """The most specific filters that leave some document: detected ones are dropped first."""
        parsed = parse_query(query, [r.meta for r in records], explicit)
        caller = explicit or Filters()
        without_years = Filters(
            municipalities=parsed.filters.municipalities,
            years=caller.years,
            doc_types=caller.doc_types,
            docs=caller.docs,
        )
        selected: list[DocumentRecord] = []
        for candidate in (parsed.filters, without_years, caller):
            selected = [r for r in records if matches(r.meta, candidate)]
            if selected:
                return candidate, selected
        return caller, selected

    def _rank(self, query: str, vector: np.ndarray | None, records: list[DocumentRecord]) -> list[SearchHit]:
        dense: list[tuple[Chunk, float]] = []
        keyword: list[tuple[Chunk, float]] = []
        if vector is not None:
            versions = [r.version for r in records]
            dense = self.store.query(vector, self.settings.dense_candidates, versions)
        bm25_weight = self.settings.bm25_weight
        if self.mode != "dense":
            index = self.keyword_index()
            allowed = {r.doc_id for r in records}
            terms = index.lexicon.query(to_dutch(query))
            found = index.bm25.search(terms.weights, self.settings.bm25_candidates, allowed)
            keyword = [(index.chunks[i], score) for i, score in found]
            if vector is not None:
                # Keywords only know the corpus' words: a question in English leaves BM25 matching
                # little but names and numbers, so the dense ranking should lead.
                bm25_weight *= terms.coverage**2
        if self.fusion == "relative":
            return relative_fuse(dense, keyword, self.settings.dense_weight, bm25_weight)
        return rrf_fuse(dense, keyword, self.settings.rrf_k, self.settings.dense_weight, bm25_weight)

    def keyword_index(self) -> KeywordIndex:
        """The BM25 index of the live chunks, rebuilt when the catalog has changed since."""
        current = self._index
        if current is not None and current.generation == self.catalog.generation():
            return current
        with self._build_lock:
            # Read the generation before the documents: a publish in between only causes one
            # more rebuild later, never a stale index that looks fresh.
            generation = self.catalog.generation()
            if self._index is not None and self._index.generation == generation:
                return self._index
            self._index = self._build(generation)
            return self._index

    def _build(self, generation: float) -> KeywordIndex:
        versions = [r.version for r in self.catalog.documents()]
        chunks = self.store.chunks(versions) if versions else []
        # Terms are cached by text across rebuilds: re-ingesting one document re-tokenises only it.
        previous = self._terms_by_text
        terms_by_text: dict[str, list[str]] = {}
        base: list[list[str]] = []
        for chunk in chunks:
            text = indexed_text(chunk)
            terms = terms_by_text.get(text)
            if terms is None:
                terms = previous.get(text)
            if terms is None:
                terms, surfaces = analyze(text)
                self._surfaces.update(surfaces)
            terms_by_text[text] = terms
            base.append(terms)
        self._terms_by_text = terms_by_text
        # Surfaces of removed chunks may linger; harmless, the lexicon only keeps known stems.
        lexicon = Lexicon(count_terms(base), self._surfaces)
        bm25 = BM25Index([lexicon.document_terms(b) for b in base], [c.doc_id for c in chunks])
        return KeywordIndex(generation, chunks, lexicon, bm25)
