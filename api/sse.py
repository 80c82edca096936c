"""Server-sent events for `/api/ask`: retrieval, answer pieces, citations, done (or error).

A generative answer's pieces come first, as the model writes them (each claim once verified);
`retrieval` then follows them."""

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


def answer_events(payload: dict[str, Any], streamed: str = "") -> Iterator[str]:
    """The events of a finished answer whose first part, `streamed`, was already sent as it was
    written: the rest of the text, then what it rests on."""
    yield event("retrieval", {"retrieved": payload["retrieved"], "filters": payload["filters"]})
    text = payload["answer"]
    if text.startswith(streamed):  # else the `done` event's text replaces what was shown
        for piece in pieces(text[len(streamed) :]):
            yield event("answer", {"delta": piece})
    yield event("citations", {"citations": payload["citations"], "sources": payload["sources"]})
    yield event("done", payload)
