"""Table rows read as Dutch; unit vectors embedded within the budget and cached; the evidence service."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from assistant.answering.render import render_row
from assistant.answering.unit_vectors import UnitVectors
from assistant.catalog import Catalog
from assistant.embedders.hashing import HashEmbedder
from assistant.evidence import CatalogEvidence
from assistant.types import Chunk, DocumentMeta, Page


def _table(header: str, unit: str = "") -> Chunk:
    return Chunk(
        id="t", doc_id="d", text="", page_start=1, page_end=1, kind="table", table_header=header, unit=unit
    )


def test_a_row_pairs_its_cells_with_the_column_headers_and_adds_euros() -> None:
    chunk = _table("Omschrijving | 2019 | 2022", "(bedragen x € 1.000)")
    assert render_row("Doorbraakmethode | 750 | 4.500", chunk) == (
        "Doorbraakmethode — 2019: 750 (€ 750.000); 2022: 4.500 (€ 4.500.000)"
    )


def test_a_row_that_repeats_its_columns_reads_per_year() -> None:
    chunk = _table("Voorstel | i/s | jaar | Financiën")
    row = "Actieplan | i | 2020 | € 25.000 (dekking reserve) | s | 2021 | € 30.000"
    assert render_row(row, chunk) == (
        "Actieplan — 2020: € 25.000 (dekking reserve), incidenteel; 2021: € 30.000, structureel"
    )


def test_a_row_without_matching_headers_keeps_its_cells() -> None:
    assert render_row("Totaal | 5.832 | Ja", _table("A | B")) == "Totaal — 5.832 | Ja"


def test_unit_vectors_respect_the_budget_and_are_cached() -> None:
    embedder = HashEmbedder(64)
    vectors = UnitVectors(embedder)
    query = embedder.embed_query("mantelzorg steun")
    texts = ["Mantelzorgers krijgen steun.", "De brug wordt vernieuwd.", "Jeugdhulp dichtbij."]
    first = vectors.similarities(query, texts, budget=2)
    assert first[0] is not None and first[1] is not None and first[2] is None
    assert first[0] > first[1]
    calls = embedder.calls
    again = vectors.similarities(query, texts[:2], budget=0)
    assert again == first[:2] and embedder.calls == calls  # from the cache
    assert vectors.similarities(None, texts, budget=5) == [None, None, None]
    assert isinstance(np.float32(first[0]), np.floating)


def test_the_evidence_service_verifies_on_the_page_and_treats_missing_pages_as_no_evidence(
    tmp_path: Path,
) -> None:
    catalog = Catalog(tmp_path / "c.sqlite")
    meta = DocumentMeta("d", "Almelo", "Plan", 2022, "2022", "beleidsplan")
    catalog.publish(meta, "v1", "sha", "/d.pdf", [Page(1, "Het budget is\n€ 1.250.000 per jaar.")], 1)
    evidence = CatalogEvidence(catalog)
    citation = evidence.verify("d", "Het budget is € 1.250.000 per jaar.", [1, 2])
    assert citation is not None and citation.page == 1 and citation.start == 0
    assert evidence.verify("d", "Een ander budget.", [1]) is None
    assert evidence.page_text("d", 9) is None and evidence.page_text("x", 1) is None
    assert evidence.document("d") == meta and evidence.document("x") is None
    assert evidence.documents() == [meta]
