"""`POST /api/ask`: a cited answer as JSON, or as server-sent events when the client asks for them."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from typing import Any

import anyio.to_thread
from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse

from api import sse
from api.deps import AssistantDep, MessagesDep
from api.followup import to_filters, to_turns
from api.messages import Messages
from api.schemas import AppliedFilters, AskRequest, AskResponse, ErrorOut
from assistant.catalog import DocumentRecord
from assistant.core import Assistant
from assistant.errors import BeleidError
from assistant.markdown import answer_markdown
from assistant.protocols import TextSink
from assistant.types import Answer

log = logging.getLogger(__name__)
router = APIRouter(tags=["vragen"])

_STREAM_DOC = """Met `Accept: text/event-stream` komen er events in deze volgorde: `retrieval`
(de gevonden passages), een aantal `answer` (`{"delta": "..."}`, samen de antwoordtekst),
`citations`, en `done` (het volledige antwoord zoals zonder streaming, met `mode`). Bij een fout:
`error`. Met een taalmodel komen de `answer`-events vóór `retrieval`, zodra het model elke zin
schrijft en zijn citaat gecontroleerd is."""


def source_meta(record: DocumentRecord) -> dict[str, Any]:
    meta = record.meta
    return {
        "title": meta.title,
        "municipality": meta.municipality,
        "year": meta.year,
        "doc_type": meta.doc_type,
        "pages": record.page_count,
    }


def answer_payload(assistant: Assistant, body: AskRequest, on_text: TextSink | None = None) -> dict[str, Any]:
    """Runs in a worker thread: the catalog, the retriever and the answerer all block."""
    records = {r.doc_id: r for r in assistant.documents()}
    resolution = assistant.resolve(
        body.question, to_turns(body.history), to_filters(body.municipality, body.year)
    )
    answer: Answer = assistant.answer_resolved(resolution, on_text)
    payload = answer.to_json()
    payload["question"] = body.question
    payload.setdefault("table", [])
    places = resolution.filters.municipalities
    applied = AppliedFilters(
        municipality=places[0] if len(places) == 1 else body.municipality,
        year=body.year,
        from_history="gemeente" in resolution.inherited,
    )
    payload["filters"] = applied.model_dump()
    payload["inherited"] = list(resolution.inherited)
    used = [c["doc"] for c in payload["citations"]] + [h["doc"] for h in payload["retrieved"]]
    payload["sources"] = {d: source_meta(records[d]) for d in dict.fromkeys(used) if d in records}
    payload["markdown"] = answer_markdown(answer, {d: r.meta.title for d, r in records.items()})
    return payload


async def _stream(assistant: Assistant, body: AskRequest, msg: Messages) -> AsyncIterator[str]:
    loop = asyncio.get_running_loop()
    written: asyncio.Queue[str | None] = asyncio.Queue()

    def on_text(text: str) -> None:  # called in the worker thread
        loop.call_soon_threadsafe(written.put_nowait, text)

    work = asyncio.ensure_future(anyio.to_thread.run_sync(answer_payload, assistant, body, on_text))
    work.add_done_callback(lambda _: written.put_nowait(None))
    streamed = ""
    while (text := await written.get()) is not None:
        streamed += text
        for piece in sse.pieces(text):
            yield sse.event("answer", {"delta": piece})
        await asyncio.sleep(0)
    try:
        payload = await work
    except BeleidError as exc:
        yield sse.event("error", {"detail": msg("stream_failed", error=" ".join(str(exc).split()))})
        return
    except Exception:
        # Headers are already sent, so the error travels as an event instead of a status code.
        log.exception("streaming answer failed")
        yield sse.event("error", {"detail": msg("internal_error")})
        return
    for chunk in sse.answer_events(payload, streamed):
        yield chunk
        await asyncio.sleep(0)  # hand each piece to the server before making the next


@router.post(
    "/api/ask",
    response_model=AskResponse,
    summary="Stel een vraag",
    description=_STREAM_DOC,
    responses={
        200: {"content": {"text/event-stream": {}}},
        422: {"model": ErrorOut},
        503: {"model": ErrorOut},
    },
)
async def ask(body: AskRequest, request: Request, assistant: AssistantDep, msg: MessagesDep) -> Any:
    if "text/event-stream" in request.headers.get("accept", ""):
        return StreamingResponse(
            _stream(assistant, body, msg),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )
    return await anyio.to_thread.run_sync(answer_payload, assistant, body)
