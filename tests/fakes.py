"""Test doubles shared by the test suites.

`MemoryStore` implements the `Store` protocol in memory with exact cosine search, so tests of
retrieval, ingestion and answering run without Chroma. It behaves like the real store where it
matters: chunks are grouped by `version`, queries only see the versions asked for, similarity is
cosine (higher is better), and `chunks()` returns chunks in reading order.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence

import numpy as np

from assistant.types import Chunk


class MemoryStore:
    """In-memory `Store`: one (chunk, unit vector, version) row per chunk; thread-safe."""

    def __init__(self) -> None:
        self._chunks: list[Chunk] = []
        self._versions: list[str] = []
        self._vectors = np.zeros((0, 0), dtype=np.float32)
        self._lock = threading.Lock()
        self.queries = 0  # number of `query` calls, so tests can check that dense search ran
        self.reopened = 0

    def add(self, chunks: Sequence[Chunk], vectors: np.ndarray, version: str) -> None:
        vectors = np.asarray(vectors, dtype=np.float32)
        if len(chunks) != len(vectors):
            raise ValueError(f"{len(chunks)} chunks but {len(vectors)} vectors")
        if not chunks:
            return
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        unit = vectors / np.where(norms == 0, 1.0, norms)
        with self._lock:
            if self._vectors.size and self._vectors.shape[1] != unit.shape[1]:
                raise ValueError("vector dimension differs from the vectors already stored")
            self._vectors = unit if not self._chunks else np.vstack([self._vectors, unit])
            self._chunks.extend(chunks)
            self._versions.extend([version] * len(chunks))

    def delete_version(self, version: str) -> None:
        with self._lock:
            keep = [i for i, v in enumerate(self._versions) if v != version]
            self._chunks = [self._chunks[i] for i in keep]
            self._versions = [self._versions[i] for i in keep]
            self._vectors = self._vectors[keep] if keep else np.zeros((0, 0), dtype=np.float32)

    def versions(self) -> set[str]:
        with self._lock:
            return set(self._versions)

    def query(self, vector: np.ndarray, k: int, versions: Sequence[str]) -> list[tuple[Chunk, float]]:
        """Top-k chunks of the given versions by cosine similarity, best first."""
        with self._lock:
            self.queries += 1
            wanted = set(versions)
            rows = [i for i, v in enumerate(self._versions) if v in wanted]
            if not rows or k <= 0:
                return []
            query = np.asarray(vector, dtype=np.float32)
            norm = float(np.linalg.norm(query))
            sims = self._vectors[rows] @ (query / norm if norm else query)
            # Ties broken by insertion order, like a deterministic exact index would.
            order = np.lexsort((np.arange(len(rows)), -sims))[:k]
            return [(self._chunks[rows[i]], float(sims[i])) for i in order]

    def chunks(self, versions: Sequence[str]) -> list[Chunk]:
        """All chunks of the given versions in reading order (document, page, insertion order)."""
        with self._lock:
            wanted = set(versions)
            rows = [i for i, v in enumerate(self._versions) if v in wanted]
            picked = [(self._chunks[i], i) for i in rows]
        picked.sort(key=lambda ci: (ci[0].doc_id, ci[0].page_start, ci[1]))
        return [c for c, _ in picked]

    def chunks_with_vectors(self, versions: Sequence[str]) -> tuple[list[Chunk], np.ndarray]:
        """`chunks(versions)` and their (unit) vectors, row for row."""
        with self._lock:
            wanted = set(versions)
            rows = [i for i, v in enumerate(self._versions) if v in wanted]
            rows.sort(key=lambda i: (self._chunks[i].doc_id, self._chunks[i].page_start, i))
            if not rows:
                return [], np.zeros((0, 0), dtype=np.float32)
            return [self._chunks[i] for i in rows], self._vectors[rows].copy()

    def count(self) -> int:
        with self._lock:
            return len(self._chunks)

    def reopen(self) -> None:
        self.reopened += 1  # nothing is cached: memory is the store

    def wrote(self, versions: Iterable[str]) -> bool:
        return False  # tests share one store between "processes": readers always reopen

    def reset(self) -> None:
        with self._lock:
            self._chunks, self._versions = [], []
            self._vectors = np.zeros((0, 0), dtype=np.float32)


class TableVocabulary:
    """A `Vocabulary` whose terms are the lower-case words; idf from a table, every other word
    common (1.0)."""

    def __init__(self, idf: dict[str, float] | None = None) -> None:
        self._idf = idf or {}

    def terms(self, text: str) -> list[str]:
        return text.lower().split()

    def idf(self, term: str) -> float:
        return self._idf.get(term, 1.0)

    def query_terms(self, text: str) -> dict[str, float]:
        return dict.fromkeys(text.lower().split(), 1.0)
