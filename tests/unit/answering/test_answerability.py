"""Answerability's count check: a row counts the asked noun only where it says what it counts."""

from __future__ import annotations

from assistant.answering.answerability import counts_noun
from assistant.answering.question import Intent
from assistant.answering.select import Block
from assistant.answering.units import EvidenceUnit
from assistant.types import Chunk, UnitKind


def _row(text: str) -> Block:
    chunk = Chunk(id="t", doc_id="d", text=text, page_start=1, page_end=1, kind="table")
    unit = EvidenceUnit(text, UnitKind.ROW, chunk, 0, (0, 0))
    return Block([unit], "row", frozenset(), frozenset({Intent.NUMBER}), 1.0)


def test_a_row_counts_the_noun_it_names_unless_it_counts_something_else() -> None:
    assert counts_noun("mantelzorgers", _row("Aantal ondersteunde mantelzorgers | 300 | 320"), {})
    assert counts_noun("mantelzorgers", _row("Mantelzorgers totaal | 300 | 320"), {})
    # A goal line glued to the row above its label: the row counts peuters, not laaggeletterden.
    glued = _row("Laaggeletterdheid is afgenomen Aantal peuters dat wordt bereikt | n.n.b. | 170")
    assert not counts_noun("laaggeletterden", glued, {})
