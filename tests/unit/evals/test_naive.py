"""The naive LangChain baseline over a tiny PDF, with the hashing embedder instead of a model."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.adapters.langchain_embeddings import EmbedderAsLangChain
from assistant.embedders.hashing import HashEmbedder
from evals.naive import ANSWER_CHUNKS, CHUNK_SIZE, NaiveRAG, load_pdf_pages, split_pages
from tests.unit.evals.pdfs import write_text_pdf

PAGES = [
    ["Inleiding", "De gemeente wil dat alle inwoners meedoen in de samenleving."],
    ["Eenzaamheid", "Wij verminderen eenzaamheid onder ouderen met buurtcirkels en huisbezoeken."],
    ["Jeugdhulp", "De wachtlijsten voor jeugdhulp worden korter door samen te werken met scholen."],
    [f"Regel {i}: het budget voor schuldhulpverlening groeit elk jaar met beleid." for i in range(30)],
]
OTHER = [["Sport", "Iedereen kan sporten in de wijk dankzij de sportformateurs."]] * 12


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("pdfs")
    return [
        write_text_pdf(folder / "almelo-plan-2022.pdf", PAGES),
        write_text_pdf(folder / "hengelo-sport-2021.pdf", OTHER),
    ]


def test_adapter_keeps_query_and_passage_vectors() -> None:
    embedder = HashEmbedder(32)
    adapter = EmbedderAsLangChain(embedder)
    docs = adapter.embed_documents(["een twee", "drie"])
    assert len(docs) == 2 and len(docs[0]) == 32 and isinstance(docs[0][0], float)
    assert np.allclose(adapter.embed_query("een twee"), embedder.embed_query("een twee"))
    assert adapter.embed_documents([]) == []


def test_pages_are_documents_with_stem_and_one_based_page(pdfs: list[Path]) -> None:
    pages = load_pdf_pages(pdfs[:1])
    assert [d.metadata["page"] for d in pages] == [1, 2, 3, 4]
    assert {d.metadata["doc"] for d in pages} == {"almelo-plan-2022"}
    chunks = split_pages(pages)
    assert len(chunks) > len(pages)  # the long page is split
    assert max(len(c.page_content) for c in chunks) <= CHUNK_SIZE


def test_answer_is_the_top_chunks_each_cited_with_its_page(pdfs: list[Path]) -> None:
    rag = NaiveRAG(HashEmbedder(), pdfs)
    try:
        answer = rag.ask("Hoe verminderen we eenzaamheid onder ouderen?")
    finally:
        rag.close()
    assert not answer.refused
    assert len(answer.citations) == ANSWER_CHUNKS
    assert len(answer.retrieved) == 10
    top = answer.retrieved[0].chunk
    assert (top.doc_id, top.page_start, top.page_end) == ("almelo-plan-2022", 2, 2)
    assert "eenzaamheid onder ouderen" in answer.text
    assert answer.text == "\n\n".join(h.chunk.text for h in answer.retrieved[:ANSWER_CHUNKS])
    assert [(c.doc, c.page, c.quote) for c in answer.citations] == [
        (h.chunk.doc_id, h.chunk.page_start, h.chunk.text) for h in answer.retrieved[:ANSWER_CHUNKS]
    ]
    scores = [h.score for h in answer.retrieved]
    assert scores == sorted(scores, reverse=True)


def test_persisted_index_is_reused_and_rebuilt_when_a_pdf_changes(pdfs: list[Path], tmp_path: Path) -> None:
    embedder = HashEmbedder()
    first = NaiveRAG(embedder, pdfs[:1], index_dir=tmp_path / "index")
    built = embedder.calls
    assert not first.reused and built > 0

    again = NaiveRAG(embedder, pdfs[:1], index_dir=tmp_path / "index")
    assert again.reused and embedder.calls == built  # nothing embedded twice
    assert again.ask("wachtlijsten jeugdhulp").retrieved[0].chunk.page_start == 3

    changed = write_text_pdf(tmp_path / pdfs[0].name, PAGES[:2])
    rebuilt = NaiveRAG(embedder, [changed], index_dir=tmp_path / "index")
    assert not rebuilt.reused
    assert {h.chunk.page_start for h in rebuilt.search("eenzaamheid")} == {1, 2}


def test_two_in_memory_indexes_do_not_see_each_other(pdfs: list[Path]) -> None:
    one, two = NaiveRAG(HashEmbedder(), pdfs[:1]), NaiveRAG(HashEmbedder(), pdfs[1:])
    try:
        assert {h.chunk.doc_id for h in one.search("sport", k=20)} == {"almelo-plan-2022"}
        assert {h.chunk.doc_id for h in two.search("sport", k=20)} == {"hengelo-sport-2021"}
    finally:
        one.close()
        two.close()
