"""What a unit offers: the intents it can satisfy (an amount, a date, a reason, a goal) and the
figures it states. Read from the unit's own words with the lexicon's patterns."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from functools import lru_cache
from itertools import pairwise

from assistant.answering.question import Intent
from assistant.answering.units import EvidenceUnit
from assistant.lexicon import (
    AMOUNT,
    BARE_THOUSANDS,
    DATE,
    DIGIT,
    DURATION,
    FIGURE,
    LENGTH_OF_TIME,
    MARKER,
    MONEY,
    NUMBERED_LABEL,
    NUMERAL,
    PERCENTAGE,
    RATE_BASE,
    SENTENCE_CUES,
    YEAR,
    fold,
)
from assistant.tokenize import base_terms, stopwords
from assistant.types import UnitKind

_COUNT_WINDOW = 4  # words between a count and the noun it counts


def _counts_only(text: str, kind: UnitKind) -> bool:
    """A sentence whose every amount-like figure is a bare figure in thousands followed by the
    noun it counts ("Van de gemiddeld 1.100 contacten per maand ..."): a count, no money."""
    if kind == UnitKind.ROW or MONEY.search(text):
        return False
    bare = list(BARE_THOUSANDS.finditer(text))
    counted = [m for m in bare if fold(m.group("next")) not in stopwords()]
    return bool(counted) and len(counted) == len(AMOUNT.findall(text))


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
    return _intents(unit.text, unit.kind, unit.chunk.table_header, unit.chunk.unit)


class IntentReader:
    """`unit_intents` read once per unit text: the same passages come back for the next question,
    and a question's neighbours overlap its hits (reading a unit's cues costs about 0.2 ms). One
    per answerer, so a system measured beside another does not find its units already read."""

    def __init__(self, capacity: int = 20_000) -> None:
        self._read = lru_cache(maxsize=capacity)(_intents)

    def __call__(self, unit: EvidenceUnit) -> frozenset[Intent]:
        return self._read(unit.text, unit.kind, unit.chunk.table_header, unit.chunk.unit)


def _intents(text: str, kind: UnitKind, table_header: str, table_unit: str) -> frozenset[Intent]:
    folded = fold(text)
    without_years = YEAR.sub(" ", text)
    # Item and section numbers ("1.4 Opgesteld advies", "Programmalijn 1") and dates ("1 januari")
    # are no figures.
    figures = RATE_BASE.sub(" ", DATE.sub(" ", MARKER.sub(" ", NUMBERED_LABEL.sub(" ", without_years))))
    figures = DURATION.sub(" ", figures)  # an age or a length of time counts nothing
    found: set[Intent] = set()
    # A row is money when the table counts in euros ("x € 1.000") or the row itself says "€".
    scaled = "€" in table_header or "x" in table_unit.replace("€", "").lower()
    money_table = kind == UnitKind.ROW and ("€" in text or (scaled and "€" in table_unit))
    money = AMOUNT.search(text) and not _counts_only(text, kind)
    if money or (money_table and DIGIT.search(without_years)):
        found.add(Intent.AMOUNT)
    if NUMERAL.search(MONEY.sub(" ", figures)) and not money_table:
        found.add(Intent.NUMBER)  # a count or a measured value, not an amount of money
    if PERCENTAGE.search(text):
        found |= {Intent.PERCENT, Intent.NUMBER}
    if YEAR.search(text) or LENGTH_OF_TIME.search(text):
        found.add(Intent.WHEN)  # a year, or how long ("voor zes maanden")
    found |= {Intent(intent) for intent, cue in SENTENCE_CUES.items() if cue.search(folded)}
    found |= _KIND_INTENTS.get(kind, set())
    return frozenset(found | {Intent.DESCRIBE, Intent.YESNO, Intent.COMPARE})


def counts(noun: str, unit: EvidenceUnit, distinctive: Collection[str]) -> bool:
    """A figure stands right before the counted noun ("ongeveer 60 scootmobielen"), or the unit
    is a count of it ("Aantal verwijzingen ... 143"), or a row counts something under the
    question's other distinctive words ("Aantal uitkeringsgerechtigden (participatiewet) | 460")."""
    stem = _head(noun)
    words, terms = _words_and_terms(unit.text)
    if unit.kind == UnitKind.ROW and stem in terms and _counted_in_row(stem, words, terms):
        return True  # "Toegekende maatwerkvoorzieningen totaal | 3678 | ..."
    if _indicator_line(stem, words, terms):
        return True
    others = {t for (t,) in filter(None, terms)} - set(stem)
    if unit.kind == UnitKind.ROW and "aantal" in words and others & set(distinctive):
        return True  # a count row under another of the question's rare words
    for i, term in enumerate(terms):
        if not stem or term != stem:
            continue
        start = max(0, i - _COUNT_WINDOW)
        window = words[start:i]
        # "per 1.000 banen" is the base of a rate, not a count of banen.
        if any(
            DIGIT.search(w) and not YEAR.fullmatch(w) and words[start + j - 1 : start + j] != ["per"]
            for j, w in enumerate(window)
        ):
            return True
        counting = any(_counts_at(words, j) for j in range(start, i))
        if counting and DIGIT.search(YEAR.sub(" ", unit.text)):
            return True
    return False


def counts_in(noun: str, units: Sequence[EvidenceUnit], distinctive: Collection[str]) -> bool:
    """Some unit counts `noun` (see `counts`), or a unit that names it is followed by its count as
    a line of its own: an indicator table read as text gives "Vestigingen (van bedrijven)", then
    "Aantal per 1.000 inwoners ... 251,6 (2024)"."""
    if any(counts(noun, unit, distinctive) for unit in units):
        return True
    stem = _head(noun)
    for named, nxt in pairwise(units):
        _, label = _words_and_terms(named.text)
        rate = fold(nxt.text).split()[:1] == ["aantal"]
        if stem and stem in label and rate and DIGIT.search(YEAR.sub(" ", nxt.text)):
            return True
    return False


def _indicator_line(stem: list[str], words: Sequence[str], terms: Sequence[list[str]]) -> bool:
    """An indicator row printed as a line of text names what it counts, then its unit and figure:
    "Banen Aantal per 1.000 inwoners in de leeftijd 15 – 64 jaar LISA 397 (2023)"."""
    at = next((i for i in range(len(words)) if _rate_unit_at(words, i)), None)
    if not stem or at is None or stem not in terms[:at]:
        return False
    rest = RATE_BASE.sub(" ", YEAR.sub(" ", " ".join(words[at:])))
    return DIGIT.search(rest) is not None


def _counts_at(words: Sequence[str], i: int) -> bool:
    """ "aantal" at `i` says what is counted, unless it opens a rate unit ("Aantal per 1.000 ...")."""
    return words[i] == "aantal" and not _rate_unit_at(words, i)


def _rate_unit_at(words: Sequence[str], i: int) -> bool:
    """ "Aantal per ..." at `i`: a rate's unit (the BBV indicators' Eenheid column)."""
    return words[i] == "aantal" and words[i + 1 : i + 2] == ["per"]


def _words_and_terms(text: str) -> tuple[list[str], list[list[str]]]:
    """The folded words of `text` without their punctuation, and each word's head term."""
    words = [w.strip(".,;:()") for w in fold(text).split()]
    return words, [_head(w) for w in words]


def _head(word: str) -> list[str]:
    """The term a word names its thing by: the last part of a hyphenated compound ("pgb-houders"
    counts houders, not pgb), as in any Dutch compound."""
    return base_terms(word)[-1:]


def _counted_in_row(stem: list[str], words: Sequence[str], terms: Sequence[list[str]]) -> bool:
    """A row that names the noun counts it, unless it says "aantal" of something else: "Aantal
    ondersteunde mantelzorgers" counts mantelzorgers, "Laaggeletterdheid is afgenomen Aantal
    peuters" (a goal line glued to its row) counts peuters; "Aantal per ..." is a unit."""
    # "Aantal per 1.000 inwoners" is the row's unit (the BBV indicators' Eenheid column), not
    # what it counts: "Vestigingen (van bedrijven) | Aantal per 1.000 inwoners | 251,6".
    counting = [i for i in range(len(words)) if _counts_at(words, i)]
    if not counting:
        return True
    at = counting[0]
    return stem in terms[at + 1 : at + 1 + _COUNT_WINDOW]
