"""The default answerer: picks the sentences and table rows that answer the question and cites them.

Works offline and never says anything that is not in the documents: every sentence of the answer
is a verified quote from a page, followed by its citation marker. When the best evidence does not
cover the question's key terms, it refuses instead of guessing.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from assistant.amounts import find_amounts, format_eur
from assistant.answering.question import QuestionProfile, profile
from assistant.answering.verify import trim_quote, verify
from assistant.catalog import Catalog
from assistant.nlp import sentence_spans
from assistant.prompts import prompt
from assistant.protocols import Retriever
from assistant.settings import Settings
from assistant.tokenize import base_terms
from assistant.types import Answer, Chunk, Citation, Filters, SearchHit

_NUMBER = re.compile(r"\d")
_PERCENT = re.compile(r"\d\s?%")
_YEAR = re.compile(r"\b(19|20)\d\d\b")
_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]?|[-•▪*]|[a-z][.)])\s+\S")

Idf = Callable[[str], float]


@dataclass
class Unit:
    """A sentence or table row of a retrieved chunk: the smallest thing we cite."""

    text: str
    hit: SearchHit
    rank: int
    order: int
    is_row: bool
    terms: set[str] = field(default_factory=set)
    score: float = 0.0
    coverage: float = 0.0

    @property
    def chunk(self) -> Chunk:
        return self.hit.chunk


@dataclass
class Evidence:
    units: list[Unit]
    coverage: float  # idf-weighted share of the question's key terms found in the best unit(s)


class ExtractiveAnswerer:
    def __init__(
        self, settings: Settings, retriever: Retriever, catalog: Catalog, candidate_chunks: int = 6
    ) -> None:
        self.settings = settings
        self.retriever = retriever
        self.catalog = catalog
        self.candidate_chunks = candidate_chunks

    def _vocabulary(self) -> tuple[Callable[[str], list[str]], Callable[[str], dict[str, float]], Idf]:
        """Term functions sharing the keyword index's lexicon (compound parts, typo repair, idf),
        or plain stemmed terms when the retriever has no keyword index."""
        index_of = getattr(self.retriever, "keyword_index", None)
        if index_of is None:
            return base_terms, lambda q: dict.fromkeys(base_terms(q), 1.0), lambda t: 1.0
        index = index_of()
        lexicon, n = index.lexicon, max(1, len(index.chunks))

        def idf(term: str) -> float:
            df = lexicon.count(term)
            return math.log(1 + (n - df + 0.5) / (df + 0.5))

        return (lambda text: lexicon.document_terms(base_terms(text))), lexicon.query_terms, idf

    # -- retrieval ---------------------------------------------------------------------------
    def _retrieve(self, question: str, filters: Filters | None) -> tuple[list[SearchHit], Filters]:
        search_with_filters = getattr(self.retriever, "search_with_filters", None)
        if search_with_filters is not None:
            hits, applied = search_with_filters(question, k=self.settings.top_k, filters=filters)
            return list(hits), applied
        hits = self.retriever.search(question, k=self.settings.top_k, filters=filters)  # type: ignore[attr-defined]
        return list(hits), filters or Filters()

    def answer(self, question: str, filters: Filters | None = None) -> Answer:
        hits, applied = self._retrieve(question, filters)
        refusal = prompt("refusal.txt", self.settings.prompts_dir)
        if not hits:
            return Answer(question, refusal, True, retrieved=hits, filters=applied)
        shape = profile(question)
        evidence = self.select(question, shape, hits)
        if evidence.coverage < self.settings.refusal_threshold or not evidence.units:
            return Answer(question, refusal, True, retrieved=hits, filters=applied)
        text, citations = self.compose(evidence.units)
        if not citations:
            return Answer(question, refusal, True, retrieved=hits, filters=applied)
        return Answer(question, text, False, citations=citations, retrieved=hits, filters=applied)

    # -- selection ---------------------------------------------------------------------------
    def units(self, hits: Sequence[SearchHit], terms: Callable[[str], list[str]]) -> list[Unit]:
        units: list[Unit] = []
        for rank, hit in enumerate(hits[: self.candidate_chunks]):
            chunk = hit.chunk
            if chunk.kind == "table":
                pieces = [line for line in chunk.text.splitlines() if line.strip()]
                is_row = True
            else:
                pieces = [chunk.text[s:e] for s, e in sentence_spans(chunk.text)]
                is_row = False
            for order, piece in enumerate(pieces):
                text = " ".join(piece.split())
                if len(text) < 3:
                    continue
                units.append(Unit(text, hit, rank, order, is_row, set(terms(text))))
        return units

    def select(self, question: str, shape: QuestionProfile, hits: Sequence[SearchHit]) -> Evidence:
        terms, query_terms, idf = self._vocabulary()
        weights = {t: w * idf(t) for t, w in query_terms(question).items()}
        total = sum(weights.values()) or 1.0
        units = self.units(hits, terms)
        if not units:
            return Evidence([], 0.0)
        for unit in units:
            unit.coverage = sum(w for t, w in weights.items() if t in unit.terms) / total
            unit.score = unit.coverage + 0.35 / (1.0 + unit.rank) + _shape_bonus(unit.text, shape)
        ranked = sorted(units, key=lambda u: u.score, reverse=True)
        best = ranked[0]
        picked = [best]
        words = len(best.text.split())
        limit = self.settings.answer_max_sentences + (2 if shape.wants_list else 0)
        for unit in ranked[1:]:
            if len(picked) >= limit or words > 90:
                break
            if unit.score < 0.6 * best.score:
                break
            picked.append(unit)
            words += len(unit.text.split())
        # The coverage that decides refusal counts the question terms found across what we show.
        shown: set[str] = set().union(*(u.terms for u in picked))
        coverage = sum(w for t, w in weights.items() if t in shown) / total
        return Evidence(picked, coverage)

    # -- composition -------------------------------------------------------------------------
    def compose(self, units: Sequence[Unit]) -> tuple[str, list[Citation]]:
        citations: list[Citation] = []
        parts: list[str] = []
        for unit in units:
            citation = verify(
                unit.chunk.doc_id, unit.text, unit.chunk.pages, self._page_text, unit.chunk.id
            )
            if citation is None:
                continue  # never show what we cannot point at
            existing = next((i for i, c in enumerate(citations) if c.quote == citation.quote), None)
            if existing is None:
                citations.append(citation)
                marker = len(citations)
            else:
                marker = existing + 1
            parts.append(f"{self._render(unit, citation.quote)} [{marker}]")
        return " ".join(parts), citations

    def _render(self, unit: Unit, quote: str) -> str:
        if not unit.is_row:
            return quote
        row = " ".join(c.strip() for c in quote.split("|") if c.strip())
        header = unit.chunk.table_header.strip()
        rendered = f"{row} ({header})" if header and header not in quote else row
        if unit.chunk.unit and "1.000" in unit.chunk.unit.replace(" ", ""):
            euros = [format_eur(value) for _, value in find_amounts_in_row(quote, 1000.0)]
            if euros:
                rendered += f" — in euro's: {', '.join(euros)}"
        return rendered

    def _page_text(self, doc: str, page: int) -> str | None:
        try:
            return self.catalog.page(doc, page).text
        except Exception:
            return None


def find_amounts_in_row(row: str, multiplier: float) -> list[tuple[str, float]]:
    """Bare numbers in the cells of a row of an `x € 1.000` table, as euros."""
    from assistant.amounts import parse_amount

    out: list[tuple[str, float]] = []
    for cell in row.split("|")[1:]:
        cell = cell.strip()
        if not cell or _YEAR.fullmatch(cell):
            continue
        value = parse_amount(cell, multiplier)
        if value is not None:
            out.append((cell, value))
    return out


def _shape_bonus(text: str, shape: QuestionProfile) -> float:
    bonus = 0.0
    if shape.wants_amount and (find_amounts(text) or _NUMBER.search(text)):
        bonus += 0.15
    if shape.wants_percent and _PERCENT.search(text):
        bonus += 0.2
    if shape.wants_count and _NUMBER.search(text):
        bonus += 0.1
    if shape.wants_date and _YEAR.search(text):
        bonus += 0.1
    if shape.wants_list and _ITEM.match(text):
        bonus += 0.1
    return bonus


__all__ = ["ExtractiveAnswerer", "trim_quote"]
