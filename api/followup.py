"""From request fields to the core's filters and conversation turns.

Follow-up questions are resolved by the core (`assistant.conversation`): the API only hands it
the earlier turns the UI remembers."""

from __future__ import annotations

from collections.abc import Iterable

from api.schemas import HistoryTurn
from assistant.conversation import Turn
from assistant.types import Filters


def to_filters(municipality: str | None, year: int | None) -> Filters:
    return Filters(municipalities=(municipality,) if municipality else (), years=(year,) if year else ())


def to_turns(history: Iterable[HistoryTurn]) -> list[Turn]:
    return [Turn(t.question, t.answer, t.municipality, t.year) for t in history]
