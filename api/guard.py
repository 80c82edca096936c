"""Rejects unauthorised or oversize uploads before their body is read.

FastAPI parses a multipart body (spooling the file to disk) before it runs any dependency, so a
dependency alone would let anyone make the server swallow a huge file. This ASGI middleware checks
the token and Content-Length up front and stops counting bytes past the limit for chunked bodies.
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.messages import Messages
from api.uploads import check_token, limit_bytes, too_large
from assistant.settings import Settings

# Room for multipart boundaries and the small form fields around the file itself.
MULTIPART_SLACK = 64 * 1024


class UploadGuard:
    def __init__(self, app: ASGIApp, settings: Settings, msg: Messages, path: str = "/api/documents") -> None:
        self.app = app
        self.settings = settings
        self.msg = msg
        self.path = path
        self.max_body = limit_bytes(settings) + MULTIPART_SLACK

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"].rstrip("/") != self.path:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        try:
            check_token(self.settings, headers.get("authorization"), self.msg)
            length = headers.get("content-length", "")
            if length.isdigit() and int(length) > self.max_body:
                raise too_large(self.settings, self.msg)
        except HTTPException as exc:
            response = JSONResponse({"detail": exc.detail}, exc.status_code, headers=exc.headers)
            await response(scope, receive, send)
            return

        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    # Raised inside the route's body parsing, so the app's handler answers 413.
                    raise too_large(self.settings, self.msg)
            return message

        await self.app(scope, counted, send)
