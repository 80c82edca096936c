"""Dutch money amounts: parse `€ 1,2 mln`, `1.884` in a `x € 1.000` table, format `€ 1.884.000`.

Dutch writes `.` for thousands and `,` for decimals; tables often state a unit once
("bedragen x € 1.000") and then list bare numbers, so parsing takes a unit multiplier.
Percentages are never euros.
"""

from __future__ import annotations

import re

from assistant.lexicon import DASH_MONEY, EURO_AFTER, EURO_BEFORE, PLAIN_AMOUNT, SCALE_FACTORS, UNIT_FACTOR


def _to_float(num: str) -> float | None:
    text = num.replace(" ", "").replace("−", "-").replace("–", "-")
    negative = text.startswith("-")
    text = text.lstrip("-")
    if "," in text:
        whole, _, frac = text.partition(",")
        text = whole.replace(".", "") + "." + frac
    else:
        text = text.replace(".", "")
    try:
        value = float(text)
    except ValueError:
        return None
    return -value if negative else value


def _scale(word: str | None) -> float:
    if not word:
        return 1.0
    return SCALE_FACTORS.get(word.lower().rstrip("."), 1.0)


def unit_multiplier(unit_text: str) -> float:
    """The factor a table's unit line implies: `bedragen x € 1.000` -> 1000, `(x € 1 .000)` -> 1000.

    Returns 1.0 when the text names no multiplier (plain `€`, or not money at all).
    """
    match = UNIT_FACTOR.search(unit_text or "")
    if not match:
        return 1.0
    if match.group("word"):
        return _scale(match.group("word"))
    # The stray space in "1 .000" is a PDF artefact; digits and dots are what count.
    digits = re.sub(r"[ .]", "", match.group("num"))
    return float(digits) if digits.isdigit() and int(digits) > 0 else 1.0


def parse_amount(text: str, unit_multiplier: float = 1.0) -> float | None:
    """Euros in `text` (one amount), or None when it is no amount (a percentage, a word, empty).

    A bare number is taken as money in the given unit (table cells); a scale word
    ("mln", "miljoen") overrides the unit.
    """
    if not text or "%" in text:
        return None
    for pattern in (EURO_BEFORE, EURO_AFTER, DASH_MONEY):
        match = pattern.search(text)
        if match:
            return _value(match, unit_multiplier if pattern is DASH_MONEY else 1.0)
    match = PLAIN_AMOUNT.match(text.replace(",-", ""))
    if match:
        return _value(match, unit_multiplier)
    return None


def _value(match: re.Match[str], unit: float) -> float | None:
    value = _to_float(match.group("num"))
    if value is None:
        return None
    groups = match.groupdict()
    if groups.get("sign") and value > 0:
        value = -value  # "-€ 150", the way format_eur writes a negative amount
    scale = groups.get("scale")
    return value * (_scale(scale) if scale else unit)


def find_amounts(text: str) -> list[tuple[str, float]]:
    """Every euro amount in running text, as (raw match, euros), in reading order.

    Only explicit money counts here (`€`, `euro`, `25.000,-`): a bare number in prose is a count
    or a year, not an amount.
    """
    found: list[tuple[int, int, str, float]] = []
    for pattern in (EURO_BEFORE, EURO_AFTER, DASH_MONEY):
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e, _, _ in found):
                continue
            value = _value(match, 1.0)
            if value is not None:
                found.append((start, end, match.group().strip(), value))
    return [(raw, value) for _, _, raw, value in sorted(found)]


def format_eur(value: float) -> str:
    """Dutch style: `€ 1.884.000`, `€ 1.884.000,50`, `-€ 150`."""
    sign = "-" if value < 0 else ""
    value = abs(value)
    cents = round(value * 100) % 100
    whole = f"{int(round(value * 100) // 100):,}".replace(",", ".")
    return f"{sign}€ {whole}" + (f",{cents:02d}" if cents else "")
