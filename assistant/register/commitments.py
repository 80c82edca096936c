"""The commitment check: each goal and measure of a municipality, with what a later document of the
same municipality says about it and a status read from that statement's wording.

Later means a later year, or the same year and a review (a midterm review or annual report looks
back on what plans of its year promised). The later statement is the sentence of a later document
that shares the most of the commitment's term weight, rare terms weighing most and a rare term
required (a name such as "Doorbraakmethode", not only "zorg" and "inwoners"); a goal restated under
its own number ("Doel 2", "2 ...") weighs a little more. Below `min_score` it is not mentioned.
Terms are stems, the parts of compounds ("Rijksmiddelen": rijk, middel) and the policy concepts the
text words in its own way ("redden zich zonder hulp" and "zelfredzaamheid" are one concept, see
`concepts`); a goal's statement is preferably a goal of the later document. A measure is a
specific activity: a policy concept it names in passing ("gelijke kansen"), or a word that is a
concept by itself ("eenzaamheid", "toegang"), is its theme, which a later sentence on the theme does
not mention; a project title counts when its own name is named ("coalitie" of "Coalitie tegen
eenzaamheid"; two words of a longer title), and a measure that lists activities ("huisbezoek en zo
nodig overleg") is mentioned when one of them is. Verbs of doing in any form ("ontwikkeld",
"blijft"), years, section numbers and words of when ("langere termijn") are no terms.
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
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Literal, Protocol

from assistant.answering.verify import locate
from assistant.lexicon import (
    CAPTION_START,
    COMMITMENT_GENERIC_WORDS,
    COMMITMENT_NEGATION,
    COMMITMENT_STATUS_CUES,
    DERIVATION_ENDINGS,
    REVIEW_DOC_TYPES,
    SEPARABLE_PARTICLES,
    SUPERSCRIPTS,
    fold,
)
from assistant.register.compare import labels
from assistant.register.concepts import concepts, mentions, theme_words
from assistant.register.cues import ACTION_VERBS
from assistant.register.doctext import DocText
from assistant.register.models import Provenance, Record
from assistant.register.store import RegisterStore
from assistant.settings import CommitmentSettings
from assistant.tokenize import Lexicon, analyze, base_terms, count_terms
from assistant.types import DocumentMeta, Page

Status = Literal["realised", "on_schedule", "delayed", "dropped", "not_mentioned", "no_later"]
STATUSES: tuple[Status, ...] = ("realised", "on_schedule", "delayed", "dropped", "not_mentioned", "no_later")
PROMISES = ("goal", "measure")
MIN_WORDS = 5  # "3 Bestemming: ambitie, visie" is a heading, not a statement
CONCEPT = "~"  # concept terms ("~zelfredzaamheid") cannot clash with stems
_Split = tuple[frozenset[str], frozenset[str]]  # a text's own terms, and the parts and concepts they imply
_NONE: _Split = (frozenset(), frozenset())
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# Where a sentence goes on to another activity: "..., en zo nodig ...", "... ; ...".
_CLAUSE_BREAK = re.compile(r"\s*;\s*|,?\s+(?:en|of|alsmede)\s+")
_FOOTNOTE = re.compile(rf"^\s*[{SUPERSCRIPTS}]")  # "¹ Uit beleidsplan ..." is a source note


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
class _Terms:
    """What a commitment says, as terms: its sentence, the activities it lists, its title."""

    mine: _Split
    title: _Split
    clauses: tuple[_Split, ...]  # "preventief huisbezoek en zo nodig casuistiek-overleg": each activity
    focus: frozenset[str]  # the concepts it names twice or more: what it is about
    themes: frozenset[str] = frozenset()  # its words that are a concept by themselves ("eenzaamheid")


@dataclass(frozen=True)
class _Statement:
    doc: str
    page: int
    quote: str
    terms: frozenset[str]
    folded: str
    record_id: str = ""
    next_quote: str = ""  # the sentence after it on the same page, where a status is often said
    kind: str = ""  # "goal" when the sentence is a goal of its document (a goal's likeliest successor)


def commitments(
    store: RegisterStore,
    municipality: str,
    pages: PageSource | None = None,
    settings: CommitmentSettings | None = None,
) -> list[CommitmentItem]:
    """Every goal and measure of the municipality, oldest document first, with its status."""
    check = _Check(store, municipality, pages, settings or CommitmentSettings())
    promised = sorted(
        (r for r in check.records if r.type in PROMISES and r.doc_id in check.metas),
        key=lambda r: _order(check.metas[r.doc_id]),
    )
    return [check(record) for record in promised]


def follow_up(
    store: RegisterStore,
    municipality: str,
    doc: str,
    page: int,
    quote: str,
    pages: PageSource,
    settings: CommitmentSettings | None = None,
) -> CommitmentItem | None:
    """The check for one sentence of a document that the register holds no record on ("Er vindt
    bij hen preventief huisbezoek plaats"), as if it were a measure under its section heading.
    None when the document is not in the register or the quote does not stand on its page."""
    check = _Check(store, municipality, pages, settings or CommitmentSettings())
    meta = check.metas.get(doc)
    texts = check.texts.get(doc) or list(pages.pages(doc))
    text = next((p.text for p in texts if p.number == page), "")
    span = locate(quote, text)
    if meta is None or span is None:
        return None
    section = DocText(meta, texts, []).section_at(page, span[0])
    record = Record(
        type="measure",
        text=" ".join(quote.split()),
        provenance=Provenance(doc, page, text[span[0] : span[1]], span[0], span[1]),
        municipality=municipality,
        year=meta.year,
        section=section,
    )
    return check(record)


class _Check:
    """The later statements of one municipality's documents, with what weighs their terms."""

    def __init__(
        self, store: RegisterStore, municipality: str, pages: PageSource | None, settings: CommitmentSettings
    ) -> None:
        self.settings = settings
        self.metas = {d.meta.doc_id: d.meta for d in store.documents()}
        self.records = store.query(municipality=municipality)
        metas = self.metas
        self.docs = sorted(
            {r.doc_id for r in self.records if r.doc_id in metas}, key=lambda d: _order(metas[d])
        )
        # Each document's pages are read once: the statements and their status sentences come from them.
        self.texts = {doc: list(pages.pages(doc)) if pages is not None else [] for doc in self.docs}
        found = {doc: _statements(doc, self.records, metas[doc], self.texts[doc]) for doc in self.docs}
        self.vocabulary = _Vocabulary([s.quote for listed in found.values() for s in listed])
        self.statements = {
            doc: [replace(s, terms=self.vocabulary.terms(s.quote)) for s in listed]
            for doc, listed in found.items()
        }
        self.df: Counter[str] = Counter()
        for listed in self.statements.values():
            for s in listed:
                self.df.update(s.terms)
        self.n = max(1, sum(len(listed) for listed in self.statements.values()))
        self.rare = max(2.0, settings.rare_share * self.n)

    def __call__(self, record: Record) -> CommitmentItem:
        order = _order(self.metas[record.doc_id])
        later = [d for d in self.docs if _order(self.metas[d]) > order]
        if not later:
            return CommitmentItem(record)
        terms = self.vocabulary.commitment(record)
        ranked = [
            (score, s)
            for d in later
            for s in self.statements[d]
            if (score := _score(record, terms, s, self.df, self.n, self.rare, self.settings))[0]
            >= self.settings.min_score
        ]
        if not ranked:
            return CommitmentItem(record, "not_mentioned")
        ranked.sort(key=lambda sc: (-sc[0][0], -sc[0][1]))
        scored = [(score, s) for (score, _), s in ranked]
        best = scored[0][1]
        status, quote = _status(best, self.texts.get(best.doc, []))
        follow = [Followup(best.doc, best.page, quote, best.record_id, scored[0][0])]
        follow += [Followup(s.doc, s.page, s.quote, s.record_id, sc) for sc, s in scored[1:2]]
        return CommitmentItem(record, status, tuple(follow))


def _order(meta: DocumentMeta) -> tuple[int, int]:
    return (meta.year, 1 if fold(meta.doc_type) in REVIEW_DOC_TYPES else 0)


def _statements(
    doc: str, records: Sequence[Record], meta: DocumentMeta, texts: Sequence[Page]
) -> list[_Statement]:
    """The sentences of the document (or, without its pages, its records) as candidate statements,
    their terms still to be filled in."""
    if not texts:
        return [
            _Statement(r.doc_id, r.page, r.quote, frozenset(), fold(r.quote), r.id, kind=r.type)
            for r in records
            if r.doc_id == doc and r.type in (*PROMISES, "indicator")
        ]
    goals: dict[int, list[tuple[int, int]]] = {}
    for r in records:
        if r.doc_id == doc and r.type == "goal":
            for at in (r.provenance, *r.also_at):
                goals.setdefault(at.page, []).append((at.start, at.end))
    sentences = DocText(meta, texts, []).sentences
    out = []
    for i, s in enumerate(sentences):
        quote = " ".join(s.text.split())
        after = sentences[i + 1] if i + 1 < len(sentences) else None
        nxt = " ".join(after.text.split()) if after is not None and after.page == s.page else ""
        goal = any(min(end, s.end) > max(start, s.start) for start, end in goals.get(s.page, ()))
        if _statement_like(quote):
            out.append(
                _Statement(
                    doc, s.page, quote, frozenset(), fold(quote), next_quote=nxt, kind="goal" if goal else ""
                )
            )
    return out


def _statement_like(text: str) -> bool:
    """A sentence that can say something about a commitment: not a heading, table row or caption."""
    words = text.split()
    figures = sum(any(c.isdigit() for c in w) for w in words)
    return (
        len(words) >= MIN_WORDS
        and figures / len(words) < 0.25
        and not CAPTION_START.match(text)
        and not _FOOTNOTE.match(text)
    )


def _score(
    record: Record,
    terms: _Terms,
    s: _Statement,
    df: Counter[str],
    n: int,
    rare: float,
    settings: CommitmentSettings,
) -> tuple[float, float]:
    """How much of the commitment the statement names: of its own words, of one of the activities
    a measure lists (named by two of its rare words at least), or of the title of the project it stands under
    (a later document names "de Doorbraakmethode", not the sentence); and, to rank statements that
    name as much, how much of its words and title together.
    A goal is an aim and may be reworded in any of its concepts. A measure is a specific activity:
    one concept it names in passing is a theme ("gelijke kansen" and "talenten"), not a mention;
    it is reworded in the concept it is about (named twice: "doelgroeppeuter", "VVE")."""
    goal = record.type == "goal"
    focus = frozenset(t for t in terms.mine[1] if t[0] == CONCEPT) if goal else terms.focus
    themes = frozenset() if goal else terms.themes
    own = _share(terms.mine, s.terms, df, n, rare, settings, focus, themes)
    part = max(
        (
            _share(clause, s.terms, df, n, rare, settings, focus, themes)
            for clause in terms.clauses
            if sum(df[t] <= rare for t in clause[0] & s.terms) >= 2
        ),
        default=0.0,
    )
    titled = _share(terms.title, s.terms, df, n, rare, settings) if _names(terms.title, s.terms, df) else 0.0
    score = max(own, part, titled)
    if score and record.type == "goal" and record.number and _numbered(record.number).match(s.folded):
        score += settings.number_bonus
    if record.type == "goal" and s.kind == "goal":
        score = max(score, _aligned(record.text, s.quote, df, n, settings))
        score += settings.goal_bonus if score else 0.0
    return min(score, 1.0), own + titled


def _names(title: _Split, theirs: frozenset[str], df: Counter[str]) -> bool:
    """Whether a statement names the project a title names: by the title's rarest own word, the
    part that is its name ("Coalitie tegen eenzaamheid" is named by "coalitie"; a sentence on
    eenzaamheid is about the theme, not the project), and a title of several words by two of them
    ("doorlopende" alone is not the "Doorlopende lijn van zorg naar werk")."""
    own = title[0]
    if not own:
        return False
    rarest = min(df[t] for t in own)
    shared = own & theirs
    return any(df[t] == rarest for t in shared) and len(shared) >= min(2, len(own))


def _aligned(goal: str, later_goal: str, df: Counter[str], n: int, settings: CommitmentSettings) -> float:
    """How far a later goal carries on a goal's aims, in concepts: a new plan rewords and renumbers
    its goals ("redden zich zonder hulp" becomes "Bevorderen zelfoplossend vermogen"). The share of
    the goal's concepts the later goal names, each counting in full when named twice (the goal is
    about it) and half when named once; only concepts distinctive enough to tell goals apart."""
    aims = concepts(goal)
    if not aims or not settings.concept_weight:
        return 0.0
    common = max(2.0, settings.concept_rare_share * n)
    named = dict(mentions(later_goal))
    found = sum(min(named[c], 2) / 2 for c in aims if c in named and df[CONCEPT + c] <= common)
    return found / len(aims)


def _share(
    mine: _Split,
    theirs: frozenset[str],
    df: Counter[str],
    n: int,
    rare: float,
    settings: CommitmentSettings,
    focus: frozenset[str] = frozenset(),
    themes: frozenset[str] = frozenset(),
) -> float:
    """Share of the term weight of `mine` found in `theirs`; 0 without a rare word of its own
    among them (not one of `themes`, words that are a concept by themselves), a rare concept of
    `focus`, or two distinctive concepts, one of them rare ("lobby" for a "rijksbijdrage" is "druk
    uitoefenen op het Rijk"). A part alone is no match:
    "kaarten" is not the "Vlekkenkaart". A concept stands for a whole phrase ("zonder hulp"), a
    compound part for less than the compound: they weigh `concept_weight` and `part_weight` times a
    word."""
    own, implied = mine
    common = max(rare, settings.concept_rare_share * n)
    named = {t: df[t] for t in implied & theirs if t[0] == CONCEPT and settings.concept_weight}
    distinctive = [d for d in named.values() if d <= common]
    if not (
        any(df[t] <= rare for t in (own - themes) & theirs)
        or any(d <= rare for t, d in named.items() if t in focus)
        or (len(distinctive) >= 2 and min(distinctive) <= rare)
    ):
        return 0.0
    factor = {t: settings.concept_weight if t[0] == CONCEPT else settings.part_weight for t in implied}
    weight = {t: math.log(1 + n / max(1, df[t])) * factor.get(t, 1.0) for t in own | implied}
    total = sum(weight.values())
    return sum(w for t, w in weight.items() if t in theirs) / total if total else 0.0


def _status(best: _Statement, pages: Sequence[Page]) -> tuple[Status, str]:
    """The status the statement (and the sentence after it) reports, with the quote that says it."""
    own = _cue(best.folded)
    if own is not None or not best.next_quote:
        return own or "on_schedule", best.quote
    after = _cue(fold(best.next_quote))
    if after is None:
        return "on_schedule", best.quote
    both = f"{best.quote} {best.next_quote}"
    text = next((p.text for p in pages if p.number == best.page), "")
    # Both sentences together only when they still stand verbatim on the page as one quote.
    return after, both if locate(both, text) else best.next_quote


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


class _Vocabulary:
    """The terms of a municipality's texts: stems without verbs of doing or years, the parts of
    compounds the texts also use as words, and concepts. A later plan writes "middelen ... van het
    Rijk" where the earlier wrote "Rijksmiddelen", and "zelfredzaamheid" for "zonder hulp"."""

    def __init__(self, texts: Sequence[str]) -> None:
        analysed = [analyze(t) for t in texts]
        self._lexicon = Lexicon(count_terms(a[0] for a in analysed), (w for a in analysed for w in a[1]))

    def terms(self, text: str) -> frozenset[str]:
        return frozenset().union(*self.split(text))

    def commitment(self, record: Record) -> _Terms:
        """A commitment's terms. Under a project's title, a word of the sentence that is a part of
        the title's compound means the title ("de kaart" under "Vlekkenkaart" is the vlekkenkaart,
        not any map)."""
        title = self.split(_heading(record)) if record.type == "measure" else _NONE
        wholes = {_voiced(p): t for t in title[0] for p in self._lexicon.parts(t)}
        mine = self._whole(self.split(record.text), wholes)
        # A goal's aims together are the goal ("mensen en de stad"); a measure lists activities.
        listed = _CLAUSE_BREAK.split(record.text) if record.type == "measure" else []
        clauses = tuple(
            self._whole(split, wholes) for clause in listed if len((split := self.split(clause))[0]) >= 2
        )
        focus = frozenset(CONCEPT + c for c, times in mentions(record.text) if times >= 2)
        themes = frozenset(t for w in theme_words(record.text) for t in self.split(w)[0])
        return _Terms(mine, title, clauses if len(clauses) > 1 else (), focus, themes)

    @staticmethod
    def _whole(split: _Split, wholes: dict[str, str]) -> _Split:
        own, implied = split
        return frozenset(wholes.get(t, t) for t in own), implied

    def split(self, text: str) -> tuple[frozenset[str], frozenset[str]]:
        """The text's own words, and what they imply: compound parts and concepts. Only the own
        words make a match distinctive: "kaarten" is not the "Vlekkenkaart", and a concept is
        broad by design."""
        # Years date a statement ("In 2022 ..."), section numbers place it ("4.1 Programma Zorg"):
        # neither says what it is about.
        base = frozenset(
            term for t in base_terms(text) if not _NUMBER.fullmatch(t) and not _verb_form(term := _voiced(t))
        )
        parts = {
            _voiced(p) for t in base if not t.endswith(DERIVATION_ENDINGS) for p in self._lexicon.parts(t)
        }
        implied = (parts - _verb_terms() - base) | {CONCEPT + c for c in concepts(text)}
        return base, frozenset(implied)


def _voiced(stem: str) -> str:
    """One stem for a word's forms that differ in a voiced last consonant: "preventieve" and
    "preventief", "huizen" and "huis" (the stemmer keeps the v and the z)."""
    if len(stem) > 3 and stem[-1] in _UNVOICED:
        return stem[:-1] + _UNVOICED[stem[-1]]
    return stem


_UNVOICED = {"v": "f", "z": "s"}


@lru_cache(maxsize=64)
def _numbered(number: str) -> re.Pattern[str]:
    return re.compile(rf"^\s*(?:doel\s+)?{re.escape(number)}[.:)]?\s")


@lru_cache(maxsize=50_000)
def _verb_form(term: str) -> bool:
    """Whether a term is a verb of doing in any form: its stem, the third person ("werkt",
    "blijft") or the participle ("gestimuleerd", "ontwikkeld", "opgesteld", "ingezet")."""
    verbs = _verb_terms()
    if term in verbs:
        return True
    if not term.endswith(("t", "d")):
        return False
    particle = next((p for p in SEPARABLE_PARTICLES if term.startswith(p + "ge")), "")
    # "ge-stimuleer-d", "ge-zet" (the stem's own t), "ontwikkel-d".
    whole = term[len(particle) :]
    cores = {whole[:-1], whole}
    # A participle of a stem that ends in t keeps it ("gezet"); "gebied" is a noun, not "bieden".
    cores |= {c[2:] for c in cores if c.startswith("ge") and (c != whole or c.endswith("t"))}
    # "stimuleer" is stemmed "stimuler"; "stel" (opgesteld) is "stell" (opstellen).
    return any(
        _voiced(found) in verbs or _voiced(found + found[-1]) in verbs
        for c in cores
        if len(c) > 2
        for found in base_terms(c)
    )


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
        *COMMITMENT_GENERIC_WORDS,
    ]
    # A separable verb stands split in a sentence: "uit te voeren", "zetten we ... in".
    roots = [
        w[len(p) :] for w in words for p in SEPARABLE_PARTICLES if w.startswith(p) and len(w) > len(p) + 3
    ]
    return frozenset(_voiced(t) for w in (*words, *roots) for t in base_terms(w))
