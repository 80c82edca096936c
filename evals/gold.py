"""Gold questions: load and check them before a run, so a typo fails in a second, not after an hour."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.conversation import Turn
from evals.jsonl import read_lines

QUESTION_TYPES = (
    "fact",
    "goal",
    "indicator",
    "budget",
    "measure",
    "commitment",
    "table",
    "list",
    "cross",
    "unanswerable",
)
UNANSWERABLE = "unanswerable"


class GoldFormatError(ValueError):
    """A gold line that does not follow the contract; the message names the line and field."""


@dataclass(frozen=True)
class GoldSource:
    doc: str
    page: int
    quote: str


@dataclass(frozen=True)
class GoldItem:
    id: str
    question: str
    answer: str
    type: str
    sources: tuple[GoldSource, ...]
    must_contain: tuple[str, ...]
    difficulty: str = ""
    municipalities: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    history: tuple[Turn, ...] = ()  # earlier turns of a follow-up question, oldest first

    @property
    def answerable(self) -> bool:
        # The scorer treats an item without sources as unanswerable whatever its type says.
        return self.type != UNANSWERABLE and bool(self.sources)

    @property
    def scored_type(self) -> str:
        """The type under which the scorer reports this item."""
        return self.type if self.answerable else UNANSWERABLE

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "question": self.question,
            "answer": self.answer,
            "type": self.type,
            "sources": [{"doc": s.doc, "page": s.page, "quote": s.quote} for s in self.sources],
            "must_contain": list(self.must_contain),
            "difficulty": self.difficulty,
            "municipalities": list(self.municipalities),
            "tags": list(self.tags),
            **({"history": [{"question": t.question, "answer": t.answer} for t in self.history]}
               if self.history else {}),
        }  # fmt: skip


def parse_gold_item(data: Any, where: str = "gold item") -> GoldItem:
    if not isinstance(data, dict):
        raise GoldFormatError(f"{where}: expected a JSON object")
    item_id = _text(data, "id", where)
    where = f"{where} ({item_id})"
    # A type outside QUESTION_TYPES, or an answerable type without sources, is accepted as the
    # scorer accepts it (see `GoldItem.answerable`): a held-out set must not fail on a new label.
    kind = _text(data, "type", where)
    sources = tuple(_source(s, f"{where}: sources[{n}]") for n, s in enumerate(_list(data, "sources", where)))
    return GoldItem(
        id=item_id,
        question=_text(data, "question", where),
        answer=str(data.get("answer", "")),
        type=kind,
        sources=sources,
        must_contain=_strings(data, "must_contain", where, required=False),
        difficulty=str(data.get("difficulty", "")),
        municipalities=_strings(data, "municipalities", where, required=False),
        tags=_strings(data, "tags", where, required=False),
        history=_history(data.get("history", []), f"{where}: history"),
    )


def _history(data: Any, where: str) -> tuple[Turn, ...]:
    """Earlier turns as questions (strings), {"question", "answer"} objects, or chat messages
    ({"role": "user" | "assistant", "content"}), where an assistant message answers the turn before."""
    if not isinstance(data, list):
        raise GoldFormatError(f"{where}: must be a list")
    turns: list[Turn] = []
    for n, entry in enumerate(data):
        if isinstance(entry, str) and entry.strip():
            turns.append(Turn(entry))
        elif isinstance(entry, dict) and isinstance(entry.get("question"), str):
            turns.append(Turn(entry["question"], str(entry.get("answer", ""))))
        elif isinstance(entry, dict) and entry.get("role") in ("user", "assistant"):
            content = str(entry.get("content", ""))
            if entry["role"] == "user":
                turns.append(Turn(content))
            elif turns:
                turns[-1] = Turn(turns[-1].question, content)
        else:
            raise GoldFormatError(f"{where}[{n}]: expected a question, or an object with 'question'")
    return tuple(turns)


def _text(data: dict[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise GoldFormatError(f"{where}: {key!r} must be a non-empty string")
    return value


def _list(data: dict[str, Any], key: str, where: str, required: bool = True) -> list[Any]:
    value = data.get(key, None if required else [])
    if not isinstance(value, list):
        raise GoldFormatError(f"{where}: {key!r} must be a list")
    return value


def _strings(data: dict[str, Any], key: str, where: str, required: bool = True) -> tuple[str, ...]:
    values = _list(data, key, where, required)
    if not all(isinstance(v, str) for v in values):
        raise GoldFormatError(f"{where}: {key!r} must hold strings")
    return tuple(values)


def _source(data: Any, where: str) -> GoldSource:
    if not isinstance(data, dict):
        raise GoldFormatError(f"{where}: expected an object")
    page = data.get("page")
    if not isinstance(page, int) or isinstance(page, bool) or page < 1:
        raise GoldFormatError(f"{where}: 'page' must be a 1-based page number")
    return GoldSource(doc=_text(data, "doc", where), page=page, quote=_text(data, "quote", where))


def load_gold(path: Path) -> list[GoldItem]:
    """All items of a gold JSONL file, in file order; ids must be unique."""
    items: list[GoldItem] = []
    seen: set[str] = set()
    for where, data in read_lines(path, GoldFormatError):
        item = parse_gold_item(data, where)
        if item.id in seen:
            raise GoldFormatError(f"{where}: id {item.id!r} occurs twice")
        seen.add(item.id)
        items.append(item)
    return items


def select_gold(
    items: Sequence[GoldItem], types: Collection[str] | None = None, limit: int | None = None
) -> list[GoldItem]:
    """The items of the given types (all when None), then the first `limit` of them."""
    if types:
        known = set(QUESTION_TYPES) | {item.type for item in items}
        unknown = sorted(set(types) - known)
        if unknown:
            # A misspelt type would otherwise select nothing and report a run over zero questions.
            raise ValueError(
                f"unknown question type(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}"
            )
        items = [item for item in items if item.type in types]
    if limit is not None:
        if limit < 0:
            raise ValueError("limit must be at least 0")
        items = items[:limit]
    return list(items)


def municipalities_of(items: Iterable[GoldItem]) -> list[str]:
    return sorted({m for item in items for m in item.municipalities})
