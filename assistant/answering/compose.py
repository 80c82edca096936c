"""Rendering: selected blocks become a short answer in which every claim carries its `[n]`.

The best block comes first, so the first line answers; supporting blocks follow. A list shows
its lead-in and then one bullet per item; a comparison one bullet per municipality or document;
a table row reads as Dutch with its column headers. Every quote is verified against its page
before it is shown: a unit that does not verify is left out, never shown uncited.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.answering.render import RowFocus, render_row
from assistant.answering.select import Block, Selection, group_of
from assistant.answering.units import EvidenceUnit
from assistant.protocols import Evidence
from assistant.types import Citation, UnitKind


@dataclass
class Composer:
    evidence: Evidence
    focus: RowFocus | None = None
    citations: list[Citation] = field(default_factory=list)
    _numbers: dict[tuple[str, int, int, int], int] = field(default_factory=dict)

    def cite(self, unit: EvidenceUnit) -> int | None:
        """The citation number of `unit`'s quote, or None when it does not verify."""
        citation = self.evidence.verify(unit.doc_id, unit.quote, unit.chunk.pages, unit.chunk.id)
        if citation is None:
            return None
        key = (citation.doc, citation.page, citation.start, citation.end)
        if key not in self._numbers:
            self.citations.append(citation)
            self._numbers[key] = len(self.citations)
        return self._numbers[key]

    def block(self, block: Block) -> list[str]:
        """The lines of one block (empty when nothing in it verifies)."""
        if block.kind == "list":
            return self._list(block.units)
        parts: list[str] = []
        for unit in block.units:
            n = self.cite(unit)
            if n is None:
                continue
            row = unit.kind == UnitKind.ROW
            shown = render_row(unit.quote, unit.chunk, self.focus) if row else unit.quote
            parts.append(f"{shown}{self._notes(unit)} [{n}]")
        return [" ".join(parts)] if parts else []

    def _list(self, units: Sequence[EvidenceUnit]) -> list[str]:
        lines: list[str] = []
        for unit in units:
            n = self.cite(unit)
            if n is None:
                continue
            if unit.kind != UnitKind.ITEM:  # the lead-in, and the sentence it leans on
                lines.append(f"{unit.quote}{self._notes(unit)} [{n}]")
            else:
                lines.append(f"• {unit.quote}{self._notes(unit)} [{n}]")
        return lines

    def _notes(self, unit: EvidenceUnit) -> str:
        """The footnotes the unit refers to, in brackets after its quote, those found on their page
        (a footnote is read with what refers to it; it is never a quote of its own)."""
        shown = [
            note.text
            for note in unit.notes
            if self.evidence.verify(unit.doc_id, note.text, (note.page,), note.chunk.id) is not None
        ]
        return f" ({'; '.join(shown)})" if shown else ""


def compose(
    selection: Selection,
    evidence: Evidence,
    labels: dict[str, str] | None = None,
    focus: RowFocus | None = None,
    absent: str = "",
) -> tuple[str, list[Citation]]:
    """Answer text and its citations; `labels` name the compared groups ("Almelo", a document);
    `focus` the years and measures of the question, which table rows show; `absent` is said of a
    compared group without evidence (it is left out when empty)."""
    composer = Composer(evidence, focus)
    lines: list[str] = []
    current_group = None
    answered: set[str] = set()
    for block in selection.blocks:
        shown = composer.block(block)
        if not shown:
            continue
        if selection.groups:
            group = group_of(block, selection.groups)
            answered.add(group)
            if group != current_group:
                current_group = group
                label = (labels or {}).get(group, group)
                shown[0] = f"• {label}: {shown[0].removeprefix('• ')}"
            else:
                shown[0] = f"  {shown[0]}"
        lines.extend(shown)
    if lines and absent:
        # A comparison says which of the compared have nothing on it, rather than leave them out.
        lines += [f"• {(labels or {}).get(g, g)}: {absent}" for g in selection.groups if g not in answered]
    return "\n".join(lines), composer.citations
