"""One function that builds the assistant from settings; nothing heavy happens until first use."""

from __future__ import annotations

from assistant.catalog import Catalog
from assistant.core import Assistant
from assistant.embedders import make_embedder
from assistant.evidence import CatalogEvidence
from assistant.protocols import Embedder
from assistant.register.store import RegisterStore
from assistant.settings import Settings
from assistant.store_chroma import ChromaStore


def build_store(settings: Settings, embedder: Embedder) -> ChromaStore:
    return ChromaStore(settings, embedder)


def build_assistant(
    settings: Settings | None = None, embedder: Embedder | None = None, retrieval_mode: str = "hybrid"
) -> Assistant:
    from assistant.answering import make_answerer
    from assistant.answering.unit_vectors import UnitVectors
    from assistant.retrieval import HybridRetriever

    settings = settings or Settings()
    embedder = embedder or make_embedder(settings)
    catalog = Catalog(settings.catalog_path)
    store = build_store(settings, embedder)
    retriever = HybridRetriever(store, embedder, catalog, settings, mode=retrieval_mode)
    # One evidence service (page texts, verification) for every answerer.
    evidence = CatalogEvidence(catalog)
    answerer = make_answerer(settings, retriever, evidence, UnitVectors(embedder))
    register = RegisterStore(settings.register_path)
    if settings.answer.use_register:
        from assistant.register.answer import RegisterAnswerer

        # Comparing and across-documents questions are answered from the register; the rest
        # (and whatever the register has nothing for) falls through to the passage answerer.
        answerer = RegisterAnswerer(register, answerer, evidence, retriever=retriever)
    return Assistant(
        settings=settings,
        catalog=catalog,
        store=store,
        embedder=embedder,
        retriever=retriever,
        answerer=answerer,
        register=register,
    )
