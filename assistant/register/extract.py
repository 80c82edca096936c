"""The deterministic extractor: one document in, verified register records out.

Candidates come from the layouts documents use (labelled goals, lists, tables, proposal tables)
and from cue words in sentences. Every candidate's quote is checked with the citation verifier
against the cleaned page texts; what is not found verbatim is dropped. Overlaps are resolved in
favour of structure (a table row beats a sentence about the same figure), repeats of the same
goal or measure are folded into their first statement, and links are drawn last.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import fields

from assistant.register import budgets, indicators, iv3, lists, prose
from assistant.register.candidate import PRIORITY_CUE, Candidate
from assistant.register.doctext import DocText
from assistant.register.link import Anchor, link_records
from assistant.register.models import Provenance, Record
from assistant.tokenize import base_terms
from assistant.types import Chunk, DocumentMeta, Page

# Bump when extraction changes, so `sync` rebuilds registers made by an older extractor.
EXTRACTOR_VERSION = "3"  # 3: programmes, measures and Iv3 taakvelden on budget lines

_RECORD_FIELDS = {f.name for f in fields(Record)}
_CONFLICTING = {"goal", "measure", "indicator"}


def extract_records(meta: DocumentMeta, pages: Sequence[Page], chunks: Sequence[Chunk]) -> list[Record]:
    """All records of one document, each with a quote verified on its page."""
    doc = DocText(meta, pages, chunks)
    structural: list[Candidate] = [
        *lists.labelled_goals(doc),
        *lists.ambition_goals(doc),
        *lists.list_records(doc),
        *indicators.measurement_tables(doc),
        *indicators.effect_tables(doc),
        *indicators.numbered_indicators(doc),
        *indicators.caption_tables(doc),
        *budgets.table_budgets(doc),
        *budgets.proposal_budgets(doc),
    ]
    records = verified(doc, structural)
    # Sentences only add what the structure did not already say.
    covered = [(r.page, r.provenance.start, r.provenance.end) for r in records]
    money = [c for c, r in zip(covered, records, strict=True) if r.type == "budget"]
    records += verified(
        doc, [*budgets.prose_budgets(doc, doc.sentences, money), *prose.cue_sentences(doc, covered)]
    )
    kept, anchors = dedupe(records)
    return link_records([_with_taakveld(r) for r in kept], anchors)


def _with_taakveld(record: Record) -> Record:
    """Every budget line carries a taakveld: the one its row names, a confident mapping, or onbekend."""
    if record.type != "budget" or record.taakveld:
        return record
    tag = iv3.classify(record.row or record.text)
    return record.with_(taakveld=tag.code, taakveld_printed=tag.printed)


def verified(doc: DocText, candidates: Iterable[Candidate]) -> list[Record]:
    out: list[Record] = []
    for candidate in candidates:
        citation = doc.verify(candidate.quote, candidate.page)
        if citation is None:
            continue
        known = {k: v for k, v in candidate.fields.items() if k in _RECORD_FIELDS and v not in (None, "")}
        extra = {k: v for k, v in candidate.fields.items() if k not in _RECORD_FIELDS}
        extra["priority"] = candidate.priority
        out.append(
            Record(
                type=candidate.type,
                text=candidate.text,
                provenance=Provenance(
                    doc.doc_id, citation.page, citation.quote, citation.start, citation.end
                ),
                municipality=doc.meta.municipality,
                year=doc.meta.year,
                section=doc.section_at(citation.page, citation.start),
                extra=extra,
                **known,
            )
        )
    return out


def dedupe(records: Sequence[Record]) -> tuple[list[Record], list[Anchor]]:
    """Resolve overlaps and repeats; the positions of folded repeats of goals stay as anchors."""
    ordered = sorted(
        records, key=lambda r: (-int(r.extra.get("priority", PRIORITY_CUE)), r.page, r.provenance.start)
    )
    kept: list[Record] = []
    for record in ordered:
        if not any(_overlaps(record, other) for other in kept):
            kept.append(record)
    kept.sort(key=lambda r: (r.page, r.provenance.start))
    out: list[Record] = []
    anchors: list[Anchor] = []
    seen: dict[tuple[str, str], Record] = {}
    for record in kept:
        key = (record.type, _key(record))
        first = seen.get(key) or _contained(record, out)
        if first is not None:
            if record.type == "goal":
                anchors.append(Anchor(record.page, record.provenance.start, record.section, first.id))
            continue
        seen[key] = record
        out.append(record)
    out = [r for r in out if not (r.type == "budget" and _restates_table(r, out))]
    return out, anchors


def _overlaps(record: Record, other: Record) -> bool:
    a, b = record.provenance, other.provenance
    if a.page != b.page or a.start >= b.end or b.start >= a.end:
        return False
    if record.type == other.type:
        return True
    return record.type in _CONFLICTING and other.type in _CONFLICTING


def _key(record: Record) -> str:
    text = record.row if record.type == "budget" and record.row else record.text
    if record.type == "budget" and record.programme:
        # "Lasten" of P1 and "Lasten" of P4 are different lines.
        text = f"{record.programme} {record.table} {text}"
    text = re.sub(r"^(programmalijn \d+:|doel \d+:|\d{1,2}(\.\d{1,2})*\.?)\s*", "", text.casefold())
    text = re.sub(r"[^\w]+", " ", text).strip()
    if record.type == "budget":
        text += "|" + ",".join(f"{a.eur:.0f}" for a in record.amounts)
    return text


def _contained(record: Record, kept: Sequence[Record]) -> Record | None:
    """A goal or measure restated with a word more or less ("... inclusief Participatiewet")."""
    if record.type not in ("goal", "measure"):
        return None
    mine = _key(record)
    if len(mine.split()) < 4:
        return None
    for other in kept:
        if other.type != record.type:
            continue
        theirs = _key(other)
        if len(theirs.split()) >= 4 and (mine in theirs or theirs in mine):
            return other
    return None


def _restates_table(record: Record, kept: Sequence[Record]) -> bool:
    """A sentence announcing the amounts of a proposal table next to it adds nothing."""
    if record.extra.get("priority", PRIORITY_CUE) != PRIORITY_CUE:
        return False
    mine = {round(a.eur) for a in record.amounts}
    for other in kept:
        if other.type != "budget" or other.extra.get("priority") == PRIORITY_CUE:
            continue
        # Same amounts on a page nearby, and naming what the table row names ("innovatiefonds").
        nearby = abs(other.page - record.page) <= 1 and mine <= {round(a.eur) for a in other.amounts}
        if nearby and set(base_terms(other.text)) & set(base_terms(record.text)):
            return True
    return False
