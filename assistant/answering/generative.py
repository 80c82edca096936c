"""Generative answers through an LLM, held to the same standard as the extractive ones.

The model writes the answer but does not get the last word: each sentence must name its source
(`[S2: "verbatim quote"]`) and every quote goes through the same verifier as the extractive
answerer's. A sentence whose citation does not hold is removed, so a fluent model cannot slip in a
claim the documents do not make.

Every question is bounded by `settings.llm`: the model may write `max_tokens` tokens, and the
question has `budget_s` seconds in all (retrieval included). The answer streams claim by claim,
each shown only once its citation verified (`on_text`), so nothing unverified reaches the user
even for a moment. The result says which path produced it (`Answer.mode`):

- `generative`: the model's verified claims (when the budget ran out midway: those verified so far),
  or the refusal when the model answered with the cannot-answer sentinel;
- `extractive-fallback`: the extractive answer, because the server failed or hung, the budget was
  spent before any claim verified, or no claim of the model's held;
- `extractive`: the planner refused before any model was asked (the evidence does not answer).
"""

from __future__ import annotations

import logging
import queue
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from assistant.answering.extractive import ExtractiveAnswerer, Plan, answer_from
from assistant.answering.render import render_row
from assistant.answering.units import EvidenceUnit
from assistant.prompts import prompt, render
from assistant.protocols import LLM, Evidence, Retriever, TextSink
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
    timed_out: bool = False  # the budget ran out before the model finished
    error: str = ""  # why the model call failed, when it did


class BudgetSpent(Exception):
    """The question's time budget ran out while waiting for the model."""


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

    def answer(
        self,
        question: str,
        filters: Filters | None = None,
        on_text: TextSink | None = None,
        said: Sequence[str] = (),
    ) -> Answer:
        return self.answer_with_report(question, filters, on_text, said)[0]

    def answer_with_report(
        self,
        question: str,
        filters: Filters | None = None,
        on_text: TextSink | None = None,
        said: Sequence[str] = (),
    ) -> tuple[Answer, Report]:
        deadline = time.monotonic() + self.settings.llm.budget_s
        retrieval = self.retriever.search(question, k=self.settings.retrieval.top_k, filters=filters)
        plan = self.fallback.planner.plan(retrieval, said=said)
        report = Report()
        if not plan.verdict.answerable:
            return _shown(self.fallback.refuse(question, plan), on_text), report
        sources = self.sources(plan)
        system, user = self.prompts(question, sources)
        if self.settings.llm.system_in_user:
            system, user = "", f"{system}\n\n{user}"
        live = _Live(self, sources, self._sentinel(), on_text)
        try:
            for piece in bounded(lambda timeout: self.llm.stream(system, user, timeout), deadline):
                if live.feed(piece):
                    break  # the model declined; no need to read the rest
            else:
                live.finish()
        except BudgetSpent:
            report.timed_out = True
            report.error = f"het tijdsbudget van {self.settings.llm.budget_s:g} s is op"
        except Exception as exc:  # any provider failure: the extractive answer still serves the user
            report.error = str(exc)
        if report.error:
            live.finish(cut=True)  # the claims written in full before the end still count
        report.raw, report.dropped, report.sentinel = live.raw, live.dropped, live.sentinel
        if report.dropped:
            logger.info("dropped %d unverifiable claim(s) from %s", len(report.dropped), self.llm.name)
        if live.kept:
            answer = answer_from(question, retrieval, live.text, live.citations, refused=False)
        elif report.sentinel and not report.error:
            answer = _shown(self.fallback.refuse(question, plan), on_text)
        else:
            if report.error:
                logger.warning("LLM %s: %s; the extractive answer is shown", self.llm.name, report.error)
            report.fell_back = True
            answer = _shown(self.fallback.answer_plan(question, plan), on_text)
            answer.mode = "extractive-fallback"
            return answer, report
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


class Composer:
    """Builds the answer text claim by claim: `[n]` markers numbered in order of first use, and
    the citations in that order."""

    def __init__(self) -> None:
        self.citations: list[Citation] = []
        self.parts: list[str] = []
        self._numbers: dict[tuple[str, int, int, int], int] = {}

    def add(self, claim: Claim, cited: Sequence[Citation]) -> str:
        """Adds one verified claim; returns the text it adds to the answer."""
        markers: list[int] = []
        for citation in cited:
            key = (citation.doc, citation.page, citation.start, citation.end)
            if key not in self._numbers:
                self.citations.append(citation)
                self._numbers[key] = len(self.citations)
            if self._numbers[key] not in markers:
                markers.append(self._numbers[key])
        part = claim.text + " " + " ".join(f"[{n}]" for n in markers)
        self.parts.append(part)
        return part if len(self.parts) == 1 else " " + part

    @property
    def text(self) -> str:
        return " ".join(self.parts)


def compose(kept: Sequence[tuple[Claim, list[Citation]]]) -> tuple[str, list[Citation]]:
    """Answer text with `[n]` markers numbered in order of first use, and the citations in that order."""
    composer = Composer()
    for claim, cited in kept:
        composer.add(claim, cited)
    return composer.text, composer.citations


class _Live:
    """The model's output as it arrives: a claim is settled (verified, then shown or dropped) once
    the next claim has begun, because until then more sources may still follow it."""

    def __init__(
        self,
        answerer: GenerativeAnswerer,
        sources: Sequence[EvidenceUnit],
        sentinel: str,
        on_text: TextSink | None,
    ) -> None:
        self.answerer, self.sources, self.sentinel_text, self.on_text = answerer, sources, sentinel, on_text
        self.raw = ""
        self.settled = 0
        self.kept: list[Claim] = []
        self.dropped: list[Claim] = []
        self.sentinel = False
        self.composer = Composer()

    @property
    def text(self) -> str:
        return self.composer.text

    @property
    def citations(self) -> list[Citation]:
        return self.composer.citations

    def feed(self, piece: str) -> bool:
        """Adds a piece of output; True when the model declined (its output starts with the sentinel)."""
        self.raw += piece
        if not self.kept and is_sentinel(self.raw, self.sentinel_text):
            self.sentinel = True
            return True
        claims = parse_claims(_complete_markers(self.raw))
        self._settle(claims[self.settled : len(claims) - 1])
        return False

    def finish(self, cut: bool = False) -> None:
        """Settles the rest; `cut`: the output broke off, so a marker still being written is left out."""
        if not self.kept and is_sentinel(self.raw, self.sentinel_text):
            self.sentinel = True
            return
        self._settle(parse_claims(_complete_markers(self.raw) if cut else self.raw)[self.settled :])

    def _settle(self, claims: Sequence[Claim]) -> None:
        for claim in claims:
            self.settled += 1
            # "Over de kosten: GEEN_ANTWOORD [S1]" is a refusal in passing, not a claim.
            cited = [] if self.sentinel_text in claim.text else self.answerer.check(claim, self.sources)
            if not cited:
                self.dropped.append(claim)
                continue
            self.kept.append(claim)
            shown = self.composer.add(claim, cited)
            if self.on_text is not None:
                self.on_text(shown)


def bounded(start: Callable[[float], Iterator[str]], deadline: float) -> Iterator[str]:
    """The pieces of `start(timeout)` until `deadline` (a `time.monotonic()` value), then
    `BudgetSpent`. The stream runs in a daemon thread, so a server that accepts the connection
    and then says nothing costs the budget and no more; the client's own timeout (the budget
    left when it started) ends that thread later."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise BudgetSpent
    pieces: queue.Queue[tuple[str, object]] = queue.Queue()
    stop = threading.Event()

    def work() -> None:
        try:
            for piece in start(remaining):
                if stop.is_set():
                    return
                pieces.put(("piece", piece))
            pieces.put(("end", None))
        except BaseException as exc:  # handed to the reader, which raises it
            pieces.put(("error", exc))

    threading.Thread(target=work, name="llm-stream", daemon=True).start()
    try:
        while True:
            left = deadline - time.monotonic()
            try:
                if left <= 0:
                    raise queue.Empty
                kind, value = pieces.get(timeout=left)
            except queue.Empty:
                raise BudgetSpent from None
            if kind == "end":
                return
            if kind == "error":
                assert isinstance(value, BaseException)
                raise value
            yield str(value)
    finally:
        stop.set()


def _shown(answer: Answer, on_text: TextSink | None) -> Answer:
    if on_text is not None and answer.text:
        on_text(answer.text)
    return answer


def _complete_markers(output: str) -> str:
    """`output` without a source marker still being written (`... [S2: "half a quo`)."""
    start = output.rfind("[")
    return output[:start] if start > output.rfind("]") else output


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
