"""How a cited table row reads in an answer: cells paired with their column headers, in Dutch.

`Besparing GIDS | 240 | 240` under `Omschrijving | 2019 | 2020` in a `x € 1.000` table reads
`Besparing GIDS — 2019: 240 (€ 240.000); 2020: 240 (€ 240.000)`. A proposal row that repeats
its columns per year (`i | 2020 | € 25.000 (...) | i | 2021 | € 25.000 (...)` under
`Voorstel | i/s | jaar | Financiën`) reads one year at a time, with `i`/`s` spelled out.
"""

from __future__ import annotations

from assistant.amounts import format_eur, parse_amount, unit_multiplier
from assistant.lexicon import YEAR, fold
from assistant.types import Chunk

_NATURE = {"i": "incidenteel", "s": "structureel"}


def cells(text: str) -> list[str]:
    return [c.strip() for c in text.split("|") if c.strip()]


def render_row(quote: str, chunk: Chunk) -> str:
    row = cells(quote)
    if len(row) < 2:
        return quote
    header = cells(chunk.table_header)
    label, values = row[0], row[1:]
    columns = header[1:] if len(header) > 1 else []
    multiplier = unit_multiplier(chunk.unit) if chunk.unit else 1.0
    if columns and len(values) == len(columns):
        body = "; ".join(_pair(c, v, multiplier) for c, v in zip(columns, values, strict=True))
    elif _repeats_per_year(columns, values):
        width = len(columns)
        body = "; ".join(_per_year(columns, values[i : i + width]) for i in range(0, len(values), width))
    else:
        body = " | ".join(_with_euros(v, multiplier) for v in values)
    return f"{label} — {body}"


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
