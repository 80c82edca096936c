"""Near-duplicate chunks: a paragraph repeated on several pages is indexed once.

Policy documents copy paragraphs between chapters (Twenterand repeats its "Innovatiefonds"
proposal five times). The first occurrence is kept; `also_on` lists the pages of the others, so
a citation of any copy still finds its page.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from assistant.types import Chunk

JACCARD_MIN = 0.9
_SHINGLE = 3
_WORD = re.compile(r"\w+", re.UNICODE)


def normalise(text: str) -> str:
    """Compare on words only: case, punctuation, bullets, pipes and line breaks do not matter."""
    text = unicodedata.normalize("NFKC", text).lower()
    return " ".join(_WORD.findall(text))


def shingles(text: str, size: int = _SHINGLE) -> set[tuple[str, ...]]:
    words = normalise(text).split()
    if len(words) < size:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def jaccard(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def dedupe_chunks(chunks: list[Chunk], threshold: float = JACCARD_MIN) -> list[Chunk]:
    """Chunks in order with near-duplicates folded into their first occurrence's `also_on`."""
    kept: list[Chunk] = []
    keys: list[str] = []
    grams: list[set[tuple[str, ...]]] = []
    for chunk in chunks:
        key = normalise(chunk.text)
        gram = shingles(chunk.text)
        match = _find(key, gram, chunk.kind, kept, keys, grams, threshold)
        if match is None:
            kept.append(chunk)
            keys.append(key)
            grams.append(gram)
            continue
        first = kept[match]
        extra = set(chunk.pages) - set(range(first.page_start, first.page_end + 1))
        if extra - set(first.also_on):
            kept[match] = replace(first, also_on=tuple(sorted(set(first.also_on) | extra)))
    return kept


def _find(
    key: str,
    gram: set[tuple[str, ...]],
    kind: str,
    kept: list[Chunk],
    keys: list[str],
    grams: list[set[tuple[str, ...]]],
    threshold: float,
) -> int | None:
    for i, other in enumerate(keys):
        if kept[i].kind != kind:
            continue
        if other == key:
            return i
        # Cheap length check first: Jaccard >= t needs the smaller set >= t x the larger.
        small, large = sorted((len(gram), len(grams[i])))
        if large and small >= threshold * large and jaccard(gram, grams[i]) >= threshold:
            return i
    return None
