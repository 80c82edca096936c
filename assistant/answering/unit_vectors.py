"""Dense similarity between the question and candidate units, embedded on demand and cached.

Embedding every sentence at ingest would cost about as much again as embedding the chunks (the
same words pass through the model twice), so units are embedded when a question first needs them
and kept in a bounded cache: a question has the similarity of at most `budget` units, chosen by
the caller (the lexically best candidates), and a later question about the same passages does not
embed them again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from assistant.protocols import Embedder

EMBED_WORDS = 40


class UnitVectors:
    """Thread-safe LRU cache of passage vectors keyed by text."""

    def __init__(self, embedder: Embedder, capacity: int = 50_000) -> None:
        self.embedder = embedder
        self.capacity = capacity
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self.embedded = 0  # units embedded so far (a benchmark figure, and for tests)

    def similarities(
        self, query_vector: np.ndarray | None, texts: Sequence[str], budget: int
    ) -> list[float | None]:
        """Cosine similarity to the query of the first `budget` distinct texts, None for the rest
        (and for all when there is no query vector). A cached text is not embedded again, but it
        gets its own similarity only within the budget: the answer to a question must not depend
        on what was asked before it."""
        if query_vector is None or not texts:
            return [None] * len(texts)
        chosen = list(dict.fromkeys(texts))[: max(0, budget)]
        with self._lock:
            vectors = {t: self._cache[t] for t in chosen if t in self._cache}
            for text in vectors:
                self._cache.move_to_end(text)
        missing = [t for t in chosen if t not in vectors]
        if missing:
            # A sentence's gist is in its first words; the model's cost grows with every token.
            fresh = self.embedder.embed_passages([" ".join(t.split()[:EMBED_WORDS]) for t in missing])
            with self._lock:
                for text, vector in zip(missing, fresh, strict=True):
                    self._cache[text] = np.asarray(vector, dtype=np.float32)
                    vectors[text] = self._cache[text]
                self.embedded += len(missing)
                while len(self._cache) > self.capacity:
                    self._cache.popitem(last=False)
        query = np.asarray(query_vector, dtype=np.float32)
        return [float(vectors[t] @ query) if t in vectors else None for t in texts]
