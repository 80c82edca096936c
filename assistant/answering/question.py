"""What kind of answer a question asks for, from Dutch (and English) cue words."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_AMOUNT = re.compile(
    r"\b(hoeveel|bedrag\w*|budget\w*|kost\w*|geld|euro|besparing\w*|bespar\w*|opbrengst\w*|saldo|"
    r"reserv\w*|begro\w*|uitgave\w*|bijdrage\w*|stelpost\w*|taakstelling\w*|invester\w*|subsidie\w*|"
    r"how much|amount|cost\w*|budget|money|saving\w*|spend\w*)\b|€",
    re.IGNORECASE,
)
_PERCENT = re.compile(r"\b(percentage|procent\w*|welk deel|aandeel|percent|share)\b|%", re.IGNORECASE)
_COUNT = re.compile(r"\b(hoeveel|aantal|how many|number of)\b", re.IGNORECASE)
# A list is asked for by "welke" + a plural noun (one adjective or number may stand between),
# "noem", or a count ("vijf doelen").
_LIST = re.compile(
    r"\b(welke|noem|wat zijn de|which|what are|list)\s+(\w+\s+){0,2}?\w{2,}(en|s|'s)\b|"
    r"\b(twee|drie|vier|vijf|zes|zeven|acht|negen|tien)\s+\w+",
    re.IGNORECASE,
)
_WHEN = re.compile(r"\b(wanneer|per wanneer|vanaf wanneer|welk jaar|when)\b", re.IGNORECASE)
_NUMBER_WORDS = {
    "twee": 2,
    "drie": 3,
    "vier": 4,
    "vijf": 5,
    "zes": 6,
    "zeven": 7,
    "acht": 8,
    "negen": 9,
    "tien": 10,
}


@dataclass(frozen=True)
class QuestionProfile:
    wants_amount: bool
    wants_percent: bool
    wants_count: bool
    wants_list: bool
    wants_date: bool
    list_size: int | None


def fold(text: str) -> str:
    """Lower case without diacritics: hurried users type `geindiceerde` for `geïndiceerde`."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def profile(question: str) -> QuestionProfile:
    folded = fold(question)
    size = next((n for word, n in _NUMBER_WORDS.items() if re.search(rf"\b{word}\b", folded)), None)
    return QuestionProfile(
        wants_amount=bool(_AMOUNT.search(folded)),
        wants_percent=bool(_PERCENT.search(folded)),
        wants_count=bool(_COUNT.search(folded)),
        wants_list=bool(_LIST.search(folded)),
        wants_date=bool(_WHEN.search(folded)),
        list_size=size,
    )
