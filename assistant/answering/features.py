"""What a unit offers: the intents it can satisfy (an amount, a date, a reason, a goal) and the
figures it states. Read from the unit's own words with the lexicon's patterns."""

from __future__ import annotations

from assistant.answering.question import Intent
from assistant.answering.units import EvidenceUnit
from assistant.lexicon import (
    ACTION_WORDS,
    ACTOR,
    AMOUNT,
    DATE,
    DEADLINE,
    DIGIT,
    FIGURE,
    GOAL_WORDS,
    INDICATOR_WORDS,
    MARKER,
    MONEY,
    PERCENTAGE,
    REASON,
    RESULT_WORDS,
    YEAR,
    fold,
)
from assistant.types import UnitKind


def facts_of(text: str) -> frozenset[str]:
    """The figures a text states: amounts, counts, percentages, years."""
    return frozenset(m.group().strip(".,") for m in FIGURE.finditer(text))


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
    if YEAR.search(text) or DEADLINE.search(folded):
        found.add(Intent.WHEN)
    if REASON.search(folded):
        found.add(Intent.WHY)
    if ACTOR.search(folded):
        found.add(Intent.WHO)
    if GOAL_WORDS.search(folded):
        found.add(Intent.GOAL)
    if INDICATOR_WORDS.search(folded) or unit.kind == UnitKind.ROW:
        found.add(Intent.INDICATOR)
    if unit.kind == UnitKind.ROW:
        found.add(Intent.TABLE)
    if ACTION_WORDS.search(folded) or unit.kind == UnitKind.ITEM:
        found.add(Intent.MEASURE)
    if RESULT_WORDS.search(folded):
        found.add(Intent.RESULT)
    if unit.kind in (UnitKind.ITEM, UnitKind.LEAD):
        found |= {Intent.LIST, Intent.GOAL}
    return frozenset(found | {Intent.DESCRIBE, Intent.YESNO, Intent.COMPARE})
