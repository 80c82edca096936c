"""`beleid serve`: index the bundled corpus when the index is empty, then serve the API and UI."""

from __future__ import annotations

import sys

from api.app import create_app
from api.messages import load_messages
from assistant.core import Assistant
from assistant.errors import BeleidError
from assistant.settings import Settings


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def prepare_assistant(settings: Settings) -> Assistant:
    """The real assistant, with the corpus ingested on first start and the model warmed up, so the
    first visitor does not wait for either."""
    from assistant.factory import build_assistant
    from ingest.pipeline import ingestor_for

    msg = load_messages(settings)
    assistant = build_assistant(settings)
    if not assistant.documents() and settings.corpus_dir.is_dir():
        _say(msg("serve_ingesting", corpus=settings.corpus_dir))
        report = ingestor_for(assistant).run([settings.corpus_dir])
        for failure in report.failed:
            _say(msg("serve_ingest_failed", file=failure.get("file", ""), error=failure.get("error", "")))
        _say(msg("serve_ingested", documents=report.documents, chunks=report.chunks, seconds=report.seconds))
    try:
        assistant.warm_up()
    except BeleidError as exc:
        # Still serve: /healthz and the UI say what is missing, uploads can fill the index.
        _say(str(exc))
    return assistant


def serve(settings: Settings | None = None) -> None:
    import uvicorn

    settings = settings or Settings()
    app = create_app(settings, assistant_factory=prepare_assistant)
    _say(load_messages(settings)("serve_listening", host=settings.host, port=settings.port))
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="info")
