from __future__ import annotations

from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from assistant import retrieval
from assistant.catalog import Catalog
from assistant.embedders.hashing import HashEmbedder
from assistant.retrieval import (
    HybridRetriever,
    KeywordIndex,
    indexed_text,
    interleave,
    rrf_fuse,
)
from assistant.settings import Settings
from assistant.tokenize import base_terms
from assistant.types import Chunk, DocumentMeta, Filters, Page, SearchHit
from tests.answering_support import AnswerWorld
from tests.fakes import MemoryStore

DOCS = {
    "almelo-plan": DocumentMeta("almelo-plan", "Almelo", "Beleidsplan", 2022, "2022-", "beleidsplan"),
    "hengelo-prog": DocumentMeta("hengelo-prog", "Hengelo", "Programma", 2021, "2021-2025", "programma"),
    "leusden-kader": DocumentMeta("leusden-kader", "Leusden", "Kader", 2016, "2017-2020", "beleidskader"),
    "twenterand-nota": DocumentMeta(
        "twenterand-nota", "Twenterand", "Kadernota", 2019, "2020-2023", "kadernota"
    ),
}
TEXTS = {
    "almelo-plan": [
        "Almelo wil de schuldhulpverlening versterken voor inwoners met schulden.",
        "De mantelzorgers in Almelo krijgen respijtzorg en ondersteuning.",
        "Jeugdhulp wordt dichter bij huis georganiseerd in wijkteams.",
    ],
    "hengelo-prog": [
        "Hengelo meet het gebruik van geïndiceerde jeugdhulp: 12,6 procent van de jeugdigen.",
        "Mantelzorgers in Hengelo krijgen een mantelzorgwaardering.",
        "Eenzaamheid onder ouderen moet in 2024 zijn afgenomen.",
    ],
    "leusden-kader": [
        "Leusden ondersteunt mantelzorgers met informatie en advies.",
        "Mantelzorg in Leusden: mantelzorgers mantelzorg mantelzorgers respijt.",
        "Mantelzorgers mantelzorg mantelzorgondersteuning in Leusden voor alle mantelzorgers.",
    ],
    "twenterand-nota": [
        "Twenterand biedt mantelzorgers individuele ondersteuning via de mantelzorgconsulent.",
        "Het budget voor jeugdhulp stijgt in 2020 door indexering met 1.605 euro.",
        "Twenterand werkt met kernteams en zorgloketten.",
    ],
}


def make_chunks(doc_id: str, version: str, texts: list[str]) -> list[Chunk]:
    meta = DOCS[doc_id]
    return [
        Chunk(
            id=f"{doc_id}-{i}",
            doc_id=doc_id,
            text=text,
            page_start=i + 1,
            page_end=i + 1,
            meta={"municipality": meta.municipality, "version": version},
        )
        for i, text in enumerate(texts)
    ]


class World:
    """A catalog, a memory store and an embedder with the four test documents published."""

    def __init__(self, tmp_path: Path) -> None:
        self.catalog = Catalog(tmp_path / "catalog.sqlite")
        self.store = MemoryStore()
        self.embedder = HashEmbedder()
        self.settings = Settings(dense_candidates=20, bm25_candidates=20, rrf_k=60)
        for doc_id, texts in TEXTS.items():
            self.publish(doc_id, "v1", texts)

    def publish(self, doc_id: str, version: str, texts: list[str]) -> None:
        chunks = make_chunks(doc_id, version, texts)
        vectors = self.embedder.embed_passages([c.text for c in chunks])
        self.store.add(chunks, vectors, version=f"{doc_id}@{version}")
        pages = [Page(i + 1, t) for i, t in enumerate(texts)]
        self.catalog.publish(DOCS[doc_id], f"{doc_id}@{version}", "sha", "x.pdf", pages, len(chunks))

    def retriever(self, mode: str = "hybrid") -> HybridRetriever:
        return HybridRetriever(self.store, self.embedder, self.catalog, self.settings, mode=mode)


@pytest.fixture
def world(tmp_path: Path) -> World:
    return World(tmp_path)


def chunk(cid: str, doc: str = "d") -> Chunk:
    return Chunk(id=cid, doc_id=doc, text=cid, page_start=1, page_end=1)


def test_rrf_rewards_agreement_between_rankings() -> None:
    a, b, c = chunk("a"), chunk("b"), chunk("c")
    fused = rrf_fuse([(a, 0.9), (b, 0.8), (c, 0.7)], [(b, 5.0), (c, 4.0)], 60, 1.0, 1.0)
    assert [h.chunk.id for h in fused] == ["b", "c", "a"]
    top = fused[0]
    assert top.score == pytest.approx(1 / 62 + 1 / 61)
    assert (top.dense_score, top.bm25_score) == (0.8, 5.0)
    assert fused[2].bm25_score is None


def test_rrf_weights_shift_the_order() -> None:
    a, b = chunk("a"), chunk("b")
    assert rrf_fuse([(a, 1.0)], [(b, 1.0)], 60, 2.0, 1.0)[0].chunk.id == "a"
    assert rrf_fuse([(a, 1.0)], [(b, 1.0)], 60, 1.0, 2.0)[0].chunk.id == "b"


def test_indexed_text_adds_document_context() -> None:
    c = Chunk(
        id="x", doc_id="d", text="De tekst.", page_start=1, page_end=1, section="Jeugd",
        meta={"title": "Beleidskader", "municipality": "Leusden", "doc_type": "beleidskader"},
    )  # fmt: skip
    assert indexed_text(c).split("\n") == ["Beleidskader", "Leusden", "beleidskader", "Jeugd", "De tekst."]


def test_interleave_alternates_groups() -> None:
    def hits(prefix: str, scores: list[float]) -> list[SearchHit]:
        return [SearchHit(chunk(f"{prefix}{i}"), s) for i, s in enumerate(scores)]

    mixed = interleave([hits("x", [0.1, 0.09, 0.08]), hits("y", [0.5, 0.4])], 4)
    assert [h.chunk.id for h in mixed] == ["y0", "x0", "y1", "x1"]


@pytest.mark.parametrize("mode", ["hybrid", "dense", "bm25"])
def test_finds_the_relevant_chunk(world: World, mode: str) -> None:
    hits = world.retriever(mode).search("schuldhulpverlening schulden", k=3).hits
    assert hits[0].chunk.id == "almelo-plan-0"


def test_bm25_forgives_typos_diacritics_and_number_formats(world: World) -> None:
    retriever = world.retriever("bm25")
    assert retriever.search("geindiceerde jeugdhlup", k=1).hits[0].chunk.id == "hengelo-prog-0"
    assert retriever.search("1605", k=1).hits[0].chunk.id == "twenterand-nota-1"


def test_explicit_filters_by_municipality_year_type_and_doc(world: World) -> None:
    retriever = world.retriever()
    cases = {
        Filters(municipalities=("hengelo",)): {"hengelo-prog"},
        Filters(years=(2018,)): {"leusden-kader"},
        Filters(doc_types=("kadernota",)): {"twenterand-nota"},
        Filters(docs=("almelo-plan",)): {"almelo-plan"},
    }
    for filters, docs in cases.items():
        hits = retriever.search("mantelzorgers jeugdhulp", k=10, filters=filters).hits
        assert hits and {h.chunk.doc_id for h in hits} == docs, filters


def test_detected_municipality_is_applied_and_reported(world: World) -> None:
    found = world.retriever().search("Hoe steunt de Leusdense gemeente mantelzorgers?")
    hits, applied = found.hits, found.filters
    assert applied.municipalities == ("Leusden",)
    assert {h.chunk.doc_id for h in hits} == {"leusden-kader"}


def test_question_about_municipalities_in_general_is_not_narrowed(world: World) -> None:
    question = "Welke gemeenten steunen mantelzorgers, zoals Leusden?"
    assert world.retriever().search(question).filters.municipalities == ()


def test_detection_falls_back_when_it_leaves_nothing(world: World) -> None:
    retriever = world.retriever()
    found = retriever.search("mantelzorgers in Almelo", filters=Filters(doc_types=("kadernota",)))
    assert found.filters == Filters(doc_types=("kadernota",))
    assert {h.chunk.doc_id for h in found.hits} == {"twenterand-nota"}


def test_explicit_filter_leaving_nothing_gives_nothing(world: World) -> None:
    assert world.retriever().search("mantelzorg", filters=Filters(docs=("onbekend",))).hits == []


def test_several_municipalities_each_get_a_place(world: World) -> None:
    # Leusden's chunks are stuffed with the query words; Twenterand must still be in the top 2.
    found = world.retriever().search("mantelzorgers in Leusden en Twenterand", k=2)
    assert set(found.filters.municipalities) == {"Leusden", "Twenterand"}
    assert {h.chunk.doc_id for h in found.hits[:2]} == {"leusden-kader", "twenterand-nota"}
    # Each side is searched as deep as a question about it alone: k hits each, interleaved.
    assert found.sides == 2
    alone = world.retriever().search("mantelzorgers in Twenterand", k=2)
    assert [h.chunk.id for h in found.hits[1::2]] == [h.chunk.id for h in alone.hits]
    assert world.retriever().search("mantelzorgers in Leusden", k=2).sides == 1


def test_keyword_index_follows_catalog_changes(world: World) -> None:
    retriever = world.retriever("bm25")
    assert retriever.search("scootmobiel").hits == []
    world.store.delete_version("almelo-plan@v1")
    world.publish("almelo-plan", "v2", ["De herbeoordeling van scootmobielen leverde geld op."])
    hits = retriever.search("scootmobiel").hits
    assert [h.chunk.id for h in hits] == ["almelo-plan-0"]
    assert retriever.search("schuldhulpverlening").hits == []


def test_a_new_generation_reopens_the_store_and_a_rebuild_gives_memory_back(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    given_back: list[bool] = []
    monkeypatch.setattr(retrieval, "give_back_free_memory", lambda: given_back.append(True))
    retriever = world.retriever("bm25")
    retriever.search("mantelzorg")
    # A full read of the store leaves garbage behind; nothing was open before it.
    assert world.store.reopened == 0 and given_back == [True]
    world.publish("almelo-plan", "v2", ["De herbeoordeling van scootmobielen leverde geld op."])
    retriever.search("scootmobiel")
    retriever.search("scootmobiel")
    # Another process may have written the version (the memory store says so): reopen. One
    # document swapped leaves little garbage: no collection then.
    assert world.store.reopened == 1 and given_back == [True]
    for doc_id in ("hengelo-prog", "leusden-kader", "twenterand-nota"):
        world.publish(doc_id, "v2", TEXTS[doc_id])
    retriever.search("scootmobiel")
    assert world.store.reopened == 2 and given_back == [True, True]  # most of it changed: rebuilt


def test_only_live_versions_are_visible(world: World) -> None:
    # A new version written to the store but not yet published must stay invisible.
    chunks = make_chunks("hengelo-prog", "v2", ["Scootmobielen worden herbeoordeeld."])
    world.store.add(chunks, world.embedder.embed_passages([c.text for c in chunks]), "hengelo-prog@v2")
    for mode in ("hybrid", "dense", "bm25"):
        hits = world.retriever(mode).search("scootmobielen herbeoordeeld", k=20).hits
        assert all(h.chunk.meta["version"] == "v1" for h in hits), mode


def test_keyword_index_is_built_once_per_generation(world: World) -> None:
    retriever = world.retriever()
    first = retriever.keyword_index()
    retriever.search("mantelzorg")
    assert retriever.keyword_index() is first


def test_concurrent_first_searches_build_one_index(world: World) -> None:
    retriever = world.retriever()
    builds: list[int] = []
    original = retriever._build

    def counting_build(generation: float) -> KeywordIndex:
        builds.append(1)
        return original(generation)

    retriever._build = counting_build  # type: ignore[method-assign]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: retriever.search("mantelzorgers", k=3).hits, range(16)))
    assert len(builds) == 1
    assert all(r == results[0] for r in results)


def test_english_question_finds_dutch_text(world: World) -> None:
    hits = world.retriever("bm25").search("support for informal carers in Leusden", k=1).hits
    assert hits[0].chunk.doc_id == "leusden-kader"


def test_unknown_mode_is_refused(world: World) -> None:
    with pytest.raises(ValueError):
        world.retriever("sparse")


def test_empty_catalog(tmp_path: Path) -> None:
    retriever = HybridRetriever(MemoryStore(), HashEmbedder(), Catalog(tmp_path / "c.sqlite"), Settings())
    assert retriever.search("mantelzorg").hits == []


def test_retrieval_reports_term_statistics(world: World) -> None:
    found = world.retriever().search("Hoe ondersteunt Leusden mantelzorgers met suïcidepreventie?")
    terms = found.terms
    assert "mantelzorger" in terms.weights and "suicidepreventie" in terms.unseen
    assert terms.weight("suicidepreventie") > terms.weight("mantelzorger") > 0
    assert "mantelzorger" in terms.vocabulary.terms("De mantelzorgers krijgen steun.")
    assert found.query_vector is not None


def _chunk_with_units(doc: str, order: int, text: str, groups: tuple[int, ...], **extra: object) -> Chunk:
    from assistant.types import UnitKind, UnitMark

    marks = tuple(UnitMark(0, len(text), UnitKind.ITEM if g >= 0 else UnitKind.SENTENCE, g) for g in groups)
    return Chunk(
        id=f"{doc}-{order}", doc_id=doc, text=text, page_start=1, page_end=1, section="S",
        units=marks, meta={"order": order}, **extra,  # type: ignore[arg-type]
    )  # fmt: skip


def test_neighbours_complete_a_hit_with_its_list_and_table() -> None:
    from assistant.bm25 import BM25Index
    from assistant.tokenize import Lexicon

    chunks = [
        _chunk_with_units("d", 0, "Inleiding.", (-1,)),
        _chunk_with_units("d", 1, "Lijst deel een.", (-1, 3)),
        _chunk_with_units("d", 2, "Lijst deel twee.", (3,)),
        _chunk_with_units("d", 3, "Lijst deel drie.", (3, -1)),
        _chunk_with_units("d", 4, "Rij 1", (-1,), kind="table", table_header="A | 2020"),
        _chunk_with_units("d", 5, "Rij 2", (-1,), kind="table", table_header="A | 2020"),
    ]
    reading = {"d": tuple(chunks)}
    index = KeywordIndex(0.0, {"d": "v"}, Lexicon({}), BM25Index(), reading,
                         {"d": {c.id: i for i, c in enumerate(chunks)}})  # fmt: skip
    around = [c.id for c in index.neighbours(chunks[1])]
    assert around == ["d-0", "d-2", "d-3"]  # the section's neighbours and the rest of list 3
    assert [c.id for c in index.neighbours(chunks[5])] == ["d-4"]  # the rest of its table


class CountingStore(MemoryStore):
    """Records which versions each `chunks` read asked for; says it wrote nothing (like a
    reader in another process) unless told otherwise."""

    def __init__(self, own_writes: bool = False) -> None:
        super().__init__()
        self.reads: list[set[str]] = []
        self.own_writes = own_writes

    def chunks(self, versions: Sequence[str]) -> list[Chunk]:
        self.reads.append(set(versions))
        return super().chunks(versions)

    def wrote(self, versions: Iterable[str]) -> bool:
        return self.own_writes


def publish_new(world: World, doc_id: str, municipality: str, texts: list[str], version: str = "v1") -> None:
    meta = DocumentMeta(doc_id, municipality, "Notitie", 2023, "2023", "notitie")
    chunks = [
        Chunk(id=f"{doc_id}-{i}", doc_id=doc_id, text=text, page_start=i + 1, page_end=i + 1,
              meta={"municipality": municipality, "version": version})
        for i, text in enumerate(texts)
    ]  # fmt: skip
    world.store.add(chunks, world.embedder.embed_passages(texts), f"{doc_id}@{version}")
    pages = [Page(i + 1, t) for i, t in enumerate(texts)]
    world.catalog.publish(meta, f"{doc_id}@{version}", "sha", "x.pdf", pages, len(chunks))


def remove(world: World, doc_id: str) -> None:
    version = world.catalog.document(doc_id).version
    world.catalog.remove(doc_id)
    world.store.delete_version(version)


QUERIES = [
    "waardering voor mantelzorgers",
    "schuldhulpverlening en schulden",
    "jeugdhulp budget 2020 1605",
    "kompas respijtzorg wijkteams",
    "mantelzorgwaardering Hengelo",
    "jeugdhlup",  # a typo: the typo index follows the corpus too
    "de ITK",  # an acronym a document defines: its long form follows the corpus too
]


def assert_like_a_fresh_build(world: World, updated: KeywordIndex) -> None:
    fresh = world.retriever().keyword_index()
    assert updated.versions == fresh.versions
    assert dict(updated.lexicon.counts) == dict(fresh.lexicon.counts)
    assert updated.surfaces == fresh.surfaces
    assert updated.reading == fresh.reading and updated.position == fresh.position
    vocabulary = set(fresh.lexicon.counts) | set(fresh.bm25.vocabulary)
    for term in vocabulary:
        assert updated.bm25.idf(term) == pytest.approx(fresh.bm25.idf(term), abs=1e-9), term
        assert updated.idf(term) == pytest.approx(fresh.idf(term)), term
        got = {c.id: s for c, s in updated.bm25.scores([term]).items()}
        want = {c.id: s for c, s in fresh.bm25.scores([term]).items()}
        assert got.keys() == want.keys(), term
        assert all(got[c] == pytest.approx(want[c], rel=1e-5) for c in want), term
    for query in QUERIES:
        assert updated.term_stats(query).weights == fresh.term_stats(query).weights, query
        weights = fresh.lexicon.query(query).weights
        assert updated.lexicon.query(query).weights == weights, query
        got = {c.id: s for c, s in updated.bm25.scores(weights).items()}
        want = {c.id: s for c, s in fresh.bm25.scores(weights).items()}
        assert got.keys() == want.keys(), query
        assert all(got[c] == pytest.approx(want[c], rel=1e-5) for c in want), query


def test_updated_keyword_index_scores_like_a_fresh_build(world: World) -> None:
    """Add, replace and remove documents; after each change the index that was updated in place
    equals one built from scratch: scores, idf, lexicon, compound parts and typo repairs."""
    retriever = world.retriever("bm25")
    retriever.keyword_index()
    retriever.keyword_index().lexicon.corrections("jeugdhlup")  # builds the typo index: it is carried
    # A new word ("waardering") makes an existing compound split anew: Hengelo's
    # "mantelzorgwaardering" gains a part, so its rows are expanded again.
    publish_new(
        world,
        "ede-notitie",
        "Ede",
        ["De waardering voor vrijwilligers en het kompas.", "Jeugdhlup.", "De Internationale Taalklas (ITK)"],
    )
    index = retriever.keyword_index()
    assert index.lexicon.parts("mantelzorgwaarder") == ("mantelzorg", "waarder")
    assert index.lexicon.parts("itk") == tuple(base_terms("Internationale Taalklas"))
    assert_like_a_fresh_build(world, index)
    world.store.delete_version("leusden-kader@v1")
    world.publish("leusden-kader", "v2", ["Leusden geeft mantelzorgers een waardering en respijtzorg."])
    assert_like_a_fresh_build(world, retriever.keyword_index())
    remove(world, "ede-notitie")
    assert retriever.keyword_index().lexicon.parts("itk") == ()
    assert_like_a_fresh_build(world, retriever.keyword_index())
    remove(world, "leusden-kader")  # the last "waardering" (and "mantelzorg"): parts are lost
    index = retriever.keyword_index()
    assert "waarder" not in index.lexicon.parts("mantelzorgwaarder")
    assert_like_a_fresh_build(world, index)


def test_an_update_reads_only_the_changed_documents(tmp_path: Path) -> None:
    world = World.__new__(World)
    world.catalog = Catalog(tmp_path / "catalog.sqlite")
    world.store = CountingStore()
    world.embedder = HashEmbedder()
    world.settings = Settings(dense_candidates=20, bm25_candidates=20)
    for doc_id, texts in TEXTS.items():
        world.publish(doc_id, "v1", texts)
    retriever = world.retriever("bm25")
    retriever.search("mantelzorg")
    assert world.store.reads == [{f"{d}@v1" for d in TEXTS}]  # the first build reads everything
    world.publish("almelo-plan", "v2", ["De herbeoordeling van scootmobielen leverde geld op."])
    assert [h.chunk.id for h in retriever.search("scootmobiel").hits] == ["almelo-plan-0"]
    assert world.store.reads[1:] == [{"almelo-plan@v2"}]
    remove(world, "hengelo-prog")
    assert all(h.chunk.doc_id != "hengelo-prog" for h in retriever.search("mantelzorgwaardering").hits)
    assert world.store.reads[2:] == []  # a removal reads nothing


def test_versions_this_process_wrote_need_no_reopen(tmp_path: Path) -> None:
    world = World.__new__(World)
    world.catalog = Catalog(tmp_path / "catalog.sqlite")
    world.store = CountingStore(own_writes=True)
    world.embedder = HashEmbedder()
    world.settings = Settings()
    for doc_id, texts in TEXTS.items():
        world.publish(doc_id, "v1", texts)
    retriever = world.retriever("bm25")
    retriever.search("mantelzorg")
    world.publish("almelo-plan", "v2", ["De herbeoordeling van scootmobielen leverde geld op."])
    assert retriever.search("scootmobiel").hits
    assert world.store.reopened == 0


def test_a_narrow_selection_is_searched_in_the_index_own_vectors(world: World) -> None:
    """Every document: the store's vector index. A selection: the live vectors the index keeps,
    so no filter on versions (which grows with the index) goes to the store."""
    retriever = world.retriever("dense")
    retriever.search("mantelzorg", k=5)
    assert world.store.queries == 1
    hengelo = Filters(municipalities=("Hengelo",))
    hits = retriever.search("mantelzorg", k=5, filters=hengelo).hits
    assert hits and {h.chunk.doc_id for h in hits} == {"hengelo-prog"} and world.store.queries == 1
    # The same chunks and similarities as the store gives for that selection.
    version = world.catalog.document("hengelo-prog").version
    from_store = world.store.query(world.embedder.embed_query("mantelzorg"), 5, [version])
    assert [h.chunk.id for h in hits] == [c.id for c, _ in from_store]
    assert [h.dense_score for h in hits] == pytest.approx([s for _, s in from_store], abs=1e-5)
    # A new version replaces the old one's vectors, and an unpublished one stays invisible.
    world.store.delete_version("hengelo-prog@v1")
    world.publish("hengelo-prog", "v2", ["Hengelo herbeoordeelt scootmobielen.", "Mantelzorg in Hengelo."])
    chunks = make_chunks("hengelo-prog", "v3", ["Mantelzorg mantelzorg mantelzorg."])
    world.store.add(chunks, world.embedder.embed_passages([c.text for c in chunks]), "hengelo-prog@v3")
    hits = retriever.search("mantelzorg", k=5, filters=hengelo).hits
    assert {h.chunk.meta["version"] for h in hits} == {"v2"} and len(hits) == 2


def test_another_mode_starts_from_the_same_index(world: World) -> None:
    retriever = world.retriever()
    index = retriever.keyword_index()
    dense = retriever.with_mode("dense")
    assert dense.mode == "dense" and dense.keyword_index() is index  # not built again
    hits = dense.search("mantelzorg", k=3, filters=Filters(municipalities=("Leusden",))).hits
    assert hits and all(h.bm25_score is None for h in hits)


def test_a_budget_named_by_its_year_is_searched_alone_unless_the_question_asks_what_changed(
    world: World,
) -> None:
    budgets = {
        "w-2024": DocumentMeta(
            "w-2024", "Wassenaar", "Programmabegroting 2024", 2023, "2024-2027", "begroting"
        ),
        "w-2025": DocumentMeta(
            "w-2025", "Wassenaar", "Programmabegroting 2025", 2024, "2025-2028", "begroting"
        ),
    }
    for doc_id, meta in budgets.items():
        chunks = [
            Chunk(
                id=f"{doc_id}:0",
                doc_id=doc_id,
                text=f"De lasten voor jeugdhulp in de {meta.title} stijgen.",
                page_start=1,
                page_end=1,
                meta={"municipality": "Wassenaar"},
            )
        ]
        world.store.add(chunks, world.embedder.embed_passages([c.text for c in chunks]), version=doc_id)
        world.catalog.publish(meta, doc_id, "sha", "x.pdf", [Page(1, chunks[0].text)], 1)
    retriever = world.retriever()
    # Both budgets run through 2025; "de begroting 2025" is the one titled so.
    named = retriever.search("Welke lasten voor jeugdhulp staan in de begroting 2025 van Wassenaar?", k=5)
    assert {h.chunk.doc_id for h in named.hits} == {"w-2025"}
    changed = retriever.search("Wat verandert er voor jeugdhulp in de begroting 2025 van Wassenaar?", k=5)
    assert {h.chunk.doc_id for h in changed.hits} == {"w-2024", "w-2025"}


def test_two_named_budget_years_each_get_a_place(world: World) -> None:
    budgets = {
        "w-2024": DocumentMeta(
            "w-2024", "Wassenaar", "Programmabegroting 2024", 2023, "2024-2027", "begroting"
        ),
        "w-2025": DocumentMeta(
            "w-2025", "Wassenaar", "Programmabegroting 2025", 2024, "2025-2028", "begroting"
        ),
    }
    texts = {
        # The 2024 budget says "externe inhuur" over and over; it must not crowd out 2025.
        "w-2024": [f"Externe inhuur externe inhuur loonsom inhuur {n}." for n in range(4)],
        "w-2025": ["Kosten externe inhuur als % van de loonsom: 29,07%."],
    }
    for doc_id, meta in budgets.items():
        chunks = [
            Chunk(
                id=f"{doc_id}:{i}", doc_id=doc_id, text=text, page_start=i + 1, page_end=i + 1,
                meta={"municipality": "Wassenaar"},
            )
            for i, text in enumerate(texts[doc_id])
        ]  # fmt: skip
        world.store.add(chunks, world.embedder.embed_passages([c.text for c in chunks]), version=doc_id)
        pages = [Page(i + 1, c.text) for i, c in enumerate(chunks)]
        world.catalog.publish(meta, doc_id, "sha", "x.pdf", pages, len(chunks))
    found = world.retriever().search(
        "Hoe is de externe inhuur van Wassenaar veranderd tussen de begroting 2024 en die van 2025?", k=2
    )
    assert {h.chunk.doc_id for h in found.hits} == {"w-2024", "w-2025"}


def _publish_budget(world: World, year: int, texts: list[str]) -> None:
    """Wassenaar's budget of `year`, one chunk (and page) per text: chunk ids `w-{year}:{i}`."""
    title, period = f"Programmabegroting {year}", f"{year}-{year + 3}"
    meta = DocumentMeta(f"w-{year}", "Wassenaar", title, year - 1, period, "begroting")
    chunks = [
        Chunk(
            id=f"{meta.doc_id}:{i}", doc_id=meta.doc_id, text=text, page_start=i + 1, page_end=i + 1,
            meta={"municipality": "Wassenaar"},
        )
        for i, text in enumerate(texts)
    ]  # fmt: skip
    world.store.add(chunks, world.embedder.embed_passages(texts), version=meta.doc_id)
    pages = [Page(i + 1, t) for i, t in enumerate(texts)]
    world.catalog.publish(meta, meta.doc_id, "sha", "x.pdf", pages, len(chunks))


def test_a_slip_in_the_word_that_names_a_budget_still_names_it(world: World) -> None:
    for year in (2024, 2025):
        _publish_budget(world, year, [f"In de begroting {year} stijgen de lasten voor jeugdhulp."])
    question = "Welke lasten voor jeugdhulp staan in de begrotnig 2025 van Wassenaar?"
    found = world.retriever().search(question, k=5)
    assert {h.chunk.doc_id for h in found.hits} == {"w-2025"}
    assert found.query == question
    assert found.question == "Welke lasten voor jeugdhulp staan in de begroting 2025 van Wassenaar?"
    # A question the corpus spells as typed is its own spelling.
    assert world.retriever().search("lasten voor jeugdhulp", k=1).spelled == ""


def test_inside_a_budget_named_by_its_year_its_name_does_not_rank(world: World) -> None:
    for year in (2024, 2025):
        _publish_budget(
            world,
            year,
            [
                f"De begroting {year} en de meerjarenraming: het begrotingssaldo van de begroting {year}.",
                f"Demografische druk: {90 + year % 10}% volgens het CBS.",
            ],
        )
    found = world.retriever("bm25").search(
        "Hoe ontwikkelt de demografische druk in Wassenaar volgens de begroting 2024 en de begroting 2025?",
        k=1,
    )
    assert {h.chunk.id for h in found.hits} == {"w-2024:1", "w-2025:1"}


def test_the_years_that_name_the_compared_budgets_do_not_rank(world: World) -> None:
    # Every table header of a budget names its years: "en die van 2025" is the second document,
    # not a word a passage should hold.
    for year in (2024, 2025):
        _publish_budget(
            world,
            year,
            [
                "Peilwaarde | Streefwaarde 2025 | Streefwaarde 2026 | Begroting 2025 | Rekening 2025",
                f"Percentage eenzaamheid onder volwassenen: {40 + year % 10}%.",
            ],
        )
    found = world.retriever("bm25").search(
        "Hoe is de eenzaamheid in Wassenaar veranderd tussen de begroting 2024 en die van 2025?", k=1
    )
    assert {h.chunk.id for h in found.hits} == {"w-2024:1", "w-2025:1"}


def test_a_document_named_by_its_title_is_searched_without_its_title(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    review = DocumentMeta("almelo-review", "Almelo", "Midterm review Zorg", 2020, "2019-2022", "voortgang")
    monkeypatch.setitem(DOCS, review.doc_id, review)
    world.publish(
        review.doc_id,
        "v1",
        [
            "De midterm review zorg beschrijft de voortgang van de midterm review.",
            "Mantelzorgers krijgen vaker respijtzorg dan in 2019.",
        ],
    )
    found = world.retriever().search("Wat zegt de midterm review over mantelzorgers?")
    assert found.filters.docs == ("almelo-review",)
    assert found.source_words == ("midterm", "review")  # for the answerer: no subject words
    assert {h.chunk.doc_id for h in found.hits} == {"almelo-review"}
    # The title's words point at the document; the passage about mantelzorgers answers.
    assert found.hits[0].chunk.text.startswith("Mantelzorgers")


def test_keywords_find_a_line_by_the_footnote_it_refers_to(tmp_path: Path) -> None:
    """A wide table's note is printed on the next page, under another heading: the line whose
    mark refers to it is found by the note's words too."""
    built = AnswerWorld(tmp_path)
    hengelo = DocumentMeta("hengelo-plan", "Hengelo", "Beleidsprogramma", 2021, "2021-2025", "beleidsplan")
    built.publish(
        hengelo,
        [
            "6 Indicatoren\nPercentage volwassenen dat aangeeft mantelzorg te verlenen (%) ¹⁶ 2019 44%\n",
            "7 Jeugd\nWe versterken de jeugdhulp in de wijken.\n¹⁶ intensief: 16% en incidenteel: 28%\n",
        ],
    )
    hits = built.retriever.with_mode("bm25").search("Hoeveel doen dat intensief?", k=5).hits
    assert any("mantelzorg te verlenen" in hit.chunk.text for hit in hits)
