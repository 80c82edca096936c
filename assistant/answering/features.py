"""What a unit offers: the intents it can satisfy (an amount, a date, a reason, a goal) and the
figures it states. Read from the unit's own words with the lexicon's patterns."""

from __future__ import annotations

from assistant.answering.question import Intent
from assistant.answering.units import EvidenceUnit
from assistant.lexicon import (
    AMOUNT,
    DATE,
    DIGIT,
    FIGURE,
    MARKER,
    MONEY,
    PERCENTAGE,
    SENTENCE_CUES,
    YEAR,
    fold,
)
from assistant.types import UnitKind


def facts_of(text: str) -> frozenset[str]:
    """The figures a text states: amounts, counts, percentages, years."""
    return frozenset(m.group().strip(".,") for m in FIGURE.finditer(text))


# What a unit's kind offers whatever its words: a table row is a measurement, a list item a goal or
# an action in a list, a list's lead-in the list.
_KIND_INTENTS = {
    UnitKind.ROW: {Intent.INDICATOR, Intent.TABLE},
    UnitKind.ITEM: {Intent.MEASURE, Intent.LIST, Intent.GOAL},
    UnitKind.LEAD: {Intent.LIST, Intent.GOAL},
}


def unit_intents(unit: EvidenceUnit) -> frozenset[Intent]:
    """The intents a unit can satisfy, from what it contains."""
    text, folded = unit.text, fold(unit.text)
    without_years = YEAR.sub(" ", text)
    # Item and section numbers ("1.4 Opgesteld advies") and dates ("1 januari") are no figures.
    figures = DATE.sub(" ", MARKER.sub(" ", without_years))
    found: set[Intent] = set()
    # A row is money when the table counts in euros ("x € 1.000") or the row itself says "€".
    scaled = "€" in unit.chunk.table_header or "x" in unit.chunk.unit.replace("€", "").lower()
    money_table = unit.kind == UnitKind.ROW and ("€" in text or (scaled and "€" in unit.chunk.unit))
    if AMOUNT.search(text) or (money_table and DIGIT.search(without_years)):
        found.add(Intent.AMOUNT)
    if DIGIT.search(MONEY.sub(" ", figures)) and not money_table:
        found.add(Intent.NUMBER)  # a count or a measured value, not an amount of money
    if PERCENTAGE.search(text):
        found |= {Intent.PERCENT, Intent.NUMBER}
    if YEAR.search(text):
        found.add(Intent.WHEN)
    found |= {Intent(intent) for intent, cue in SENTENCE_CUES.items() if cue.search(folded)}
    found |= _KIND_INTENTS.get(unit.kind, set())
    return frozenset(found | {Intent.DESCRIBE, Intent.YESNO, Intent.COMPARE})
