"""Cut cleaned pages into retrievable chunks: whole sentences of one section, whole table rows.

Every chunk records `spans` (offsets into the cleaned page texts) so that its text can be found
again verbatim: `verify_chunk` is the contract. A chunk never crosses a heading; it may cross a
page break (one Span per page). Passages repeated elsewhere in the document are cut on their own,
so that `dedupe` can fold the copies into one chunk.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from assistant.answering.verify import locate_cells
from assistant.nlp import sentence_spans_many
from assistant.types import Chunk, Page, Span
from ingest.column_tables import find_column_tables
from ingest.dedupe import dedupe_chunks, normalise
from ingest.structure import Heading, SectionTracker, detect_headings, toc_lines
from ingest.tables import Row, Table, find_tables
from ingest.units import GroupCounter, classify_lines, mark_block, mark_table, units_in

# A section with fewer words than this (usually a bare heading) joins the next section's text.
_SMALL_SECTION_WORDS = 20
# Overlap only with short sentences: repeating a 60-word sentence wastes the next chunk.
_MAX_OVERLAP_WORDS = 40
# A repeated passage is cut out on its own only when it is substantial.
_MIN_REPEAT_WORDS = 25


@dataclass(frozen=True)
class _Line:
    page: int
    start: int  # offset in the page text
    text: str


@dataclass
class _Segment:
    """Consecutive document lines of one section (text) or one table."""

    section: str
    lines: list[int] = field(default_factory=list)
    table: Table | None = None


@dataclass(frozen=True)
class _Block:
    """A text segment as one string, with the page offset of each page's part."""

    text: str
    parts: tuple[tuple[int, int, int, int], ...]  # (block_start, block_end, page, page_start)

    def spans(self, start: int, end: int) -> tuple[Span, ...]:
        out = []
        for b_start, b_end, page, p_start in self.parts:
            s, e = max(start, b_start), min(end, b_end)
            if s < e:
                out.append(Span(page, p_start + s - b_start, p_start + e - b_start))
        return tuple(out)


def chunk_document(
    doc_id: str,
    pages: list[Page],
    target_words: int = 110,
    max_words: int = 180,
    overlap_sentences: int = 1,
    table_rows_per_chunk: int = 6,
    check: Callable[[], None] = lambda: None,
) -> list[Chunk]:
    """All chunks of one document, in reading order, near-duplicates folded (see dedupe).

    `check` is called between stages (the ingest time limit raises from it)."""
    lines = _doc_lines(pages)
    texts = [line.text for line in lines]
    # A table of contents printed one cell a line (number, title, page) looks like a table; it is
    # read as the contents it is, never quoted as a table row.
    toc = toc_lines(texts)
    found = find_tables(texts)
    # Tables read column by column come last: lines another reading took stay with it.
    found += find_column_tables(texts, {i for t in found for i in range(t.start, t.end)})
    tables = sorted((t for t in found if toc.isdisjoint(range(t.start, t.end))), key=lambda t: t.start)
    check()
    in_table = {i for t in tables for i in range(t.start, t.end)}
    masked = ["|" if i in in_table else t for i, t in enumerate(texts)]
    headings = detect_headings(masked)
    roles = classify_lines(texts, [line.page for line in lines], headings, toc)
    segments = _segments(lines, headings, tables)
    check()

    text_segments = [s for s in segments if s.table is None]
    blocks = [_block(lines, s.lines) for s in text_segments]
    sentence_lists = sentence_spans_many(b.text for b in blocks)
    check()
    units = [_split_long(b.text, sents, max_words) for b, sents in zip(blocks, sentence_lists, strict=True)]
    marks = _repeat_marks([[b.text[a:e] for a, e in u] for b, u in zip(blocks, units, strict=True)])
    groups = GroupCounter()
    evidence = {
        id(seg): mark_block(block.text, [roles[i] for i in seg.lines], unit, groups)
        for seg, block, unit in zip(text_segments, blocks, units, strict=True)
    }
    grouped = {
        id(seg): (block, _group_sentences(block.text, unit, mark, target_words, max_words, overlap_sentences))
        for seg, block, unit, mark in zip(text_segments, blocks, units, marks, strict=True)
    }
    check()

    chunks: list[Chunk] = []
    for segment in segments:
        if segment.table is not None:
            chunks.extend(_table_chunks(doc_id, segment, lines, table_rows_per_chunk, max_words))
            continue
        block, ranges = grouped[id(segment)]
        for start, end in ranges:
            spans = block.spans(start, end)
            if spans:
                chunk = _make_chunk(doc_id, segment.section, block.text[start:end], spans)
                chunks.append(replace(chunk, units=units_in(evidence[id(segment)], start, end)))
    return dedupe_chunks(chunks)


def _doc_lines(pages: list[Page]) -> list[_Line]:
    out: list[_Line] = []
    for page in pages:
        offset = 0
        for text in page.text.split("\n"):
            out.append(_Line(page.number, offset, text))
            offset += len(text) + 1
    return out


def _segments(lines: list[_Line], headings: list[Heading | None], tables: list[Table]) -> list[_Segment]:
    table_at = {t.start: t for t in tables}
    tracker = SectionTracker()
    segments: list[_Segment] = []
    current: _Segment | None = None
    i = 0
    while i < len(lines):
        table = table_at.get(i)
        if table is not None:
            segments.append(_Segment(tracker.path, table=table))
            current = None
            i = table.end
            continue
        heading = headings[i]
        if heading is not None:
            before = tracker.path
            tracker.push(heading)
            if current is not None and not _joins_next(lines, current, headings, before, tracker.path):
                current = None
            if current is not None:
                current.section = tracker.path  # a bare heading joins the section it introduces
        if current is None:
            if not lines[i].text.strip():
                i += 1
                continue
            current = _Segment(tracker.path)
            segments.append(current)
        current.lines.append(i)
        i += 1
    return [s for s in segments if s.table is not None or _words(lines, s.lines)]


def _joins_next(
    lines: list[_Line], current: _Segment, headings: list[Heading | None], before: str, after: str
) -> bool:
    """A section of only headings joins the next; one with a little text only its own subsection."""
    body = [i for i in current.lines if headings[i] is None]
    if not body:
        return True
    return _words(lines, body) < _SMALL_SECTION_WORDS and after.startswith(before + " > ")


def _words(lines: list[_Line], indices: list[int]) -> int:
    return sum(len(lines[i].text.split()) for i in indices)


def _block(lines: list[_Line], indices: list[int]) -> _Block:
    parts: list[tuple[int, int, int, int]] = []
    pieces: list[str] = []
    pos = 0
    for i in indices:
        line = lines[i]
        if parts and parts[-1][2] == line.page:
            b_start, _, page, p_start = parts[-1]
            parts[-1] = (b_start, pos + len(line.text), page, p_start)
        else:
            parts.append((pos, pos + len(line.text), line.page, line.start))
        pieces.append(line.text)
        pos += len(line.text) + 1
    return _Block("\n".join(pieces), tuple(parts))


def _group_sentences(
    text: str,
    units: list[tuple[int, int]],
    marks: list[int],
    target: int,
    maximum: int,
    overlap: int,
) -> list[tuple[int, int]]:
    """Greedy packing of sentence units into (start, end) ranges of `text`.

    A range closes once it reaches `target` words, or before it would pass `maximum`. Units with
    a non-zero mark form a repeated passage and are packed on their own (no overlap in or out),
    so that its copies elsewhere become identical chunks.
    """
    words = [len(text[s:e].split()) for s, e in units]
    groups: list[list[int]] = []
    current: list[int] = []
    fresh = 0  # words of `current` that are not overlap from the previous range
    for i in range(len(units)):
        boundary = i > 0 and marks[i] != marks[i - 1]
        total = sum(words[j] for j in current)
        if current and fresh and (boundary or total + words[i] > maximum or total >= target):
            groups.append(current)
            keep = [] if boundary or marks[i] else _overlap(current, words, overlap)
            current, fresh = keep, 0
        elif boundary and current and not fresh:
            current = []
        current.append(i)
        fresh += words[i]
    if current and fresh:
        groups.append(current)
    groups = _merge_small_tail(groups, words, marks, target, maximum)
    return [(units[g[0]][0], units[g[-1]][1]) for g in groups]


def _overlap(current: list[int], words: list[int], overlap: int) -> list[int]:
    if overlap <= 0:
        return []
    keep = current[-overlap:]
    if len(keep) >= len(current) or sum(words[j] for j in keep) > _MAX_OVERLAP_WORDS:
        return []
    return keep


def _merge_small_tail(
    groups: list[list[int]], words: list[int], marks: list[int], target: int, maximum: int
) -> list[list[int]]:
    """Fold a short last range (or a short range before a repeated passage) into its neighbour."""
    out: list[list[int]] = []
    for group in groups:
        if out and marks[group[0]] == marks[out[-1][-1]]:
            prev = out[-1]
            new = [j for j in group if j not in prev]
            small = sum(words[j] for j in new) < target // 3
            if new and small and sum(words[j] for j in prev) + sum(words[j] for j in new) <= maximum * 1.25:
                out[-1] = prev + new
                continue
        out.append(group)
    return out


def _repeat_marks(segments: list[list[str]]) -> list[list[int]]:
    """Number each repeated passage (0 = not repeated), per segment and unit.

    A passage is a chain of units that occurs identically in several places: every copy of a unit
    is followed by a copy of the next one, and every copy of the next is preceded by the first.
    Chains shorter than _MIN_REPEAT_WORDS are ignored (a repeated bullet line is no passage).
    """
    keys = [[normalise(u) for u in seg] for seg in segments]
    where: dict[str, list[tuple[int, int]]] = {}
    for s, seg in enumerate(keys):
        for i, key in enumerate(seg):
            if key:
                where.setdefault(key, []).append((s, i))

    def repeated(s: int, i: int) -> bool:
        return 0 <= i < len(keys[s]) and len(where.get(keys[s][i], ())) > 1

    def linked(s: int, i: int) -> bool:  # unit i and i + 1 always stand together
        a, b = keys[s][i], keys[s][i + 1]
        after = {keys[t][j + 1] if j + 1 < len(keys[t]) else None for t, j in where[a]}
        before = {keys[t][j - 1] if j > 0 else None for t, j in where[b]}
        return after == {b} and before == {a}

    marks = [[0] * len(seg) for seg in keys]
    run = 0
    for s, seg in enumerate(keys):
        i = 0
        while i < len(seg):
            if not repeated(s, i):
                i += 1
                continue
            j = i
            while j + 1 < len(seg) and repeated(s, j + 1) and linked(s, j):
                j += 1
            if sum(len(u.split()) for u in segments[s][i : j + 1]) >= _MIN_REPEAT_WORDS:
                run += 1
                for k in range(i, j + 1):
                    marks[s][k] = run
            i = j + 1
    return marks


def _split_long(text: str, sentences: list[tuple[int, int]], maximum: int) -> list[tuple[int, int]]:
    """Sentences longer than `maximum` words (lists without periods) are cut at line breaks."""
    out: list[tuple[int, int]] = []
    for start, end in sentences:
        if len(text[start:end].split()) <= maximum:
            out.append((start, end))
            continue
        piece_start = start
        count = 0
        for match in re.finditer(r"[^\n]+", text[start:end]):
            line_words = len(match.group().split())
            if count and count + line_words > maximum:
                cut = start + match.start()
                out.append((piece_start, cut - 1 if text[cut - 1] == "\n" else cut))
                piece_start, count = cut, 0
            count += line_words
        out.append((piece_start, end))
    return [(s, e) for s, e in out if text[s:e].strip()]


def _table_chunks(
    doc_id: str, segment: _Segment, lines: list[_Line], rows_per_chunk: int, max_words: int
) -> list[Chunk]:
    table = segment.table
    assert table is not None
    header = table.header_text()
    groups = _row_groups(list(table.rows), rows_per_chunk, max_words)
    chunks: list[Chunk] = []
    for n, rows in enumerate(groups):
        first_line = table.start if n == 0 and table.header_on_page else rows[0].start
        spans = _line_spans(lines, first_line, rows[-1].end)
        body = "\n".join(r.render() for r in rows)
        text = f"{header}\n{body}" if header else body
        if not spans:
            continue
        chunk = _make_chunk(doc_id, segment.section, text, spans, kind="table")
        chunks.append(
            replace(
                chunk,
                table_header=header,
                unit=table.unit,
                amounts_eur=table.amounts(rows),
                units=mark_table(text, header),
            )
        )
    return chunks


def _row_groups(rows: list[Row], rows_per_chunk: int, max_words: int) -> list[list[Row]]:
    """Consecutive rows, at most `rows_per_chunk` (and about `max_words`) a group.

    A last group of a few rows joins the one before: a table of 14 rows reads better whole
    than as 12 + 2.
    """
    groups: list[list[Row]] = []
    words = 0
    for row in rows:
        n = len(row.render().split())
        if not groups or len(groups[-1]) >= rows_per_chunk or words + n > max_words:
            groups.append([])
            words = 0
        groups[-1].append(row)
        words += n
    if len(groups) > 1 and len(groups[-1]) <= max(2, rows_per_chunk // 4):
        merged = groups[-2] + groups[-1]
        if sum(len(r.render().split()) for r in merged) <= max_words * 1.5:
            groups[-2:] = [merged]
    return groups


def _line_spans(lines: list[_Line], start: int, end: int) -> tuple[Span, ...]:
    by_page: dict[int, list[int]] = {}
    for i in range(start, end):
        line = lines[i]
        if line.text.strip():
            by_page.setdefault(line.page, []).extend((line.start, line.start + len(line.text)))
    return tuple(Span(page, min(offs), max(offs)) for page, offs in sorted(by_page.items()))


def _make_chunk(doc_id: str, section: str, text: str, spans: tuple[Span, ...], kind: str = "text") -> Chunk:
    digest = hashlib.sha1(f"{doc_id}\x1f{section}\x1f{text}".encode()).hexdigest()[:16]
    return Chunk(
        id=digest,
        doc_id=doc_id,
        text=text,
        page_start=min(s.page for s in spans),
        page_end=max(s.page for s in spans),
        section=section,
        kind=kind,
        spans=spans,
    )


def _norm(text: str) -> str:
    """Whitespace-collapsed text with table pipes as spaces: how chunk and page text compare."""
    return " ".join(text.replace("|", " ").split())


def span_text(chunk: Chunk, pages: dict[int, Page] | list[Page]) -> str:
    """The page passages a chunk points at, joined with spaces."""
    by_number = pages if isinstance(pages, dict) else {p.number: p for p in pages}
    return " ".join(by_number[s.page].text[s.start : s.end] for s in chunk.spans)


def verify_chunk(chunk: Chunk, pages: dict[int, Page] | list[Page]) -> bool:
    """Whether the chunk's text is what its spans point at (whitespace and pipes aside).

    For a table chunk the repeated header in front of later row groups is not on those pages;
    its rows must be, and a row of a table printed column by column has its cells there in order.
    """
    source = _norm(span_text(chunk, pages))
    text = _norm(chunk.text)
    if text == source:
        return True
    if chunk.kind != "table":
        return False
    body = chunk.text.removeprefix(chunk.table_header) if chunk.table_header else chunk.text
    if _norm(body) == source:
        return True
    # A table printed column by column: each row's cells stand on the page in order, apart.
    raw = span_text(chunk, pages)
    return all(locate_cells(row, raw) is not None for row in body.strip().split("\n"))
