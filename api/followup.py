"""Resolving follow-up questions from the chat history, deliberately modestly.

Only one thing carries over: when the new question names no municipality and sets no municipality
filter, the previous turn's municipality (its filter, or the one its question named) applies. So
"En hoeveel gaat naar jeugdhulp?" after a question about Almelo stays about Almelo. Everything
else in the history is ignored: rewriting questions is the answerer's business, not the API's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from api.schemas import AppliedFilters, AskRequest
from assistant.types import Filters


def named_municipality(text: str, municipalities: Iterable[str]) -> str | None:
    """The first known municipality that `text` names as a whole word (case-insensitive)."""
    for name in sorted(municipalities, key=len, reverse=True):  # longest first: "Hof van Twente"
        if name and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE):
            return name
    return None


def resolve_filters(request: AskRequest, municipalities: Iterable[str]) -> AppliedFilters:
    known = list(municipalities)
    if request.municipality or named_municipality(request.question, known) or not request.history:
        return AppliedFilters(municipality=request.municipality, year=request.year)
    previous = request.history[-1]
    carried = previous.municipality or named_municipality(previous.question, known)
    return AppliedFilters(municipality=carried, year=request.year, from_history=carried is not None)


def to_filters(applied: AppliedFilters) -> Filters:
    return Filters(
        municipalities=(applied.municipality,) if applied.municipality else (),
        years=(applied.year,) if applied.year else (),
    )
