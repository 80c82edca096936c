"""Small interfaces for the roles in the pipeline, so implementations can be swapped and faked."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from assistant.types import Answer, Chunk, Filters, SearchHit


@runtime_checkable
class Embedder(Protocol):
    """Turns text into unit vectors. Queries and passages may be embedded differently (e5)."""

    @property
    def name(self) -> str: ...

    @property
    def dim(self) -> int: ...

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


@runtime_checkable
class Store(Protocol):
    """Persistent vector store of chunks; `version` groups the chunks of one document ingest."""

    def add(self, chunks: Sequence[Chunk], vectors: np.ndarray, version: str) -> None: ...

    def delete_version(self, version: str) -> None: ...

    def versions(self) -> set[str]: ...

    def query(
        self, vector: np.ndarray, k: int, versions: Sequence[str]
    ) -> list[tuple[Chunk, float]]: ...

    def chunks(self, versions: Sequence[str]) -> list[Chunk]: ...

    def count(self) -> int: ...


@runtime_checkable
class Retriever(Protocol):
    def search(self, query: str, k: int = 10, filters: Filters | None = None) -> list[SearchHit]: ...


@runtime_checkable
class Answerer(Protocol):
    def answer(self, question: str, filters: Filters | None = None) -> Answer: ...


@runtime_checkable
class LLM(Protocol):
    """A chat model reduced to what we need: system + user text in, text out."""

    @property
    def name(self) -> str: ...

    def complete(self, system: str, user: str) -> str: ...
