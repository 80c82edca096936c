"""Finding a quote in a page text while ignoring how whitespace was laid out.

PDF text extraction and the quote may differ in line breaks, double spaces and hyphen-free
wrapping; the characters themselves are the same. So both sides are compared without whitespace
and the match is mapped back to offsets in the original page text.
"""

from __future__ import annotations


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
    """[start, end) of `quote` in `text`, whitespace-insensitive; case-insensitive as a fallback."""
    for fold in (False, True):
        needle, _ = _squeeze(quote, fold)
        if not needle:
            return None
        haystack, index = _squeeze(text, fold)
        at = haystack.find(needle)
        if at >= 0:
            return index[at], index[at + len(needle) - 1] + 1
    return None
