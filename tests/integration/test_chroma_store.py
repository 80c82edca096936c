"""The Chroma store: versions, filters, paging past Chroma's row limit, the embedder guard,
reopening; each embedded and against a real Chroma server (`chroma run`)."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

import assistant.store_chroma as store_module
from assistant.embedders.hashing import HashEmbedder
from assistant.errors import EmbedderMismatchError
from assistant.settings import Settings
from assistant.store_chroma import ChromaStore
from assistant.types import Chunk, Span


def _chunks(doc: str, n: int) -> list[Chunk]:
    return [
        Chunk(
            id=f"{doc}-{i}",
            doc_id=doc,
            text=f"passage {i} over jeugdhulp in {doc}",
            page_start=i + 1,
            page_end=i + 2,
            section="2 Jeugd > 2.1 Hulp",
            kind="table" if i == 0 else "text",
            spans=(Span(i + 1, 0, 10), Span(i + 2, 0, 5)),
            also_on=(9,),
            unit="x € 1.000" if i == 0 else "",
            amounts_eur=(1000.0,) if i == 0 else (),
            meta={"municipality": "Almelo", "year": 2022, "order": i},
        )
        for i in range(n)
    ]


@pytest.fixture(params=["embedded", "server"])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    if request.param == "embedded":
        return Settings(home=tmp_path)
    port = request.getfixturevalue("chroma_port")
    # One server for the session: each test its own collection.
    return Settings(
        home=tmp_path, chroma_host="127.0.0.1", chroma_port=port, collection=f"t{uuid.uuid4().hex[:10]}"
    )


def test_round_trip_keeps_every_field(settings: Settings) -> None:
    embedder = HashEmbedder(16)
    store = ChromaStore(settings, embedder)
    chunks = _chunks("a", 3)
    store.add(chunks, embedder.embed_passages([c.text for c in chunks]), "v1")
    back = store.chunks(["v1"])
    assert back == chunks  # dataclass equality covers spans, pages, table fields
    assert back[0].meta["municipality"] == "Almelo" and back[0].meta["year"] == 2022


def test_queries_see_only_the_versions_asked_for(settings: Settings) -> None:
    embedder = HashEmbedder(16)
    store = ChromaStore(settings, embedder)
    for doc, version in (("a", "v1"), ("b", "v2")):
        chunks = _chunks(doc, 2)
        store.add(chunks, embedder.embed_passages([c.text for c in chunks]), version)
    hits = store.query(embedder.embed_query("jeugdhulp in b"), 10, ["v2"])
    assert hits and {c.doc_id for c, _ in hits} == {"b"}
    assert all(-1.0 <= score <= 1.0 for _, score in hits)
    store.delete_version("v2")
    assert store.versions() == {"v1"} and store.query(embedder.embed_query("x"), 5, ["v2"]) == []


def test_reads_page_past_the_row_limit(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "GET_PAGE", 4)  # stands in for Chroma's 32,766-row limit
    embedder = HashEmbedder(16)
    store = ChromaStore(settings, embedder)
    chunks = _chunks("a", 11)
    store.add(chunks, embedder.embed_passages([c.text for c in chunks]), "v1")
    assert len(store.chunks(["v1"])) == 11 and store.versions() == {"v1"}


def test_other_embedder_is_refused(settings: Settings) -> None:
    ChromaStore(settings, HashEmbedder(16)).count()
    with pytest.raises(EmbedderMismatchError, match="rebuild"):
        ChromaStore(settings, HashEmbedder(8)).count()


def test_a_second_store_sees_what_the_first_wrote_after_a_reopen(settings: Settings) -> None:
    """Two processes on one index: the reader reopens when the catalog says a version went live."""
    embedder = HashEmbedder(16)
    reader, writer = ChromaStore(settings, embedder), ChromaStore(settings, embedder)
    first = _chunks("a", 2)
    writer.add(first, embedder.embed_passages([c.text for c in first]), "v1")
    reader.reopen()
    assert {c.doc_id for c, _ in reader.query(embedder.embed_query("jeugdhulp"), 5, ["v1"])} == {"a"}
    second = _chunks("b", 2)
    writer.add(second, embedder.embed_passages([c.text for c in second]), "v2")
    writer.delete_version("v1")
    reader.reopen()
    assert {c.doc_id for c, _ in reader.query(embedder.embed_query("jeugdhulp"), 5, ["v2"])} == {"b"}
    assert reader.versions() == {"v2"} and reader.count() == 2
