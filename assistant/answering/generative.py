"""Generative answers through an LLM, held to the same standard as the extractive ones.

The model writes the answer but does not get the last word: each sentence must name its source
(`[S2: "verbatim quote"]`) and every quote goes through the same verifier as the extractive
answerer's. A sentence whose citation does not hold is removed, so a fluent model cannot slip in a
claim the documents do not make; when nothing survives, the user gets the refusal.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.answering.extractive import ExtractiveAnswerer, Plan, answer_from
from assistant.answering.render import render_row
from assistant.answering.units import EvidenceUnit
from assistant.prompts import prompt, render
from assistant.protocols import LLM, Evidence, Retriever
from assistant.settings import Settings
from assistant.tokenize import base_terms
from assistant.types import Answer, Citation, Filters, UnitKind

logger = logging.getLogger(__name__)

# One bracket group naming one or more sources; quoted text may hold `]`, so it is skipped whole.
_MARKER = re.compile(r'\[\s*S\d+(?:[^\]"“„]|"[^"]*"|[“„][^”"]*[”"])*\]')
_REF = re.compile(r'S(\d+)\s*(?::\s*(?:"([^"]*)"|[“„]([^”"]*)[”"]))?')
_LEADING_PUNCT = re.compile(r"^\s*([.!?;:,]+)")


@dataclass(frozen=True)
class Ref:
    source: int  # the n of `Sn`, 1-based as shown to the model
    quote: str | None


@dataclass
class Claim:
    """One stretch of the model's answer and the sources it says it rests on."""

    text: str
    refs: list[Ref] = field(default_factory=list)


@dataclass
class Report:
    """What happened to the model's output; `dropped` are the claims that did not verify."""

    raw: str = ""
    dropped: list[Claim] = field(default_factory=list)
    sentinel: bool = False
    fell_back: bool = False


class GenerativeAnswerer:
    """Writes the answer with an LLM from the units the extractive planner selected.

    The plan (question analysis, units, answerability) is the extractive answerer's: a question
    the evidence does not answer is refused before any model is called, and the model only sees
    numbered units (a sentence, a list item, a table row with its header), not whole chunks."""

    def __init__(
        self,
        settings: Settings,
        retriever: Retriever,
        evidence: Evidence,
        llm: LLM,
        fallback: ExtractiveAnswerer,
        max_sources: int = 8,
    ) -> None:
        self.settings = settings
        self.retriever = retriever
        self.evidence = evidence
        self.llm = llm
        self.fallback = fallback
        self.max_sources = max_sources

    def answer(self, question: str, filters: Filters | None = None) -> Answer:
        return self.answer_with_report(question, filters)[0]

    def answer_with_report(self, question: str, filters: Filters | None = None) -> tuple[Answer, Report]:
        retrieval = self.retriever.search(question, k=self.settings.retrieval.top_k, filters=filters)
        plan = self.fallback.planner.plan(question, retrieval)
        report = Report()
        if not plan.verdict.answerable:
            return self.fallback.refuse(question, plan), report
        sources = self.sources(plan)
        system, user = self.prompts(question, sources)
        try:
            report.raw = self.llm.complete(system, user)
        except Exception as exc:  # any provider failure: the extractive answer still serves the user
            logger.warning("LLM %s failed, falling back to the extractive answer: %s", self.llm.name, exc)
            report.fell_back = True
            answer = self.fallback.answer(question, filters)
            answer.mode = "extractive-fallback"
            return answer, report
        sentinel = self._sentinel()
        if is_sentinel(report.raw, sentinel):
            report.sentinel = True
            return self.fallback.refuse(question, plan), report
        kept: list[tuple[Claim, list[Citation]]] = []
        for claim in parse_claims(report.raw):
            # "Over de kosten: GEEN_ANTWOORD [S1]" is a refusal in passing, not a claim.
            citations = [] if sentinel in claim.text else self.check(claim, sources)
            if citations:
                kept.append((claim, citations))
            else:
                report.dropped.append(claim)
        if report.dropped:
            logger.info("dropped %d unverifiable claim(s) from %s", len(report.dropped), self.llm.name)
        if not kept:
            return self.fallback.refuse(question, plan), report
        text, citations = compose(kept)
        answer = answer_from(question, retrieval, text, citations, refused=False)
        answer.mode = "generative"
        return answer, report

    def sources(self, plan: Plan) -> list[EvidenceUnit]:
        """The selected units first, then the next best blocks' units, at most `max_sources`."""
        out: list[EvidenceUnit] = []
        for block in [*plan.selection.blocks, *plan.blocks]:
            for unit in block.units:
                if len(out) < self.max_sources and not any(unit.same_as(u) for u in out):
                    out.append(unit)
        return out

    # -- prompt ------------------------------------------------------------------------------
    def prompts(self, question: str, sources: Sequence[EvidenceUnit]) -> tuple[str, str]:
        directory = self.settings.prompts_dir
        sentinel = self._sentinel()
        most = self.settings.answer.max_sentences
        system = render("answer_system.txt", directory, sentinel=sentinel, max_sentences=most)
        blocks = "\n\n".join(self._source_block(i, u) for i, u in enumerate(sources, start=1))
        user = render("answer_user.txt", directory, sources=blocks, question=question, sentinel=sentinel)
        return system, user

    def _source_block(self, n: int, unit: EvidenceUnit) -> str:
        chunk = unit.chunk
        label = [self._document_label(chunk.doc_id), f"blz. {unit.page}"]
        if chunk.section:
            label.append(f"sectie: {chunk.section}")
        if unit.lead:
            label.append(f"lijst: {unit.lead}")
        text = unit.quote
        if unit.kind == UnitKind.ROW:
            text = f"{text}\n(weergave: {render_row(unit.quote, chunk)})"
            label.append(f"tabel: {' '.join(p for p in (chunk.table_header, chunk.unit) if p)}")
        return f"[S{n}] {' | '.join(label)}\n{text}"

    def _document_label(self, doc_id: str) -> str:
        # The model needs municipality and year to answer "in Utrecht in 2023"-style questions.
        meta = self.evidence.document(doc_id)
        if meta is None:
            return doc_id
        return f"{meta.municipality}, {meta.title} ({meta.period or meta.year})"

    def _sentinel(self) -> str:
        return prompt("cannot_answer_sentinel.txt", self.settings.prompts_dir)

    # -- verification ------------------------------------------------------------------------
    def check(self, claim: Claim, sources: Sequence[EvidenceUnit]) -> list[Citation]:
        """The verified citations of `claim`; none when any of its own quotes is not verbatim.

        A quote the model wrote must hold, or the whole claim goes: a made-up quote says the
        sentence is made up too. A source named without a quote is cited by the unit itself when
        the claim shares enough of its words."""
        citations: list[Citation] = []
        for ref in claim.refs:
            if not 1 <= ref.source <= len(sources):
                return []
            unit = sources[ref.source - 1]
            chunk = unit.chunk
            if ref.quote is not None and _substantial(ref.quote):
                citation = self.evidence.verify(chunk.doc_id, ref.quote, chunk.pages, chunk.id)
                if citation is None:
                    return []
            else:
                citation = self._match(claim.text, unit)
            if citation is not None:
                citations.append(citation)
        return citations

    def _match(self, claim: str, unit: EvidenceUnit) -> Citation | None:
        terms = set(base_terms(claim))
        if not terms or len(terms & set(base_terms(unit.quote))) / len(terms) < self.settings.llm.min_overlap:
            return None
        return self.evidence.verify(unit.doc_id, unit.quote, unit.chunk.pages, unit.chunk.id)


def parse_claims(output: str) -> list[Claim]:
    """Split the model's answer at its source markers: the text before a run of markers is the
    claim they support. Text after the last marker names no source and becomes a claim without
    refs, which cannot verify."""
    claims: list[Claim] = []
    position = 0
    for marker in [*_MARKER.finditer(output), None]:
        end = marker.start() if marker else len(output)
        between = output[position:end]
        refs = [Ref(int(m[1]), _quote(m)) for m in _REF.finditer(marker.group())] if marker else []
        position = marker.end() if marker else end
        punct = _LEADING_PUNCT.match(between)
        if claims and punct:
            # `... miljoen [S1: ".."].` puts the full stop after the marker; it belongs to the claim.
            if not claims[-1].text.endswith(tuple(".!?;:,")):
                claims[-1].text += punct[1]
            between = between[punct.end() :]
        text = _clean(between)
        if not text.strip(" .;:,"):
            if claims:
                claims[-1].refs.extend(refs)  # `[S1: ".."] [S3: ".."]`: one claim, two sources
            continue
        claims.append(Claim(text, refs))
    return claims


def compose(kept: Sequence[tuple[Claim, list[Citation]]]) -> tuple[str, list[Citation]]:
    """Answer text with `[n]` markers numbered in order of first use, and the citations in that order."""
    citations: list[Citation] = []
    numbers: dict[tuple[str, int, int, int], int] = {}
    parts: list[str] = []
    for claim, cited in kept:
        markers: list[int] = []
        for citation in cited:
            key = (citation.doc, citation.page, citation.start, citation.end)
            if key not in numbers:
                citations.append(citation)
                numbers[key] = len(citations)
            if numbers[key] not in markers:
                markers.append(numbers[key])
        parts.append(claim.text + " " + " ".join(f"[{n}]" for n in markers))
    return " ".join(parts), citations


def is_sentinel(output: str, sentinel: str) -> bool:
    """The model declined: its answer starts with the sentinel (models add quotes or markup)."""
    return output.strip().strip("\"'`*_ ").upper().startswith(sentinel.upper())


def _quote(match: re.Match[str]) -> str | None:
    quote = match[2] if match[2] is not None else match[3]
    return quote.strip() if quote is not None else None


def _substantial(quote: str) -> bool:
    # "de gemeente" is verbatim on every page; it proves nothing about the claim.
    return len(quote.split()) >= 3 or any(ch.isdigit() for ch in quote)


def _clean(text: str) -> str:
    text = re.sub(r"^\s*(?:[-*•]|\d{1,2}[.)])\s+", "", text.strip())  # list bullets
    return " ".join(text.split())
