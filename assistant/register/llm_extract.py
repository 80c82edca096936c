"""Optional LLM pass: a chat model with structured output proposes extra records.

The model is reached through anything with `invoke(messages)` that returns `LLMRecords` (or a dict
of that shape): in production `chat_model.with_structured_output(LLMRecords)` from LangChain, in
tests a fake. Nothing the model says is trusted: a record is kept only when its quote stands
verbatim on the page it names (the same verifier as citations), and only when the rules did not
already find it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal, Protocol

from pydantic import BaseModel, Field

from assistant.prompts import DEFAULT_DIR, render
from assistant.register.doctext import DocText
from assistant.register.link import link_records
from assistant.register.models import Amount, Provenance, Record
from assistant.types import Chunk, DocumentMeta, Page

PROMPT_DIR = DEFAULT_DIR
PROMPT = "register_extract_nl.txt"
MAX_PAGE_CHARS = 6000


class LLMAmount(BaseModel):
    eur: float = Field(description="bedrag in hele euro's (x € 1.000 al omgerekend)")
    year: int | None = Field(default=None, description="jaar waarvoor het bedrag geldt")


class LLMRecord(BaseModel):
    type: Literal["goal", "indicator", "budget", "measure"]
    text: str = Field(description="korte omschrijving in de woorden van het document")
    quote: str = Field(description="letterlijk citaat van de pagina, hoogstens 60 woorden")
    page: int = Field(description="paginanummer waar het citaat staat")
    level: str = Field(default="", description="doelen: strategic of operational")
    baseline_value: str = ""
    baseline_year: int | None = None
    target_value: str = ""
    target_year: int | None = None
    unit: str = ""
    source: str = ""
    amounts: list[LLMAmount] = Field(default_factory=list)
    nature: str = Field(default="", description="incidenteel of structureel")
    deadline: str = ""
    actor: str = ""


class LLMRecords(BaseModel):
    records: list[LLMRecord] = Field(default_factory=list)


class StructuredExtractor(Protocol):
    def invoke(self, input: Any) -> Any: ...


def make_structured_extractor(chat_model: Any) -> StructuredExtractor:
    """The production extractor: a LangChain chat model bound to the `LLMRecords` schema."""
    extractor: StructuredExtractor = chat_model.with_structured_output(LLMRecords)
    return extractor


def llm_records(
    meta: DocumentMeta,
    pages: Sequence[Page],
    chunks: Sequence[Chunk],
    extractor: StructuredExtractor,
    pages_per_call: int = 2,
) -> list[Record]:
    """Records the model proposes, each kept only if its quote is verified on its page."""
    doc = DocText(meta, pages, chunks)
    out: list[Record] = []
    numbers = [p.number for p in pages]
    for i in range(0, len(numbers), pages_per_call):
        batch = numbers[i : i + pages_per_call]
        text = "\n\n".join(f"[pagina {n}]\n{doc.texts[n][:MAX_PAGE_CHARS]}" for n in batch)
        prompt = render(PROMPT, PROMPT_DIR, municipality=meta.municipality, title=meta.title)
        result = extractor.invoke([("system", prompt), ("human", text)])
        parsed = result if isinstance(result, LLMRecords) else LLMRecords.model_validate(result)
        for item in parsed.records:
            record = _verified(doc, item, batch)
            if record is not None:
                out.append(record)
    return out


def _verified(doc: DocText, item: LLMRecord, batch: Sequence[int]) -> Record | None:
    pages = [item.page, *[p for p in batch if p != item.page]]
    for page in pages:
        citation = doc.verify(item.quote, page)
        if citation is not None:
            return Record(
                type=item.type,
                text=" ".join(item.text.split()) or citation.quote,
                provenance=Provenance(
                    doc.doc_id, citation.page, citation.quote, citation.start, citation.end
                ),
                municipality=doc.meta.municipality,
                year=doc.meta.year,
                section=doc.section_at(citation.page, citation.start),
                level=item.level,
                unit=item.unit,
                source=item.source,
                baseline_value=item.baseline_value,
                baseline_year=item.baseline_year,
                target_value=item.target_value,
                target_year=item.target_year,
                amounts=tuple(Amount(a.eur, a.year, str(a.year or "")) for a in item.amounts),
                nature=item.nature,
                deadline=item.deadline,
                actor=item.actor,
                origin="llm",
            )
    return None


def merge_records(rules: Sequence[Record], proposed: Sequence[Record]) -> list[Record]:
    """Rule records plus the model's records that no rule record of the same type already covers."""
    kept = list(rules)
    for record in proposed:
        p = record.provenance
        covered = any(
            r.type == record.type
            and r.page == p.page
            and r.provenance.start < p.end
            and p.start < r.provenance.end
            for r in kept
        )
        if not covered:
            kept.append(record)
    kept.sort(key=lambda r: (r.page, r.provenance.start))
    return link_records([r.with_(links=()) for r in kept])
