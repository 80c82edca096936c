from __future__ import annotations

from langchain_core.documents import Document

from assistant.adapters.langchain_retriever import RetrieverAsLangChain
from assistant.types import Chunk, Filters, SearchHit


class StubRetriever:
    def __init__(self) -> None:
        self.calls: list[tuple[str, int, Filters | None]] = []

    def search(self, query: str, k: int = 10, filters: Filters | None = None) -> list[SearchHit]:
        self.calls.append((query, k, filters))
        chunk = Chunk(
            id="c1",
            doc_id="leusden-kader",
            text="Mantelzorgers krijgen steun.",
            page_start=3,
            page_end=4,
            section="Mantelzorg",
            meta={"municipality": "Leusden"},
        )
        return [SearchHit(chunk, 0.5, 0.8, 3.2)]


def test_hits_become_documents_with_source_metadata() -> None:
    stub = StubRetriever()
    filters = Filters(municipalities=("Leusden",))
    adapter = RetrieverAsLangChain(retriever=stub, k=3, filters=filters)
    docs = adapter.invoke("mantelzorg")
    assert docs == [
        Document(
            page_content="Mantelzorgers krijgen steun.",
            metadata={
                "doc": "leusden-kader",
                "chunk_id": "c1",
                "page_start": 3,
                "page_end": 4,
                "section": "Mantelzorg",
                "score": 0.5,
                "municipality": "Leusden",
            },
        )
    ]
    assert stub.calls == [("mantelzorg", 3, filters)]
