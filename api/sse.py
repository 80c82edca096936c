"""Server-sent events for `/api/ask`: retrieval, answer pieces, citations, done (or error)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

_PIECE = re.compile(r"\s*\S+|\s+$")


def event(name: str, data: Any) -> str:
    return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def pieces(text: str, words: int = 3) -> Iterator[str]:
    """`text` in pieces of a few words that concatenate back to exactly `text`."""
    tokens = _PIECE.findall(text)
    for start in range(0, len(tokens), words):
        yield "".join(tokens[start : start + words])


def answer_events(payload: dict[str, Any]) -> Iterator[str]:
    """The events of a finished answer, in the order the UI renders them."""
    yield event("retrieval", {"retrieved": payload["retrieved"], "filters": payload["filters"]})
    for piece in pieces(payload["answer"]):
        yield event("answer", {"delta": piece})
    yield event("citations", {"citations": payload["citations"], "sources": payload["sources"]})
    yield event("done", payload)
