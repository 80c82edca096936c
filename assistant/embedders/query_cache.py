"""Query vectors kept for the next time the same text is asked.

A question is embedded more than once: a refusal looks in the other municipalities' documents
with the same question, a follow-up ("En in Leusden?") can be resolved to a question asked
before, and a chat UI asks again on reload. A query vector costs ~50 ms on two cores; a cached one
nothing. Passages are not cached here: ingest embeds each once, and the answerer keeps its own
cache of sentence vectors (`UnitVectors`).
"""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np

from assistant.embedders.delegating import DelegatingEmbedder
from assistant.protocols import Embedder


class QueryCachingEmbedder(DelegatingEmbedder):
    """An `Embedder` that answers `embed_query` from a bounded LRU cache in front of another."""

    def __init__(self, inner: Embedder, capacity: int) -> None:
        super().__init__(inner)
        self.capacity = capacity
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def sharing_model(self) -> QueryCachingEmbedder:
        """Another cache in front of the same model: a system measured beside this one (an eval
        baseline) embeds its own questions rather than finding them embedded."""
        return QueryCachingEmbedder(self.inner, self.capacity)

    def embed_query(self, text: str) -> np.ndarray:
        with self._lock:
            cached = self._cache.get(text)
            if cached is not None:
                self._cache.move_to_end(text)
                return cached
        vector = np.asarray(self.inner.embed_query(text), dtype=np.float32)
        vector.flags.writeable = False  # shared by every caller that asks the same
        if self.capacity > 0:
            with self._lock:
                self._cache[text] = vector
                while len(self._cache) > self.capacity:
                    self._cache.popitem(last=False)
        return vector
