"""Okapi BM25 over pre-tokenised chunks, kept in segments so that adding or removing a document
touches that document's rows and a few totals, never the whole index.

The layout follows Lucene: rows live in immutable segments; a removed row is a tombstone (its
segment's `alive` flag is cleared) until a merge drops it; a new document becomes a small
segment, and small segments are merged as they pile up (each merge roughly doubles a segment, so
there are O(log n) of them and a row is rewritten O(log n) times). What changes with every
document (the number of live rows, their average length, each term's document frequency) is kept
as running totals and applied at query time, so no stored weight goes stale.

A row keeps its base terms (the words of the chunk) and its index terms: the base terms plus what
`expand` gives for each (compound parts, which depend on the corpus vocabulary). When the
vocabulary changes what a term expands to, the rows holding that term are re-expanded from their
stored base terms: removed and added again, like a Lucene update.

Rows may also carry their chunk's dense vector, so that the live rows and nothing else can be
searched exactly by similarity (`nearest`), with the same bookkeeping: a selection of documents
reads only their rows, which lie together in a segment.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Generic, TypeVar

import numpy as np
import scipy.sparse as sp

K = TypeVar("K")
# The extra index terms of a base term (its compound parts); `()` for most terms.
Expand = Callable[[str], Sequence[str]]

# Merged segments stop growing here, so one merge costs at most this many rows (a fraction of a
# second at 100,000 rows), however large the index: a document is added in bounded time.
MAX_SEGMENT_ROWS = 65_536
# A segment is merged into its predecessor while that one is less than this many times larger:
# sizes then fall geometrically from the oldest segment to the newest.
MERGE_FACTOR = 2
# A segment with more than this share of tombstones is rewritten with its live rows only.
MAX_DEAD_SHARE = 0.5


def _no_parts(term: str) -> Sequence[str]:
    return ()


@dataclass(frozen=True)
class DocumentRows(Generic[K]):
    """One document's rows: a key per row (what a search returns), each row's base terms, and
    optionally each row's dense vector (then `nearest` searches them)."""

    doc_id: str
    keys: Sequence[K]
    terms: Sequence[Sequence[str]]
    vectors: np.ndarray | None = None


@dataclass(frozen=True)
class _Segment(Generic[K]):
    """Rows added together. `base` (rows x terms, CSR) holds base-term counts, `tf` (CSC, so a
    query reads only its own terms' columns) the index-term counts; neither changes after the
    segment is made, only `alive` does, and that by copy."""

    keys: tuple[K, ...]
    docs: np.ndarray  # document code of each row
    base: sp.csr_matrix
    tf: sp.csc_matrix
    lengths: np.ndarray  # index terms per row
    alive: np.ndarray
    live: int
    vectors: np.ndarray | None  # unit vectors, row for row (None: the index has none)
    spans: dict[int, tuple[int, int]]  # document code -> its rows (a document's rows are adjacent)

    @property
    def rows(self) -> int:
        return len(self.keys)


class BM25Index(Generic[K]):
    """Immutable: every change returns a new index that shares the untouched segments, so a search
    in flight keeps a consistent view and many threads can search one index."""

    def __init__(
        self,
        documents: Iterable[DocumentRows[K]] = (),
        expand: Expand = _no_parts,
        k1: float = 1.2,
        b: float = 0.75,
    ) -> None:
        self.k1, self.b = k1, b
        self.vocabulary: dict[str, int] = {}
        self._names: list[str] = []
        self._doc_codes: dict[str, int] = {}
        self._segments: tuple[_Segment[K], ...] = ()
        self._df = np.zeros(0, dtype=np.int64)  # live rows holding each index term
        self._base_df = np.zeros(0, dtype=np.int64)  # live rows holding each base term
        self._live = 0
        self._total_length = 0.0
        self._docs_live: frozenset[str] = frozenset()
        batch: list[DocumentRows[K]] = []
        size = 0
        for document in documents:
            batch.append(document)
            size += len(document.keys)
            if size >= MAX_SEGMENT_ROWS:
                self._append(self._segment(batch, expand))
                batch, size = [], 0
        if batch:
            self._append(self._segment(batch, expand))

    # --- reading -------------------------------------------------------------------------------

    def __len__(self) -> int:
        """Live rows."""
        return self._live

    def __contains__(self, term: object) -> bool:
        code = self.vocabulary.get(term) if isinstance(term, str) else None
        return code is not None and self._df[code] > 0

    @property
    def has_vectors(self) -> bool:
        return all(s.vectors is not None for s in self._segments)

    @property
    def documents(self) -> frozenset[str]:
        """Documents with live rows."""
        return self._docs_live

    def idf(self, term: str) -> float:
        """Lucene's idf, never negative (a term in most rows still counts a little); 0 if absent."""
        code = self.vocabulary.get(term)
        if code is None or self._df[code] == 0:
            return 0.0
        return float(self._idf(self._df[code : code + 1])[0])

    def _idf(self, df: np.ndarray) -> np.ndarray:
        return np.log1p((self._live - df + 0.5) / (df + 0.5))

    def base_counts(self, doc_ids: Collection[str] | None = None) -> dict[str, int]:
        """How many live rows hold each base term: of all documents, or of `doc_ids`."""
        if doc_ids is None:
            return {self._names[i]: int(self._base_df[i]) for i in np.flatnonzero(self._base_df)}
        counts = np.zeros(len(self._names), dtype=np.int64)
        for segment, rows in self._rows_of(doc_ids):
            block = segment.base[rows]
            counts[: block.shape[1]] += np.bincount(block.indices, minlength=block.shape[1])
        return {self._names[i]: int(counts[i]) for i in np.flatnonzero(counts)}

    def search(
        self,
        query: Mapping[str, float] | Sequence[str],
        k: int,
        allowed: Collection[str] | None = None,
    ) -> list[tuple[K, float]]:
        """Top-k (key, score), best first; rows without any query term are left out. Query terms
        may carry weights (a plain list weighs 1 each); `allowed` restricts to those documents."""
        if k <= 0 or not self._live:
            return []
        weights = query if isinstance(query, Mapping) else dict.fromkeys(query, 1.0)
        codes = [self.vocabulary[t] for t in weights if t in self]
        if not codes:
            return []
        columns = np.asarray(codes, dtype=np.int64)
        factor = self._idf(self._df[columns]) * np.asarray(
            [weights[t] for t in weights if t in self], dtype=np.float64
        )
        average = self._total_length / self._live or 1.0
        wanted = self._allowed_codes(allowed)
        if wanted is not None and not wanted.size:
            return []
        found: list[tuple[float, int, int]] = []  # (score, segment, row)
        for number, segment in enumerate(self._segments):
            if segment.live:
                scores = self._segment_scores(segment, columns, factor, average, wanted)
                found.extend((float(scores[r]), number, int(r)) for r in _top(scores, k))
        # Stable tie-break on row order keeps results reproducible.
        found.sort(key=lambda hit: (-hit[0], hit[1], hit[2]))
        return [(self._segments[s].keys[r], score) for score, s, r in found[:k]]

    def scores(self, query: Mapping[str, float] | Sequence[str]) -> dict[K, float]:
        """Every matching row's score, by key (for tests and diagnostics)."""
        return dict(self.search(query, max(1, self._live)))

    def nearest(
        self, vector: np.ndarray, k: int, allowed: Collection[str] | None = None
    ) -> list[tuple[K, float]]:
        """Top-k (key, cosine similarity) by the rows' vectors, exactly, most similar first;
        `allowed` restricts to those documents, whose rows are read alone (a document's rows are
        adjacent), so a narrow selection costs what it holds, not what the index holds."""
        if k <= 0 or not self._live:
            return []
        query = np.asarray(vector, dtype=np.float32).ravel()
        norm = float(np.linalg.norm(query))
        query = query / norm if norm else query
        wanted = self._allowed_codes(allowed)
        if wanted is not None and not wanted.size:
            return []
        found: list[tuple[float, int, int]] = []
        for number, segment in enumerate(self._segments):
            if not segment.live:
                continue
            if segment.vectors is None:
                raise ValueError("this index holds no vectors")
            if wanted is None:
                rows = np.arange(segment.rows)
                similarity = segment.vectors @ query
            else:
                spans = [segment.spans[c] for c in wanted.tolist() if c in segment.spans]
                if not spans:
                    continue
                rows = np.concatenate([np.arange(a, b) for a, b in spans])
                similarity = np.concatenate([segment.vectors[a:b] @ query for a, b in spans])
            live = segment.alive[rows]
            rows, similarity = rows[live], similarity[live]
            if rows.size > k:
                best = np.argpartition(-similarity, k - 1)[:k]
                rows, similarity = rows[best], similarity[best]
            found.extend((float(s), number, int(r)) for s, r in zip(similarity, rows, strict=True))
        found.sort(key=lambda hit: (-hit[0], hit[1], hit[2]))
        return [(self._segments[s].keys[r], score) for score, s, r in found[:k]]

    def _segment_scores(
        self,
        segment: _Segment[K],
        columns: np.ndarray,
        factor: np.ndarray,
        average: float,
        wanted: np.ndarray | None,
    ) -> np.ndarray:
        inside = columns < segment.tf.shape[1]  # terms first seen after this segment was made
        block = segment.tf[:, columns[inside]]
        rows = block.indices
        term_of_entry = np.repeat(np.flatnonzero(inside), np.diff(block.indptr))
        keep = segment.alive[rows]
        if wanted is not None:
            keep &= np.isin(segment.docs[rows], wanted)
        rows, term_of_entry = rows[keep], term_of_entry[keep]
        freq = block.data[keep].astype(np.float64)
        k1, b = self.k1, self.b
        norm = k1 * (1.0 - b + b * segment.lengths[rows] / average)
        gains = freq * (k1 + 1.0) / (freq + norm) * factor[term_of_entry]
        return np.bincount(rows, weights=gains, minlength=segment.rows)

    def _allowed_codes(self, allowed: Collection[str] | None) -> np.ndarray | None:
        if allowed is None:
            return None
        wanted = self._docs_live.intersection(allowed)
        if len(wanted) == len(self._docs_live):
            return None  # every document: no need to test each row
        return np.asarray([self._doc_codes[d] for d in wanted], dtype=np.int32)

    def _rows_of(self, doc_ids: Collection[str]) -> list[tuple[_Segment[K], np.ndarray]]:
        codes = [self._doc_codes[d] for d in doc_ids if d in self._doc_codes]
        if not codes:
            return []
        wanted = np.asarray(codes, dtype=np.int32)
        out = []
        for segment in self._segments:
            rows = np.flatnonzero(segment.alive & np.isin(segment.docs, wanted))
            if rows.size:
                out.append((segment, rows))
        return out

    def rows_with_terms(self, terms: Iterable[str]) -> set[str]:
        """Documents whose live rows hold any of `terms` as a base term."""
        codes = [self.vocabulary[t] for t in terms if t in self.vocabulary]
        found: set[str] = set()
        if not codes:
            return found
        names = {code: name for name, code in self._doc_codes.items()}
        for segment in self._segments:
            inside = [c for c in codes if c < segment.base.shape[1]]
            if not inside or not segment.live:
                continue
            # Index-term columns hold every row with the base term (and some with it as a part).
            candidates = np.unique(segment.tf[:, inside].indices)
            candidates = candidates[segment.alive[candidates]]
            if candidates.size:
                hits = segment.base[candidates][:, inside].getnnz(axis=1) > 0
                found.update(names[int(c)] for c in np.unique(segment.docs[candidates[hits]]))
        return found

    # --- changing ------------------------------------------------------------------------------

    def updated(
        self,
        removed: Collection[str] = (),
        added: Sequence[DocumentRows[K]] = (),
        expand: Expand = _no_parts,
        reexpand: Collection[str] = (),
    ) -> BM25Index[K]:
        """A new index without the rows of `removed`, with `added`, and with the rows of documents
        holding a base term in `reexpand` (terms whose expansion changed) expanded again by
        `expand`, which must be the expansion of the vocabulary after the change."""
        new = self._copy()
        redo = self.rows_with_terms(reexpand) - set(removed) if reexpand else set()
        again = [new._stored_rows(doc) for doc in sorted(redo)]
        new._remove(set(removed) | redo)
        fresh = [*again, *added]
        if fresh:
            new._append(new._segment(fresh, expand))
        new._merge()
        return new

    def _copy(self) -> BM25Index[K]:
        new: BM25Index[K] = BM25Index.__new__(BM25Index)
        new.__dict__.update(self.__dict__)
        # Shared structures are replaced, never mutated, by the copy (see `_grow` and `_remove`).
        return new

    def _stored_rows(self, doc_id: str) -> DocumentRows[K]:
        keys: list[K] = []
        terms: list[list[str]] = []
        vectors: list[np.ndarray] = []
        for segment, rows in self._rows_of([doc_id]):
            if segment.vectors is not None:
                vectors.append(segment.vectors[rows])
            block = segment.base[rows]
            for i, row in enumerate(rows):
                keys.append(segment.keys[row])
                start, end = block.indptr[i], block.indptr[i + 1]
                terms.append(
                    [
                        self._names[c]
                        for c, n in zip(block.indices[start:end], block.data[start:end], strict=True)
                        for _ in range(int(n))
                    ]
                )
        return DocumentRows(doc_id, keys, terms, np.concatenate(vectors) if vectors else None)

    def _remove(self, doc_ids: Collection[str]) -> None:
        if not doc_ids:
            return
        df, base_df = self._df.copy(), self._base_df.copy()
        by_segment = {id(s): rows for s, rows in self._rows_of(doc_ids)}
        segments: list[_Segment[K]] = []
        for segment in self._segments:
            rows = by_segment.get(id(segment))
            if rows is None:
                segments.append(segment)
                continue
            df[: segment.tf.shape[1]] -= np.bincount(
                _row_terms(segment.tf, rows), minlength=segment.tf.shape[1]
            )
            base = segment.base[rows]
            base_df[: base.shape[1]] -= np.bincount(base.indices, minlength=base.shape[1])
            self._live -= int(rows.size)
            self._total_length -= float(segment.lengths[rows].sum())
            alive = segment.alive.copy()
            alive[rows] = False
            segments.append(replace(segment, alive=alive, live=segment.live - int(rows.size)))
        self._df, self._base_df = df, base_df
        self._segments = tuple(s for s in segments if s.live)
        self._docs_live = self._docs_live - set(doc_ids)
        if not self._live:
            self._total_length = 0.0  # no float drift once empty

    def _grow(self, terms: Iterable[str]) -> None:
        """Give new terms a column (copy on write: older indexes keep their vocabulary)."""
        fresh = [t for t in dict.fromkeys(terms) if t not in self.vocabulary]
        if not fresh:
            return
        self.vocabulary = {**self.vocabulary, **{t: len(self._names) + i for i, t in enumerate(fresh)}}
        self._names = [*self._names, *fresh]
        pad = np.zeros(len(fresh), dtype=np.int64)
        self._df = np.concatenate([self._df, pad])
        self._base_df = np.concatenate([self._base_df, pad])

    def _segment(self, documents: Sequence[DocumentRows[K]], expand: Expand) -> _Segment[K]:
        """Rows of `documents` as one segment; grows the vocabulary, not the totals (`_append`)."""
        for document in documents:
            if len(document.keys) != len(document.terms):
                raise ValueError("one key per row")
            if document.vectors is not None and len(document.vectors) != len(document.keys):
                raise ValueError("one vector per row")
        self._grow(t for document in documents for terms in document.terms for t in terms)
        new_docs = [d.doc_id for d in documents if d.doc_id not in self._doc_codes]
        if new_docs:
            start = len(self._doc_codes)
            self._doc_codes = {
                **self._doc_codes,
                **{d: start + i for i, d in enumerate(dict.fromkeys(new_docs))},
            }
        vocabulary = self.vocabulary
        keys = [key for document in documents for key in document.keys]
        doc_codes = np.repeat(
            np.asarray([self._doc_codes[d.doc_id] for d in documents], dtype=np.int32),
            [len(d.keys) for d in documents],
        )
        lengths_in = np.fromiter(
            (len(terms) for document in documents for terms in document.terms),
            dtype=np.int64,
            count=len(keys),
        )
        indptr = np.concatenate([[0], np.cumsum(lengths_in)])
        indices = np.fromiter(
            (vocabulary[t] for document in documents for terms in document.terms for t in terms),
            dtype=np.int32,
            count=int(indptr[-1]),
        )
        ones = np.ones(indices.size, dtype=np.float32)
        # Duplicate (row, term) entries are summed: the matrix holds term frequencies.
        base = sp.csr_matrix((ones, indices, indptr), shape=(len(keys), len(self._names)))
        base.sum_duplicates()
        expansion = self._expansion(np.unique(base.indices), expand)  # may add part terms
        base.resize((len(keys), len(self._names)))
        tf = sp.csr_matrix(base @ expansion, dtype=np.float32)
        lengths = np.asarray(tf.sum(axis=1), dtype=np.float32).ravel()
        vectors = None
        filled = [d for d in documents if d.keys]
        if filled and all(d.vectors is not None for d in filled):
            vectors = _unit(np.concatenate([np.asarray(d.vectors, dtype=np.float32) for d in filled]))
        return _Segment(
            keys=tuple(keys),
            docs=doc_codes,
            base=base,
            tf=tf.tocsc(),
            lengths=lengths,
            alive=np.ones(len(keys), dtype=bool),
            live=len(keys),
            vectors=vectors,
            spans=_spans(doc_codes),
        )

    def _expansion(self, codes: np.ndarray, expand: Expand) -> sp.csr_matrix:
        """Base term -> index terms (itself and its parts), as a terms x terms matrix."""
        parts = {code: expand(self._names[code]) for code in codes.tolist()}
        self._grow(p for found in parts.values() for p in found)
        rows: list[int] = []
        cols: list[int] = []
        for code, found in parts.items():
            rows.append(code)
            cols.append(code)
            for part in found:
                rows.append(code)
                cols.append(self.vocabulary[part])
        n = len(self._names)
        data = np.ones(len(rows), dtype=np.float32)
        return sp.csr_matrix((data, (rows, cols)), shape=(n, n))

    def _append(self, segment: _Segment[K]) -> None:
        if not segment.rows:
            return  # documents without chunks: nothing to find
        df, base_df = self._df.copy(), self._base_df.copy()
        df[: segment.tf.shape[1]] += np.diff(segment.tf.indptr)
        base_df[: segment.base.shape[1]] += np.bincount(segment.base.indices, minlength=segment.base.shape[1])
        self._df, self._base_df = df, base_df
        self._live += segment.live
        self._total_length += float(segment.lengths.sum())
        self._segments = (*self._segments, segment)
        self._docs_live = self._docs_live | self._names_of(segment.docs)

    def _names_of(self, codes: np.ndarray) -> frozenset[str]:
        names = {code: name for name, code in self._doc_codes.items()}
        return frozenset(names[int(c)] for c in np.unique(codes))

    def _merge(self) -> None:
        """Rewrite mostly-dead segments, then merge the newest into its predecessor while they are
        of a size (and the result stays under MAX_SEGMENT_ROWS)."""
        segments = [
            self._rewrite([s]) if s.live < s.rows * (1 - MAX_DEAD_SHARE) else s for s in self._segments
        ]
        while len(segments) > 1:
            older, newer = segments[-2], segments[-1]
            if older.live >= MERGE_FACTOR * newer.live or older.live + newer.live > MAX_SEGMENT_ROWS:
                break
            segments[-2:] = [self._rewrite([older, newer])]
        self._segments = tuple(segments)

    def _rewrite(self, segments: Sequence[_Segment[K]]) -> _Segment[K]:
        """The live rows of `segments` as one segment; the totals stay (same rows, and each live
        row already holds the current expansion: `updated` re-expands rows when it changes)."""
        keys: list[K] = []
        docs: list[np.ndarray] = []
        bases: list[sp.csr_matrix] = []
        tfs: list[sp.csr_matrix] = []
        lengths: list[np.ndarray] = []
        vectors: list[np.ndarray] = []
        n_terms = len(self._names)
        for segment in segments:
            rows = np.flatnonzero(segment.alive)
            if segment.vectors is not None:
                vectors.append(segment.vectors[rows])
            keys.extend(segment.keys[r] for r in rows)
            docs.append(segment.docs[rows])
            base = sp.csr_matrix(segment.base[rows])
            base.resize((rows.size, n_terms))
            bases.append(base)
            tf = sp.csr_matrix(segment.tf[rows])
            tf.resize((rows.size, n_terms))
            tfs.append(tf)
            lengths.append(segment.lengths[rows])
        codes = np.concatenate(docs)
        return _Segment(
            keys=tuple(keys),
            docs=codes,
            base=sp.csr_matrix(sp.vstack(bases, format="csr")),
            tf=sp.csc_matrix(sp.vstack(tfs, format="csr")),
            lengths=np.concatenate(lengths),
            alive=np.ones(len(keys), dtype=bool),
            live=len(keys),
            vectors=np.concatenate(vectors) if len(vectors) == len(segments) else None,
            spans=_spans(codes),
        )


def _unit(vectors: np.ndarray) -> np.ndarray:
    """`vectors` (a fresh array) scaled in place to unit length."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors /= np.where(norms == 0, 1.0, norms)
    return vectors


def _spans(codes: np.ndarray) -> dict[int, tuple[int, int]]:
    """Each document's first row and the row after its last (its rows are adjacent)."""
    if not codes.size:
        return {}
    starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
    ends = np.r_[starts[1:], codes.size]
    return {int(codes[a]): (int(a), int(b)) for a, b in zip(starts, ends, strict=True)}


def _row_terms(matrix: sp.csc_matrix, rows: np.ndarray) -> np.ndarray:
    """The column of every entry of `matrix` in `rows`, without converting the whole matrix (a
    big segment's conversion would cost more than the rest of a document's removal)."""
    chosen = np.zeros(matrix.shape[0], dtype=bool)
    chosen[rows] = True
    positions = np.flatnonzero(chosen[matrix.indices])
    return np.searchsorted(matrix.indptr, positions, side="right") - 1


def _top(scores: np.ndarray, k: int) -> np.ndarray:
    hits = np.flatnonzero(scores > 0)
    if hits.size > k:
        hits = hits[np.argpartition(-scores[hits], k - 1)[:k]]
    return hits
