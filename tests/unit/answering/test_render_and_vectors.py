"""Table rows read as Dutch; unit vectors embedded within the budget and cached; the evidence service."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from assistant.answering.render import RowFocus, render_row
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


def test_a_focused_row_shows_the_asked_years_and_measures_only() -> None:
    chunk = _table(
        "Programma | Begroting 2025 baten | Begroting 2025 lasten"
        " | Begroting 2026 baten | Begroting 2026 lasten",
        "(bedragen x € 1.000)",
    )
    row = "P2 Mens en Maatschappij | 12.099 | -40.391 | 11.573 | -39.634"
    focus = RowFocus.of("En de baten van Mens en maatschappij in 2025?")
    assert focus == RowFocus(("2025",), ("baten",))
    shown = render_row(row, chunk, focus)
    assert shown == "P2 Mens en Maatschappij — Begroting 2025 baten: 12.099 (€ 12.099.000)"
    # Only a year: both measures of that year; nothing that matches: the whole row.
    assert render_row(row, chunk, RowFocus(("2026",))).count("2026") == 2
    assert render_row(row, chunk, RowFocus(("2030",), ("saldo",))) == render_row(row, chunk)


def test_a_document_year_is_no_column_and_an_asked_measure_keeps_its_own_year() -> None:
    chunk = _table("Indicator | Peilwaarde (2023) | Streefwaarde 2025 (%) | Streefwaarde 2026 (%)")
    row = "Bijstand per 1.000 inwoners | 13,9 | 13,8 | 13,7"
    asked = RowFocus.of("Welke peilwaarde staat in de begroting 2025?")
    assert asked == RowFocus((), ("peilwaarde",))
    assert render_row(row, chunk, asked) == "Bijstand per 1.000 inwoners — Peilwaarde (2023): 13,9"
    both = RowFocus.of("Wat zijn de peilwaarde en de streefwaarde voor 2026?")
    assert render_row(row, chunk, both) == (
        "Bijstand per 1.000 inwoners — Peilwaarde (2023): 13,9; Streefwaarde 2026 (%): 13,7"
    )
    # The words a column goes by ask for it: "streefcijfer", "nulmeting".
    assert RowFocus.of("Welk streefcijfer geldt voor 2026?") == RowFocus(("2026",), ("streefwaarde",))
    assert RowFocus.of("Wat was de nulmeting?") == RowFocus((), ("peilwaarde",))
    # A target is shown with the baseline it is read against.
    target = RowFocus.of("Wat is de streefwaarde voor 2025?")
    assert render_row(row, chunk, target) == (
        "Bijstand per 1.000 inwoners — Peilwaarde (2023): 13,9; Streefwaarde 2025 (%): 13,8"
    )
    # A part that asks for no year or measure wants the whole row.
    assert (
        RowFocus.of("Hoeveel zijn er in kaart gebracht, en hoeveel zijn er voor 2020 begroot?") == RowFocus()
    )
    assert RowFocus.of("Hoeveel zijn er in 2019 gebracht, en hoeveel voor 2020?") == RowFocus(
        ("2019", "2020")
    )
    # A measure of another year asked beside a year: both, not the measure alone.
    two_parts = RowFocus.of("Wat is de peilwaarde, en wat wil de gemeente in 2026 bereiken?")
    assert render_row(row, chunk, two_parts) == (
        "Bijstand per 1.000 inwoners — Peilwaarde (2023): 13,9; Streefwaarde 2026 (%): 13,7"
    )


def test_unit_vectors_respect_the_budget_and_are_cached() -> None:
    embedder = HashEmbedder(64)
    vectors = UnitVectors(embedder)
    query = embedder.embed_query("mantelzorg steun")
    texts = ["Mantelzorgers krijgen steun.", "De brug wordt vernieuwd.", "Jeugdhulp dichtbij."]
    first = vectors.similarities(query, texts, budget=2)
    assert first[0] is not None and first[1] is not None and first[2] is None
    assert first[0] > first[1]
    calls = embedder.calls
    again = vectors.similarities(query, texts[:2], budget=2)
    assert again == first[:2] and embedder.calls == calls  # from the cache
    # What is cached beyond the budget does not count: an answer does not depend on the questions
    # asked before it.
    assert vectors.similarities(query, texts[:2], budget=1) == [first[0], None]
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


def test_figures_with_their_own_year_fill_the_first_columns_when_one_is_missing() -> None:
    chunk = _table("Tabel 6.1 - Beleidsindicatoren | Realisatie Wassenaar | Realisatie Nederland")
    row = "3 1. Formatie Fte per 1.000 inwoners Eigen gegevens | 7,59 (2023)"
    assert render_row(row, chunk) == (
        "3 1. Formatie Fte per 1.000 inwoners Eigen gegevens — Realisatie Wassenaar: 7,59 (2023)"
    )
    # Bare figures short of the columns keep their cells: which column lacks one is not known.
    assert render_row("Totaal | 5.832", _table("A | B | C")) == "Totaal — 5.832"
