"""Every error a client can cause becomes a 4xx with one Dutch sentence in `{"detail": ...}`."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.messages import Messages
from api.openai_errors import error_body, is_v1
from assistant.errors import (
    BeleidError,
    EmbedderMismatchError,
    IndexEmptyError,
    IngestBusyError,
    IngestError,
    LLMError,
    NotAPdfError,
    UnknownDocumentError,
)

log = logging.getLogger(__name__)

# Most specific first. The 5xx here are the server's state, not a bug: worth a retry later.
_STATUS: tuple[tuple[type[BeleidError], int, str], ...] = (
    (UnknownDocumentError, 404, "document_not_found"),
    (NotAPdfError, 415, "upload_not_pdf"),
    (IngestError, 422, "job_failed"),
    (EmbedderMismatchError, 409, "embedder_mismatch"),
    (IngestBusyError, 409, "internal_error"),
    (IndexEmptyError, 503, "index_empty"),
    (LLMError, 502, "llm_unavailable"),
    (BeleidError, 400, "internal_error"),
)

_REASONS = {
    "missing": "reason_missing",
    "int_parsing": "reason_not_int",
    "int_type": "reason_not_int",
    "int_from_float": "reason_not_int",
    "string_type": "reason_not_string",
    "list_type": "reason_not_list",
    "greater_than_equal": "reason_too_small",
    "greater_than": "reason_too_small",
    "less_than_equal": "reason_too_large",
    "less_than": "reason_too_large",
    "string_too_short": "reason_too_short",
    "string_too_long": "reason_too_long",
    "too_long": "reason_too_long",
    "literal_error": "reason_bad_choice",
    "enum": "reason_bad_choice",
}
_EMPTY = {"missing", "string_too_short", "string_type"}
# The English details FastAPI and Starlette give a JSON or multipart body they cannot read.
_UNPARSEABLE = (
    "There was an error parsing the body",
    "Missing boundary in multipart",
    "Invalid multipart data",
    "Too many files",
    "Too many fields",
    "Part exceeded maximum size",
)


def field_name(loc: Sequence[Any]) -> str:
    """`("body", "history", 0, "question")` -> `history[0].question`."""
    name = ""
    for part in loc[1:] if loc and loc[0] in ("body", "query", "path", "header", "form") else loc:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name


def describe_error(error: dict[str, Any], msg: Messages) -> str:
    kind = str(error.get("type", ""))
    field = field_name(error.get("loc", ()))
    ctx = error.get("ctx") or {}
    if kind == "json_invalid" or field in ("", "body"):
        return msg("invalid_json") if kind != "missing" else msg("question_empty")
    if field == "question":
        if kind == "string_too_long":
            return msg("question_too_long", max=ctx.get("max_length", ""))
        if kind == "string_type":
            return msg("question_not_text")
        if kind in _EMPTY:
            return msg("question_empty")
    if field == "q" and kind in _EMPTY:
        return msg("search_query_empty")
    if field == "theme" and kind in _EMPTY:
        return msg("register_theme_missing")
    if field == "file" and kind in _EMPTY | {"value_error"}:
        return msg("upload_no_file")
    limit = next((ctx[k] for k in ("ge", "gt", "le", "lt", "max_length") if k in ctx), "")
    # Pydantic lists choices as "'a', 'b' or 'c'": the last word is the only English one.
    choices = str(ctx.get("expected", "")).replace(" or ", " of ")
    reason = msg(_REASONS.get(kind, "reason_invalid"), limit=limit, choices=choices)
    return msg("invalid_field", field=field, reason=reason)


def describe_validation(errors: Sequence[Any], msg: Messages) -> str:
    # Several broken fields: name up to three, in order, rather than only the first.
    texts = list(dict.fromkeys(describe_error(dict(e), msg) for e in errors))
    return " ".join(texts[:3]) or msg("invalid_json")


def status_for(exc: BeleidError) -> tuple[int, str]:
    return next((code, key) for kind, code, key in _STATUS if isinstance(exc, kind))


def reply(
    request: Request,
    detail: str,
    status: int,
    headers: Mapping[str, str] | None = None,
    code: str | None = None,
) -> JSONResponse:
    """`{"detail": ...}`, or OpenAI's error shape on the OpenAI-compatible routes."""
    body = error_body(status, detail, code) if is_v1(request.url.path) else {"detail": detail}
    return JSONResponse(body, status_code=status, headers=headers)


def install_error_handlers(app: FastAPI, msg: Messages) -> None:
    async def on_validation(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        # OpenAI answers a malformed request with 400; its clients expect that status.
        status = 400 if is_v1(request.url.path) else 422
        return reply(request, describe_validation(exc.errors(), msg), status)

    async def on_beleid(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, BeleidError)
        code, key = status_for(exc)
        text = " ".join(str(exc).split())
        detail = text or msg(key, error=type(exc).__name__, doc="?")
        if isinstance(exc, LLMError):
            detail = msg("llm_unavailable", error=text or type(exc).__name__)
        return reply(request, detail, code)

    async def on_http(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        detail = exc.detail
        if exc.status_code == 400 and isinstance(detail, str) and detail.startswith(_UNPARSEABLE):
            detail = msg("invalid_body")
        elif detail == HTTPStatus(exc.status_code).phrase:
            # Starlette's English defaults for routes that do not exist.
            key = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code)
            detail = msg(key, path=request.url.path) if key else detail
        return reply(request, detail, exc.status_code, exc.headers, getattr(exc, "code", None))

    async def on_crash(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return reply(request, msg("internal_error"), 500)

    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(BeleidError, on_beleid)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(Exception, on_crash)
