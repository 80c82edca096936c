"""The Chroma store: versions, filters, paging past Chroma's row limit, the embedder guard,
reopening; each embedded and against a real Chroma server (`chroma run`)."""

from __future__ import annotations

import uuid
from dataclasses import replace
from pathlib import Path

import numpy as np
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


def _spy_queries(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    """Every `query` Chroma gets, with its arguments."""
    from chromadb.api.models.Collection import Collection

    calls: list[dict[str, object]] = []
    original = Collection.query

    def spy(self: Collection, *args: object, **kwargs: object) -> object:
        calls.append(kwargs)
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Collection, "query", spy)
    return calls


def test_live_versions_are_searched_without_a_version_filter(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The filter on the live versions would grow with the index (Chroma scans its metadata for
    it); live chunks are found by asking for a few more and dropping the other versions."""
    embedder = HashEmbedder(16)
    store = ChromaStore(_approximate(settings), embedder)
    for doc, version in (("a", "v1"), ("b", "v2"), ("a", "v3")):  # v3: a's next version, not live
        chunks = _chunks(doc, 3)
        store.add(chunks, embedder.embed_passages([c.text for c in chunks]), version)
    calls = _spy_queries(monkeypatch)
    hits = store.query(embedder.embed_query("jeugdhulp in a"), 4, ["v1", "v2"])
    assert len(hits) == 4 and all(c.meta.get("version") is None for c, _ in hits)
    assert {c.doc_id for c, _ in hits} <= {"a", "b"}
    assert calls and all("where" not in call or call["where"] is None for call in calls)
    assert [s for _, s in hits] == sorted((s for _, s in hits), reverse=True)


def test_a_narrow_selection_is_found_among_many_other_versions(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = _approximate(settings)
    embedder = HashEmbedder(16)
    store = ChromaStore(settings, embedder)
    for n in range(40):
        chunks = _chunks(f"d{n}", 2)
        store.add(chunks, embedder.embed_passages([c.text for c in chunks]), f"v{n}")
    target = [replace(c, text=f"scootmobiel {i}") for i, c in enumerate(_chunks("t", 2))]
    store.add(target, embedder.embed_passages(["iets heel anders", "nog iets anders"]), "vt")
    query = embedder.embed_query("jeugdhulp")
    # Widening the scan finds the two chunks among 82.
    assert {c.text for c, _ in store.query(query, 2, ["vt"])} == {"scootmobiel 0", "scootmobiel 1"}
    # Past the scan limit the store filters on the versions asked for.
    narrow = settings.model_copy(update={"index": settings.index.model_copy(update={"dense_scan_limit": 8})})
    calls = _spy_queries(monkeypatch)
    found = ChromaStore(narrow, embedder).query(query, 2, ["vt"])
    assert {c.text for c, _ in found} == {"scootmobiel 0", "scootmobiel 1"}
    assert calls[-1].get("where") == {"version": "vt"}


def _approximate(settings: Settings) -> Settings:
    """Settings whose dense search always asks Chroma's approximate index."""
    return settings.model_copy(update={"index": settings.index.model_copy(update={"exact_search_limit": 0})})


def test_a_small_store_is_searched_exactly_and_the_same_after_a_reopen(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = np.random.default_rng(7)
    store = ChromaStore(settings, HashEmbedder(16))
    vectors = {version: rng.normal(size=(150, 16)).astype(np.float32) for version in ("v1", "v2")}
    for version, doc in (("v1", "a"), ("v2", "b")):
        chunks = [replace(c, text=f"{doc} {c.id}") for c in _chunks(doc, 150)]
        store.add(chunks, vectors[version], version)
    query = rng.normal(size=16).astype(np.float32)
    calls = _spy_queries(monkeypatch)
    unit = vectors["v1"] / np.linalg.norm(vectors["v1"], axis=1, keepdims=True)
    expected = [f"a-{i}" for i in np.argsort(-(unit @ (query / np.linalg.norm(query))))[:25]]
    found = store.query(query, 25, ["v1"])
    # Every vector of the live version is compared: the true nearest, in order, none of v2.
    assert [c.id for c, _ in found] == expected
    assert [s for _, s in found] == sorted((s for _, s in found), reverse=True)
    assert calls == []  # Chroma's approximate index was not asked
    store.reopen()
    assert [c.id for c, _ in ChromaStore(settings, HashEmbedder(16)).query(query, 25, ["v1"])] == expected
    assert [c.id for c, _ in store.query(query, 25, ["v1"])] == expected
    # A version added since is searched too.
    store.add(_chunks("c", 1), query[None, :], "v3")
    assert store.query(query, 1, ["v1", "v3"])[0][0].id == "c-0"
