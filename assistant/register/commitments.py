"""The commitment check: each goal and measure of a municipality, with what a later document of the
same municipality says about it and a status read from that statement's wording.

Later means a later year, or the same year and a review (a midterm review or annual report looks
back on what plans of its year promised). The later statement is the sentence of a later document
that shares the most of the commitment's term weight, rare terms weighing most and a rare term
required (a name such as "Doorbraakmethode", not only "zorg" and "inwoners"); a goal restated under
its own number ("Doel 2", "2 ...") weighs a little more. Below `min_score` it is not mentioned.
The status comes from the statement and the sentence after it ("Dit project verloopt conform
planning."): realised, on schedule, delayed or dropped; a statement without any such word counts as
on schedule, since the later document still carries the commitment.

Without page texts (a register on its own) the later document's records are the statements.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal, Protocol

from assistant.answering.verify import locate
from assistant.lexicon import (
    CAPTION_START,
    COMMITMENT_NEGATION,
    COMMITMENT_STATUS_CUES,
    REVIEW_DOC_TYPES,
    fold,
)
from assistant.register.compare import labels
from assistant.register.cues import ACTION_VERBS
from assistant.register.doctext import DocText
from assistant.register.models import Record
from assistant.register.store import RegisterStore
from assistant.settings import CommitmentSettings
from assistant.tokenize import base_terms
from assistant.types import DocumentMeta, Page

Status = Literal["realised", "on_schedule", "delayed", "dropped", "not_mentioned", "no_later"]
STATUSES: tuple[Status, ...] = ("realised", "on_schedule", "delayed", "dropped", "not_mentioned", "no_later")
PROMISES = ("goal", "measure")
MIN_WORDS = 5  # "3 Bestemming: ambitie, visie" is a heading, not a statement


class PageSource(Protocol):
    """Where the later documents' page texts come from (the catalog)."""

    def pages(self, doc_id: str) -> Sequence[Page]: ...


@dataclass(frozen=True)
class Followup:
    doc: str
    page: int
    quote: str  # verbatim on the page: the statement, and the status sentence after it when there is one
    record_id: str  # the later record it is, when the statement came from the register
    score: float


@dataclass(frozen=True)
class CommitmentItem:
    record: Record
    status: Status = "no_later"
    followups: tuple[Followup, ...] = ()

    @property
    def status_label(self) -> str:
        return str(labels()["commitment_status"][self.status])

    def to_json(self) -> dict[str, Any]:
        return {
            "commitment": self.record.to_json(),
            "status": self.status,
            "status_label": self.status_label,
            "later": [
                {
                    "doc": f.doc,
                    "page": f.page,
                    "quote": f.quote,
                    "id": f.record_id,
                    "score": round(f.score, 3),
                }
                for f in self.followups
            ],
        }


@dataclass(frozen=True)
class _Statement:
    doc: str
    page: int
    quote: str
    terms: frozenset[str]
    folded: str
    record_id: str = ""
    next_quote: str = ""  # the sentence after it on the same page, where a status is often said


def commitments(
    store: RegisterStore,
    municipality: str,
    pages: PageSource | None = None,
    settings: CommitmentSettings | None = None,
) -> list[CommitmentItem]:
    """Every goal and measure of the municipality, oldest document first, with its status."""
    settings = settings or CommitmentSettings()
    metas = {d.meta.doc_id: d.meta for d in store.documents()}
    records = store.query(municipality=municipality)
    docs = sorted({r.doc_id for r in records if r.doc_id in metas}, key=lambda d: _order(metas[d]))
    statements = {doc: _statements(doc, records, metas[doc], pages) for doc in docs}
    df: Counter[str] = Counter()
    for found in statements.values():
        for s in found:
            df.update(s.terms)
    n = max(1, sum(len(found) for found in statements.values()))
    rare = max(2.0, settings.rare_share * n)
    promised = sorted(
        (r for r in records if r.type in PROMISES and r.doc_id in metas),
        key=lambda r: _order(metas[r.doc_id]),
    )
    out = []
    for record in promised:
        later = [d for d in docs if _order(metas[d]) > _order(metas[record.doc_id])]
        if not later:
            out.append(CommitmentItem(record))
            continue
        mine = _terms(record.text)
        title = _terms(_heading(record)) if record.type == "measure" else frozenset()
        scored = [
            (score, s)
            for d in later
            for s in statements[d]
            if (score := _score(record, mine, title, s, df, n, rare, settings)) >= settings.min_score
        ]
        if not scored:
            out.append(CommitmentItem(record, "not_mentioned"))
            continue
        scored.sort(key=lambda sc: -sc[0])
        best = scored[0][1]
        status, quote = _status(best, pages)
        follow = [Followup(best.doc, best.page, quote, best.record_id, scored[0][0])]
        follow += [Followup(s.doc, s.page, s.quote, s.record_id, sc) for sc, s in scored[1:2]]
        out.append(CommitmentItem(record, status, tuple(follow)))
    return out


def _order(meta: DocumentMeta) -> tuple[int, int]:
    return (meta.year, 1 if fold(meta.doc_type) in REVIEW_DOC_TYPES else 0)


def _statements(
    doc: str, records: Sequence[Record], meta: DocumentMeta, pages: PageSource | None
) -> list[_Statement]:
    """The sentences of the document (or, without its pages, its records) as candidate statements."""
    texts = list(pages.pages(doc)) if pages is not None else []
    if not texts:
        return [
            _Statement(r.doc_id, r.page, r.quote, _terms(r.text), fold(r.quote), r.id)
            for r in records
            if r.doc_id == doc and r.type in (*PROMISES, "indicator")
        ]
    sentences = DocText(meta, texts, []).sentences
    out = []
    for i, s in enumerate(sentences):
        quote = " ".join(s.text.split())
        after = sentences[i + 1] if i + 1 < len(sentences) else None
        nxt = " ".join(after.text.split()) if after is not None and after.page == s.page else ""
        if _statement_like(quote):
            out.append(_Statement(doc, s.page, quote, _terms(quote), fold(quote), next_quote=nxt))
    return out


def _statement_like(text: str) -> bool:
    """A sentence that can say something about a commitment: not a heading, table row or caption."""
    words = text.split()
    figures = sum(any(c.isdigit() for c in w) for w in words)
    return len(words) >= MIN_WORDS and figures / len(words) < 0.25 and not CAPTION_START.match(text)


def _score(
    record: Record,
    mine: frozenset[str],
    title: frozenset[str],
    s: _Statement,
    df: Counter[str],
    n: int,
    rare: float,
    settings: CommitmentSettings,
) -> float:
    """How much of the commitment the statement names: of its own words, or of the title of the
    project it stands under (a later document names "de Doorbraakmethode", not the sentence)."""
    score = max(_share(mine, s.terms, df, n, rare), _share(title, s.terms, df, n, rare))
    if score and record.type == "goal" and record.number and _numbered(record.number).match(s.folded):
        score += settings.number_bonus
    return min(score, 1.0)


def _share(mine: frozenset[str], theirs: frozenset[str], df: Counter[str], n: int, rare: float) -> float:
    """Share of the term weight of `mine` found in `theirs`; 0 without a rare term among them."""
    shared = mine & theirs
    if not any(df[t] <= rare for t in shared):
        return 0.0
    weight = {t: math.log(1 + n / max(1, df[t])) for t in mine}
    total = sum(weight.values())
    return sum(weight[t] for t in shared) / total if total else 0.0


def _status(best: _Statement, pages: PageSource | None) -> tuple[Status, str]:
    """The status the statement (and the sentence after it) reports, with the quote that says it."""
    own = _cue(best.folded)
    if own is not None or not best.next_quote:
        return own or "on_schedule", best.quote
    after = _cue(fold(best.next_quote))
    if after is None:
        return "on_schedule", best.quote
    both = f"{best.quote} {best.next_quote}"
    texts = {p.number: p.text for p in pages.pages(best.doc)} if pages is not None else {}
    # Both sentences together only when they still stand verbatim on the page as one quote.
    return after, both if locate(both, texts.get(best.page, "")) else best.next_quote


def _cue(folded: str) -> Status | None:
    for status, pattern in COMMITMENT_STATUS_CUES.items():
        for match in pattern.finditer(folded):
            if status in ("realised", "on_schedule") and COMMITMENT_NEGATION.search(folded[: match.start()]):
                continue  # "niet gerealiseerd", "geen ... voortgezet"
            return status  # type: ignore[return-value]
    return None


def _heading(record: Record) -> str:
    """The heading a measure stands under: "We gaan door met het opstellen" is about the
    preventieagenda only because it stands under that heading. Goals say what they are about."""
    return record.section.rsplit(" > ", 1)[-1]


def _terms(text: str) -> frozenset[str]:
    return frozenset(base_terms(text)) - _verb_terms()


@lru_cache(maxsize=64)
def _numbered(number: str) -> re.Pattern[str]:
    return re.compile(rf"^\s*(?:doel\s+)?{re.escape(number)}[.:)]?\s")


@lru_cache(maxsize=1)
def _verb_terms() -> frozenset[str]:
    """What policy texts do ("opstellen", "inzetten", "organiseren") says nothing about what they do it to."""
    words = [
        *ACTION_VERBS,
        "opstellen",
        "inzetten",
        "uitvoeren",
        "aanbieden",
        "gaan",
        "doen",
        "komen",
        "werken",
    ]
    return frozenset(t for w in words for t in base_terms(w))
