"""`beleid serve`: index the bundled corpus when the index is empty, then serve the API and UI.

With `--workers N` (N > 1) uvicorn runs N worker processes. They share the catalog, the job
queue and the uploads under BELEID_HOME, and the vectors on a Chroma server: an embedded Chroma
belongs to one process. The corpus is indexed once, here, before the workers start.
"""

from __future__ import annotations

import sys

from fastapi import FastAPI

from api.app import create_app
from api.messages import load_messages
from assistant.core import Assistant
from assistant.errors import BeleidError, ConfigurationError
from assistant.prompts import say
from assistant.settings import Settings


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def index_corpus_if_empty(settings: Settings) -> Assistant:
    """The real assistant, with the bundled corpus ingested when the index has no documents."""
    from assistant.factory import build_assistant
    from ingest.pipeline import ingestor_for

    msg = load_messages(settings)
    assistant = build_assistant(settings)
    if assistant.documents():
        return assistant
    if not settings.corpus_dir.is_dir():  # an installed package ships no corpus; uploads can fill the index
        _say(msg("corpus_missing", path=settings.corpus_dir))
    else:
        _say(msg("serve_ingesting", corpus=settings.corpus_dir))
        report = ingestor_for(assistant).run([settings.corpus_dir])
        for failure in report.failed:
            _say(msg("serve_ingest_failed", file=failure.get("file", ""), error=failure.get("error", "")))
        _say(msg("serve_ingested", documents=report.documents, chunks=report.chunks, seconds=report.seconds))
    return assistant


def warm(assistant: Assistant) -> Assistant:
    """Load the model and build the keyword index now, so the first visitor does not wait."""
    try:
        assistant.warm_up()
    except BeleidError as exc:
        # Still serve: /healthz and the UI say what is missing, uploads can fill the index.
        _say(str(exc))
    return assistant


def prepare_assistant(settings: Settings) -> Assistant:
    return warm(index_corpus_if_empty(settings))


def worker_assistant(settings: Settings) -> Assistant:
    from assistant.factory import build_assistant

    return warm(build_assistant(settings))


def worker_app() -> FastAPI:
    """The app of one of several worker processes (uvicorn's factory; settings from the environment)."""
    return create_app(Settings(), assistant_factory=worker_assistant)


def serve(settings: Settings | None = None, workers: int | None = None) -> None:
    import uvicorn

    settings = settings or Settings()
    workers = workers or settings.serve.workers
    if workers > 1 and not settings.index.chroma_host:
        raise ConfigurationError(say("serve_workers_need_server", workers=workers))
    _say(load_messages(settings)("serve_listening", host=settings.serve.host, port=settings.serve.port))
    if workers == 1:
        app = create_app(settings, assistant_factory=prepare_assistant)
        uvicorn.run(app, host=settings.serve.host, port=settings.serve.port, log_level="info")
        return
    index_corpus_if_empty(settings).catalog.close()
    uvicorn.run(
        "api.server:worker_app",
        factory=True,
        host=settings.serve.host,
        port=settings.serve.port,
        workers=workers,
        log_level="info",
    )
