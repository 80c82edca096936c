"""The assistant facade: what the CLI, the API and the eval runner talk to."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np

from assistant.catalog import Catalog, DocumentRecord
from assistant.conversation import Resolution, Turn, resolve
from assistant.prompts import say
from assistant.protocols import Answerer, Embedder, Retriever, Store, TextSink
from assistant.register.store import RegisterStore
from assistant.settings import Settings
from assistant.types import Answer, Filters, Page, SearchHit


@dataclass(frozen=True)
class Health:
    status: Literal["ok", "empty", "degraded"]
    documents: int
    chunks: int
    reason: str | None = None


def _short(exc: Exception) -> str:
    return f"{type(exc).__name__}: {' '.join(str(exc).split())[:160]}"


@dataclass
class Assistant:
    settings: Settings
    catalog: Catalog
    store: Store
    embedder: Embedder
    retriever: Retriever
    answerer: Answerer
    register: RegisterStore | None = None

    def ask(self, question: str, filters: Filters | None = None, history: Sequence[Turn] = ()) -> Answer:
        """Answer `question`; with `history` (earlier turns, oldest first) a follow-up is first
        resolved against the conversation ("En in Leusden?")."""
        started = time.perf_counter()
        answer = self.answer_resolved(self.resolve(question, history, filters))
        answer.latency_ms = (time.perf_counter() - started) * 1000
        return answer

    def answer_resolved(self, resolution: Resolution, on_text: TextSink | None = None) -> Answer:
        """Answer a question already resolved against its conversation (see `resolve`); `on_text`
        receives the answer's text as it is written (see `Answerer`)."""
        started = time.perf_counter()
        answer = self.answerer.answer(resolution.text, resolution.filters, on_text, resolution.said)
        answer.question = resolution.question
        answer.resolved_question = resolution.display
        answer.latency_ms = (time.perf_counter() - started) * 1000
        return answer

    def resolve(
        self, question: str, history: Sequence[Turn] = (), filters: Filters | None = None
    ) -> Resolution:
        municipalities = sorted(
            {d.meta.municipality for d in self.catalog.documents() if d.meta.municipality}
        )
        # Read as the corpus spells it, each earlier question too: a slip in the topic word of
        # the question before would otherwise be carried into the follow-up. The user is shown
        # this reading ("Vraag begrepen als: ...") and keeps the question as asked.
        spell = self.retriever.spelled
        turns = [replace(turn, question=spell(turn.question)) for turn in history]
        resolution = resolve(spell(question), turns, municipalities, filters)
        return replace(resolution, question=question)

    def search(self, query: str, k: int = 10, filters: Filters | None = None) -> list[SearchHit]:
        return list(self.retriever.search(query, k=k, filters=filters).hits)

    def documents(self, filters: Filters | None = None) -> list[DocumentRecord]:
        return self.catalog.documents(filters)

    def page(self, doc_id: str, number: int) -> Page:
        return self.catalog.page(doc_id, number)

    def probe(self) -> Health:
        """A real check of what a question needs: the catalog answers and the vector store finds
        chunks of the live versions. Never raises: a failure is reported as `degraded`."""
        try:
            records = self.catalog.documents()
        except Exception as exc:  # a broken catalog is exactly what the probe is for
            return Health("degraded", 0, 0, say("health_catalog_failed", error=_short(exc)))
        chunks = sum(r.chunk_count for r in records)
        if not records or chunks == 0:
            return Health("empty", len(records), chunks)
        direction = np.full(self.embedder.dim, 1.0 / np.sqrt(self.embedder.dim), dtype=np.float32)
        try:
            found = self.store.query(direction, 1, [r.version for r in records])
        except Exception as exc:
            return Health("degraded", len(records), chunks, say("health_store_failed", error=_short(exc)))
        if not found:
            return Health(
                "degraded", len(records), chunks, say("health_store_missing", documents=len(records))
            )
        return Health("ok", len(records), chunks)

    def warm_up(self) -> None:
        """Load the model, spaCy and the keyword index now rather than on the first question.

        The question has a misspelt word so the typo index is built too."""
        self.embedder.embed_query("warm-up")
        if self.catalog.documents():
            self.answerer.answer("Welke doelen heeft de gemeente voor jeugdhlup?")
