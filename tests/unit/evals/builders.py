"""Small builders for gold items and result lines, so each test states only what it is about."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from evals.gold import GoldItem, GoldSource


def gold_item(
    item_id: str = "q1",
    kind: str = "fact",
    sources: Sequence[tuple[str, int, str]] = (("doc-a", 1, "de gemeente investeert in preventie"),),
    must_contain: Sequence[str] = ("preventie",),
    municipalities: Sequence[str] = ("Almelo",),
) -> GoldItem:
    return GoldItem(
        id=item_id,
        question=f"Vraag {item_id}?",
        answer="",
        type=kind,
        sources=tuple(GoldSource(doc, page, quote) for doc, page, quote in sources),
        must_contain=tuple(must_contain),
        municipalities=tuple(municipalities),
    )


def unanswerable(item_id: str = "u1", municipalities: Sequence[str] = ("Almelo",)) -> GoldItem:
    return gold_item(item_id, "unanswerable", sources=(), must_contain=(), municipalities=municipalities)


def cite(doc: str, page: int, quote: str) -> dict[str, Any]:
    return {"doc": doc, "page": page, "quote": quote}


def chunk(doc: str, text: str, page: int = 1) -> dict[str, Any]:
    return {"doc": doc, "page_start": page, "page_end": page, "text": text, "score": 0.5}


def result(
    item_id: str = "q1",
    answer: str = "",
    refused: bool = False,
    citations: Sequence[dict[str, Any]] = (),
    retrieved: Sequence[dict[str, Any]] = (),
    latency_ms: float = 10.0,
    **extra: Any,
) -> dict[str, Any]:
    return {
        "id": item_id,
        "answer": answer,
        "refused": refused,
        "citations": list(citations),
        "retrieved": list(retrieved),
        "latency_ms": latency_ms,
        **extra,
    }
