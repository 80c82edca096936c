"""OpenAI-compatible routes: `POST /v1/chat/completions` and `GET /v1/models`, so chat front ends
(Open WebUI, LangChain, the `openai` client) can ask the assistant.

The last user message is the question; earlier user and assistant messages are the history that a
follow-up is resolved against, exactly as in the chat (`ask.answer_payload`). System messages and
the sampling options are ignored: the answer comes from the documents. Citations stay in the text
(`[1]`) and come along structured too: `citations` on the completion and on its message, and on
the last chunk of a stream. Errors use OpenAI's shape (`api.openai_errors`)."""

from __future__ import annotations

import asyncio
import json
import secrets
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Annotated, Any
from urllib.parse import quote

import anyio.to_thread
from fastapi import APIRouter, Depends, Request
from fastapi.responses import StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from api import sse
from api.deps import AssistantDep, MessagesDep, SettingsDep
from api.errors import describe_validation
from api.messages import Messages
from api.openai_errors import OpenAIHTTPError
from api.routes.ask import answer_payload
from api.schemas import (
    MAX_ANSWER_CHARS,
    MAX_HISTORY_TURNS,
    MAX_QUESTION_CHARS,
    AskRequest,
    Municipality,
    Year,
)

MODEL_ID = "beleidsassistent"
MAX_MESSAGES = 200
_CREATED = int(time.time())

_bearer = HTTPBearer(auto_error=False, description="BELEID_API_TOKEN (alleen als die is ingesteld)")


def require_api_token(
    settings: SettingsDep,
    msg: MessagesDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """Open when `serve.api_token` is unset; otherwise the bearer token must match (401)."""
    expected = settings.serve.api_token
    if not expected:
        return
    challenge = {"WWW-Authenticate": "Bearer"}
    given = credentials.credentials.strip() if credentials else ""
    if not given:
        raise OpenAIHTTPError(401, msg("api_token_missing"), "invalid_api_key", challenge)
    if not secrets.compare_digest(given.encode(), expected.encode()):
        raise OpenAIHTTPError(401, msg("api_token_wrong"), "invalid_api_key", challenge)


router = APIRouter(tags=["openai"], dependencies=[Depends(require_api_token)])


class ChatMessage(BaseModel):
    """One message; `content` as a string or as OpenAI's list of parts (only text parts count)."""

    model_config = ConfigDict(extra="ignore")

    role: str
    content: str | list[dict[str, Any]] | None = None


class ChatCompletionRequest(BaseModel):
    """OpenAI's request; fields this assistant has no use for (temperature, tools, ...) are ignored.
    `municipality` and `year` are optional extras (the chat's filters), e.g. via `extra_body`."""

    model_config = ConfigDict(
        extra="ignore",
        json_schema_extra={
            "examples": [
                {
                    "model": MODEL_ID,
                    "messages": [{"role": "user", "content": "Hoeveel geeft Almelo uit aan jeugdhulp?"}],
                }
            ]
        },
    )

    model: str
    messages: list[ChatMessage] = Field(min_length=1, max_length=MAX_MESSAGES)
    stream: bool = False
    municipality: Municipality = None
    year: Year = None


def text_of(message: ChatMessage) -> str:
    if isinstance(message.content, str):
        return message.content
    parts = message.content or []
    return "\n".join(str(p.get("text", "")) for p in parts if p.get("type") == "text")


def to_ask_request(body: ChatCompletionRequest, msg: Messages) -> AskRequest:
    """The last user message as the question, the user/assistant pairs before it as history (the
    most recent turns, cut to what `/api/ask` accepts); other roles are skipped."""
    last = next((i for i in range(len(body.messages) - 1, -1, -1) if body.messages[i].role == "user"), None)
    if last is None or not text_of(body.messages[last]).strip():
        raise OpenAIHTTPError(400, msg("openai_no_question"), "invalid_request")
    turns: list[dict[str, str]] = []
    for message in body.messages[:last]:
        if message.role == "user":
            turns.append({"question": text_of(message)[:MAX_QUESTION_CHARS], "answer": ""})
        elif message.role == "assistant" and turns and not turns[-1]["answer"]:
            turns[-1]["answer"] = text_of(message)[:MAX_ANSWER_CHARS]
    fields = {"question": text_of(body.messages[last]), "municipality": body.municipality, "year": body.year}
    try:
        return AskRequest.model_validate({**fields, "history": turns[-MAX_HISTORY_TURNS:]})
    except ValidationError as exc:
        raise OpenAIHTTPError(400, describe_validation(exc.errors(), msg), "invalid_request") from None


def citations_of(payload: dict[str, Any], base_url: str) -> list[dict[str, Any]]:
    """The answer's citations, numbered as the `[n]` in its text, each with the URL of the PDF page
    the web UI opens for it."""
    sources = payload.get("sources", {})
    return [
        {
            "index": i,
            "doc": c["doc"],
            "title": sources.get(c["doc"], {}).get("title", c["doc"]),
            "page": c["page"],
            "quote": c["quote"],
            "url": f"{base_url}/api/documents/{quote(c['doc'], safe='')}/pdf#page={c['page']}",
        }
        for i, c in enumerate(payload["citations"], start=1)
    ]


def _words(text: str) -> int:
    return len(text.split())


def _usage(body: ChatCompletionRequest, answer: str) -> dict[str, int]:
    """Approximate token counts: whitespace-separated words."""
    prompt = sum(_words(text_of(m)) for m in body.messages)
    completion = _words(answer)
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}


def _check_model(model: str, msg: Messages) -> None:
    if model != MODEL_ID:
        raise OpenAIHTTPError(
            404, msg("openai_model_unknown", model=model, expected=MODEL_ID), "model_not_found"
        )


def _model() -> dict[str, Any]:
    return {"id": MODEL_ID, "object": "model", "created": _CREATED, "owned_by": MODEL_ID}


def _chunks(head: dict[str, Any], answer: str, extra: dict[str, Any]) -> Iterator[dict[str, Any]]:
    def chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
        return {**head, "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}]}

    yield chunk({"role": "assistant", "content": ""})
    for piece in sse.pieces(answer):
        yield chunk({"content": piece})
    yield {**chunk({}, "stop"), **extra}  # the last chunk carries citations and usage


async def _stream(chunks: Iterator[dict[str, Any]]) -> AsyncIterator[str]:
    for data in chunks:
        yield f"data: {json.dumps(data, ensure_ascii=False)}\n\n"
        await asyncio.sleep(0)  # hand each piece to the server before making the next
    yield "data: [DONE]\n\n"


@router.get("/v1/models", summary="Modellen (OpenAI-formaat)")
def list_models() -> dict[str, Any]:
    return {"object": "list", "data": [_model()]}


@router.get("/v1/models/{model}", summary="Eén model (OpenAI-formaat)")
def get_model(model: str, msg: MessagesDep) -> dict[str, Any]:
    _check_model(model, msg)
    return _model()


@router.post(
    "/v1/chat/completions",
    summary="Stel een vraag (OpenAI-formaat)",
    description="Het laatste `user`-bericht is de vraag, eerdere berichten de geschiedenis. Met "
    "`stream: true` komen `chat.completion.chunk`-events en `data: [DONE]`; het laatste chunk "
    "draagt `citations` (`index`, `doc`, `title`, `page`, `quote`, `url`) en `usage`.",
    responses={200: {"content": {"text/event-stream": {}}}},
)
async def chat_completions(
    body: ChatCompletionRequest, request: Request, assistant: AssistantDep, msg: MessagesDep
) -> Any:
    _check_model(body.model, msg)
    ask = to_ask_request(body, msg)
    # Answered before the first byte, so a failure is a status code with an error body, not a
    # broken stream.
    payload = await anyio.to_thread.run_sync(answer_payload, assistant, ask)
    citations = citations_of(payload, str(request.base_url).rstrip("/"))
    answer: str = payload["answer"]
    head = {"id": f"chatcmpl-{uuid.uuid4().hex}", "created": int(time.time()), "model": MODEL_ID}
    extra = {"citations": citations, "refused": payload["refused"], "usage": _usage(body, answer)}
    if body.stream:
        chunks = _chunks({**head, "object": "chat.completion.chunk"}, answer, extra)
        return StreamingResponse(
            _stream(chunks),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )
    message = {"role": "assistant", "content": answer, "refusal": None, "citations": citations}
    choice = {"index": 0, "message": message, "logprobs": None, "finish_reason": "stop"}
    return {**head, "object": "chat.completion", "choices": [choice], **extra}
