"""The real roles with timers or caches around them: what the ingest spends embedding, storing
and publishing, and query vectors computed once for the growth run."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np

from assistant.catalog import Catalog
from assistant.embedders.delegating import DelegatingEmbedder
from assistant.embedders.query_cache import QueryCachingEmbedder
from assistant.errors import IngestError
from assistant.protocols import Embedder, Store
from assistant.types import Chunk, DocumentMeta, Page

_EVERY_QUERY = 1_000_000  # the growth run asks a few dozen questions at every size


class _WrappedEmbedder(DelegatingEmbedder):
    """Passes through to the embedder, under its name, so version ids match; with a lock for what
    a subclass counts."""

    def __init__(self, inner: Embedder) -> None:
        super().__init__(inner)
        self._lock = threading.Lock()


class TimedEmbedder(_WrappedEmbedder):
    """Adds up the time spent embedding passages."""

    def __init__(self, inner: Embedder) -> None:
        super().__init__(inner)
        self.passage_s = 0.0
        self.passages = 0

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        started = time.perf_counter()
        out = self.inner.embed_passages(texts)
        with self._lock:
            self.passage_s += time.perf_counter() - started
            self.passages += len(texts)
        return out

    def reset_timers(self) -> None:
        with self._lock:
            self.passage_s, self.passages = 0.0, 0


class CachedQueryEmbedder(QueryCachingEmbedder):
    """Query vectors computed once: growth latency then shows what grows with the index, not the
    query embedding, which costs the same at every size (measured on its own in the latency part)."""

    def __init__(self, inner: Embedder) -> None:
        super().__init__(inner, capacity=_EVERY_QUERY)


class NoEmbedding(CachedQueryEmbedder):
    """For an unchanged re-ingest: a document that would need embedding fails (reported) instead
    of silently spending minutes on the model."""

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        raise IngestError("bench: this re-ingest would embed; the corpus differs from the index")


class TimedStore:
    """The real store with `add` and `delete_version` timed."""

    def __init__(self, inner: Store) -> None:
        self.inner = inner
        self.add_s = 0.0
        self.delete_s = 0.0

    def add(self, chunks: Sequence[Chunk], vectors: np.ndarray, version: str) -> None:
        started = time.perf_counter()
        self.inner.add(chunks, vectors, version)
        self.add_s += time.perf_counter() - started

    def delete_version(self, version: str) -> None:
        started = time.perf_counter()
        self.inner.delete_version(version)
        self.delete_s += time.perf_counter() - started

    def versions(self) -> set[str]:
        return self.inner.versions()

    def query(self, vector: np.ndarray, k: int, versions: Sequence[str]) -> list[tuple[Chunk, float]]:
        return self.inner.query(vector, k, versions)

    def chunks(self, versions: Sequence[str]) -> list[Chunk]:
        return self.inner.chunks(versions)

    def chunks_with_vectors(self, versions: Sequence[str]) -> tuple[list[Chunk], np.ndarray]:
        return self.inner.chunks_with_vectors(versions)

    def count(self) -> int:
        return self.inner.count()

    def reopen(self) -> None:
        self.inner.reopen()

    def wrote(self, versions: Iterable[str]) -> bool:
        return self.inner.wrote(versions)

    def reset(self) -> None:
        self.inner.reset()

    def reset_timers(self) -> None:
        self.add_s = self.delete_s = 0.0


class TimedCatalog(Catalog):
    """The real catalog with `publish` timed."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.publish_s = 0.0

    def publish(
        self,
        meta: DocumentMeta,
        version: str,
        sha256: str,
        path: str,
        pages: Sequence[Page],
        chunk_count: int,
        on_commit: Callable[[], None] | None = None,
    ) -> None:
        started = time.perf_counter()
        super().publish(meta, version, sha256, path, pages, chunk_count, on_commit)
        self.publish_s += time.perf_counter() - started
