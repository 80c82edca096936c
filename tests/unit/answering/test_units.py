"""Evidence units: what a retrieval offers to quote, once each, in reading order."""

from __future__ import annotations

from assistant.answering.units import collect_units, opens_entry, reading_order
from assistant.protocols import Retrieval, TermStats
from assistant.types import Chunk, Filters, SearchHit, UnitKind, UnitMark
from tests.fakes import TableVocabulary


def _chunk(chunk_id: str, page: int, order: int, *sentences: str) -> Chunk:
    text = " ".join(sentences)
    marks, start = [], 0
    for sentence in sentences:
        marks.append(UnitMark(start, start + len(sentence), UnitKind.SENTENCE))
        start += len(sentence) + 1
    return Chunk(
        id=chunk_id, doc_id="plan", text=text, page_start=page, page_end=page, units=tuple(marks),
        meta={"order": order},
    )  # fmt: skip


def test_a_sentence_repeated_on_another_page_is_a_unit_there_too() -> None:
    goal = "2 Versterken sociale structuren."
    goals = _chunk("goals", 11, 1, goal, "Adequaat ondersteunen van mantelzorgers.")
    indicators = _chunk("indicators", 16, 2, goal, "2.1 Aantal ingeschreven mantelzorgers.")
    # Overlapping chunks repeat a sentence on the same page: that is one unit.
    overlap = _chunk(
        "overlap", 16, 3, "2.1 Aantal ingeschreven mantelzorgers.", "3 Ontwikkelen voorzieningen."
    )
    hits = [SearchHit(c, 1.0) for c in (goals, indicators, overlap)]
    retrieval = Retrieval("q", hits, Filters(), TermStats({}, frozenset(), 1.0, TableVocabulary()))
    units = reading_order(collect_units(retrieval, max_hits=3))
    assert [(u.page, u.text) for u in units] == [
        (11, goal),
        (11, "Adequaat ondersteunen van mantelzorgers."),
        (16, goal),  # the heading of the goal's indicators, right before them
        (16, "2.1 Aantal ingeschreven mantelzorgers."),
        (16, "3 Ontwikkelen voorzieningen."),
    ]


def test_an_entry_opens_with_a_title_and_its_note_in_brackets() -> None:
    assert opens_entry("Bijdrage Omgevingsdienst Haaglanden (hogere lasten € 37.000)\nDe begroting 2024 ...")
    assert opens_entry(
        "Uitkering gemeentefonds - stand meicirculaire 2024\n(hogere baten 2025 € 2.070.000)\nGemeenten"
    )
    # A sentence, or a title without a note, opens no entry.
    assert not opens_entry("De kosten stijgen (zie tabel 3).\nDaarom ...")
    assert not opens_entry(
        "Participatiekompas\nParticipatie betekent dat de gemeente samen met de bewoners optrekt."
    )
