"""Answerers: extractive (default, offline) and generative through an LLM (optional)."""

from __future__ import annotations

from assistant.catalog import Catalog
from assistant.protocols import Answerer, Embedder, Retriever
from assistant.settings import Settings


def make_answerer(settings: Settings, retriever: Retriever, embedder: Embedder, catalog: Catalog) -> Answerer:
    from assistant.answering.extractive import ExtractiveAnswerer

    extractive = ExtractiveAnswerer(settings, retriever, catalog)
    if settings.llm == "none":
        return extractive
    from assistant.adapters.langchain_llm import make_llm
    from assistant.answering.generative import GenerativeAnswerer

    return GenerativeAnswerer(settings, retriever, catalog, make_llm(settings), fallback=extractive)
