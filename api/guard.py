"""ASGI guards that run before a route reads its body: size limits, the upload token, fair slots.

FastAPI parses a body (spooling a multipart file to disk, or a JSON document into memory) before
it runs any dependency, so a dependency alone would let anyone make the server swallow a huge
body. `BodyGuard` checks Content-Length up front and counts the bytes of chunked bodies; uploads
get their own, larger limit and must show the token first.

`SlotGuard` keeps heavy routes (questions, searches) from starving each other: a fixed number
compute at once, a bounded queue waits, and beyond that the client hears when to come back.
"""

from __future__ import annotations

import asyncio
import math
from collections import Counter

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.messages import Messages
from api.openai_errors import error_body, is_v1
from api.uploads import check_token, limit_bytes, too_large
from assistant.settings import Settings

# Room for multipart boundaries and the small form fields around the file itself.
MULTIPART_SLACK = 64 * 1024
UPLOAD_PATH = "/api/documents"
# Routes that compute: they take a slot. Everything else (static files, the PDF, health) is cheap.
HEAVY_PATHS = ("/api/ask", "/api/search", "/api/compare", "/api/commitments", "/v1/chat/completions")


async def _refuse(exc: HTTPException, scope: Scope, receive: Receive, send: Send) -> None:
    body = error_body(exc.status_code, exc.detail) if is_v1(scope["path"]) else {"detail": exc.detail}
    response = JSONResponse(body, exc.status_code, headers=exc.headers)
    await response(scope, receive, send)


class BodyGuard:
    def __init__(self, app: ASGIApp, settings: Settings, msg: Messages) -> None:
        self.app = app
        self.settings = settings
        self.msg = msg
        self.max_upload = limit_bytes(settings) + MULTIPART_SLACK
        self.max_body = settings.serve.max_body_kb * 1024

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        upload = scope["method"] == "POST" and scope["path"].rstrip("/") == UPLOAD_PATH
        limit, error = (
            (self.max_upload, too_large(self.settings, self.msg))
            if upload
            else (
                self.max_body,
                HTTPException(413, self.msg("body_too_large", limit=self.settings.serve.max_body_kb)),
            )
        )
        try:
            if upload:
                check_token(self.settings, headers.get("authorization"), self.msg)
            length = headers.get("content-length", "")
            if length.isdigit() and int(length) > limit:
                raise error
        except HTTPException as exc:
            await _refuse(exc, scope, receive, send)
            return

        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # Raised inside the route's body parsing, so the app's handler answers 413.
                    raise error
            return message

        await self.app(scope, counted, send)


class SlotGuard:
    """At most `max_concurrent` heavy requests run; up to `max_queued` wait `queue_wait_s` for a
    slot (503 with Retry-After when the queue is full or the wait runs out); one client may hold
    at most `max_per_client` running or waiting (429 with Retry-After), so a single client cannot
    fill the queue for everyone."""

    def __init__(self, app: ASGIApp, settings: Settings, msg: Messages) -> None:
        self.app = app
        self.settings = settings
        self.msg = msg
        self._slots: asyncio.Semaphore | None = None  # made on the server's event loop
        self._waiting = 0
        self._per_client: Counter[str] = Counter()

    @property
    def waiting(self) -> int:
        """Requests now waiting for a slot."""
        return self._waiting

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(HEAVY_PATHS):
            await self.app(scope, receive, send)
            return
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.settings.serve.max_concurrent)
        client = (scope.get("client") or ("?", 0))[0]
        if self._per_client[client] >= self.settings.serve.max_per_client:
            await _refuse(self._busy(429, "too_many_from_client"), scope, receive, send)
            return
        self._per_client[client] += 1
        try:
            if not await self._acquire(self._slots):
                await _refuse(self._busy(503, "server_busy"), scope, receive, send)
                return
            try:
                await self.app(scope, receive, send)
            finally:
                self._slots.release()
        finally:
            self._per_client[client] -= 1
            if not self._per_client[client]:
                del self._per_client[client]

    async def _acquire(self, slots: asyncio.Semaphore) -> bool:
        if slots.locked() and self._waiting >= self.settings.serve.max_queued:
            return False
        self._waiting += 1
        try:
            await asyncio.wait_for(slots.acquire(), self.settings.serve.queue_wait_s)
            return True
        except TimeoutError:
            return False
        finally:
            self._waiting -= 1

    def _busy(self, status: int, key: str) -> HTTPException:
        seconds = max(1, math.ceil(self.settings.serve.queue_wait_s / 4))
        return HTTPException(status, self.msg(key, seconds=seconds), headers={"Retry-After": str(seconds)})
