"""Finding a quote in a page text while ignoring how whitespace was laid out.

PDF text extraction and the quote may differ in line breaks, double spaces and hyphen-free
wrapping; the characters themselves are the same. So both sides are compared without whitespace
and the match is mapped back to offsets in the original page text.
"""

from __future__ import annotations

from assistant.answering.verify import OMISSION


def _squeeze(text: str, fold: bool) -> tuple[str, list[int]]:
    """`text` without whitespace, and for every kept character its index in `text`."""
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        # lower() may expand a character (e.g. "İ"); every piece maps back to the same index.
        for piece in ch.lower() if fold else ch:
            chars.append(piece)
            index.append(i)
    return "".join(chars), index


def find_quote(text: str, quote: str) -> tuple[int, int] | None:
    """[start, end) of `quote` in `text`, whitespace-insensitive; case-insensitive as a fallback.

    A quote with an ellipsis ("Hondenbelasting … tweede hond … 134,16": a table row whose cells
    stand apart) is found when its pieces stand in order; the span runs from the first to the last."""
    pieces = [p for p in (p.strip() for p in quote.split(OMISSION.strip())) if p]
    if not pieces:
        return None
    for fold in (False, True):
        haystack, index = _squeeze(text, fold)
        start = end = -1
        at = 0
        for piece in pieces:
            needle, _ = _squeeze(piece, fold)
            found = haystack.find(needle, at)
            if not needle or found < 0:
                break
            start = found if start < 0 else start
            at = end = found + len(needle)
        else:
            return index[start], index[end - 1] + 1
    return None
