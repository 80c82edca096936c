"""How a cited table row reads in an answer: cells paired with their column headers, euros added."""

from __future__ import annotations

from assistant.amounts import format_eur, parse_amount, unit_multiplier
from assistant.types import Chunk

MAX_EURO_VALUES = 4  # beyond that the euro conversion drowns the row


def cells(text: str) -> list[str]:
    return [c.strip() for c in text.split("|") if c.strip()]


def render_row(quote: str, chunk: Chunk) -> str:
    """`Besparing GIDS | 240 | 240` under `Omschrijving | 2019 | 2020` in a `x € 1.000` table reads
    `Besparing GIDS: 2019: 240; 2020: 240 (x € 1.000 = € 240.000; € 240.000)`."""
    row = cells(quote)
    if not row:
        return quote
    header = cells(chunk.table_header)
    label, values = row[0], row[1:]
    if len(header) == len(row) and values:
        body = "; ".join(f"{h}: {v}" for h, v in zip(header[1:], values, strict=True))
    else:
        body = " ".join(values)
    text = f"{label}: {body}" if body else label
    multiplier = unit_multiplier(chunk.unit) if chunk.unit else 1.0
    if multiplier > 1:
        euros = [parse_amount(v, multiplier) for v in values]
        shown = [format_eur(e) for e in euros if e is not None][:MAX_EURO_VALUES]
        unit = " ".join(chunk.unit.split())
        text += f" ({unit}" + (f" = {'; '.join(shown)})" if shown else ")")
    return text
