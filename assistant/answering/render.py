"""How a cited table row reads in an answer: cells paired with their column headers, in Dutch.

`Besparing GIDS | 240 | 240` under `Omschrijving | 2019 | 2020` in a `x € 1.000` table reads
`Besparing GIDS — 2019: 240 (€ 240.000); 2020: 240 (€ 240.000)`. A proposal row that repeats
its columns per year (`i | 2020 | € 25.000 (...) | i | 2021 | € 25.000 (...)` under
`Voorstel | i/s | jaar | Financiën`) reads one year at a time, with `i`/`s` spelled out.

A wide budget row has a column per year and per measure (`Begroting 2025 baten | … lasten | …
saldo`, four years on): when the question names years or measures, only their columns are
shown, so "de baten in 2025" reads one figure, not twelve. A focus that matches no column
leaves the row whole.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.amounts import format_eur, parse_amount, unit_multiplier
from assistant.answering.question import question_parts
from assistant.lexicon import (
    FIGURE_WITH_YEAR,
    NAMED_DOCUMENT_YEAR,
    READ_AGAINST,
    VALUE_CELL,
    YEAR,
    column_ask_words,
    fold,
)
from assistant.types import Chunk


@dataclass(frozen=True)
class RowFocus:
    """The years and measures (baten, lasten, saldo, peilwaarde, streefwaarde) a question asks
    about; a year that names a document ("de begroting 2025") is no column asked for."""

    years: tuple[str, ...] = ()
    measures: tuple[str, ...] = ()

    @classmethod
    def of(cls, question: str) -> RowFocus:
        """The focus of every part of the question; none when a part asks for no year or measure
        ("Hoeveel AED's zijn er in kaart gebracht, en hoeveel zijn er voor 2020 begroot?" wants
        the whole row, not the 2020 column alone)."""
        years: list[str] = []
        measures: set[str] = set()
        asking = column_ask_words()
        for part in question_parts(question):
            asked = YEAR.findall(NAMED_DOCUMENT_YEAR.sub(" ", part))
            named = {asking[w] for w in re.findall(r"\w+", fold(part)) if w in asking}
            if not asked and not named:
                return cls()
            years += asked
            measures |= named
        return cls(tuple(dict.fromkeys(years)), tuple(sorted(measures)))


_NATURE = {"i": "incidenteel", "s": "structureel"}


def cells(text: str) -> list[str]:
    return [c.strip() for c in text.split("|") if c.strip()]


def render_row(quote: str, chunk: Chunk, focus: RowFocus | None = None) -> str:
    row = cells(quote)
    if len(row) < 2:
        return quote
    header = cells(chunk.table_header)
    columns = header[1:] if len(header) > 1 else []
    # A row under a group label ("Hondenbelasting | eerste hond | 89,28 | ...") has two label cells.
    grouped = len(row) == len(columns) + 2 and not VALUE_CELL.match(row[1])
    label, values = (f"{row[0]} {row[1]}", row[2:]) if grouped else (row[0], row[1:])
    multiplier = unit_multiplier(chunk.unit) if chunk.unit else 1.0
    if columns and len(values) == len(columns):
        shown = _focused(columns, focus) if focus is not None else range(len(columns))
        body = "; ".join(_pair(columns[i], values[i], multiplier) for i in shown)
    elif (
        columns and values and len(values) < len(columns) and all(FIGURE_WITH_YEAR.search(v) for v in values)
    ):
        # Figures that carry their own year ("7,59 (2023)") fill the columns from the first: the
        # municipality's figure stands, the comparison figure after it is missing.
        body = "; ".join(
            _pair(column, value, multiplier) for column, value in zip(columns, values, strict=False)
        )
    elif _repeats_per_year(columns, values):
        width = len(columns)
        body = "; ".join(_per_year(columns, values[i : i + width]) for i in range(0, len(values), width))
    else:
        body = " | ".join(_with_euros(v, multiplier) for v in values)
    return f"{label} — {body}"


def _focused(columns: Sequence[str], focus: RowFocus) -> Sequence[int]:
    """The columns of the asked years, narrowed to the asked measures where columns name them."""
    every = range(len(columns))
    named = [set(fold(c).split()) for c in columns]
    of_years = {i for i in every if any(y in columns[i] for y in focus.years)} or set(every)
    kept = {i for i in of_years if named[i] & set(focus.measures)} or of_years
    # "Peilwaarde (2023)" names the year it was measured: a measure asked for that no column of
    # the asked years holds is shown whatever its year, beside the asked years' columns.
    for measure in focus.measures:
        if not any(measure in named[i] for i in of_years):
            kept |= {i for i in every if measure in named[i]}
    # "De streefwaarde voor 2025": shown with the peilwaarde it is measured against.
    against = {READ_AGAINST[w] for i in kept for w in named[i] if w in READ_AGAINST}
    kept |= {i for i in every if named[i] & against}
    return sorted(kept)


def _repeats_per_year(columns: list[str], values: list[str]) -> bool:
    """The values are the columns again and again, one year each."""
    width = len(columns)
    if not columns or len(values) <= width or len(values) % width:
        return False
    groups = [values[i : i + width] for i in range(0, len(values), width)]
    return all(any(YEAR.fullmatch(v.strip()) for v in group) for group in groups)


def _pair(column: str, value: str, multiplier: float) -> str:
    if fold(column) == "i/s":
        return _NATURE.get(value.strip().lower(), value)
    return f"{column}: {_with_euros(value, multiplier)}"


def _per_year(columns: list[str], values: list[str]) -> str:
    """One group of a row that repeats its columns: "2020: € 25.000 (dekking ...), incidenteel"."""
    year = next((v for v in values if YEAR.fullmatch(v.strip())), "")
    rest, nature = [], []
    for column, value in zip(columns, values, strict=True):
        if value == year:
            continue
        if fold(column) == "i/s":
            nature.append(_NATURE.get(value.strip().lower(), value))
        else:
            rest.append(value)
    shown = ", ".join([*rest, *nature])
    return f"{year}: {shown}" if year else shown


def _with_euros(value: str, multiplier: float) -> str:
    """A bare number in a `x € 1.000` table also in euros: "240 (€ 240.000)"."""
    if multiplier <= 1:
        return value
    euros = parse_amount(value, multiplier)
    return f"{value} ({format_eur(euros)})" if euros is not None and "€" not in value else value
