"""Any `Retriever` as a LangChain `BaseRetriever`, so LangChain chains can use our hybrid search."""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from assistant.protocols import Retriever
from assistant.types import Filters, SearchHit


class RetrieverAsLangChain(BaseRetriever):
    """Returns one `Document` per hit: the chunk text, and where it comes from in `metadata`."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    retriever: Any  # a `Retriever`; pydantic cannot validate a Protocol
    k: int = 10
    filters: Filters | None = None

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        retriever: Retriever = self.retriever
        found = retriever.search(query, k=self.k, filters=self.filters)
        return [hit_to_document(hit) for hit in found.hits]


def hit_to_document(hit: SearchHit) -> Document:
    chunk = hit.chunk
    metadata: dict[str, Any] = {
        "doc": chunk.doc_id,
        "chunk_id": chunk.id,
        "page_start": chunk.page_start,
        "page_end": chunk.page_end,
        "section": chunk.section,
        "score": hit.score,
        "municipality": chunk.meta.get("municipality", ""),
    }
    return Document(page_content=chunk.text, metadata=metadata)
