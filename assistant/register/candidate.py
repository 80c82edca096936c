"""What an extractor proposes before verification, and the small text helpers they share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from assistant.lexicon import BARE_YEAR
from assistant.register.models import RecordType

# Structure beats cue words: a row of a table or an item of a goal list is surer than a sentence.
PRIORITY_STRUCTURE = 3
PRIORITY_LIST = 2
PRIORITY_CUE = 1

MEASURE_WORD = re.compile(
    r"^(Percentage|Aantal|Mate|Minimaal aantal|Toegekende|Totaal aantal|Aandeel|Gemiddeld|Budget|Uitgaven)\b"
)
FOOTNOTE = re.compile(r"^[¹²³⁴⁵⁶⁷⁸⁹⁰]")
SUPERSCRIPTS = re.compile(r"\s*[¹²³⁴⁵⁶⁷⁸⁹⁰]+")


@dataclass
class Candidate:
    type: RecordType
    text: str
    quote: str
    page: int
    priority: int = PRIORITY_CUE
    fields: dict[str, Any] = field(default_factory=dict)


def years_in(text: str) -> list[int]:
    """The years `text` names, in order; not the digits of a larger number ("12.020")."""
    return [int(y) for y in BARE_YEAR.findall(text)]


def clean_label(text: str) -> str:
    """Readable text from PDF lines: footnote marks out, spaces folded. Hyphens stay: in
    "effect- en prestatie-indicatoren" the hyphen is Dutch, not a line break."""
    text = SUPERSCRIPTS.sub("", text)
    return " ".join(text.split()).strip(" ;,")


def continues(following: str) -> bool:
    """Whether the line `following` continues a wrapped title or item rather than starting text."""
    following = following.strip()
    if not following or FOOTNOTE.match(following) or following.startswith("- "):
        return False
    return following[0].islower() or following[0] in "(&"


_MARKER = re.compile(r"^\s*(?:[-•▪]\s*)?(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?")


def first_sentence(text: str) -> str:
    """Up to the first full stop that ends a sentence (abbreviations like "o.a." and a leading
    list number like "7." do not)."""
    skip = _MARKER.match(text)
    offset = skip.end() if skip else 0
    match = re.search(r"(?<!\b[a-z])(?<!\b[a-z]\.[a-z])[.!?](?=\s+[A-Z‘'\"“(]|\s*$)", text[offset:])
    return text[: offset + match.end()].strip() if match else text.strip()
