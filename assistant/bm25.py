"""Okapi BM25 over pre-tokenised chunks, as one sparse matrix so a query is a few column sums."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import scipy.sparse as sp


class BM25Index:
    """Immutable once built: safe to search from many threads.

    Rows are chunks (in the order given), each tagged with its document id so a search can be
    restricted to some documents without rebuilding.
    """

    def __init__(
        self,
        chunk_terms: Sequence[Sequence[str]],
        doc_ids: Sequence[str],
        k1: float = 1.2,
        b: float = 0.75,
    ) -> None:
        if len(chunk_terms) != len(doc_ids):
            raise ValueError("one document id per chunk")
        self.k1, self.b = k1, b
        self.vocabulary: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        for row, terms in enumerate(chunk_terms):
            for term in terms:
                rows.append(row)
                cols.append(self.vocabulary.setdefault(term, len(self.vocabulary)))
        n_chunks, n_terms = len(chunk_terms), len(self.vocabulary)
        data = np.ones(len(rows), dtype=np.float32)
        # Duplicate (row, col) entries are summed: the matrix holds term frequencies.
        tf = sp.csr_matrix((data, (rows, cols)), shape=(n_chunks, n_terms), dtype=np.float32)
        tf.sum_duplicates()
        lengths = np.asarray([len(t) for t in chunk_terms], dtype=np.float32)
        avg = float(lengths.mean()) if n_chunks and lengths.mean() > 0 else 1.0
        df = np.bincount(tf.indices, minlength=n_terms).astype(np.float32)
        # Lucene's idf: never negative, so a term in most chunks still counts a little.
        self.idf = np.log1p((n_chunks - df + 0.5) / (df + 0.5)).astype(np.float32)
        norm = k1 * (1.0 - b + b * lengths / avg)
        weighted = tf.copy()
        row_of_entry = np.repeat(np.arange(n_chunks), np.diff(tf.indptr))
        freq = weighted.data
        weighted.data = (freq * (k1 + 1.0) / (freq + norm[row_of_entry])) * self.idf[weighted.indices]
        # Column-major: a query touches only its own terms' columns.
        self._weights = weighted.tocsc()
        self._doc_codes, self._doc_names = self._encode(doc_ids)

    @staticmethod
    def _encode(doc_ids: Sequence[str]) -> tuple[np.ndarray, dict[str, int]]:
        names: dict[str, int] = {}
        codes = np.fromiter((names.setdefault(d, len(names)) for d in doc_ids), dtype=np.int32)
        return codes, names

    def __len__(self) -> int:
        return int(self._weights.shape[0])

    def __contains__(self, term: object) -> bool:
        return term in self.vocabulary

    def scores(self, query: Mapping[str, float] | Sequence[str]) -> np.ndarray:
        """BM25 score of every chunk; query terms may carry weights (a plain list weighs 1 each)."""
        weights = query if isinstance(query, Mapping) else dict.fromkeys(query, 1.0)
        cols = [self.vocabulary[t] for t in weights if t in self.vocabulary]
        if not cols:
            return np.zeros(len(self), dtype=np.float32)
        qw = np.asarray([weights[t] for t in weights if t in self.vocabulary], dtype=np.float32)
        return np.asarray(self._weights[:, cols] @ qw).ravel()

    def search(
        self,
        query: Mapping[str, float] | Sequence[str],
        k: int,
        allowed: set[str] | None = None,
    ) -> list[tuple[int, float]]:
        """Top-k (chunk index, score), best first; chunks without any query term are left out."""
        scores = self.scores(query)
        if allowed is not None:
            codes = [self._doc_names[d] for d in allowed if d in self._doc_names]
            scores = np.where(np.isin(self._doc_codes, codes), scores, 0.0)
        hits = np.flatnonzero(scores > 0)
        if k <= 0 or hits.size == 0:
            return []
        if hits.size > k:
            hits = hits[np.argpartition(-scores[hits], k - 1)[:k]]
        # Stable tie-break on chunk order keeps results reproducible.
        order = hits[np.lexsort((hits, -scores[hits]))]
        return [(int(i), float(scores[i])) for i in order]
