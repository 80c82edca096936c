"""The `naive` baseline: the LangChain recipe most people start from, on our embedding model.

pypdf text per page -> `RecursiveCharacterTextSplitter(1000, 200)` -> Chroma -> the top 4 chunks
pasted as the answer, each cited with its page. It never refuses and never shortens anything, so
it shows what our chunking, ranking, refusals and short verified quotes are worth.

The recipe's usual `PyPDFLoader` is reproduced with plain pypdf (same `extract_text()`, same
one-Document-per-page) to avoid depending on langchain-community; its `page` metadata is 0-based,
ours 1-based, as the eval contract counts pages. `langchain-chroma` is not a dependency either, so
the Chroma part talks to chromadb directly, always with our vectors (Chroma's default embedding
function would download a different model).
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from langchain_core.documents import Document

from assistant.adapters.langchain_embeddings import EmbedderAsLangChain
from assistant.protocols import Embedder
from assistant.types import Answer, Chunk, Citation, SearchHit

CHUNK_SIZE = 1000
CHUNK_OVERLAP = 200
ANSWER_CHUNKS = 4  # LangChain's retriever default k
RETRIEVED = 10  # the eval contract wants at least the top 10
ADD_BATCH = 256


def load_pdf_pages(paths: Sequence[Path]) -> list[Document]:
    """One Document per page, like PyPDFLoader, with the file stem as `doc` and a 1-based `page`."""
    from pypdf import PdfReader

    documents = []
    for path in paths:
        for number, page in enumerate(PdfReader(str(path)).pages, 1):
            metadata = {"source": str(path), "doc": Path(path).stem, "page": number}
            documents.append(Document(page_content=page.extract_text(), metadata=metadata))
    return documents


def split_pages(pages: Sequence[Document]) -> list[Document]:
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP)
    return splitter.split_documents(list(pages))


def index_fingerprint(embedder_name: str, paths: Sequence[Path]) -> str:
    """Changes when the model, the recipe or any PDF's bytes change: then the index is rebuilt."""
    digest = hashlib.sha256(f"{embedder_name}|{CHUNK_SIZE}|{CHUNK_OVERLAP}".encode())
    for path in sorted(Path(p) for p in paths):
        digest.update(path.stem.encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:24]


def _chroma_client(index_dir: Path | None) -> Any:
    # Telemetry off before chromadb is imported: it reads the environment at import time.
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    logging.getLogger("chromadb.telemetry").setLevel(logging.CRITICAL)
    settings = ChromaSettings(anonymized_telemetry=False)
    if index_dir is None:
        return chromadb.EphemeralClient(settings=settings)
    index_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(index_dir), settings=settings)


class NaiveRAG:
    """`ask(question) -> Answer`. Builds its index on construction (or reuses the one in
    `index_dir` built from the same PDFs and model), so question latency is query time only."""

    name = "naive"

    def __init__(self, embedder: Embedder, pdf_paths: Sequence[Path], index_dir: Path | None = None) -> None:
        if not pdf_paths:
            raise ValueError("the naive baseline needs at least one PDF")
        self.embeddings = EmbedderAsLangChain(embedder)
        self._client = _chroma_client(index_dir)
        fingerprint = index_fingerprint(embedder.name, pdf_paths)
        # In-memory clients share one process-wide store: a unique name keeps instances apart.
        name = f"naive-{fingerprint}" if index_dir else f"naive-{fingerprint}-{uuid.uuid4().hex[:8]}"
        self._ephemeral = index_dir is None
        started = time.perf_counter()
        self._collection, self.reused = self._open_or_build(name, embedder.name, pdf_paths)
        self.build_s = time.perf_counter() - started

    def _open_or_build(self, name: str, embedder_name: str, paths: Sequence[Path]) -> tuple[Any, bool]:
        existing = {c.name for c in self._client.list_collections()}
        if name in existing:
            collection = self._client.get_collection(name, embedding_function=None)
            # A build that was interrupted leaves fewer chunks than it recorded: rebuild it.
            if collection.count() == (collection.metadata or {}).get("chunks"):
                return collection, True
            self._client.delete_collection(name)
        chunks = split_pages(load_pdf_pages(paths))
        collection = self._client.create_collection(
            name,
            embedding_function=None,
            metadata={"embedder": embedder_name, "chunks": len(chunks)},
            configuration={"hnsw": {"space": "cosine"}},
        )
        for start in range(0, len(chunks), ADD_BATCH):
            batch = chunks[start : start + ADD_BATCH]
            texts = [d.page_content for d in batch]
            collection.add(
                ids=[f"{d.metadata['doc']}:p{d.metadata['page']}:c{start + i}" for i, d in enumerate(batch)],
                embeddings=self.embeddings.embed_documents(texts),
                documents=texts,
                metadatas=[{"doc": d.metadata["doc"], "page": d.metadata["page"]} for d in batch],
            )
        return collection, False

    def count(self) -> int:
        """Chunks in the index."""
        return int(self._collection.count())

    def search(self, question: str, k: int = RETRIEVED) -> list[SearchHit]:
        count = self.count()
        if count == 0:
            return []
        found = self._collection.query(
            query_embeddings=[self.embeddings.embed_query(question)],
            n_results=min(k, count),
            include=["documents", "metadatas", "distances"],
        )
        hits = []
        for chunk_id, text, meta, distance in zip(
            found["ids"][0], found["documents"][0], found["metadatas"][0], found["distances"][0], strict=True
        ):
            page, similarity = int(meta["page"]), 1.0 - float(distance)
            chunk = Chunk(id=chunk_id, doc_id=str(meta["doc"]), text=text, page_start=page, page_end=page)
            hits.append(SearchHit(chunk=chunk, score=similarity, dense_score=similarity))
        return hits

    def ask(self, question: str) -> Answer:
        started = time.perf_counter()
        hits = self.search(question)
        top = hits[:ANSWER_CHUNKS]
        return Answer(
            question=question,
            text="\n\n".join(h.chunk.text for h in top),
            refused=False,
            citations=[
                Citation(doc=h.chunk.doc_id, page=h.chunk.page_start, quote=h.chunk.text, chunk_id=h.chunk.id)
                for h in top
            ],
            retrieved=hits,
            latency_ms=(time.perf_counter() - started) * 1000,
        )

    def close(self) -> None:
        """Free an in-memory index; a persisted one is kept for the next run."""
        if self._ephemeral:
            self._client.delete_collection(self._collection.name)
