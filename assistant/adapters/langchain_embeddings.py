"""Our `Embedder` as a LangChain `Embeddings`, so LangChain recipes (vector stores, retrievers)
run on the very same model and vectors as the assistant."""

from __future__ import annotations

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.protocols import Embedder


class EmbedderAsLangChain(Embeddings):
    """Keeps the query/passage distinction: e5 models embed the two with different prefixes."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        vectors: list[list[float]] = np.asarray(self.embedder.embed_passages(texts), dtype=float).tolist()
        return vectors

    def embed_query(self, text: str) -> list[float]:
        vector: list[float] = np.asarray(self.embedder.embed_query(text), dtype=float).tolist()
        return vector
