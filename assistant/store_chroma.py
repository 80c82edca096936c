"""Chunks and their vectors in Chroma: embedded and persisted under BELEID_HOME, or on a Chroma server.

We always hand Chroma our own vectors (its default embedding function would download a model) and
record the embedder's name and dimension on the collection, so an index is never queried with
vectors from another model.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

import numpy as np

from assistant.errors import BeleidError, EmbedderMismatchError
from assistant.prompts import say
from assistant.protocols import Embedder
from assistant.rwlock import ReadWriteLock
from assistant.settings import Settings
from assistant.types import Chunk, Span, UnitKind, UnitMark

log = logging.getLogger(__name__)
T = TypeVar("T")

ADD_BATCH = 256  # Chroma caps the size of one add; small batches also keep memory flat
# Chroma's embedded SQLite fails a `get` that returns more than 32,766 rows ("too many SQL
# variables"), so large reads go in pages.
GET_PAGE = 10_000
# Dense search asks Chroma for the nearest chunks of every version, without a filter, and keeps
# those of the versions asked for: a `where` on the versions costs Chroma a metadata scan that
# grows with the index (280 ms at 50,000 chunks against 6 ms unfiltered). Stale versions (written
# but not yet live, or live until their successor's publish) are few, so a little more than k
# usually suffices; a narrow selection widens the scan up to `index.dense_scan_limit` candidates
# and then falls back to the filter, which is cheap exactly when the selection is small.


class ChromaStore:
    """The `Store` on Chroma. Embedded Chroma keeps the vector index of a collection in memory,
    so another process that ingests leaves this one with a stale index ("Error finding id"):
    `reopen` drops the client and collection, and a read that fails is retried once after a
    reopen. The retriever reopens whenever the catalog says another version went live."""

    def __init__(self, settings: Settings, embedder: Embedder) -> None:
        self._settings = settings
        self._embedder = embedder  # name and dimension are read when the collection is opened
        self._client_handle: Any = None
        self._collection: Any = None
        self._epoch = 0  # how often the store was reopened; a retry reopens at most once per epoch
        self._lock = threading.Lock()
        self._in_use = ReadWriteLock()  # reads and writes share it; a reopen waits for them
        self._written: set[str] = set()  # versions this store added or deleted itself
        # The live chunks and their unit vectors for exact search, with what they were read for
        # (epoch, collection size, versions): another write or a reopen reads them again.
        self._matrix: tuple[tuple[Any, ...], list[Chunk], np.ndarray] | None = None

    def _client(self) -> Any:
        # Telemetry off before chromadb is imported: it reads the environment at import time.
        os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        logging.getLogger("chromadb.telemetry").setLevel(logging.CRITICAL)
        chroma_settings = ChromaSettings(anonymized_telemetry=False)
        index = self._settings.index
        if index.chroma_host:
            host, port = index.chroma_host, index.chroma_port
            return chromadb.HttpClient(host=host, port=port, settings=chroma_settings)
        self._settings.chroma_path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(self._settings.chroma_path), settings=chroma_settings)

    @property
    def collection(self) -> Any:
        with self._lock:
            if self._collection is None:
                name, dim = self._embedder.name, self._embedder.dim
                if self._client_handle is None:
                    self._client_handle = self._client()
                collection = self._client_handle.get_or_create_collection(
                    self._settings.index.collection,
                    embedding_function=None,
                    metadata={"embedder": name, "dim": dim},
                    configuration={"hnsw": {"space": "cosine"}},
                )
                meta = collection.metadata or {}
                if meta.get("embedder") != name or int(meta.get("dim", -1)) != dim:
                    raise EmbedderMismatchError(
                        say(
                            "error_embedder_mismatch",
                            built=meta.get("embedder"),
                            built_dim=meta.get("dim"),
                            current=name,
                            current_dim=dim,
                        )
                    )
                self._collection = collection
            return self._collection

    def reopen(self, seen_epoch: int | None = None) -> None:
        """Forget the open collection so the next read sees what other processes wrote.

        `seen_epoch` is the epoch a failed read started in: when another thread has reopened
        since, there is nothing left to do."""
        with self._in_use.exclusive():  # no read or write of this store is in flight
            with self._lock:
                if seen_epoch is not None and seen_epoch != self._epoch:
                    return
                client, self._client_handle, self._collection = self._client_handle, None, None
                self._epoch += 1
            if client is not None and not self._settings.index.chroma_host:
                # The last client of a path stops its Chroma system; the next one loads from disk.
                client.close()

    def _read(self, read: Callable[[Any], T]) -> T:
        """A read on the collection, retried once after a reopen when Chroma fails."""
        epoch = self._epoch
        try:
            with self._in_use.shared():
                return read(self.collection)
        except BeleidError:
            raise
        except Exception as exc:
            log.warning("Chroma read failed (%s); reopening the collection", " ".join(str(exc).split())[:200])
            self.reopen(seen_epoch=epoch)
            with self._in_use.shared():
                return read(self.collection)

    def reset(self) -> None:
        """Drop the collection (used by a rebuild with another embedder)."""
        with self._lock:
            if self._client_handle is None:
                self._client_handle = self._client()
            client = self._client_handle
            if self._settings.index.collection in [c.name for c in client.list_collections()]:
                client.delete_collection(self._settings.index.collection)
            self._collection = None

    def wrote(self, versions: Iterable[str]) -> bool:
        with self._lock:
            return self._written.issuperset(versions)

    def add(self, chunks: Sequence[Chunk], vectors: np.ndarray, version: str) -> None:
        with self._lock:
            self._written.add(version)
        for start in range(0, len(chunks), ADD_BATCH):
            batch = chunks[start : start + ADD_BATCH]
            with self._in_use.shared():
                self.collection.add(
                    ids=[f"{version}:{c.id}" for c in batch],
                    embeddings=np.asarray(vectors[start : start + ADD_BATCH], dtype=np.float32),
                    documents=[c.text for c in batch],
                    metadatas=[_to_metadata(c, version) for c in batch],
                )

    def delete_version(self, version: str) -> None:
        with self._lock:
            self._written.add(version)
        with self._in_use.shared():
            self.collection.delete(where={"version": version})

    def _get_all(
        self, where: dict[str, Any] | None, include: list[str]
    ) -> tuple[list[Any], list[Any], list[Any]]:
        return self._read(lambda collection: self._get_pages(collection, where, include))

    @staticmethod
    def _get_pages(
        collection: Any, where: dict[str, Any] | None, include: list[str]
    ) -> tuple[list[Any], list[Any], list[Any]]:
        """Documents, metadatas and embeddings (None where not included), page by page."""
        documents: list[Any] = []
        metadatas: list[Any] = []
        embeddings: list[Any] = []
        offset = 0
        while True:
            got = collection.get(where=where, include=include, limit=GET_PAGE, offset=offset)
            page = got["metadatas"] or []
            metadatas.extend(page)
            documents.extend(got.get("documents") or [None] * len(page))
            vectors = got.get("embeddings")  # a NumPy array: no truth value
            embeddings.extend(vectors if vectors is not None else [None] * len(page))
            if len(page) < GET_PAGE:
                return documents, metadatas, embeddings
            offset += GET_PAGE

    def versions(self) -> set[str]:
        _, metadatas, _ = self._get_all(None, ["metadatas"])
        return {m["version"] for m in metadatas}

    def query(self, vector: np.ndarray, k: int, versions: Sequence[str]) -> list[tuple[Chunk, float]]:
        """The k chunks of `versions` nearest to `vector`, nearest first: compared with every vector
        up to `index.exact_search_limit` chunks, else from Chroma's index (see `index.dense_scan_limit`)."""
        if not versions or k <= 0:
            return []
        query = np.asarray(vector, dtype=np.float32)
        exact = self._exact(query, k, versions)
        if exact is not None:
            return exact
        allowed = set(versions)
        limit, slack = self._settings.index.dense_scan_limit, self._settings.index.dense_scan_slack
        wanted = int(k * slack) + 1
        while True:
            found = self._nearest(query, wanted)
            ids = found["ids"][0] if found["ids"] else []
            distances = found["distances"][0] if found["distances"] else []
            kept = [(i, d) for i, d in zip(ids, distances, strict=True) if i.split(":", 1)[0] in allowed]
            if len(kept) >= k or len(ids) < wanted:
                break  # enough, or the whole collection was seen
            if wanted >= limit:
                return self._query_filtered(query, k, allowed)
            share = len(kept) / len(ids)
            wanted = min(limit, max(2 * wanted, int(k * slack / share) if share else 0))
        kept = kept[:k]
        if not kept:
            return []
        got = self._read(
            lambda collection: collection.get(ids=[i for i, _ in kept], include=["documents", "metadatas"])
        )
        rows = {
            i: (t, m)
            for i, t, m in zip(got["ids"], got["documents"] or [], got["metadatas"] or [], strict=True)
        }
        # cosine distance -> similarity, so higher is better everywhere above the store; a chunk
        # deleted between the two reads (a version just superseded) is left out.
        return [(_from_metadata(*rows[i]), 1.0 - float(d)) for i, d in kept if i in rows]

    def _exact(self, query: np.ndarray, k: int, versions: Sequence[str]) -> list[tuple[Chunk, float]] | None:
        """The k nearest live chunks by cosine similarity over every live vector, when the store
        holds at most `index.exact_search_limit` chunks; None above it. Chroma's HNSW index is
        approximate, and an embedded store rebuilds the part not yet synced to disk each time it
        opens, so the same question found a different chunk now and then (a nearest chunk missed
        in 1 to 2 of 150 questions, a different one from run to run)."""
        limit = self._settings.index.exact_search_limit
        if limit <= 0:
            return None
        size = self.count()
        if size > limit:
            return None
        key = (self._epoch, size, tuple(sorted(set(versions))))
        with self._lock:
            cached = self._matrix if self._matrix is not None and self._matrix[0] == key else None
        if cached is None:
            chunks, vectors = self.chunks_with_vectors(versions)
            if chunks:
                norms = np.linalg.norm(vectors, axis=1, keepdims=True)
                vectors = vectors / np.where(norms > 0, norms, 1.0)
            cached = (key, chunks, vectors)
            with self._lock:
                self._matrix = cached
        _, chunks, vectors = cached
        if not chunks:
            return []
        norm = float(np.linalg.norm(query))
        similarities = vectors @ (query / (norm if norm > 0 else 1.0))
        nearest = np.argsort(-similarities, kind="stable")[:k]
        return [(chunks[i], float(similarities[i])) for i in nearest]

    def _nearest(self, query: np.ndarray, n: int) -> dict[str, Any]:
        """Ids and distances of the n nearest chunks of any version (no documents: cheap)."""
        return self._read(
            lambda collection: collection.query(query_embeddings=[query], n_results=n, include=["distances"])
        )

    def _query_filtered(self, query: np.ndarray, k: int, versions: set[str]) -> list[tuple[Chunk, float]]:
        result = self._read(
            lambda collection: collection.query(
                query_embeddings=[query],
                n_results=k,
                where=_version_filter(sorted(versions)),
                include=["documents", "metadatas", "distances"],
            )
        )
        docs = result["documents"][0] if result["documents"] else []
        metas = result["metadatas"][0] if result["metadatas"] else []
        dists = result["distances"][0] if result["distances"] else []
        return [(_from_metadata(t, m), 1.0 - float(d)) for t, m, d in zip(docs, metas, dists, strict=True)]

    def chunks(self, versions: Sequence[str]) -> list[Chunk]:
        if not versions:
            return []
        documents, metadatas, _ = self._get_all(_version_filter(versions), ["documents", "metadatas"])
        chunks = [_from_metadata(t, m) for t, m in zip(documents, metadatas, strict=True)]
        return sorted(chunks, key=_reading_order)

    def chunks_with_vectors(self, versions: Sequence[str]) -> tuple[list[Chunk], np.ndarray]:
        """The chunks of `chunks(versions)`, in the same order, and their stored vectors row for row."""
        if not versions:
            return [], np.zeros((0, 0), dtype=np.float32)
        documents, metadatas, embeddings = self._get_all(
            _version_filter(versions), ["documents", "metadatas", "embeddings"]
        )
        rows = sorted(
            ((_from_metadata(t, m), v) for t, m, v in zip(documents, metadatas, embeddings, strict=True)),
            key=lambda row: _reading_order(row[0]),
        )
        if not rows:
            return [], np.zeros((0, 0), dtype=np.float32)
        return [c for c, _ in rows], np.asarray([v for _, v in rows], dtype=np.float32)

    def count(self) -> int:
        return int(self._read(lambda collection: collection.count()))


def _reading_order(chunk: Chunk) -> tuple[str, int, Any]:
    return chunk.doc_id, chunk.page_start, chunk.meta.get("order", 0)


def _version_filter(versions: Sequence[str]) -> dict[str, Any]:
    unique = sorted(set(versions))
    return {"version": unique[0]} if len(unique) == 1 else {"version": {"$in": unique}}


def _to_metadata(chunk: Chunk, version: str) -> dict[str, Any]:
    meta = {
        "version": version,
        "chunk_id": chunk.id,
        "doc_id": chunk.doc_id,
        "page_start": chunk.page_start,
        "page_end": chunk.page_end,
        "section": chunk.section,
        "kind": chunk.kind,
        "spans": json.dumps([[s.page, s.start, s.end] for s in chunk.spans]),
        "also_on": json.dumps(list(chunk.also_on)),
        "table_header": chunk.table_header,
        "unit": chunk.unit,
        "amounts_eur": json.dumps(list(chunk.amounts_eur)),
        "units": json.dumps([[m.start, m.end, m.kind.value, m.group] for m in chunk.units]),
    }
    # Document metadata is copied onto each chunk so a Chroma user can filter without our catalog.
    for key, value in chunk.meta.items():
        if isinstance(value, str | int | float | bool):
            meta[key] = value
    return meta


_CHUNK_KEYS = {
    "version",
    "chunk_id",
    "doc_id",
    "page_start",
    "page_end",
    "section",
    "kind",
    "spans",
    "also_on",
    "table_header",
    "unit",
    "amounts_eur",
    "units",
}


def _from_metadata(text: str, meta: dict[str, Any]) -> Chunk:
    return Chunk(
        id=str(meta["chunk_id"]),
        doc_id=str(meta["doc_id"]),
        text=text,
        page_start=int(meta["page_start"]),
        page_end=int(meta["page_end"]),
        section=str(meta.get("section", "")),
        kind=str(meta.get("kind", "text")),
        spans=tuple(Span(int(p), int(s), int(e)) for p, s, e in json.loads(meta.get("spans", "[]"))),
        also_on=tuple(int(p) for p in json.loads(meta.get("also_on", "[]"))),
        table_header=str(meta.get("table_header", "")),
        unit=str(meta.get("unit", "")),
        amounts_eur=tuple(float(a) for a in json.loads(meta.get("amounts_eur", "[]"))),
        units=tuple(
            UnitMark(int(s), int(e), UnitKind(k), int(g))
            for s, e, k, g in json.loads(meta.get("units", "[]"))
        ),
        meta={k: v for k, v in meta.items() if k not in _CHUNK_KEYS},
    )
