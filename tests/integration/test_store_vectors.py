"""`Store.chunks_with_vectors`: the chunks of `chunks()` with their stored vectors, row for row,
in the Chroma store (paging past the row limit) and in the test double."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import assistant.store_chroma as store_module
from assistant.embedders.hashing import HashEmbedder
from assistant.protocols import Store
from assistant.settings import Settings
from assistant.store_chroma import ChromaStore
from assistant.types import Chunk
from evals.bench.roles import TimedStore
from tests.fakes import MemoryStore

EMBEDDER = HashEmbedder(16)


def _chunks(doc: str, n: int) -> list[Chunk]:
    # Added in reverse reading order, so the store has to sort them.
    return [
        Chunk(id=f"{doc}-{i}", doc_id=doc, text=f"passage {i} over armoede in {doc}", page_start=i + 1,
              page_end=i + 1, meta={"order": i})
        for i in reversed(range(n))
    ]  # fmt: skip


@pytest.fixture(params=["chroma", "memory", "timed"])
def store(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setattr(store_module, "GET_PAGE", 4)  # stands in for Chroma's 32,766-row limit
    if request.param == "memory":
        return MemoryStore()
    chroma = ChromaStore(Settings(home=tmp_path), EMBEDDER)
    return TimedStore(chroma) if request.param == "timed" else chroma


def test_vectors_come_back_row_for_row_in_reading_order(store: Store) -> None:
    added: dict[str, np.ndarray] = {}
    for doc, version, n in (("a", "v1", 11), ("b", "v2", 3)):
        chunks = _chunks(doc, n)
        vectors = EMBEDDER.embed_passages([c.text for c in chunks])
        store.add(chunks, vectors, version)
        added.update({c.id: v for c, v in zip(chunks, vectors, strict=True)})
    assert isinstance(store, Store)
    chunks, vectors = store.chunks_with_vectors(["v1"])
    assert chunks == store.chunks(["v1"]) and [c.id for c in chunks] == [f"a-{i}" for i in range(11)]
    assert vectors.dtype == np.float32 and vectors.shape == (11, EMBEDDER.dim)
    np.testing.assert_allclose(vectors, np.stack([added[c.id] for c in chunks]), atol=1e-6)
    both, both_vectors = store.chunks_with_vectors(["v1", "v2"])
    assert len(both) == len(both_vectors) == 14 and {c.doc_id for c in both} == {"a", "b"}


def test_no_chunks_no_vectors(store: Store) -> None:
    for versions in ([], ["nothing"]):
        chunks, vectors = store.chunks_with_vectors(versions)
        assert chunks == [] and vectors.shape == (0, 0)
