"""Citation verification: a quote reaches the user only when it stands verbatim on its page.

Matching ignores case, runs of whitespace and table-cell separators (`|`), because chunk text
renders a table row on one line while the page has one cell per line; the offsets returned point
into the real page text so the UI can highlight the exact passage.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from assistant.types import Citation

MAX_QUOTE_WORDS = 60  # a quote is a sentence or a table row; the eval contract caps it at 80

_SEPARATORS = set("|\u00ad")


@lru_cache(maxsize=512)
def _normalise(text: str) -> tuple[str, list[int]]:
    """Lower-cased text with separators as single spaces, and for each of its characters the
    index of the character in `text` it came from. Cached: an answer checks several quotes
    against the same few pages."""
    out: list[str] = []
    index: list[int] = []
    pending_space = False
    for i, ch in enumerate(text):
        if ch.isspace() or ch in _SEPARATORS:
            pending_space = bool(out)
            continue
        if pending_space:
            out.append(" ")
            index.append(i)
            pending_space = False
        out.append(ch.lower()[0])
        index.append(i)
    return "".join(out), index


def locate(quote: str, page_text: str) -> tuple[int, int] | None:
    """[start, end) of `quote` in `page_text`, or None when it is not there verbatim."""
    needle, _ = _normalise(quote)
    if not needle:
        return None
    hay, index = _normalise(page_text)
    at = hay.find(needle)
    if at < 0:
        return None
    return index[at], index[at + len(needle) - 1] + 1


# Cells of a table row that stand apart on the page (a table printed column by column) are quoted
# in order with this mark between them, as a quotation marks what it leaves out.
OMISSION = " … "
_CELL_WINDOW = 2500  # characters a row's cells may spread over: one table on one page


def locate_cells(quote: str, page_text: str) -> tuple[int, int, str] | None:
    """[start, end) of a table row's cells (`a | b | c`) standing in order on the page, close
    together but not next to each other, and the quote that says so ("a … b … c"); None when
    they do not all stand there. A cell is matched whole: "1,80" is no part of "11,80"."""
    cells = [c for c in (_normalise(c.strip())[0] for c in quote.split("|")) if c]
    if len(cells) < 2:
        return None
    hay, index = _normalise(page_text)
    best: tuple[list[int], int] | None = None
    at = _find_whole(hay, cells[0], 0)
    while at >= 0:
        found = _in_order(hay, cells, at)
        if found is not None and (best is None or found[1] - found[0][0] < best[1] - best[0][0]):
            best = found  # the closest together: "Hondenbelasting" in the caption is not the row's
        at = _find_whole(hay, cells[0], at + 1)
    if best is None:
        return None
    starts, end = best
    pieces: list[str] = []
    for k, (begin, cell) in enumerate(zip(starts, cells, strict=True)):
        piece = " ".join(page_text[index[begin] : index[begin + len(cell) - 1] + 1].split())
        apart = k and hay[starts[k - 1] + len(cells[k - 1]) : begin].strip()
        pieces.append((OMISSION if apart else " ") + piece if k else piece)
    return index[starts[0]], index[end - 1] + 1, "".join(pieces)


def _in_order(hay: str, cells: list[str], at: int) -> tuple[list[int], int] | None:
    starts = [at]
    pos = at + len(cells[0])
    for cell in cells[1:]:
        found = _find_whole(hay, cell, pos)
        if found < 0 or found + len(cell) - at > _CELL_WINDOW:
            return None
        starts.append(found)
        pos = found + len(cell)
    return starts, pos


def _find_whole(hay: str, needle: str, pos: int) -> int:
    """The first place from `pos` where `needle` stands with no letter or digit glued to it."""
    at = hay.find(needle, pos)
    while at >= 0:
        before = hay[at - 1] if at else " "
        after = hay[at + len(needle)] if at + len(needle) < len(hay) else " "
        if not before.isalnum() and not after.isalnum():
            return at
        at = hay.find(needle, at + 1)
    return -1


def trim_quote(text: str, max_words: int = MAX_QUOTE_WORDS) -> str:
    """A long sentence is cut to its first words (still verbatim); the cut is marked for readers
    by the UI, not inside the quote, so the quote stays checkable."""
    words = text.split()
    if len(words) <= max_words:
        return " ".join(words)
    return " ".join(words[:max_words])


def verify(
    doc: str,
    quote: str,
    pages: Iterable[int],
    page_text: Callable[[str, int], str | None],
    chunk_id: str = "",
) -> Citation | None:
    """The citation for `quote` on the first of `pages` that holds it, or None.

    A sentence that runs on to the next page is cited on the page where it starts."""
    quote = trim_quote(quote)
    if not quote or not re.search(r"\w", quote):
        return None
    for page in pages:
        text = page_text(doc, page)
        if text is None:
            continue
        span = locate(quote, text)
        if span is None:
            following = page_text(doc, page + 1)
            if following:
                span = locate(quote, text + "\n" + following)
                if span is not None and span[0] >= len(text):
                    span = None  # wholly on the next page: that page is tried in its own turn
                elif span is not None and _ambiguous_head(quote, text, span[0]):
                    span = None
        if span is not None:
            end = min(span[1], len(text))
            return Citation(doc=doc, page=page, quote=quote, start=span[0], end=end, chunk_id=chunk_id)
        cells = locate_cells(quote, text) if "|" in quote else None
        if cells is not None:
            start, end, shown = cells
            return Citation(doc=doc, page=page, quote=shown, start=start, end=end, chunk_id=chunk_id)
    return None


def _ambiguous_head(quote: str, text: str, start: int) -> bool:
    """The quote's first words on this page, and one more, stand somewhere on the page too: a
    reader (or checker) looking for where the quote starts finds that place instead of the page
    end ("Om" / "deze taakstellingen ..." when "om deze" occurs earlier)."""
    # Words as matching reads them: a table row's "|" marks are no words.
    head = len(_normalise(text[start:])[0].split())
    longer = " ".join(_normalise(quote)[0].split()[: head + 1])
    return locate(longer, text) is not None
