"""Answerers: extractive (default, offline) and generative through an LLM (optional)."""

from __future__ import annotations

from assistant.answering.unit_vectors import UnitVectors
from assistant.protocols import Answerer, Evidence, Retriever
from assistant.settings import Settings


def make_answerer(
    settings: Settings, retriever: Retriever, evidence: Evidence, vectors: UnitVectors | None = None
) -> Answerer:
    from assistant.answering.extractive import ExtractiveAnswerer

    extractive = ExtractiveAnswerer(settings, retriever, evidence, vectors)
    if settings.llm.provider == "none":
        return extractive
    from assistant.adapters.langchain_llm import make_llm
    from assistant.answering.generative import GenerativeAnswerer

    return GenerativeAnswerer(settings, retriever, evidence, make_llm(settings), fallback=extractive)
