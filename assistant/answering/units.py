"""Evidence units for answering: the citable sentences, list items and table rows of the retrieved
chunks and their neighbours, each with what it needs to be read alone.

Units come from the marks ingest put on every chunk (`Chunk.units`), so nothing here guesses
where a sentence or a cell ends. A unit repeated by the one-sentence overlap between chunks is
kept once. Rows know their table header, items their list's lead-in: "2020 | € 25.000" or
"- Bevorderen zelfoplossend vermogen" only answer a question together with that context.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from assistant.footnotes import Note, NoteKey, footnotes, referred
from assistant.lexicon import HAS_WORD, SENTENCE_END
from assistant.protocols import Retrieval
from assistant.types import Chunk, UnitKind

_BULLET = re.compile(r"^\s*[-•▪●◦■]\s+")
_TITLE_WORDS = 15  # a title with its note in brackets ("E-depot (structureel hogere lasten ...)")
_NOTE = re.compile(r"\([^()]*\d[^()]*\)$")  # a note in brackets that ends a line: "(hogere lasten € 37.000)"


@dataclass(frozen=True)
class EvidenceUnit:
    """One citable unit. `rank` is the rank of the hit it came from (a neighbour counts as one
    place below its hit); `position` orders units in reading order within a document."""

    text: str
    kind: UnitKind
    chunk: Chunk
    rank: int
    position: tuple[int, int]
    group: int = -1
    lead: str = ""
    page: int = 0  # the page the unit starts on
    dense: float | None = None  # dense similarity of the hit the unit came from (its chunk's)
    opens_entry: bool = False  # it opens with a title and its note in brackets (see `opens_entry`)
    notes: tuple[Note, ...] = ()  # the footnotes its marks refer to ("... te verlenen (%) ¹⁶")

    @property
    def doc_id(self) -> str:
        return self.chunk.doc_id

    @property
    def municipality(self) -> str:
        return str(self.chunk.meta.get("municipality", ""))

    @property
    def quote(self) -> str:
        """What is cited: the unit as on the page, without a leading bullet."""
        return _BULLET.sub("", self.text)

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def context(self) -> str:
        """What a reader needs besides the unit: its document and section, its table header, its
        lead-in, its footnotes."""
        meta = self.chunk.meta
        parts = [self.chunk.section, self.lead, str(meta.get("title", "")), str(meta.get("doc_type", ""))]
        parts += [note.text for note in self.notes]
        if self.kind == UnitKind.ROW:
            parts += [self.chunk.table_header, self.chunk.unit]
        return " ".join(p for p in parts if p)

    def same_as(self, other: EvidenceUnit) -> bool:
        return self.doc_id == other.doc_id and self.text == other.text


def collect_units(retrieval: Retrieval, max_hits: int) -> list[EvidenceUnit]:
    """Citable units of the top `max_hits` hits and their neighbours, once each, hit order first.
    Once per page: overlapping chunks repeat a sentence, while the same words on another page
    stand in another place (a goal's name as the heading of its indicators, pages after the goals)."""
    seen: dict[tuple[str, int, str], EvidenceUnit] = {}
    chunks: dict[str, Chunk] = {}
    for rank, hit in enumerate(retrieval.hits[:max_hits]):
        around = retrieval.neighbours.get(hit.chunk.id, ())
        for chunk, chunk_rank in [(hit.chunk, rank), *((c, rank + 1) for c in around)]:
            chunks[chunk.id] = chunk
            for unit in chunk_units(chunk, chunk_rank, hit.dense_score):
                key = (unit.doc_id, unit.page, unit.text)
                if key not in seen or seen[key].rank > unit.rank:
                    seen[key] = unit
    units = list(seen.values())
    return _with_notes(_with_leads(units), footnotes(chunks.values()))


def _with_notes(units: list[EvidenceUnit], notes: Mapping[NoteKey, Note]) -> list[EvidenceUnit]:
    """Units learn the footnotes their marks refer to."""
    if not notes:
        return units
    out: list[EvidenceUnit] = []
    for unit in units:
        found = referred(unit.doc_id, unit.text, unit.page, notes)
        out.append(replace(unit, notes=found) if found else unit)
    return out


def chunk_units(chunk: Chunk, rank: int, dense: float | None = None) -> list[EvidenceUnit]:
    """The citable units of one chunk, in order."""
    order = int(chunk.meta.get("order", 0))
    out: list[EvidenceUnit] = []
    for i, mark in enumerate(chunk.units):
        if not mark.kind.citable:
            continue
        raw = chunk.text[mark.start : mark.end]
        text = " ".join(raw.split())
        if text and _has_words(text):
            page = chunk.page_at(mark.start)
            out.append(
                EvidenceUnit(
                    text,
                    mark.kind,
                    chunk,
                    rank,
                    (order, i),
                    mark.group,
                    page=page,
                    dense=dense,
                    opens_entry=opens_entry(raw),
                )
            )
    return out


def opens_entry(raw: str) -> bool:
    """The text (with its line breaks) opens with a title and its note in brackets, on the
    title's line or the next ("Bijdrage Omgevingsdienst Haaglanden (hogere lasten € 37.000)",
    "Uitkering gemeentefonds" / "(hogere baten 2025 € 2.070.000)"): a new entry of a budget's
    list of changes, not more of what came before."""
    lines = [line.strip() for line in raw.strip().split("\n")]
    title = lines[0]
    if not title or len(title.split()) > _TITLE_WORDS or SENTENCE_END.search(title):
        return False
    return bool(_NOTE.search(title) or (len(lines) > 1 and _NOTE.fullmatch(lines[1])))


def _has_words(text: str) -> bool:
    return bool(HAS_WORD.search(text))


def _with_leads(units: list[EvidenceUnit]) -> list[EvidenceUnit]:
    """Items learn the lead-in of their list ("... de volgende strategische doelen:")."""
    leads = {(u.doc_id, u.group): u.text for u in units if u.kind == UnitKind.LEAD}
    out: list[EvidenceUnit] = []
    for unit in units:
        lead = leads.get((unit.doc_id, unit.group), "") if unit.group >= 0 else ""
        if lead and unit.kind != UnitKind.LEAD:
            unit = replace(unit, lead=lead)
        out.append(unit)
    return out


def reading_order(units: Iterable[EvidenceUnit]) -> list[EvidenceUnit]:
    return sorted(units, key=lambda u: (u.doc_id, u.position))


def list_block(unit: EvidenceUnit, units: Sequence[EvidenceUnit]) -> list[EvidenceUnit]:
    """The lead-in and items of the list `unit` belongs to, in reading order (not the sentences
    under the items: a list answer names the items)."""
    if unit.group < 0:
        return [unit]
    members = [
        u
        for u in units
        if u.doc_id == unit.doc_id and u.group == unit.group and u.kind in (UnitKind.LEAD, UnitKind.ITEM)
    ]
    return reading_order(members) or [unit]


def before(unit: EvidenceUnit, units: Sequence[EvidenceUnit]) -> EvidenceUnit | None:
    """The unit just before `unit` in reading order within its document and section."""
    earlier = [
        u
        for u in units
        if u.doc_id == unit.doc_id and u.chunk.section == unit.chunk.section and u.position < unit.position
    ]
    return max(earlier, key=lambda u: u.position, default=None)


def after(
    unit: EvidenceUnit, units: Sequence[EvidenceUnit], across_sections: bool = False
) -> EvidenceUnit | None:
    """The unit just after `unit` in reading order within its document and section; with
    `across_sections`, within its chunk or the next, whatever their sections (a label's
    "Activiteiten" list may open a section of its own)."""
    later = [
        u
        for u in units
        if u.doc_id == unit.doc_id
        and u.position > unit.position
        and (
            u.position[0] - unit.position[0] <= 1
            if across_sections
            else u.chunk.section == unit.chunk.section
        )
    ]
    return min(later, key=lambda u: u.position, default=None)
