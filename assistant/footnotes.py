"""Footnotes and the units that refer to them.

Ingest marks footnotes (`UnitKind.FOOTNOTE`) and never lets them be quoted. A footnote still says
something about the sentence or table line whose mark refers to it ("... mantelzorg te verlenen
(%) ¹⁶" / "¹⁶ intensief: 16% en incidenteel: 28%"): the answerer reads it with that unit, and the
keyword index with that unit's chunk. A mark refers to the footnote with the same mark on the
unit's page, or else the next (a wide table's notes may be printed below its last part).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from assistant.lexicon import FOOTNOTE_MARK
from assistant.types import Chunk, UnitKind

NoteKey = tuple[str, int, str]  # (document, page, mark)


@dataclass(frozen=True)
class Note:
    """A footnote: its text (mark included), the chunk it stands in and its page."""

    text: str
    chunk: Chunk
    page: int


def footnotes(chunks: Iterable[Chunk]) -> dict[NoteKey, Note]:
    """The footnotes of the chunks: a footnote's first unit opens with its mark ("¹ Naast de in de
    tabel opgenomen ..."); a footnote unit without one goes on with the footnote before it ("Deze
    onderzoeken geven met name inzicht ...")."""
    notes: dict[NoteKey, Note] = {}
    for chunk in chunks:
        last: NoteKey | None = None
        for mark in chunk.units:
            if mark.kind != UnitKind.FOOTNOTE:
                last = None
                continue
            text = " ".join(chunk.text[mark.start : mark.end].split())
            opening = FOOTNOTE_MARK.match(text)
            if opening:
                last = (chunk.doc_id, chunk.page_at(mark.start), opening.group())
                notes.setdefault(last, Note(text, chunk, last[1]))
            elif last is not None and notes[last].chunk.id == chunk.id and text not in notes[last].text:
                notes[last] = replace(notes[last], text=f"{notes[last].text} {text}")
    return notes


def referred(doc_id: str, text: str, page: int, notes: Mapping[NoteKey, Note]) -> tuple[Note, ...]:
    """The footnotes the marks in `text` (on `page` of `doc_id`) refer to, once each."""
    found: list[Note] = []
    for mark in dict.fromkeys(FOOTNOTE_MARK.findall(text)):
        keys = ((doc_id, p, mark) for p in (page, page + 1))
        note = next((notes[key] for key in keys if key in notes), None)
        if note is not None and note not in found:
            found.append(note)
    return tuple(found)


def chunk_notes(chunk: Chunk, notes: Mapping[NoteKey, Note]) -> tuple[Note, ...]:
    """The footnotes the quotable units of a chunk refer to."""
    found: list[Note] = []
    for mark in chunk.units:
        if mark.kind.citable:
            text = chunk.text[mark.start : mark.end]
            for note in referred(chunk.doc_id, text, chunk.page_at(mark.start), notes):
                if note not in found:
                    found.append(note)
    return tuple(found)
