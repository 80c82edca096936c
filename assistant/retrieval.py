"""Hybrid retrieval: dense vectors and BM25 keywords, fused by weighted reciprocal rank fusion.

Only the live version of each document is searched (the catalog decides which one that is).
The keyword index is built on first use from the store's live chunks; when the catalog's
generation changes, the documents whose live version changed are read and swapped in (in any
process sharing the index), so a newly published document is searchable on the next query.
Filters come from the caller and from the question (municipalities, a document year); a
question naming several municipalities gets each of them a fair share of the results. BM25's
weight shrinks with the share of the question's words the corpus knows, so a question in
English leans on the multilingual dense model.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal, cast

import numpy as np

from assistant.bm25 import BM25Index, DocumentRows
from assistant.catalog import Catalog, DocumentRecord, matcher, named_by_year
from assistant.footnotes import chunk_notes, footnotes
from assistant.glossary import to_dutch
from assistant.lexicon import CHANGE_CUE, NAMED_DOCUMENT_YEAR, defined_acronyms, fold, reads_english
from assistant.memory import give_back_free_memory
from assistant.nlp import is_dutch_word
from assistant.protocols import Embedder, Retrieval, Store, TermStats
from assistant.query_parse import ParsedQuery, parse_query, without_words, without_years
from assistant.settings import Settings
from assistant.tokenize import Lexicon, analyze, base_terms, count_terms
from assistant.types import Chunk, Filters, SearchHit

# An acronym's base term and the base terms of its long form: "itk" -> ("internationale", "taalklas").
Acronyms = Mapping[str, tuple[str, ...]]

Mode = Literal["hybrid", "dense", "bm25"]
MODES: tuple[Mode, ...] = ("hybrid", "dense", "bm25")


# How far a list block or a table is followed into the chunks around a hit.
MAX_LIST_NEIGHBOURS = 4
MAX_TABLE_NEIGHBOURS = 6
TERM_CACHE_SIZE = 50_000  # texts whose terms are kept; cleared when full (a dict stays thread-safe)
ANALYSED_CACHE_SIZE = 100_000  # chunk texts whose analysis the retriever keeps; cleared when full


@dataclass(frozen=True)
class KeywordIndex:
    """BM25 over every live chunk at one catalog generation, and each document's chunks in reading
    order. Immutable: a change of the catalog gives a new one (`HybridRetriever.keyword_index`)
    that shares what did not change."""

    generation: float
    versions: Mapping[str, str]  # doc_id -> the version indexed
    lexicon: Lexicon
    bm25: BM25Index[Chunk]
    reading: Mapping[str, tuple[Chunk, ...]] = field(default_factory=dict)  # by position in the document
    position: Mapping[str, Mapping[str, int]] = field(default_factory=dict)  # doc -> chunk id -> index
    surfaces: Mapping[str, int] = field(default_factory=dict)  # surface word -> documents using it
    doc_surfaces: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    doc_acronyms: Mapping[str, Acronyms] = field(default_factory=dict)  # doc -> acronyms it defines
    term_cache: dict[str, list[str]] = field(default_factory=dict, compare=False)

    def idf(self, term: str) -> float:
        n = max(1, len(self.bm25))
        df = self.lexicon.count(term)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def terms(self, text: str) -> list[str]:
        # Answerers ask for the same sentences again and again (overlapping chunks, follow-ups).
        cached = self.term_cache.get(text)
        if cached is None:
            cached = self.lexicon.document_terms(base_terms(text))
            if len(self.term_cache) >= TERM_CACHE_SIZE:
                self.term_cache.clear()
            self.term_cache[text] = cached
        return cached

    def query_terms(self, text: str) -> dict[str, float]:
        return dict(self.term_stats(text).weights)

    def term_stats(self, query: str) -> TermStats:
        """The question's weighted terms; a word the corpus knows in no form is `unseen`: it names
        something the documents do not discuss and must weigh against answering."""
        dutch = to_dutch(query)
        parsed = self.lexicon.query(dutch)
        weights = dict(parsed.weights) | dict.fromkeys(parsed.unseen, 1.0)
        return TermStats(weights, parsed.unseen, parsed.coverage, self, parsed.related, parsed.completed)

    def neighbours(self, chunk: Chunk) -> tuple[Chunk, ...]:
        """The chunks that complete `chunk`: the one before and after it in its section, the rest
        of a list block it is part of, and the rest of its table."""
        at = self.position.get(chunk.doc_id, {}).get(chunk.id)
        if at is None:
            return ()
        reading = self.reading[chunk.doc_id]
        out: dict[int, Chunk] = {}
        for step in (-1, 1):
            other = _at(reading, at + step)
            if other is not None and other.section == chunk.section:
                out[at + step] = other
        if chunk.kind == "table":
            for step in (-1, 1):
                i = at + step
                while len(out) < MAX_TABLE_NEIGHBOURS and (other := _at(reading, i)) is not None:
                    if not _same_table(chunk, other):
                        break
                    out[i] = other
                    i += step
        for group, step in ((_edge_group(chunk, -1), 1), (_edge_group(chunk, 0), -1)):
            i, taken = at + step, 0
            while group >= 0 and taken < MAX_LIST_NEIGHBOURS and (other := _at(reading, i)) is not None:
                if group not in {u.group for u in other.units}:
                    break
                out[i] = other
                i, taken = i + step, taken + 1
        return tuple(out[i] for i in sorted(out))


def _at(reading: Sequence[Chunk], i: int) -> Chunk | None:
    return reading[i] if 0 <= i < len(reading) else None


def _same_table(a: Chunk, b: Chunk) -> bool:
    return (
        b.kind == "table"
        and b.doc_id == a.doc_id
        and b.section == a.section
        and b.table_header == a.table_header
    )


def _edge_group(chunk: Chunk, index: int) -> int:
    """The list block the chunk's first (0) or last (-1) unit belongs to, or -1."""
    return chunk.units[index].group if chunk.units else -1


@dataclass
class _Ranked:
    """One chunk's standing in the dense and keyword rankings (1-based ranks)."""

    chunk: Chunk
    dense_rank: int | None = None
    dense_score: float | None = None
    bm25_rank: int | None = None
    bm25_score: float | None = None
    fused: float = 0.0


def indexed_text(chunk: Chunk, notes: Sequence[str] = ()) -> str:
    """What BM25 sees: the chunk plus its document's title, municipality and type, its section
    title and table header, and the footnotes its sentences refer to. Questions often name the
    document rather than the passage ("in het beleidskader", "de kadernota"); on the dev set this
    lifted BM25 recall@5 from 0.75 to 0.82. A footnote printed on the next page is part of the
    table line that refers to it ("... mantelzorg te verlenen (%) ¹⁶" / "¹⁶ intensief: 16%")."""
    context = [str(chunk.meta.get(key, "")) for key in ("title", "municipality", "doc_type")]
    context += [part for part in (chunk.section, chunk.table_header, *notes) if part not in chunk.text]
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
    ) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown retrieval mode {mode!r}; choose one of {', '.join(MODES)}")
        self.store = store
        self.embedder = embedder
        self.catalog = catalog
        self.settings = settings
        self.mode = cast(Mode, mode)
        self._build_lock = threading.Lock()
        self._index: KeywordIndex | None = None
        # Base terms and surface words by text, across updates: a new version of a document
        # mostly repeats the old one's text, which is then not analysed again.
        self._analysed: dict[str, tuple[list[str], list[str]]] = {}

    def with_mode(self, mode: str) -> HybridRetriever:
        """A retriever on the same index, searching another way (a baseline beside this one): it
        starts from this one's keyword index instead of building its own (at 500x the corpus
        that is minutes and gigabytes), and follows the catalog on its own afterwards."""
        other = HybridRetriever(self.store, self.embedder, self.catalog, self.settings, mode)
        other._index = self._index
        return other

    def search(self, query: str, k: int = 10, filters: Filters | None = None) -> Retrieval:
        """Ranked hits with the filters actually applied (the caller's plus what the question
        implied), the question's term statistics and each hit's neighbouring chunks."""
        records = self.catalog.documents()
        index = self.keyword_index()
        spelled = self.spelled(query)
        parsed = parse_query(spelled, [r.meta for r in records], filters)
        applied, selected = self._select(parsed, records, filters)
        terms = index.term_stats(spelled)
        reading = "" if spelled == query else spelled
        if not selected or k <= 0:
            return Retrieval(query, [], applied, terms, unmatched=parsed.unmatched, spelled=reading)
        # Inside the document the question names by its title, the title's words say nothing
        # about which passage answers ("volgens het strategisch beleidsplan sociaal domein").
        source = parsed.named.runs if applied.docs and applied.docs == parsed.named.doc_ids else ()
        about = without_words(spelled, source)
        by_year = len(applied.municipalities) <= 1 and len(applied.years) > 1 and len(selected) > 1
        if by_year:
            # "... in de begroting 2024 en die van 2025": each side is a document, and inside it
            # the years that name the documents say nothing about which passage answers (every
            # table header of a budget names them), so they leave the search, words and vector.
            about = without_years(NAMED_DOCUMENT_YEAR.sub(" ", about), applied.years)
        vector = self.embedder.embed_query(about) if self.mode != "bm25" else None
        if len(applied.municipalities) > 1:
            groups = [
                [r for r in selected if r.meta.municipality.casefold() == m.casefold()]
                for m in applied.municipalities
            ]
            rankings = [self._rank(about, vector, group, index) for group in groups if group]
            hits = interleave(rankings, k * len(rankings))
        elif by_year:
            # One side a document, so the passages of one year cannot crowd out the other's.
            rankings = [self._rank(about, vector, [r], index) for r in selected]
            hits = interleave(rankings, k * len(rankings))
        else:
            rankings = [self._rank(about, vector, selected, index)]
            hits = rankings[0][:k]
        neighbours = {h.chunk.id: index.neighbours(h.chunk) for h in hits}
        return Retrieval(
            query,
            hits,
            applied,
            terms,
            neighbours,
            vector,
            parsed.unmatched,
            tuple(word for run in source for word in run),
            len(rankings),
            reading,
        )

    def spelled(self, question: str) -> str:
        """A slip in a word the corpus never uses ("begrotnig 2025", "hegnelo") read as the word it
        uses, for the filters, the search and the answer alike; a word with no near one stays as
        typed, so a subject the documents do not discuss is still seen as such. A question in
        English is left alone: its words are English, not slips of Dutch ones."""
        if reads_english(question):
            return question
        return self.keyword_index().lexicon.spelled(question, is_dutch_word)

    def _select(
        self, parsed: ParsedQuery, records: list[DocumentRecord], explicit: Filters | None
    ) -> tuple[Filters, list[DocumentRecord]]:
        """The most specific filters that leave some document: detected ones are dropped first."""
        caller = explicit or Filters()
        without_years = Filters(
            municipalities=parsed.filters.municipalities,
            years=caller.years,
            doc_types=caller.doc_types,
            docs=caller.docs,
        )
        selected: list[DocumentRecord] = []
        for candidate in (parsed.filters, without_years, caller):
            test = matcher(candidate)
            selected = [r for r in records if test(r.meta)]
            narrow = candidate is parsed.filters and candidate.years and not caller.years
            if selected and narrow and not CHANGE_CUE.search(fold(parsed.question)):
                # Years the question names a document by: the document so named, not every one
                # whose period covers the year (unless it asks what changed: since the one before).
                selected = named_by_year(selected, candidate.years)
            if selected:
                return candidate, selected
        return caller, selected

    def _rank(
        self, query: str, vector: np.ndarray | None, records: list[DocumentRecord], index: KeywordIndex
    ) -> list[SearchHit]:
        dense: list[tuple[Chunk, float]] = []
        keyword: list[tuple[Chunk, float]] = []
        if vector is not None:
            dense = self._dense(vector, records, index)
        bm25_weight = self.settings.retrieval.bm25_weight
        if self.mode != "dense":
            allowed = {r.doc_id for r in records}
            terms = index.lexicon.query(to_dutch(query))
            keyword = index.bm25.search(terms.weights, self.settings.retrieval.bm25_candidates, allowed)
            if vector is not None:
                # Keywords only know the corpus' words: a question in English leaves BM25 matching
                # little but names and numbers, so the dense ranking should lead.
                bm25_weight *= terms.coverage**2
        tuning = self.settings.retrieval
        return rrf_fuse(dense, keyword, tuning.rrf_k, tuning.dense_weight, bm25_weight)

    def _dense(
        self, vector: np.ndarray, records: list[DocumentRecord], index: KeywordIndex
    ) -> list[tuple[Chunk, float]]:
        """Nearest chunks of the selected documents' live versions. Every document: the store's
        vector index (approximate, and fast however large). A selection: the index's own copy of
        the live vectors, read document by document, because a filter in the store would grow
        with the selection and cost a scan of the store's metadata (see `ChromaStore.query`)."""
        k = self.settings.retrieval.dense_candidates
        if len(records) < len(index.versions) and index.bm25.has_vectors:
            return index.bm25.nearest(vector, k, {r.doc_id for r in records})
        return self.store.query(vector, k, [r.version for r in records])

    def keyword_index(self) -> KeywordIndex:
        """The BM25 index of the live chunks, brought up to date when the catalog has changed:
        the documents whose live version changed are read from the store and swapped in; the
        rest of the index is kept (a full build happens once, or when most of it changed)."""
        current = self._index
        if current is not None and current.generation == self.catalog.generation():
            return current
        with self._build_lock:
            # Read the generation before the documents: a publish in between only causes one
            # more update later, never a stale index that looks fresh.
            generation = self.catalog.generation()
            if self._index is not None and self._index.generation == generation:
                return self._index
            if self._index is None:
                self._index = self._build(generation)
                give_back_free_memory()  # a full read of the store leaves a heap of garbage
            else:
                self._index = self._update(self._index, generation)
            return self._index

    def _build(self, generation: float) -> KeywordIndex:
        records = self.catalog.documents()
        versions = {r.doc_id: r.version for r in records}
        self._analysed = {}  # what the last index held, not what every earlier one did
        rows, surfaces, acronyms = self._rows(self._read(versions))
        counts = count_terms(terms for document in rows for terms in document.terms)
        live_surfaces = _count_surfaces(surfaces.values())
        lexicon = Lexicon(counts, live_surfaces, _merged(acronyms.values()))
        bm25 = BM25Index(rows, lexicon.parts)
        reading, position = _reading({}, {}, [], rows)
        return KeywordIndex(
            generation, versions, lexicon, bm25, reading, position, live_surfaces, surfaces, acronyms
        )

    def _read(self, versions: Mapping[str, str]) -> dict[str, tuple[list[Chunk], np.ndarray | None]]:
        """The chunks of `versions` by document, in the store's reading order, with their vectors
        unless only keywords are searched; every document has an entry (empty when its chunks are
        gone: a later version will replace it)."""
        if not versions:
            return {}
        grouped: dict[str, list[Chunk]] = {doc: [] for doc in versions}
        rows: dict[str, list[int]] = {doc: [] for doc in versions}
        if self.mode == "bm25":
            chunks, vectors = self.store.chunks(list(versions.values())), None
        else:
            chunks, found = self.store.chunks_with_vectors(list(versions.values()))
            vectors = np.asarray(found, dtype=np.float32).reshape(len(chunks), self.embedder.dim)
        for row, chunk in enumerate(chunks):
            grouped.setdefault(chunk.doc_id, []).append(chunk)
            rows.setdefault(chunk.doc_id, []).append(row)
        if vectors is None:
            return {doc: (chunks, None) for doc, chunks in grouped.items()}
        # A document's rows are adjacent in the store's reading order: views, not copies, of what
        # can be half a gigabyte of vectors.
        return {doc: (grouped[doc], _rows(vectors, at)) for doc, at in rows.items()}

    def _update(self, index: KeywordIndex, generation: float) -> KeywordIndex:
        """`index` with the documents whose live version changed since swapped: only those are
        read from the store, re-analysed and re-indexed."""
        records = self.catalog.documents()
        versions = {r.doc_id: r.version for r in records}
        removed = [d for d, v in index.versions.items() if versions.get(d) != v]
        added = {d: v for d, v in versions.items() if index.versions.get(d) != v}
        if not removed and not added:
            return replace(index, generation=generation)
        if added and not self.store.wrote(added.values()):
            # Another process wrote these versions: the store's open handles may not know them yet.
            self.store.reopen()
        if len(added) > self.settings.retrieval.keyword_rebuild_share * len(versions):
            # Most of the index changed (a rebuild, a first ingest): reading it all is cheaper.
            fresh = self._build(generation)
            give_back_free_memory()  # the old index is garbage now
            return fresh
        rows, surfaces, acronyms = self._rows(self._read(added))
        counts = dict(index.lexicon.counts)
        for term, n in index.bm25.base_counts(removed).items():
            if counts[term] == n:
                del counts[term]
            else:
                counts[term] -= n
        for term, n in count_terms(terms for document in rows for terms in document.terms).items():
            counts[term] = counts.get(term, 0) + n
        live_surfaces = dict(index.surfaces)
        for doc in removed:
            for word in index.doc_surfaces.get(doc, ()):
                if live_surfaces[word] == 1:
                    del live_surfaces[word]
                else:
                    live_surfaces[word] -= 1
        for words in surfaces.values():
            for word in words:
                live_surfaces[word] = live_surfaces.get(word, 0) + 1
        gone = set(removed)
        doc_acronyms = {d: a for d, a in index.doc_acronyms.items() if d not in gone} | acronyms
        lexicon, resplit = index.lexicon.successor(counts, live_surfaces, _merged(doc_acronyms.values()))
        bm25 = index.bm25.updated(removed, rows, lexicon.parts, resplit)
        doc_surfaces = {d: w for d, w in index.doc_surfaces.items() if d not in gone} | surfaces
        reading, position = _reading(index.reading, index.position, removed, rows)
        return KeywordIndex(
            generation, versions, lexicon, bm25, reading, position, live_surfaces, doc_surfaces, doc_acronyms
        )

    def _rows(
        self, documents: Mapping[str, tuple[list[Chunk], np.ndarray | None]]
    ) -> tuple[list[DocumentRows[Chunk]], dict[str, tuple[str, ...]], dict[str, Acronyms]]:
        """Each document's chunks with their base terms (and vectors), the surface words it uses
        and the acronyms it defines."""
        analysed = self._analysed
        rows: list[DocumentRows[Chunk]] = []
        surfaces: dict[str, tuple[str, ...]] = {}
        acronyms: dict[str, Acronyms] = {}
        for doc_id, (chunks, vectors) in documents.items():
            terms: list[list[str]] = []
            words: set[str] = set()
            defined: dict[str, tuple[str, ...]] = {}
            notes = footnotes(chunks)
            for chunk in chunks:
                for acronym, long_form in defined_acronyms(chunk.text).items():
                    key, expansion = base_terms(acronym), tuple(base_terms(long_form))
                    if len(key) == 1 and expansion:
                        defined[key[0]] = expansion
                text = indexed_text(chunk, [note.text for note in chunk_notes(chunk, notes)])
                found = analysed.get(text)
                if found is None:
                    found = analyze(text)
                    if len(analysed) >= ANALYSED_CACHE_SIZE:
                        analysed.clear()
                    analysed[text] = found
                terms.append(found[0])
                words.update(found[1])
            rows.append(DocumentRows(doc_id, chunks, terms, vectors))
            surfaces[doc_id] = tuple(words)
            if defined:
                acronyms[doc_id] = defined
        return rows, surfaces, acronyms


def _rows(matrix: np.ndarray, at: list[int]) -> np.ndarray:
    if at and at[-1] - at[0] + 1 == len(at):
        return matrix[at[0] : at[-1] + 1]
    return matrix[at]


def _merged(documents: Iterable[Acronyms]) -> Acronyms:
    """One table of the acronyms the documents define; an acronym two documents spell out
    differently stands for the terms of both."""
    merged: dict[str, tuple[str, ...]] = {}
    for defined in documents:
        for acronym, terms in defined.items():
            merged[acronym] = tuple(dict.fromkeys((*merged.get(acronym, ()), *terms)))
    return merged


def _count_surfaces(documents: Iterable[Iterable[str]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for words in documents:
        for word in words:
            counts[word] = counts.get(word, 0) + 1
    return counts


def _reading(
    reading: Mapping[str, tuple[Chunk, ...]],
    position: Mapping[str, Mapping[str, int]],
    removed: Sequence[str],
    rows: Sequence[DocumentRows[Chunk]],
) -> tuple[dict[str, tuple[Chunk, ...]], dict[str, Mapping[str, int]]]:
    """Per document, its chunks in reading order and where each stands (copied per document, so
    an update costs the documents it touches)."""
    gone = set(removed)
    new_reading = {d: chunks for d, chunks in reading.items() if d not in gone}
    new_position = {d: places for d, places in position.items() if d not in gone}
    for document in rows:
        ordered = tuple(sorted(document.keys, key=lambda c: (int(c.meta.get("order", 0)), c.page_start)))
        new_reading[document.doc_id] = ordered
        new_position[document.doc_id] = {c.id: i for i, c in enumerate(ordered)}
    return new_reading, new_position
