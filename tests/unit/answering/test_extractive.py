"""The extractive answerer over a real catalog and a fixed retrieval result."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answering.extractive import ExtractiveAnswerer, list_items
from assistant.answering.question import profile
from assistant.answering.render import render_row
from assistant.catalog import Catalog
from assistant.settings import Settings
from assistant.types import Chunk, DocumentMeta, Filters, Page, SearchHit

DOC = "almelo-plan-2022"
PAGE_1 = (
    "3.3 Strategische doelen\n"
    "We formuleren de volgende strategische doelen:\n"
    "1 Bevorderen zelfoplossend vermogen\n"
    "Versterken zelfredzaamheid van inwoners.\n"
    "2 Versterken sociale structuren\n"
    "Adequaat ondersteunen van mantelzorgers.\n"
    "De herbeoordeling van scootmobielen heeft geleid tot teruggave van ongeveer 60 scootmobielen.\n"
    "Daarnaast zijn 55 taxipassen ingeleverd."
)
TABLE_PAGE = (
    "Maatregelen (bedragen x € 1.000)\nOmschrijving |\n2019 |\n2022 |\nDoorbraakmethode |\n750 |\n4.500 |"
)


class FixedRetriever:
    def __init__(self, hits: list[SearchHit]) -> None:
        self.hits = hits

    def search(self, query: str, k: int = 10, filters: Filters | None = None) -> list[SearchHit]:
        return self.hits[:k]


def _chunk(cid: str, text: str, page: int, kind: str = "text", **extra: object) -> Chunk:
    return Chunk(
        id=cid,
        doc_id=DOC,
        text=text,
        page_start=page,
        page_end=page,
        kind=kind,
        section="3.3 Strategische doelen",
        meta={"municipality": "Almelo"},
        **extra,  # type: ignore[arg-type]
    )


@pytest.fixture
def answerer(tmp_path: Path) -> ExtractiveAnswerer:
    catalog = Catalog(tmp_path / "catalog.sqlite")
    meta = DocumentMeta(DOC, "Almelo", "Plan", 2022, "2022-", "beleidsplan")
    catalog.publish(meta, "v1", "sha", "/x.pdf", [Page(1, PAGE_1), Page(2, TABLE_PAGE)], 2)
    hits = [
        SearchHit(_chunk("c1", PAGE_1, 1), 0.9),
        SearchHit(
            _chunk(
                "t1",
                "Doorbraakmethode | 750 | 4.500",
                2,
                kind="table",
                table_header="Omschrijving | 2019 | 2022",
                unit="(bedragen x € 1.000)",
            ),
            0.8,
        ),
    ]
    return ExtractiveAnswerer(Settings(home=tmp_path), FixedRetriever(hits), catalog)


def test_answer_cites_verbatim_quotes_with_markers(answerer: ExtractiveAnswerer) -> None:
    answer = answerer.answer("Wat heeft de herbeoordeling van scootmobielen opgeleverd?")
    assert not answer.refused
    assert "60 scootmobielen" in answer.text and "55 taxipassen" in answer.text  # the next sentence too
    assert answer.citations and "[1]" in answer.text
    for citation in answer.citations:
        assert citation.page == 1
        assert PAGE_1[citation.start : citation.end].split() == citation.quote.split()


def test_table_rows_read_with_headers_and_euros(answerer: ExtractiveAnswerer) -> None:
    answer = answerer.answer("Welke besparing staat voor de Doorbraakmethode in 2019 en 2022?")
    assert "2019: 750" in answer.text and "2022: 4.500" in answer.text
    assert "€ 4.500.000" in answer.text
    assert any(c.page == 2 and "Doorbraakmethode" in c.quote for c in answer.citations)


def test_list_question_gathers_items_of_the_section(answerer: ExtractiveAnswerer) -> None:
    answer = answerer.answer("Welke twee strategische doelen formuleert Almelo?")
    assert "zelfoplossend vermogen" in answer.text and "sociale structuren" in answer.text


def test_refuses_when_evidence_does_not_cover_the_question(answerer: ExtractiveAnswerer) -> None:
    answer = answerer.answer("Hoeveel kost een nieuwe ijsbaan in het stadscentrum?")
    assert answer.refused and answer.citations == []
    assert "niet in de documenten" in answer.text


def test_refuses_without_retrieval_results(tmp_path: Path) -> None:
    answerer = ExtractiveAnswerer(Settings(home=tmp_path), FixedRetriever([]), Catalog(tmp_path / "c.sqlite"))
    assert answerer.answer("Wat is het doel?").refused


def test_a_quote_not_on_its_page_never_reaches_the_user(answerer: ExtractiveAnswerer) -> None:
    # The chunk claims a sentence its page does not hold (a parsing error): it must be dropped.
    bad = SearchHit(_chunk("c9", "De gemeente geeft 99 scootmobielen gratis weg.", 1), 1.0)
    answerer.retriever = FixedRetriever([bad])  # type: ignore[assignment]
    answer = answerer.answer("Hoeveel scootmobielen geeft de gemeente gratis weg?")
    assert answer.refused or all("99" not in c.quote for c in answer.citations)


def test_list_items_cut_items_and_skip_table_of_contents() -> None:
    text = (
        "Inhoud\n3.1 Ambitie\n9\n1 Bevorderen zelfoplossend vermogen\nVersterken zelfredzaamheid.\n"
        "- 2. In 2022 redden meer\ninwoners zich zelf.\n"
    )
    items = [t for _, t in list_items(text)]
    assert items == ["1 Bevorderen zelfoplossend vermogen", "- 2. In 2022 redden meer inwoners zich zelf."]


def test_render_row_without_matching_header_keeps_the_cells() -> None:
    chunk = Chunk(id="t", doc_id="d", text="", page_start=1, page_end=1, table_header="A | B", unit="")
    assert render_row("Totaal | 5.832 | Ja", chunk) == "Totaal: 5.832 Ja"


@pytest.mark.parametrize(
    ("question", "wants_list", "wants_amount"),
    [
        ("Welke vijf strategische doelen formuleert Almelo?", True, False),
        ("Welke besparing is in de tabel opgenomen voor 2019?", False, True),
        ("Hoeveel geld reserveert Twenterand voor laaggeletterdheid?", False, True),
        ("how much money goes to youth care", False, True),
    ],
)
def test_question_profile(question: str, wants_list: bool, wants_amount: bool) -> None:
    shape = profile(question)
    assert (shape.wants_list, shape.wants_amount) == (wants_list, wants_amount)


def test_amount_for_a_year_the_evidence_never_mentions_is_refused(answerer: ExtractiveAnswerer) -> None:
    # The table gives 2019 and 2022; a figure for 2020 is not in the documents.
    asked = answerer.answer("Hoeveel besparing staat voor de Doorbraakmethode in 2020?")
    assert asked.refused
    given = answerer.answer("Hoeveel besparing staat voor de Doorbraakmethode in 2022?")
    assert not given.refused and "4.500" in given.text
