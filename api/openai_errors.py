"""Errors on the OpenAI-compatible routes (`/v1/...`) in OpenAI's shape, so its clients read them:
`{"error": {"message", "type", "param", "code"}}`, the message in Dutch like everywhere else."""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException

V1 = "/v1"

# status -> (type, code), after OpenAI's own errors.
_KINDS: dict[int, tuple[str, str]] = {
    400: ("invalid_request_error", "invalid_request"),
    401: ("invalid_request_error", "invalid_api_key"),
    403: ("invalid_request_error", "forbidden"),
    404: ("invalid_request_error", "not_found"),
    405: ("invalid_request_error", "method_not_allowed"),
    413: ("invalid_request_error", "request_too_large"),
    415: ("invalid_request_error", "unsupported_media_type"),
    422: ("invalid_request_error", "invalid_request"),
    429: ("rate_limit_error", "rate_limit_exceeded"),
    502: ("server_error", "upstream_unavailable"),
    503: ("server_error", "server_busy"),
}


class OpenAIHTTPError(HTTPException):
    """An HTTP error with its own OpenAI `code` (`model_not_found`) instead of the status's."""

    def __init__(self, status_code: int, detail: str, code: str, headers: dict[str, str] | None = None):
        super().__init__(status_code, detail, headers)
        self.code = code


def is_v1(path: str) -> bool:
    return path == V1 or path.startswith(V1 + "/")


def error_body(status: int, message: Any, code: str | None = None) -> dict[str, Any]:
    kind, default_code = _KINDS.get(
        status, ("server_error", "internal_error") if status >= 500 else ("invalid_request_error", "error")
    )
    return {"error": {"message": str(message), "type": kind, "param": None, "code": code or default_code}}
