"""Evidence units: what each stretch of a chunk is, decided once at ingest.

A chunk is cut into units that can each be quoted on their own: sentences, list items (with the
sentence that announces the list as its lead-in), and table rows. Headings, footnotes, captions,
table-of-contents entries and leftover page numbers are marked too, so that they are never quoted
as an answer. Units follow spaCy's sentences and are cut further only at line starts, so a unit
never starts or ends mid-sentence or mid-cell.

Lines are classified for the whole document first (a footnote or a list runs over chunk
boundaries), then every text block is cut into units, and each chunk takes the units inside it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from itertools import dropwhile

from assistant.lexicon import (
    BULLET_START,
    CAPTION_START,
    FOOTNOTE_START,
    INDICATOR_START,
    ITEM_START,
    LABEL_ITEM,
    LABEL_LINE,
    MONEY,
    OPEN_END,
    OPEN_ENDINGS,
    PAGE_MARK,
    PRINTED_FIGURES,
    PRINTED_ROW,
    SENTENCE_END,
    TOC_ENTRY,
    TOC_TITLE,
    YEAR,
    opens_with_capital,
)
from assistant.types import UnitKind, UnitMark
from ingest.tables import is_value

# A footnote line this long was wrapped: the next line continues it.
_WRAPPED_CHARS = 60
# A row label printed above its figures: at most this long, over at most this many lines.
_LABEL_MAX_CHARS = 40
_LABEL_MAX_LINES = 3
_CAPTION_MAX_WORDS = 20
_TOC_MAX_WORDS = 14
# A list item this short without closing punctuation is a title; an uppercase line after it
# starts the paragraph under the title ("1 Bevorderen zelfoplossend vermogen" / "Versterken ...").
_TITLE_MAX_WORDS = 12
# A longer title may end where its line stops short of the text's width: had the sentence gone
# on, the next line's first word would have fitted there ("... zo nodig ondersteuning" / "Inwoners
# zijn bekend met ..."). Widths are counted in characters, so a line must leave room to spare.
_LONG_TITLE_MAX_WORDS = 2 * _TITLE_MAX_WORDS
_FILLED_SHARE = 0.9
_WIDTH_LINES = 4  # lines above and below that give the width
_PARAGRAPH_MIN_WORDS = 6
_TITLE_BLOCK_CHARS = 45
_TITLE_BLOCK_LINES = 3


class Line(Enum):
    """What a document line starts (or that it continues what came before)."""

    TEXT = "text"
    ITEM = "item"
    HEADING = "heading"
    TOC = "toc"
    FOOTNOTE = "footnote"
    FOOTNOTE_MORE = "footnote-more"  # a wrapped footnote line
    CAPTION = "caption"
    HEADER = "header"


_LINE_KIND = {
    Line.ITEM: UnitKind.ITEM,
    Line.HEADING: UnitKind.HEADING,
    Line.TOC: UnitKind.TOC,
    Line.FOOTNOTE: UnitKind.FOOTNOTE,
    Line.CAPTION: UnitKind.CAPTION,
    Line.HEADER: UnitKind.HEADER,
}
# Lines after which the next text line starts a new unit instead of continuing this one.
_CLOSED = frozenset({Line.HEADING, Line.TOC, Line.CAPTION, Line.HEADER, Line.FOOTNOTE, Line.FOOTNOTE_MORE})


def classify_lines(
    texts: Sequence[str], pages: Sequence[int], headings: Sequence[object | None], toc: set[int]
) -> list[Line]:
    """One `Line` per document line; `headings[i]` is not None where a heading was detected."""
    roles: list[Line] = []
    for i, raw in enumerate(texts):
        line = raw.strip()
        prev = roles[-1] if roles else None
        prev_text = texts[i - 1].strip() if i else ""
        same_page = i > 0 and pages[i - 1] == pages[i]
        roles.append(_classify(line, prev, prev_text, same_page, headings[i] is not None, i in toc))
    return roles


def _classify(
    line: str, prev: Line | None, prev_text: str, same_page: bool, heading: bool, toc: bool
) -> Line:
    words = len(line.split())
    if toc or TOC_TITLE.match(line) or (words <= _TOC_MAX_WORDS and TOC_ENTRY.search(line)):
        return Line.TOC
    if PAGE_MARK.match(line):
        return Line.HEADER
    if FOOTNOTE_START.match(line):
        return Line.FOOTNOTE
    if heading and not MONEY.search(line):
        return Line.HEADING
    # A heading that carries an amount is a budget line set as a title ("Formatie-uitbreiding
    # griffie (hogere lasten € 20.000)"): what it costs must be quotable, so it is text.
    wrapped = prev in (Line.FOOTNOTE, Line.FOOTNOTE_MORE) and len(prev_text) >= _WRAPPED_CHARS
    if wrapped and same_page and not ITEM_START.match(line) and _runs_on(prev_text, line):
        return Line.FOOTNOTE_MORE
    if CAPTION_START.match(line) and words <= _CAPTION_MAX_WORDS and not line.endswith(","):
        return Line.CAPTION
    if BULLET_START.match(line) or LABEL_ITEM.match(line):
        return Line.ITEM
    if ITEM_START.match(line) and words >= 2 and _item_may_start(prev, prev_text):
        return Line.ITEM
    return Line.TEXT


def _runs_on(prev_text: str, line: str) -> bool:
    """A footnote wraps onto a line that goes on mid-sentence: one that opens in lower case ("decentraal
    beleid, november 2020."), or follows a line that cannot end there ("...; de" / "Visitatiecommissie
    ..."). pypdf may print a footnote in the middle of the page text, and the body text that follows
    it ("Uit landelijke cijfers en uit eigen onderzoek ...", "Dit gaan we hiervoor doen:") is no
    footnote."""
    first = line[:1]
    if not (first.isalpha() and first.isupper()) or OPEN_END.search(prev_text):
        return True
    # A short last line that ends nothing either closes the note ("... gebaseerd op Factsheet" /
    # "Alzheimer Nederland, cijfers 2018 - 2050"); a full line of body text does not.
    ends = SENTENCE_END.search(prev_text) or SENTENCE_END.search(line)
    return not ends and len(line) < _WRAPPED_CHARS


def _item_may_start(prev: Line | None, prev_text: str) -> bool:
    """ "12 gemeenten doen mee" after a line that did not end a sentence is a wrapped sentence."""
    return prev is None or prev != Line.TEXT or not prev_text or bool(SENTENCE_END.search(prev_text))


@dataclass
class GroupCounter:
    """Numbers list blocks across the blocks of one document."""

    last: int = -1

    def new(self) -> int:
        self.last += 1
        return self.last


def mark_block(
    text: str,
    roles: Sequence[Line],
    sentences: Sequence[tuple[int, int]],
    groups: GroupCounter,
) -> list[UnitMark]:
    """Units of one text block (its lines joined by newlines, `roles` one per line), in order."""
    cuts = _cut_points(text, roles, _line_starts(text))
    pieces: list[_Piece] = []
    for start, end in sentences:
        inner = [c for c in cuts if start < c.at < end]
        first = next((c for c in cuts if c.at == start), None)
        bounds = [first or _Cut(start, _kind_inside(start, cuts), None), *inner]
        for cut, nxt in zip(bounds, [*(b.at for b in bounds[1:]), end], strict=True):
            s, e = _trim(text, cut.at, nxt)
            if e > s:
                kind = UnitKind.HEADING if _title_block(text[s:e]) else cut.kind
                pieces.append(_Piece(s, e, kind, cut.in_list))
    return _assign_groups(text, pieces, groups)


@dataclass(frozen=True)
class _Cut:
    """Where a unit begins; `in_list` says whether it belongs to the list above it (None: a
    sentence inside a line, which goes with whatever came just before)."""

    at: int
    kind: UnitKind
    in_list: bool | None


@dataclass(frozen=True)
class _Piece:
    start: int
    end: int
    kind: UnitKind
    in_list: bool | None


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    return starts


def _cut_points(text: str, roles: Sequence[Line], line_starts: Sequence[int]) -> list[_Cut]:
    """Where new units must begin: at the start of lines that open something.

    A text line continues the unit above it, except after a heading, caption, footnote or page
    mark; after a short title line ("Doel: Laaggeletterdheid is afgenomen"); at a label line
    ("Subdoel: ...", "Activiteiten"); and after a list item it starts a paragraph when it begins
    with a capital: under the item when the item is a title ("1 Bevorderen zelfoplossend
    vermogen"), after the list when the item ended its sentence."""
    lines = [
        text[at : line_starts[k + 1] - 1 if k + 1 < len(line_starts) else len(text)].strip()
        for k, at in enumerate(line_starts)
    ]
    cuts: list[_Cut] = []
    item_words: list[str] = []  # words of the list item being read
    in_a_row = False  # the item being read came straight after another item
    printed = False  # the unit being read is a printed table row, its figures read
    opens = [True] * len(lines)  # whether line k starts a unit
    for k, role in enumerate(roles):
        at, line = line_starts[k], lines[k]
        prev = roles[k - 1] if k else None
        following = roles[k + 1] if k + 1 < len(roles) else None
        if role == Line.FOOTNOTE_MORE:
            opens[k] = False
            continue
        if role != Line.TEXT:
            printed = False
            cuts.append(_Cut(at, _LINE_KIND[role], role == Line.ITEM))
            in_a_row = role == Line.ITEM and bool(item_words)
            item_words = line.split() if role == Line.ITEM else []
            continue
        opens[k] = k == 0 or prev in _CLOSED or bool(SENTENCE_END.search(lines[k - 1]))
        wrapped = k and OPEN_END.search(lines[k - 1])
        if following == Line.ITEM and _is_title(line, max_words=3) and not wrapped:
            # "Activiteiten" above a list; not the end of a sentence that wrapped ("het gebruik van
            # meldcode en" / "Verwijsindex stimuleren." / "3. ...").
            cut = _Cut(at, UnitKind.HEADING, False)
        elif prev in _CLOSED or LABEL_LINE.match(line):
            cut = _Cut(at, UnitKind.SENTENCE, False)
        elif item_words and not any(ch.isalpha() for ch in "".join(item_words)):
            item_words.extend(line.split())  # "- 8." on its own line: the item text follows
            continue
        elif item_words and opens_with_capital(line) and _closed(item_words):
            cut = _Cut(at, UnitKind.SENTENCE, False)
        elif item_words and _title_then_paragraph(item_words, line, _breaks_before(lines, k)):
            # Under a title item ("1 Bevorderen ..." / paragraph / "2 Versterken ..."); after a run
            # of short items ("1.1 ..." / "1.2 ..." / paragraph) the list is over.
            cut = _Cut(at, UnitKind.SENTENCE, not in_a_row)
        elif (
            not item_words and k and opens[k - 1] and _heads_paragraph(lines[k - 1]) and _paragraph(line)
        ) or (k and _record_ends(lines[k - 1], line)):
            cut = _Cut(at, UnitKind.SENTENCE, False)
        elif k and (PRINTED_ROW.match(line) or _row_label_above(lines, k)):
            # A table ingest read as text: each row a unit of its own, not one run-on "sentence"
            # of every row ("Wegen 1.818 2.000 ... Speelvoorzieningen 176 176 ...").
            cuts.append(_Cut(at, UnitKind.SENTENCE, False))
            opens[k], item_words, printed = True, [], bool(PRINTED_ROW.match(line))
            continue
        elif printed and line[:1].isupper():
            # A row's description wraps in lower case; a capital starts what follows the table
            # ("Bedragen x € 1.000 ...", "De begrote stijging van de uitgaven ...").
            cut = _Cut(at, UnitKind.SENTENCE, False)
        else:
            if item_words:
                item_words.extend(line.split())
            printed = printed or bool(PRINTED_FIGURES.match(line))
            continue
        printed = False
        cuts.append(cut)
        opens[k] = True
        item_words = []
    return cuts


def _row_label_above(lines: Sequence[str], k: int) -> bool:
    """Line k opens the label of a printed row whose figures follow on a line of their own:
    "Civieltechnische" / "kunstwerken" / "124 204 334 336 ..." after the row above."""
    if not _may_label(lines[k]) or (k and _may_label(lines[k - 1]) and _figures_below(lines, k - 1)):
        return False  # the label began on the line above ("BR Groencompensatie Amerikaans" / "Ambassade")
    return _figures_below(lines, k)


def _may_label(line: str) -> bool:
    return line[:1].isupper() and len(line) < _LABEL_MAX_CHARS and not any(ch.isdigit() for ch in line)


def _figures_below(lines: Sequence[str], k: int) -> bool:
    below = lines[k + 1 : k + 1 + _LABEL_MAX_LINES]
    for i, nxt in enumerate(below):
        if PRINTED_FIGURES.match(nxt):
            return True
        if i == len(below) - 1 or any(ch.isdigit() for ch in nxt) or len(nxt) >= _LABEL_MAX_CHARS:
            return False
    return False


def _record_ends(prev: str, line: str) -> bool:
    """Tables that pypdf flattened into short lines ("Percentage jeugdigen ... (%)" / "Effect" /
    "Jaarlijks" / "2019" / "12,6%" / "Percentage inwoners ..."): a value line followed by a new
    label, or a short line followed by an indicator's name, ends one record."""
    if not line[:1].isupper() or len(prev) >= _WRAPPED_CHARS:
        return False
    if is_value(prev) and not is_value(line):
        return True
    last = prev.split()[-1].lower() if prev.split() else ""
    return bool(INDICATOR_START.match(line)) and last not in OPEN_ENDINGS and not SENTENCE_END.search(prev)


def _is_title(line: str, max_words: int = _TITLE_MAX_WORDS) -> bool:
    """A short line without closing punctuation that does not break off mid-phrase."""
    words = line.split()
    if not words or len(words) > max_words or len(line) >= _WRAPPED_CHARS or SENTENCE_END.search(line):
        return False
    last = words[-1].lower()
    return line[:1].isupper() and last not in OPEN_ENDINGS and not last.endswith(",")


def _heads_paragraph(line: str) -> bool:
    """A title line, or a labelled one ("Subdoel: Inwoners verlaten het onderwijs met een ...")."""
    labelled = bool(LABEL_LINE.match(line)) and len(line.split()) <= 2 * _TITLE_MAX_WORDS
    return _is_title(line) or (labelled and not SENTENCE_END.search(line))


def _paragraph(line: str) -> bool:
    return opens_with_capital(line) and len(line.split()) >= _PARAGRAPH_MIN_WORDS


def _closed(item_words: list[str]) -> bool:
    return bool(SENTENCE_END.search(" ".join(item_words)))


def _breaks_before(lines: Sequence[str], k: int) -> bool:
    """Line k-1 ends where it does by a break, not a wrap: line k's first word would have fitted.
    The width is that of the lines around (a narrow column's is not the page's)."""
    first = lines[k].split()[0] if lines[k].split() else ""
    width = max(len(line) for line in lines[max(0, k - _WIDTH_LINES) : k + _WIDTH_LINES + 1])
    return len(lines[k - 1]) + 1 + len(first) <= _FILLED_SHARE * width


def _title_then_paragraph(item_words: list[str], line: str, broken: bool) -> bool:
    """`broken`: the line above ended by a break, not a wrap (see `_breaks_before`)."""
    if not opens_with_capital(line) or not (
        len(item_words) <= _TITLE_MAX_WORDS or (broken and _long_title(item_words))
    ):
        return False
    last = item_words[-1].lower()
    ends_open = last in OPEN_ENDINGS or last.endswith(",")
    return not ends_open and len(line.split()) >= _PARAGRAPH_MIN_WORDS


def _long_title(item_words: list[str]) -> bool:
    """A title of up to `_LONG_TITLE_MAX_WORDS` words after its marker ("- 1."), with no sentence
    ending inside it ("Openstaande taakstelling Sociaal Domein. De vanaf 2016 ..." is no title)."""
    words = list(dropwhile(lambda w: not any(ch.isalpha() for ch in w), item_words))
    return len(words) <= _LONG_TITLE_MAX_WORDS and not any(SENTENCE_END.search(w) for w in words)


def _kind_inside(offset: int, cuts: Sequence[_Cut]) -> UnitKind:
    """The kind of a sentence that starts inside a line: in a footnote, caption or table of
    contents more of the same, elsewhere a plain sentence."""
    kind = UnitKind.SENTENCE
    for cut in cuts:
        if cut.at > offset:
            break
        kind = cut.kind
    return kind if kind in (UnitKind.FOOTNOTE, UnitKind.TOC, UnitKind.CAPTION) else UnitKind.SENTENCE


def _title_block(text: str) -> bool:
    """Short lines without a full stop or a figure ("Strategisch beleidsplan 2022" / "GEMEENTE
    ALMELO"): a title page or a heading block, not a sentence."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not 2 <= len(lines) <= _TITLE_BLOCK_LINES or any(len(line) >= _TITLE_BLOCK_CHARS for line in lines):
        return False
    if any(line[0].islower() for line in lines):
        return False  # a sentence wrapped in a narrow column ("In 2024 zijn minder" / "inwoners ...")
    return not SENTENCE_END.search(text) and not re.search(r"\d", YEAR.sub("", text))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _assign_groups(text: str, pieces: list[_Piece], groups: GroupCounter) -> list[UnitMark]:
    """List blocks: items in a row (with the sentences under them) share a group number, and the
    sentence before the first item becomes its lead-in when it ends in a colon."""
    marks: list[UnitMark] = []
    group = -1
    marker = ""  # "bullet" or "number": a list of the other kind is another list
    last_body = -1  # index in `marks` of the latest sentence, item or lead-in
    for piece in pieces:
        kind = piece.kind
        if kind == UnitKind.ITEM:
            own_marker = _marker(text[piece.start : piece.end])
            announced = (
                last_body >= 0
                and marks[last_body].kind == UnitKind.SENTENCE
                and _announces(text[marks[last_body].start : marks[last_body].end])
            )
            if group < 0 or own_marker != marker or announced:
                group = groups.new()
                marker = own_marker
                if announced:
                    lead = marks[last_body]
                    marks[last_body] = UnitMark(lead.start, lead.end, UnitKind.LEAD, group)
            marks.append(UnitMark(piece.start, piece.end, kind, group))
            last_body = len(marks) - 1
        elif kind == UnitKind.SENTENCE:
            if piece.in_list is False:
                group = -1
            marks.append(UnitMark(piece.start, piece.end, kind, group))
            last_body = len(marks) - 1
        else:
            if kind in (UnitKind.HEADING, UnitKind.TOC, UnitKind.CAPTION):
                group = -1
            marks.append(UnitMark(piece.start, piece.end, kind, -1))
    return marks


def _marker(item: str) -> str:
    """What kind of list an item belongs to: bullets, numbers, or a label ("doel", "subdoel")."""
    label = LABEL_ITEM.match(item)
    if label:
        return label.group("label").lower()
    return "bullet" if BULLET_START.match(item) else "number"


def _announces(sentence: str) -> bool:
    return sentence.rstrip().endswith(":")


def units_in(marks: Sequence[UnitMark], start: int, end: int) -> tuple[UnitMark, ...]:
    """The marks inside [start, end) of the block, with offsets relative to `start`."""
    return tuple(
        UnitMark(m.start - start, m.end - start, m.kind, m.group)
        for m in marks
        if start <= m.start and m.end <= end
    )


def mark_table(text: str, header: str) -> tuple[UnitMark, ...]:
    """A table chunk is its header line (when it has one) and then one row per line."""
    marks: list[UnitMark] = []
    offset = 0
    for n, line in enumerate(text.split("\n")):
        start, end = _trim(text, offset, offset + len(line))
        if end > start:
            kind = UnitKind.HEADING if n == 0 and header and line.strip() == header.strip() else UnitKind.ROW
            marks.append(UnitMark(start, end, kind))
        offset += len(line) + 1
    return tuple(marks)
