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
    return None


def _ambiguous_head(quote: str, text: str, start: int) -> bool:
    """The quote's first words on this page, and one more, stand somewhere on the page too: a
    reader (or checker) looking for where the quote starts finds that place instead of the page
    end ("Om" / "deze taakstellingen ..." when "om deze" occurs earlier)."""
    head = len(text[start:].split())
    longer = " ".join(quote.split()[: head + 1])
    return locate(longer, text) is not None
