from __future__ import annotations

from pathlib import Path

from assistant.adapters.langchain_retriever import RetrieverAsLangChain
from assistant.types import Filters
from tests.answering_support import TWENTERAND, world


def test_hits_become_documents_with_source_metadata(tmp_path: Path) -> None:
    built = world(tmp_path)
    filters = Filters(municipalities=("Twenterand",))
    adapter = RetrieverAsLangChain(retriever=built.retriever, k=3, filters=filters)
    docs = adapter.invoke("laaggeletterdheid")
    assert docs and len(docs) <= 3
    first = docs[0]
    assert "laaggeletterdheid" in first.page_content.lower()
    assert first.metadata["doc"] == TWENTERAND.doc_id
    assert first.metadata["municipality"] == "Twenterand"
    assert {"chunk_id", "page_start", "page_end", "section", "score"} <= set(first.metadata)
    assert all(d.metadata["doc"] == TWENTERAND.doc_id for d in docs)
