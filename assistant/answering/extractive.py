"""The default answerer: picks the sentences, list items and table rows that answer the question.

Works offline and never says anything that is not in the documents: every part of the answer is
a verified quote from a page, followed by its citation marker. When the evidence does not cover
the question's key terms, it refuses instead of guessing.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from assistant.answering.question import QuestionProfile, profile
from assistant.answering.render import render_row
from assistant.answering.verify import verify
from assistant.catalog import Catalog
from assistant.errors import UnknownDocumentError
from assistant.nlp import sentence_spans
from assistant.prompts import prompt
from assistant.protocols import Retriever
from assistant.settings import Settings
from assistant.tokenize import base_terms
from assistant.types import Answer, Chunk, Citation, Filters, SearchHit

_DIGIT = re.compile(r"\d")
_PERCENT = re.compile(r"\d\s?%")
_YEAR = re.compile(r"\b(19|20)\d\d\b")
_YEAR_TOKEN = re.compile(r"\b(?:19|20)\d\d\b")
_AMOUNT = re.compile(r"€\s?\d|\d\s?(euro|mln|miljoen)|\d{1,3}(\.\d{3})+")
_BARE_NUMBER = re.compile(r"^[\d.,%]+$")
# A list item: "1 Titel", "2. Tekst", "- 1. Tekst", "• tekst", "a) tekst"
_ITEM = re.compile(r"^\s*(?:[-•▪*]\s*)?(?P<num>\d{1,2}(?:\.\d{1,2})*\.?|[a-z]\))?\s*(?P<body>\S.*)$")
_ITEM_START = re.compile(r"^\s*(?:[-•▪*]\s+|\d{1,2}(?:\.\d{1,2})*\.?\s+[A-Za-zÀ-ÿ(]|[a-z]\)\s+)")

# A sentence that starts like this continues the previous one.
_LEANS_BACK = re.compile(r"^(dit|deze|dat|die|daarom|daarnaast|daarbij|hierdoor|hiermee|ook|wel|zo)\b", re.I)

Idf = Callable[[str], float]
MAX_ANSWER_WORDS = 130
MAX_ITEM_WORDS = 22
LIST_MIN_COVERAGE = 0.6


@dataclass
class Unit:
    """A sentence, list item or table row of a retrieved chunk: the smallest thing we cite."""

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

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass
class Evidence:
    units: list[Unit]
    coverage: float  # idf-weighted share of the question's terms found in what is shown
    as_list: bool = False


@dataclass
class Vocabulary:
    """Term functions that share the keyword index's lexicon (compound parts, typo repair, idf)."""

    terms: Callable[[str], list[str]]
    query_terms: Callable[[str], dict[str, float]]
    idf: Idf
    chunks: list[Chunk]


class ExtractiveAnswerer:
    def __init__(
        self, settings: Settings, retriever: Retriever, catalog: Catalog, candidate_chunks: int = 6
    ) -> None:
        self.settings = settings
        self.retriever = retriever
        self.catalog = catalog
        self.candidate_chunks = candidate_chunks

    def _vocabulary(self) -> Vocabulary:
        index_of = getattr(self.retriever, "keyword_index", None)
        if index_of is None:
            return Vocabulary(base_terms, lambda q: dict.fromkeys(base_terms(q), 1.0), lambda t: 1.0, [])
        index = index_of()
        lexicon, n = index.lexicon, max(1, len(index.chunks))

        def idf(term: str) -> float:
            df = lexicon.count(term)
            return math.log(1 + (n - df + 0.5) / (df + 0.5))

        def query_terms(question: str) -> dict[str, float]:
            terms = lexicon.query_terms(question)
            for term in base_terms(question):
                # A word the corpus has never seen, in no form, names something the documents do
                # not discuss: it must weigh against answering, not vanish from the question.
                unseen = term.isalpha() and term not in lexicon
                if unseen and not lexicon.parts(term) and not lexicon.corrections(term):
                    terms[term] = 1.0
            return terms

        return Vocabulary(
            lambda text: lexicon.document_terms(base_terms(text)), query_terms, idf, index.chunks
        )

    def _retrieve(self, question: str, filters: Filters | None) -> tuple[list[SearchHit], Filters]:
        search_with_filters = getattr(self.retriever, "search_with_filters", None)
        if search_with_filters is not None:
            hits, applied = search_with_filters(question, k=self.settings.top_k, filters=filters)
            return list(hits), applied
        return list(
            self.retriever.search(question, k=self.settings.top_k, filters=filters)
        ), filters or Filters()

    def answer(self, question: str, filters: Filters | None = None) -> Answer:
        hits, applied = self._retrieve(question, filters)
        refusal = prompt("refusal.txt", self.settings.prompts_dir)
        shape = profile(question)
        evidence = self.select(question, shape, hits, applied.municipalities) if hits else Evidence([], 0.0)
        if (
            not evidence.units
            or evidence.coverage < self.settings.refusal_threshold
            or _misses_asked_year(question, shape, evidence.units)
        ):
            return Answer(question, refusal, True, retrieved=hits, filters=applied)
        text, citations = self.compose(evidence)
        if not citations:
            return Answer(question, refusal, True, retrieved=hits, filters=applied)
        return Answer(question, text, False, citations=citations, retrieved=hits, filters=applied)

    # -- candidate units ---------------------------------------------------------------------
    def units(self, hits: Sequence[SearchHit], vocab: Vocabulary) -> list[Unit]:
        units: list[Unit] = []
        for rank, hit in enumerate(hits[: self.candidate_chunks]):
            chunk = hit.chunk
            if chunk.kind == "table":
                pieces = [line for line in chunk.text.splitlines() if "|" in line or _DIGIT.search(line)]
            else:
                pieces = [chunk.text[s:e] for s, e in sentence_spans(chunk.text)]
            for order, piece in enumerate(pieces):
                text = " ".join(piece.split())
                if not _worth_citing(text, chunk.kind == "table"):
                    continue
                terms = set(vocab.terms(text))
                if chunk.kind == "table":
                    # A row means its column headers too: "750" answers "in 2019" via the header.
                    terms |= set(vocab.terms(chunk.table_header))
                units.append(Unit(text, hit, rank, order, chunk.kind == "table", terms))
        return units

    def select(
        self,
        question: str,
        shape: QuestionProfile,
        hits: Sequence[SearchHit],
        applied_municipalities: Sequence[str] = (),
    ) -> Evidence:
        vocab = self._vocabulary()
        weights = {t: w * vocab.idf(t) for t, w in vocab.query_terms(question).items()}
        total = sum(weights.values()) or 1.0

        def coverage(terms: set[str]) -> float:
            return sum(w for t, w in weights.items() if t in terms) / total

        units = self.units(hits, vocab)
        if not units:
            return Evidence([], 0.0)
        for unit in units:
            unit.coverage = coverage(unit.terms)
            unit.score = unit.coverage + 0.3 / (1.0 + unit.rank) + _shape_bonus(unit.text, shape)
        ranked = sorted(units, key=lambda u: u.score, reverse=True)

        if shape.wants_list:
            items = self._list_items(hits, vocab, coverage, shape)
            if items:
                extra = [
                    u for u in ranked[:1] if not any(u.text in i.text or i.text in u.text for i in items)
                ]
                picked = _within_budget(items + extra)
                return Evidence(picked, coverage(set().union(*(u.terms for u in picked))), as_list=True)

        municipalities = {str(u.chunk.meta.get("municipality", "")) for u in units}
        if len(municipalities) > 1 and len(municipalities) == len(applied_municipalities):
            # A comparison: each named municipality gets its own best evidence, in turn.
            per = max(1, self.settings.answer_max_sentences // len(municipalities))
            groups = [
                self._pick([u for u in ranked if u.chunk.meta.get("municipality") == m], units, per)
                for m in sorted(municipalities)
            ]
            picked = [u for group in groups for u in _within_budget(group, MAX_ANSWER_WORDS // len(groups))]
        else:
            picked = _within_budget(self._pick(ranked, units, self.settings.answer_max_sentences))
        return Evidence(picked, coverage(set().union(*(u.terms for u in picked))))

    def _pick(self, ranked: list[Unit], units: list[Unit], limit: int) -> list[Unit]:
        picked: list[Unit] = []
        for unit in ranked:
            if len(picked) >= limit or unit.score < 0.6 * ranked[0].score:
                break
            if any(_same_text(unit, p) for p in picked):
                continue
            # A sentence rarely answers alone: the next one usually carries the amount, the date
            # or the "because" that the question also asks for.
            group = [unit, *_neighbours(unit, units, picked)]
            picked.extend(u for u in group if u not in picked)
        return self._continue_colons(picked, units)

    def _continue_colons(self, picked: list[Unit], units: list[Unit]) -> list[Unit]:
        """A sentence that announces a list ("… vergezeld van een:") is useless without the list."""
        out: list[Unit] = []
        for unit in picked:
            out.append(unit)
            if not unit.text.rstrip().endswith(":"):
                continue
            following = [
                u for u in units if u.chunk.id == unit.chunk.id and unit.order < u.order <= unit.order + 8
            ]
            out.extend(u for u in following if u not in out)
        return out

    def _list_items(
        self,
        hits: Sequence[SearchHit],
        vocab: Vocabulary,
        coverage: Callable[[set[str]], float],
        shape: QuestionProfile,
    ) -> list[Unit]:
        """The items of the best-matching enumerated list in the sections of the top chunks."""
        best: tuple[float, list[Unit]] | None = None
        seen: set[tuple[str, str]] = set()
        for rank, hit in enumerate(hits[:4]):
            key = (hit.chunk.doc_id, hit.chunk.section)
            if key in seen:
                continue
            seen.add(key)
            section = _section_chunks(hit.chunk, vocab.chunks)
            found: dict[str, tuple[int, Unit]] = {}
            for c in section:
                for order, (depth, text) in enumerate(list_items(c.text)):
                    unit = Unit(text, _hit_for(c, hit), rank, order, False, set(vocab.terms(text)))
                    found.setdefault(text, (depth, unit))  # overlapping chunks repeat items
            items = _pick_level(list(found.values()), shape.list_size)
            if len(items) < 2:
                continue
            section_terms: set[str] = set().union(*(vocab.terms(c.text) for c in section))
            fit = coverage(section_terms)
            if fit < LIST_MIN_COVERAGE:
                continue  # a list elsewhere in the document is no answer
            score = fit + 0.3 / (1 + rank)
            if shape.list_size and len(items) == shape.list_size:
                score += 0.3
            if best is None or score > best[0]:
                best = (score, items)
        return best[1] if best else []

    # -- composition -------------------------------------------------------------------------
    def compose(self, evidence: Evidence) -> tuple[str, list[Citation]]:
        citations: list[Citation] = []
        parts: list[str] = []
        for unit in evidence.units:
            citation = verify(unit.chunk.doc_id, unit.text, unit.chunk.pages, self._page_text, unit.chunk.id)
            if citation is None:
                continue  # never show what we cannot point at
            existing = next((i for i, c in enumerate(citations) if c.quote == citation.quote), None)
            if existing is None:
                citations.append(citation)
                marker = len(citations)
            else:
                marker = existing + 1
            shown = render_row(citation.quote, unit.chunk) if unit.is_row else citation.quote
            parts.append(f"{shown} [{marker}]")
        return ("; ".join(parts) if evidence.as_list else " ".join(parts)), citations

    def _page_text(self, doc: str, page: int) -> str | None:
        try:
            return self.catalog.page(doc, page).text
        except UnknownDocumentError:
            return None  # a page past the end: the quote simply does not verify there


def list_items(text: str) -> list[tuple[int, str]]:
    """(depth, text) of the enumerated or bulleted items in a chunk, each cut to a short quote.

    An item is its line plus the lines that continue it, up to the end of its first sentence;
    a title-like item ("1 Bevorderen zelfoplossend vermogen") is its line alone."""
    lines = text.splitlines()
    items: list[tuple[int, str]] = []
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        match = _ITEM.match(line) if _ITEM_START.match(line) else None
        following = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if match is None or _BARE_NUMBER.match(following) or len(match.group("body").split()) < 2:
            i += 1  # not an item, a table-of-contents entry ("3.1 Ambitie" / "9"), or an empty one
            continue
        number = match.group("num") or ""
        depth = number.rstrip(".").count(".") + 1 if number and number[0].isdigit() else 9
        body = [line]
        j = i + 1
        nxt_line = lines[i + 1].strip() if i + 1 < len(lines) else ""
        # "1 Bevorderen zelfoplossend vermogen" heads a paragraph; "- 2. In 2022 redden meer" wraps.
        title_like = (
            not re.search(r"[.:;,]$", line)
            and len(line.split()) <= 8
            and (not nxt_line or nxt_line[0].isupper() or bool(_ITEM_START.match(nxt_line)))
        )
        while not title_like and j < len(lines):
            nxt = lines[j].strip()
            if not nxt or _ITEM_START.match(nxt) or re.search(r"[.;:!?]$", " ".join(body)):
                break
            body.append(nxt)
            j += 1
        item = " ".join(" ".join(body).split()[:MAX_ITEM_WORDS])
        if all(item != seen for _, seen in items):
            items.append((depth, item))
        i = j if not title_like else i + 1
    return items


def _pick_level(items: list[tuple[int, Unit]], size: int | None) -> list[Unit]:
    """Items of one depth: the depth with the asked number of items, else the shallowest."""
    by_depth: dict[int, list[Unit]] = {}
    for depth, unit in items:
        by_depth.setdefault(depth, []).append(unit)
    if not by_depth:
        return []
    if size:
        for depth in sorted(by_depth):
            if len(by_depth[depth]) == size:
                return by_depth[depth]
    return by_depth[min(by_depth)][:12]


def _section_chunks(chunk: Chunk, all_chunks: Sequence[Chunk]) -> list[Chunk]:
    """The chunks of `chunk`'s section in reading order (the chunk alone without an index)."""
    same = [c for c in all_chunks if c.doc_id == chunk.doc_id and c.section == chunk.section]
    if not same:
        return [chunk]
    return sorted(same, key=lambda c: (c.page_start, c.meta.get("order", 0)))


def _hit_for(chunk: Chunk, hit: SearchHit) -> SearchHit:
    return hit if chunk.id == hit.chunk.id else SearchHit(chunk, hit.score)


def _worth_citing(text: str, is_row: bool) -> bool:
    """Drops headings, page-number lines and table-of-contents runs."""
    tokens = text.split()
    if is_row:
        return len(tokens) >= 2
    if len(tokens) < 4 or "inhoudsopgave" in text.lower():
        return False
    numbers = sum(bool(_BARE_NUMBER.match(t)) for t in tokens)
    return numbers / len(tokens) < 0.3


def _misses_asked_year(question: str, shape: QuestionProfile, units: Sequence[Unit]) -> bool:
    """An amount or count asked for a year that no shown sentence, row or column mentions is an
    amount the documents do not give: the nearest other year's figure would be a wrong answer.
    Years that name the document itself ("begroting 2020", its period "2020-2023") count as
    mentioned: the question then names the document, not the year of the figure."""
    if not (shape.wants_amount or shape.wants_count):
        return False
    asked = set(_YEAR_TOKEN.findall(question))
    if not asked:
        return False
    shown = " ".join(
        f"{u.text} {u.chunk.table_header} {u.chunk.section} {u.chunk.meta.get('title', '')} "
        f"{u.chunk.meta.get('year', '')} {u.chunk.meta.get('period', '')}"
        for u in units
    )
    return not asked & set(_YEAR_TOKEN.findall(shown))


def _neighbours(unit: Unit, units: Sequence[Unit], taken: Sequence[Unit]) -> list[Unit]:
    """The sentence after `unit` in its chunk (and the one before, when `unit` leans on it)."""
    out = []
    for other in units:
        if other.chunk.id != unit.chunk.id or other in taken or other.is_row != unit.is_row:
            continue
        if other.order == unit.order + 1 or (other.order == unit.order - 1 and _LEANS_BACK.match(unit.text)):
            out.append(other)
    return sorted(out, key=lambda u: u.order)


def _same_text(a: Unit, b: Unit) -> bool:
    return a.text == b.text or (a.words > 6 and (a.text in b.text or b.text in a.text))


def _within_budget(units: list[Unit], budget: int = MAX_ANSWER_WORDS) -> list[Unit]:
    out: list[Unit] = []
    words = 0
    for unit in units:
        if out and words + unit.words > budget:
            break
        out.append(unit)
        words += unit.words
    return out


def _shape_bonus(text: str, shape: QuestionProfile) -> float:
    bonus = 0.0
    if shape.wants_amount and _AMOUNT.search(text):
        bonus += 0.15
    if shape.wants_percent and _PERCENT.search(text):
        bonus += 0.2
    if shape.wants_count and _DIGIT.search(text):
        bonus += 0.1
    if shape.wants_date and _YEAR.search(text):
        bonus += 0.1
    return bonus
