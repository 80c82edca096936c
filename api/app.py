"""The FastAPI application: `create_app(settings)` wires routes, error handlers and the lifespan."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.routing import Route

from api.errors import install_error_handlers
from api.guard import BodyGuard, SlotGuard
from api.ingest_child import child_ingest
from api.jobs import IngestFn, JobManager, JobStore
from api.mcp_server import http_endpoint
from api.messages import load_messages
from api.routes import ask, budgets, documents, health, jobs, openai_compat, register, search, ui, uploads
from api.uploads import UploadStore
from assistant.core import Assistant
from assistant.register.commitment_cache import CommitmentCache
from assistant.resources import package_path
from assistant.settings import Settings

STATIC_DIR = package_path("api", "static")

AssistantFactory = Callable[[Settings], Assistant]
IngestFactory = Callable[[Assistant], IngestFn]


def _default_factory(settings: Settings) -> Assistant:
    from assistant.factory import build_assistant  # the real stack imports Chroma and the model code

    return build_assistant(settings)


def create_app(
    settings: Settings | None = None,
    assistant_factory: AssistantFactory | None = None,
    ingest_factory: IngestFactory | None = None,
) -> FastAPI:
    """`assistant_factory` runs once at startup (tests pass a small one); `ingest_factory` makes the
    function that upload jobs run (default: the ingest pipeline in a child process, writing to the
    same BELEID_HOME and store)."""
    settings = settings or Settings()
    msg = load_messages(settings)
    factory = assistant_factory or _default_factory

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # In a thread: building may load a model or ingest a corpus; the event loop stays free.
        assistant = await anyio.to_thread.run_sync(factory, settings)
        app.state.assistant = assistant
        jobs = JobStore(settings.home / "jobs.sqlite")
        app.state.jobs = JobManager(
            ingest_factory(assistant) if ingest_factory else child_ingest(settings, msg),
            msg,
            app.state.uploads,
            jobs,
        )
        app.state.jobs.resume()
        try:
            async with mcp_endpoint.running():  # the session manager of /mcp
                yield
        finally:
            app.state.jobs.stop()
            opened = getattr(app.state, "register", None)  # only the one `deps.get_register` opened
            if opened is not None:
                opened.close()
                app.state.register = None

    app = FastAPI(
        title="Beleidsassistent",
        summary="Vragen over gemeentelijk beleid, met een controleerbare bron voor elke bewering.",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,  # served by `routes.ui` from vendored files, not from a CDN
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.messages = msg
    app.state.uploads = UploadStore(settings.uploads_dir)
    # The commitment checks, by municipality, kept in memory: the catalog they key on is the app's.
    app.state.commitment_cache = CommitmentCache()
    install_error_handlers(app, msg)
    app.add_middleware(SlotGuard, settings=settings, msg=msg)
    app.add_middleware(BodyGuard, settings=settings, msg=msg)  # added last: runs first
    for module in (ask, search, documents, register, budgets, uploads, jobs, health, openai_compat, ui):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    # MCP (streamable HTTP) at exactly /mcp: a Mount would redirect /mcp to /mcp/. Not in OpenAPI.
    mcp_endpoint = http_endpoint(app.state, settings)
    app.router.routes.append(Route("/mcp", mcp_endpoint))
    return app
