"""Register-aware answering: questions that compare municipalities, or ask for goals, indicators,
budgets or commitments across documents, are answered from the register (plus retrieval for
evidence) as a short text and a table, every entry cited. Anything else goes to the fallback
answerer unchanged."""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from assistant.errors import BeleidError
from assistant.lexicon import BARE_YEAR, CHANGE_CUE, CHANGE_QUESTION_WORDS, RECORD_TYPE_CUES, phrasing_words
from assistant.protocols import Answerer, Evidence, Retriever, TextSink
from assistant.query_parse import detect_municipalities
from assistant.register.changes import budget_documents, changes
from assistant.register.compare import amounts_text, detail, labels, rank
from assistant.register.models import Record
from assistant.register.render_budget import change_line
from assistant.register.store import RegisterStore
from assistant.register.themes import Taxonomy, load_taxonomy
from assistant.tokenize import base_terms, normalize, stopwords
from assistant.types import Answer, Citation, Filters, SearchHit

_CROSS = re.compile(
    r"\b(welke gemeenten?|gemeenten|vergelijk\w*|verschil\w*|per gemeente|alle gemeenten|beide|allemaal)\b",
    re.IGNORECASE,
)
_PER_CELL = 3
_CHANGES_SHOWN = 6  # lines of a year-over-year answer; the table holds them all


@dataclass(frozen=True)
class RegisterQuery:
    """What a question asks of the register (None when the register does not fit it)."""

    types: tuple[str, ...]
    theme: str
    municipalities: tuple[str, ...]
    # Asked for an overview ("vergelijk", "welke gemeenten"), not only naming two municipalities.
    overview: bool = True


@dataclass(frozen=True)
class ChangesQuery:
    municipality: str
    year_a: int
    year_b: int
    theme: str | None


class RegisterAnswerer:
    """Implements the `Answerer` protocol; falls back when the register does not fit."""

    def __init__(
        self,
        register_store: RegisterStore,
        fallback_answerer: Answerer,
        evidence: Evidence,
        retriever: Retriever | None = None,
        taxonomy: Taxonomy | None = None,
    ) -> None:
        self.store = register_store
        self.fallback = fallback_answerer
        self.evidence = evidence
        self.retriever = retriever
        self.taxonomy = taxonomy or load_taxonomy()

    def fits(self, question: str, filters: Filters | None = None) -> RegisterQuery | None:
        """The register query behind a comparing / across-documents question, else None."""
        if filters is not None and (filters.docs or filters.years or filters.doc_types):
            return None  # a question about particular documents: retrieval answers it better
        folded = normalize(question)
        types = tuple(t for t, cue in RECORD_TYPE_CUES.items() if cue.search(folded))
        if not types:
            return None
        names = self.store.municipalities()
        named = detect_municipalities(question, names)
        if filters is not None and filters.municipalities:
            named = tuple(m for m in names if m.casefold() in {f.casefold() for f in filters.municipalities})
        if len(named) == 1 or (not named and not _CROSS.search(folded)):
            # One municipality ("... moeten gemeenten ..., en welke aanpak gebruikt Wassenaar?"),
            # or none named and no comparing word ("de gemeente" of the document the user has in
            # mind): the passage answerer cites the exact place; the register is for comparing.
            return None
        theme = self._theme(folded)
        if theme is None:
            return None
        return RegisterQuery(types, theme, tuple(named) or tuple(names), overview=bool(_CROSS.search(folded)))

    def answer(
        self,
        question: str,
        filters: Filters | None = None,
        on_text: TextSink | None = None,
        said: Sequence[str] = (),
    ) -> Answer:
        started = time.perf_counter()
        asked = self.changes_asked(question, filters)
        if asked is not None:
            answer = self._changes_answer(question, asked)
            if answer is not None:
                answer.latency_ms = (time.perf_counter() - started) * 1000
                answer.filters = filters or Filters()
                if on_text is not None and answer.text:
                    on_text(answer.text)
                return answer
        query = self.fits(question, filters)
        records = self._records(query) if query else []
        if query is None or not records:
            return self.fallback.answer(question, filters, on_text, said)
        if not query.overview:
            # "Hoe pakken Almelo en Hengelo X aan?" asks about X in two places: passages hold X
            # itself, the register only its theme. The register answers when the passages do not.
            passages = self.fallback.answer(question, filters, said=said)
            if not passages.refused:
                if on_text is not None and passages.text:
                    on_text(passages.text)
                return passages
        hits = self._hits(question, query)
        answer = self._compose(question, query, records, hits)
        answer.latency_ms = (time.perf_counter() - started) * 1000
        answer.filters = filters or Filters()
        if on_text is not None and answer.text:
            on_text(answer.text)
        return answer

    def changes_asked(self, question: str, filters: Filters | None = None) -> ChangesQuery | None:
        """ "Wat is er veranderd tussen de begroting 2024 en 2025 voor jeugd?": one municipality
        (named, filtered, or the only one with budgets of both years), two years, a change cue."""
        folded = normalize(question)
        years = sorted({int(y) for y in BARE_YEAR.findall(question)})
        if len(years) != 2 or not CHANGE_CUE.search(folded):
            return None
        if any(cue.search(folded) for kind, cue in RECORD_TYPE_CUES.items() if kind != "budget"):
            return None  # how a goal, indicator or measure changed: the passages, not the budget lines
        names = self.store.municipalities()
        named = detect_municipalities(question, names)
        if filters is not None and filters.municipalities:
            named = tuple(m for m in names if m.casefold() in {f.casefold() for f in filters.municipalities})
        candidates = named or tuple(m for m in names if set(years) <= set(budget_documents(self.store, m)))
        if len(candidates) != 1:
            return None
        theme = self._theme(CHANGE_CUE.sub(" ", folded))
        if theme is None and _names_a_thing(folded, names):
            # "Met welke grondprijzenbrief werkt Wassenaar? Is dat veranderd tussen de begroting
            # 2024 en 2025?" asks about one thing the passages name, not every budget line.
            return None
        return ChangesQuery(candidates[0], years[0], years[1], theme)

    def _theme(self, folded: str) -> str | None:
        """The theme a question names once its record-type words are out ("begroting" names the
        documents asked about, not the theme financiën)."""
        for cue in RECORD_TYPE_CUES.values():
            folded = cue.sub(" ", folded)
        hits = self.taxonomy.keyword_hits(folded)
        return max(sorted(hits), key=lambda k: hits[k]) if hits else None

    def _changes_answer(self, question: str, asked: ChangesQuery) -> Answer | None:
        label = self.taxonomy.get(asked.theme).label.lower() if asked.theme else ""
        try:
            result = changes(
                self.store, asked.municipality, asked.year_a, asked.year_b, asked.theme, None, label
            )
        except BeleidError:
            return None  # no budget of one of the years: the passages may still say something
        citations: list[Citation] = []
        lines = [result.summary()]
        for change in result.items[:_CHANGES_SHOWN]:
            refs = []
            for side in (change.before, change.after):
                if side is None:
                    continue
                citation = self.evidence.verify(side.doc, side.quote, [side.page])
                if citation is not None:
                    citations.append(replace(citation, chunk_id=side.record_id))
                    refs.append(f"[{len(citations)}]")
            if refs:
                lines.append(f"- {change_line(change)} {''.join(refs)}")
        table = [
            {"status": labels()["changes_status"][c.status], "regel": c.label, "programma": c.programme,
             "taakveld": c.taakveld, str(result.year_a): c.before.to_json()["text"] if c.before else "",
             str(result.year_b): c.after.to_json()["text"] if c.after else ""}
            for c in result.items
        ]  # fmt: skip
        return Answer(question=question, text="\n".join(lines), refused=False, citations=citations,
                      retrieved=[], table=table, mode="register")  # fmt: skip

    def _records(self, query: RegisterQuery) -> list[Record]:
        return [
            r
            for r in self.store.query(municipality=list(query.municipalities), theme=query.theme)
            if r.type in query.types
        ]

    def _hits(self, question: str, query: RegisterQuery) -> list[SearchHit]:
        if self.retriever is None:
            return []
        retrieval = self.retriever.search(
            question, k=10, filters=Filters(municipalities=query.municipalities)
        )
        return list(retrieval.hits)

    def _compose(
        self, question: str, query: RegisterQuery, records: Sequence[Record], hits: Sequence[SearchHit]
    ) -> Answer:
        lab = labels()
        theme = self.taxonomy.get(query.theme)
        seen = {(h.chunk.doc_id, p) for h in hits for p in h.chunk.pages}
        citations: list[Citation] = []
        table: list[dict[str, Any]] = []
        types = ", ".join(lab["type_plural"][t].lower() for t in query.types)
        lines = [lab["answer_intro"].format(types=types, theme=theme.label.lower())]
        for municipality in query.municipalities:
            own = [r for r in records if r.municipality.casefold() == municipality.casefold()]
            parts: list[str] = []
            for kind in query.types:
                ranked = _retrieved_first(rank([r for r in own if r.type == kind], query.theme), seen)
                chosen = _closest(ranked, question)[:_PER_CELL]
                if not chosen:
                    parts.append(lab["type_none"][kind])
                for record in chosen:
                    citation = self._citation(record)
                    if citation is None:
                        continue
                    citations.append(citation)
                    n = len(citations)
                    template = "answer_item_budget" if record.type == "budget" else "answer_item"
                    parts.append(lab[template].format(text=record.text, amounts=amounts_text(record), n=n))
                    table.append(_row(record, n))
            lines.append(lab["answer_line"].format(municipality=municipality, items="; ".join(parts)))
        return Answer(question=question, text="\n".join(lines), refused=False, citations=citations,
                      retrieved=list(hits), table=table, mode="register")  # fmt: skip

    def _citation(self, record: Record) -> Citation | None:
        """Re-checked against the catalog: the register may lag a document that just changed."""
        citation = self.evidence.verify(record.doc_id, record.quote, [record.page])
        return replace(citation, chunk_id=record.id) if citation else None


def _names_a_thing(folded: str, municipalities: Sequence[str]) -> bool:
    """A word of the question names something of its own: it is not the change, the budgets, a
    year, the municipality, nor a word that only phrases the question."""
    rest = RECORD_TYPE_CUES["budget"].sub(" ", CHANGE_CUE.sub(" ", folded))
    ignored = stopwords() | phrasing_words() | CHANGE_QUESTION_WORDS | {normalize(m) for m in municipalities}
    return any(word not in ignored for word in re.findall(r"[^\W\d_]{3,}", rest))


def _closest(records: list[Record], question: str) -> list[Record]:
    """Records sharing more of the question's words first ("jeugdhulp", "schulden"); stable otherwise."""
    wanted = set(base_terms(question))
    return sorted(records, key=lambda r: -len(wanted & set(base_terms(r.text))))


def _retrieved_first(records: list[Record], seen: set[tuple[str, int]]) -> list[Record]:
    """Records on pages the retriever also found come first (stable otherwise)."""
    return sorted(records, key=lambda r: 0 if (r.doc_id, r.page) in seen else 1)


def _row(record: Record, n: int) -> dict[str, Any]:
    cols = labels()["columns"]
    return {
        cols["municipality"]: record.municipality,
        cols["type"]: labels()["type_singular"][record.type],
        cols["text"]: record.text,
        cols["detail"]: detail(record),
        cols["doc"]: record.doc_id,
        cols["page"]: record.page,
        "n": n,
    }
