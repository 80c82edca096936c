"""The default answerer: evidence units selected by coverage, rendered with verified citations.

Works offline and never says anything that is not in the documents: every line of the answer is
a verified quote (a table row rendered with its column headers) followed by its citation
marker. `plan` is shared with the generative answerer: the same units, the same reading of the
question and the same answerability checks, whoever writes the sentences.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from assistant.answering.answerability import Verdict, judge
from assistant.answering.compose import compose
from assistant.answering.features import IntentReader
from assistant.answering.question import Analysis, Intent, analyze_question
from assistant.answering.render import RowFocus
from assistant.answering.select import Block, Selection, Selector, distinctive_weights
from assistant.answering.unit_vectors import UnitVectors
from assistant.answering.units import EvidenceUnit, collect_units
from assistant.prompts import prompt, texts
from assistant.protocols import Evidence, Retrieval, Retriever, TextSink
from assistant.settings import Settings
from assistant.types import Answer, Citation, DocumentMeta, Filters

_MAX_GROUPS = 4


@dataclass
class Plan:
    """Everything decided before any sentence is written."""

    analysis: Analysis
    retrieval: Retrieval
    units: list[EvidenceUnit]
    blocks: list[Block]
    selection: Selection
    verdict: Verdict
    labels: dict[str, str] = field(default_factory=dict)


class Planner:
    """Question analysis, unit selection and answerability for one retrieval."""

    def __init__(self, settings: Settings, evidence: Evidence, vectors: UnitVectors | None = None) -> None:
        self.settings = settings
        self.evidence = evidence
        self.vectors = vectors
        self.intents = IntentReader()

    def plan(self, retrieval: Retrieval, dense: bool = True, said: Sequence[str] = ()) -> Plan:
        """The plan for the question `retrieval` searched for (as the search read it)."""
        documents = self.evidence.documents()
        names = sorted({d.municipality for d in documents if d.municipality})
        # The question as the search read it: its filters, source words and terms are of that text.
        analysis = analyze_question(retrieval.question, names, retrieval.source_words)
        units = collect_units(retrieval, self.settings.answer.candidate_hits * retrieval.sides)
        selector = Selector(
            self.settings, analysis, retrieval.terms, self._similarity(retrieval, dense), said, self.intents
        )
        scored = selector.score(units)
        blocks = selector.blocks(scored, units, _sides(retrieval))
        groups = self._groups(analysis, retrieval, blocks, documents)
        selection = selector.choose(blocks, groups)
        weights = distinctive_weights(analysis, retrieval.terms, self.settings)

        def verdict_on(chosen: Selection, reworded: Sequence[Block] = ()) -> Verdict:
            return judge(analysis, chosen, weights, retrieval.terms, self.settings, reworded)

        verdict = verdict_on(selection)
        if not verdict.answerable and groups:
            selection, verdict = _answered_groups(selection, verdict, verdict_on)
        elif verdict.reason == "subject":
            # The chosen blocks miss words of the subject that other candidate blocks hold: a
            # question in other words than the documents' may need one block more, not a refusal.
            wanted, chosen = set(verdict.missing), {c.key for c in selection.blocks}
            added = (
                Selection([*selection.blocks, block])
                for block in blocks[: self.settings.answer.subject_fallback_blocks]
                if block.key not in chosen and wanted & block.terms
            )
            selection, verdict = _first_answerable(added, verdict_on) or (selection, verdict)
        elif verdict.reason == "figure":
            # The chosen blocks cover the subject but give no figure for it; one of the next best
            # blocks may ("Aantal woningen ... 12.367" under prose about housing).
            alone = (Selection([block]) for block in blocks[: self.settings.answer.figure_fallback_blocks])
            selection, verdict = _first_answerable(alone, verdict_on) or (selection, verdict)
        if verdict.reason == "subject" and dense:
            reworded = self._reworded(retrieval, selection, verdict)
            if reworded:
                verdict = verdict_on(selection, reworded)
        labels = {d.doc_id: d.title for d in documents if d.doc_id in groups}
        return Plan(analysis, retrieval, units, blocks, selection, verdict, labels)

    def _reworded(self, retrieval: Retrieval, selection: Selection, verdict: Verdict) -> list[Block]:
        """The chosen blocks that say what the question asks in other words: the evidence holds
        some of the subject word for word and a unit of the block is as close to the question as
        an answer in the documents' own words. A person asks about the "grijparm" of a refuse
        lorry, the budget about "zijbelading"; no word list foresees every such pair, the dense
        model reads both."""
        answer = self.settings.answer
        if self.vectors is None or verdict.coverage < answer.paraphrase_coverage:
            return []
        owned = [(block, unit.quote) for block in selection.blocks for unit in block.units]
        similarities = self.vectors.similarities(
            retrieval.query_vector, [quote for _, quote in owned], answer.paraphrase_units
        )
        close = [
            block
            for (block, _), similarity in zip(owned, similarities, strict=True)
            if similarity is not None and similarity >= answer.paraphrase_similarity
        ]
        return [block for block in selection.blocks if any(block is c for c in close)]

    def _similarity(
        self, retrieval: Retrieval, dense: bool
    ) -> Callable[[Sequence[EvidenceUnit]], list[float | None]]:
        vectors, budget = self.vectors, self.settings.answer.dense_units if dense else 0

        def similarities(units: Sequence[EvidenceUnit]) -> list[float | None]:
            if vectors is None or budget <= 0:
                return [None] * len(units)
            return vectors.similarities(retrieval.query_vector, [u.quote for u in units], budget)

        return similarities

    def _groups(
        self,
        analysis: Analysis,
        retrieval: Retrieval,
        blocks: Sequence[Block],
        documents: Sequence[DocumentMeta],
    ) -> list[str]:
        """What a comparison compares: the municipalities named, or the documents of the years
        named ("begroting 2024 en 2025"), or, for "welke gemeenten", those the evidence is from."""
        named = list(retrieval.filters.municipalities)
        if len(named) > 1:
            return named
        # Two documents named by their titles ("het strategisch beleidsplan en de midterm review").
        if len(retrieval.filters.docs) > 1 and retrieval.source_words:
            return list(retrieval.filters.docs)
        # Two documents named by their years ("volgens de begroting 2024, en waar volgens de
        # begroting 2025?") are compared, whether or not the question says so.
        compares = analysis.wants(Intent.COMPARE)
        years = analysis.years if compares else retrieval.filters.years
        if not compares and len(years) < 2:
            return []
        # Without a comparison word, one series of documents: the leading evidence's municipality.
        leading = blocks[0].units[0].municipality if blocks and not compares else None
        present = {b.units[0].doc_id for b in blocks if leading is None or b.units[0].municipality == leading}
        by_year = [
            d.doc_id
            for year in years
            for d in documents
            if d.doc_id in present and str(year) in f"{d.title} {d.period.split('-')[0]}"
        ]
        if len(set(by_year)) > 1:
            return list(dict.fromkeys(by_year))
        if compares and not named:
            places = list(dict.fromkeys(b.units[0].municipality for b in blocks if b.units[0].municipality))
            if len(places) > 1:
                return places[:_MAX_GROUPS]
        return []


def _sides(retrieval: Retrieval) -> list[str]:
    """The municipalities, or else the documents, a comparison was searched on side by side."""
    if retrieval.sides < 2:
        return []
    if len(retrieval.filters.municipalities) > 1:
        return list(retrieval.filters.municipalities)
    return list(dict.fromkeys(hit.chunk.doc_id for hit in retrieval.hits))


class ExtractiveAnswerer:
    def __init__(
        self,
        settings: Settings,
        retriever: Retriever,
        evidence: Evidence,
        vectors: UnitVectors | None = None,
    ) -> None:
        self.settings = settings
        self.retriever = retriever
        self.evidence = evidence
        self.planner = Planner(settings, evidence, vectors)

    def answer(
        self,
        question: str,
        filters: Filters | None = None,
        on_text: TextSink | None = None,
        said: Sequence[str] = (),
    ) -> Answer:
        retrieval = self.retriever.search(question, k=self.settings.retrieval.top_k, filters=filters)
        answer = self.answer_plan(question, self.planner.plan(retrieval, said=said))
        if on_text is not None and answer.text:
            on_text(answer.text)
        return answer

    def answer_plan(self, question: str, plan: Plan) -> Answer:
        """The answer from a plan already made (the generative answerer's fallback reuses its plan)."""
        retrieval = plan.retrieval
        if plan.verdict.answerable and not _names_missing(retrieval):
            absent = texts("answers_nl.json", self.settings.prompts_dir)["group_absent"]
            text, citations = compose(
                plan.selection, self.evidence, plan.labels, RowFocus.of(question), absent
            )
            if citations:
                return answer_from(question, retrieval, text, citations, refused=False)
        return self.refuse(question, plan)

    def refuse(self, question: str, plan: Plan) -> Answer:
        """An honest refusal: why, and what the documents do hold when another municipality's
        documents answer the question."""
        retrieval = plan.retrieval
        known = sorted(
            {d.municipality for d in self.evidence.documents() if d.municipality}, key=str.casefold
        )
        reason = refusal_reason(plan, known, self.settings.prompts_dir)
        words = texts("answers_nl.json", self.settings.prompts_dir)
        if plan.verdict.reason in ("result", "when"):
            # What the documents do say of it (that an evaluation is planned, what the plan will
            # hold), under the refusal.
            shown, held = compose(plan.selection, self.evidence, plan.labels, RowFocus.of(question))
            if held:
                text = f"{reason} {words['held']}\n{shown}"
                return answer_from(question, retrieval, text, held, refused=True)
        text, citations = reason, list[Citation]()
        alternative = self._elsewhere(question, plan)
        if alternative is not None:
            label, shown, citations = alternative
            text = f"{reason} {words['elsewhere'].format(label=label)}\n{shown}"
        return answer_from(question, retrieval, text, citations, refused=True)

    def _elsewhere(self, question: str, plan: Plan) -> tuple[str, str, list[Citation]] | None:
        """The best answer from the other municipalities' documents, when the question was
        limited to one and its documents did not answer."""
        asked = plan.retrieval.filters.municipalities
        if len(asked) != 1 or plan.verdict.reason not in ("subject", "figure", "no-evidence"):
            return None
        others = tuple(d.doc_id for d in self.evidence.documents() if d.municipality != asked[0])
        if not others:
            return None
        # One ranking over the other documents, with the question's vector the first search made
        # (the embedder keeps it) and no unit embedded: this is the refusal's footnote.
        retrieval = self.retriever.search(
            question, k=self.settings.retrieval.top_k, filters=Filters(docs=others)
        )
        other = self.planner.plan(retrieval, dense=False)
        if not other.verdict.answerable or not other.selection.blocks:
            return None
        wanted = {i for i in other.analysis.intents if i.wants_figure}
        blocks = other.selection.blocks
        best = Selection([next((b for b in blocks if not wanted or wanted & b.intents), blocks[0])])
        shown, citations = compose(best, self.evidence)
        doc_id = best.blocks[0].units[0].doc_id
        meta = self.evidence.document(doc_id)
        words = texts("answers_nl.json", self.settings.prompts_dir)
        label = (
            words["label_document"].format(municipality=meta.municipality, title=meta.title)
            if meta
            else doc_id
        )
        return label, shown, citations


def _first_answerable(
    trials: Iterable[Selection], verdict_on: Callable[[Selection], Verdict]
) -> tuple[Selection, Verdict] | None:
    """The first selection of `trials` that answers the question, with its verdict."""
    for trial in trials:
        outcome = verdict_on(trial)
        if outcome.answerable:
            return trial, outcome
    return None


def _answered_groups(
    selection: Selection, verdict: Verdict, verdict_on: Callable[[Selection], Verdict]
) -> tuple[Selection, Verdict]:
    """A comparison that is not answered for every group is answered for the groups whose
    blocks are (the others are named as without evidence when the answer is written)."""
    groups = selection.groups
    kept = [b for b in selection.blocks if verdict_on(Selection([b], groups)).answerable]
    if not kept:
        return selection, verdict
    partial = Selection(kept, groups)
    outcome = verdict_on(partial)
    return (partial, outcome) if outcome.answerable else (selection, verdict)


def answer_from(
    question: str, retrieval: Retrieval, text: str, citations: list[Citation], refused: bool
) -> Answer:
    """An answer with the hits and filters of the retrieval it was drawn from."""
    return Answer(
        question,
        text,
        refused,
        citations=citations,
        retrieved=list(retrieval.hits),
        filters=retrieval.filters,
    )


def refusal_reason(plan: Plan, known: Sequence[str], prompts_dir: Path) -> str:
    """The refusal text for why the evidence fell short (prompts/answers_nl.json); `known` are
    the municipalities that do have documents."""
    words = texts("answers_nl.json", prompts_dir)
    retrieval, verdict = plan.retrieval, plan.verdict
    if retrieval.unmatched.municipalities:
        return words["refusal_place"].format(
            places=_join(retrieval.unmatched.municipalities, words["and"]), known=_join(known, words["and"])
        )
    asked = retrieval.filters.municipalities
    scope = words["scope_municipality"].format(municipality=asked[0]) if len(asked) == 1 else ""
    if verdict.reason == "subject" and verdict.missing:
        missing = [w for w in plan.analysis.subject if _stem_in(w, verdict.missing, plan)][:3]
        if missing:
            return words["refusal_subject"].format(scope=scope, missing=_join(missing, words["and"]))
    if verdict.reason == "figure":
        return words["refusal_figure"].format(scope=scope)
    if verdict.reason in ("result", "where", "when"):
        return words[f"refusal_{verdict.reason}"].format(scope=scope)
    if verdict.reason in ("year", "period"):
        key = "refusal_year" if verdict.reason == "year" else "refusal_period"
        return words[key].format(scope=scope, years=_join(verdict.years, words["and"]))
    return prompt("refusal.txt", prompts_dir)


def _names_missing(retrieval: Retrieval) -> bool:
    """The question is about a municipality that has no documents in the index."""
    return bool(retrieval.unmatched.municipalities)


def _stem_in(word: str, stems: Sequence[str], plan: Plan) -> bool:
    return bool(set(plan.retrieval.terms.vocabulary.query_terms(word)) & set(stems))


def _join(items: Sequence[str], conjunction: str) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"
