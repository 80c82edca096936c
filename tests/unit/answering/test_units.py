"""Evidence units: what a retrieval offers to quote, once each, in reading order."""

from __future__ import annotations

from assistant.answering.units import collect_units, opens_entry, reading_order
from assistant.protocols import Retrieval, TermStats
from assistant.types import Chunk, Filters, SearchHit, UnitKind, UnitMark
from tests.fakes import TableVocabulary


def _marked(chunk_id: str, page: int, order: int, *units: tuple[UnitKind, str]) -> Chunk:
    text = " ".join(t for _, t in units)
    marks, start = [], 0
    for kind, unit in units:
        marks.append(UnitMark(start, start + len(unit), kind))
        start += len(unit) + 1
    return Chunk(
        id=chunk_id, doc_id="plan", text=text, page_start=page, page_end=page, units=tuple(marks),
        meta={"order": order},
    )  # fmt: skip


def _chunk(chunk_id: str, page: int, order: int, *sentences: str) -> Chunk:
    return _marked(chunk_id, page, order, *((UnitKind.SENTENCE, s) for s in sentences))


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


def test_a_unit_reads_the_footnote_its_mark_refers_to_on_its_page_or_the_next() -> None:
    row = "Percentage Hengelose volwassenen (18+) dat aangeeft mantelzorg te verlenen (%) ¹⁶ 2019 44%"
    table = _marked(
        "table", 27, 1,
        (UnitKind.SENTENCE, row),
        (UnitKind.SENTENCE, "Ruimte van 40 m² per plek."),
        (UnitKind.SENTENCE, "De oppervlakte² is voorlopig."),
    )  # fmt: skip
    notes = _marked(
        "notes", 28, 2,
        (UnitKind.FOOTNOTE, "¹⁶ intensief: 16% en incidenteel: 28%"),
        (UnitKind.FOOTNOTE, "² De oppervlakte is een schatting."),
        (UnitKind.FOOTNOTE, "die in 2019 is gemaakt."),  # the footnote above goes on
    )  # fmt: skip
    retrieval = Retrieval("q", [SearchHit(table, 1.0), SearchHit(notes, 0.9)], Filters(),
                          TermStats({}, frozenset(), 1.0, TableVocabulary()))  # fmt: skip
    units = {u.text: u for u in collect_units(retrieval, max_hits=2)}
    assert [n.text for n in units[row].notes] == ["¹⁶ intensief: 16% en incidenteel: 28%"]
    assert "intensief" in units[row].context
    assert units["Ruimte van 40 m² per plek."].notes == ()  # a square metre, not a note
    assert [n.text for n in units["De oppervlakte² is voorlopig."].notes] == [
        "² De oppervlakte is een schatting. die in 2019 is gemaakt."
    ]
    # Footnotes are read with what refers to them, never offered as units of their own.
    assert all(u.kind != UnitKind.FOOTNOTE for u in units.values())
