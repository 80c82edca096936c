"""The base of an embedder that adds something to another (a cache, a timer): every call is
handed to the inner one, under its name, so index versions made through either match."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from assistant.protocols import Embedder


class DelegatingEmbedder:
    """An `Embedder` that hands every call to `inner`; subclasses override what they add to."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def dim(self) -> int:
        return self.inner.dim

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.embed_passages(texts)

    def embed_query(self, text: str) -> np.ndarray:
        return self.inner.embed_query(text)
