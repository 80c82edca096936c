"""Small interfaces for the roles in the pipeline, so implementations can be swapped and faked.

The contract between retrieval and answering is `Retrieval`: what was found, under which
filters, how the question's terms weigh in the corpus, and the chunks around each hit that
complete it (the rest of a list, a table, the next sentence). Answerers read only this and the
`Evidence` service; they never reach into the retriever.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

import numpy as np

from assistant.catalog import Catalog
from assistant.types import Answer, Chunk, Citation, DocumentMeta, Filters, Page, SearchHit


@runtime_checkable
class Embedder(Protocol):
    """Turns text into unit vectors. Queries and passages may be embedded differently (e5)."""

    @property
    def name(self) -> str: ...

    @property
    def dim(self) -> int: ...

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


@runtime_checkable
class Store(Protocol):
    """Persistent vector store of chunks; `version` groups the chunks of one document ingest."""

    def add(self, chunks: Sequence[Chunk], vectors: np.ndarray, version: str) -> None: ...

    def delete_version(self, version: str) -> None: ...

    def versions(self) -> set[str]: ...

    def query(self, vector: np.ndarray, k: int, versions: Sequence[str]) -> list[tuple[Chunk, float]]:
        """The k chunks of `versions` nearest to `vector`, most similar first; chunks of other
        versions (not live, or not selected) never show, however many there are."""
        ...

    def chunks(self, versions: Sequence[str]) -> list[Chunk]: ...

    def chunks_with_vectors(self, versions: Sequence[str]) -> tuple[list[Chunk], np.ndarray]:
        """`chunks(versions)` in the same order, and their stored vectors (one row per chunk;
        shape (0, 0) when there is none): to copy an index without embedding again."""
        ...

    def count(self) -> int: ...

    def reopen(self) -> None:
        """Drop cached handles, so the next read sees what another process wrote."""
        ...

    def wrote(self, versions: Iterable[str]) -> bool:
        """Whether this store itself added or deleted every one of `versions`: its open handles
        then see them already, and a reader that follows the catalog need not `reopen` (which
        reloads an embedded index: seconds at a few hundred thousand chunks)."""
        ...

    def reset(self) -> None:
        """Remove every chunk of every version (a rebuild, possibly for another embedder)."""
        ...


class Vocabulary(Protocol):
    """The corpus' words as the keyword index knows them: stems, compound parts, typo repairs."""

    def terms(self, text: str) -> list[str]:
        """Index terms of a passage (stems plus the known parts of its compounds)."""
        ...

    def idf(self, term: str) -> float:
        """Inverse document frequency over the live chunks (high for rare terms)."""
        ...

    def query_terms(self, text: str) -> dict[str, float]:
        """A question's terms with their match weights: known words, compound parts, typo repairs,
        and words the corpus has never seen (weight 1)."""
        ...


@dataclass(frozen=True)
class TermStats:
    """How the question's words stand in the corpus.

    `weights` holds each query term's match weight (1 for a word as typed, less for a compound
    part or a typo repair); `unseen` the words the corpus knows in no form at all (a topic the
    documents do not discuss); `known_share` the share of the question's words it does know;
    `related[term]` the known terms an unknown word of the question stands for, read in the whole
    question (a split verb's particle stands at the end of its clause); `completed[term]` the
    same for a known verb that a particle completes."""

    weights: Mapping[str, float]
    unseen: frozenset[str]
    known_share: float
    vocabulary: Vocabulary
    related: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    completed: Mapping[str, Mapping[str, float]] = field(default_factory=dict)

    def weight(self, term: str) -> float:
        """Match weight times rarity: what finding `term` in a passage is worth."""
        return self.weights.get(term, 0.0) * self.vocabulary.idf(term)


@dataclass(frozen=True)
class Retrieval:
    """What a search found and everything an answerer needs to build on it.

    `filters` are those actually applied (the caller's plus what the question implied);
    `neighbours[chunk_id]` are the chunks that complete a hit, in reading order: the chunk
    before and after it in its section, the rest of its list block and the rest of its table.
    `query_vector` is the question's dense vector when dense search ran; `unmatched` what the
    question names that no indexed document matches (another municipality, a missing year);
    `source_words` the question's words that named the document searched by its title ("volgens
    het strategisch beleidsplan"), which say where to look, not what the answer is about;
    `sides` how many sides a comparison was searched on, each `k` deep (see `Retriever.search`);
    `spelled` the question as searched, its slips written as the corpus' words ("begrotnig" as
    "begroting", see `Retriever.spelled`), empty when that is the question as asked."""

    query: str
    hits: list[SearchHit]
    filters: Filters
    terms: TermStats
    neighbours: Mapping[str, tuple[Chunk, ...]] = field(default_factory=dict)
    query_vector: np.ndarray | None = None
    unmatched: Filters = field(default_factory=Filters)  # named, but no document matches
    source_words: tuple[str, ...] = ()
    sides: int = 1
    spelled: str = ""

    @property
    def question(self) -> str:
        """The question as the search read it, to analyse it the same way."""
        return self.spelled or self.query


@runtime_checkable
class Retriever(Protocol):
    def search(self, query: str, k: int = 10, filters: Filters | None = None) -> Retrieval:
        """The `k` best hits; a comparison (several municipalities, or the documents of the years
        the question names) is searched side by side, `k` hits for each, interleaved."""
        ...

    def spelled(self, question: str) -> str:
        """`question` as the corpus spells it: how `search` reads it, and how a conversation
        should (a slip in an earlier question's topic word is carried over as a slip otherwise)."""
        ...


class Evidence(Protocol):
    """Page texts and citation checks, with one error policy: a page or document that is not in
    the index yields None (the quote does not verify there); anything else is an error."""

    def page_text(self, doc: str, page: int) -> str | None: ...

    def verify(self, doc: str, quote: str, pages: Iterable[int], chunk_id: str = "") -> Citation | None: ...

    def document(self, doc_id: str) -> DocumentMeta | None: ...

    def documents(self, filters: Filters | None = None) -> list[DocumentMeta]: ...


# Receives an answer's text in pieces as it is written; the pieces concatenate to `Answer.text`.
TextSink = Callable[[str], None]


@runtime_checkable
class Answerer(Protocol):
    def answer(
        self,
        question: str,
        filters: Filters | None = None,
        on_text: TextSink | None = None,
        said: Sequence[str] = (),
    ) -> Answer:
        """The cited answer; with `on_text`, its text is also handed over as it is written
        (the generative answerer: claim by claim once verified; the others: all at once).
        `said` is what the conversation already told the user about the follow-up's topic: a
        passage it holds is not what the follow-up asks for, so it does not lead the answer."""
        ...


@runtime_checkable
class LLM(Protocol):
    """A chat model reduced to what we need: system + user text in, text out (whole or in pieces).

    `timeout_s` bounds the call where the client allows (None: the client's own timeout); an
    empty `system` sends the user message alone. Failures raise `LLMError`."""

    @property
    def name(self) -> str: ...

    def complete(self, system: str, user: str, timeout_s: float | None = None) -> str: ...

    def stream(self, system: str, user: str, timeout_s: float | None = None) -> Iterator[str]:
        """The answer's text in pieces as the model writes them."""
        ...


class DocumentListener(Protocol):
    """An ingest extension point: a store derived from the documents (the register) follows the
    catalog. It is told after a document's new version is published and after a document is
    removed; a listener that fails fails that document's report line, not the run."""

    def published(self, meta: DocumentMeta, pages: Sequence[Page], chunks: Sequence[Chunk]) -> None: ...

    def removed(self, doc_id: str) -> None: ...

    def reconcile(self, catalog: Catalog, store: Store) -> list[dict[str, str]]:
        """After every run: rebuild what is missing or stale though nothing was published (a
        deleted register file, a newer extractor); returns failures as report lines
        (`{"file", "error"}`)."""
        ...


class VersionedPages(Protocol):
    """The page texts of the live documents, with a counter that moves whenever a document is
    published or removed (the catalog): what a result built from the pages can be cached on."""

    def pages(self, doc_id: str) -> Sequence[Page]: ...

    def generation(self) -> float:
        """Changes whenever any document is published or removed."""
        ...
