"""Text matching rules of the eval contract: when a quote is on a page, a chunk holds a source, an
answer holds its facts.

These mirror the reference scorer (`score.py` beside the shared gold set) rule for rule, so that a
number we report is the number the project is judged on; `tests/unit/evals/test_metrics_agree.py`
keeps the two in step. Change a rule here only together with the contract.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from evals.pages import PageTexts
from evals.results import CitationRow, RetrievedRow

# A retrieved chunk counts with its first 300 words: recall rewards precise chunks, not page dumps.
CHUNK_WORDS = 300
# A quote is a sentence or a table row, not a chunk.
QUOTE_WORDS = 80
# An answer is read up to its first 150 words: pasting whole chunks earns nothing.
ANSWER_WORDS = 150
# Share of a gold quote's words that a retrieved chunk must hold to count as finding it.
RETRIEVAL_COVERAGE = 0.8
# Share of words a citation and a gold quote must share to count as the same source.
CITATION_OVERLAP = 0.5
# How far (in compacted characters) from the page end / next page top a run-on quote may break.
PAGE_EDGE_CHARS = 400

_WORD = re.compile(r"\w+", re.UNICODE)
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…|\[\.\.\.\]|\(\.\.\.\))\s*")
_BROKEN_WORD = re.compile(r"(\w)-\s*\n\s*(\w)")
_UNIFY = (("‘", "'"), ("’", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-"), ("•", " "), ("|", " "))


def norm(text: str) -> str:
    """Lower-case, unify quotes/dashes, drop markup and soft hyphens, join broken words, one space."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u00ad", "").replace("**", "")
    text = re.sub(r"</?i>", "", text)
    text = _BROKEN_WORD.sub(r"\1\2", text)
    for fancy, plain in _UNIFY:
        text = text.replace(fancy, plain)
    return re.sub(r"\s+", " ", text).strip().lower()


def words(text: str) -> list[str]:
    return _WORD.findall(norm(text))


def compact(text: str) -> str:
    """Without whitespace and hyphens: line-end hyphenation may or may not have been joined."""
    return re.sub(r"[\s-]+", "", text)


def _in_order(fragments: Sequence[str], haystack: str) -> bool:
    pos = 0
    for fragment in fragments:
        found = haystack.find(fragment, pos)
        if found < 0:
            return False
        pos = found + len(fragment)
    return True


def quote_on(quote: str, page_text: str) -> bool:
    """Each fragment of the quote (split at an ellipsis) is on the page, in order.

    Whitespace and hyphens are ignored as a last resort: pypdf splits words inside narrow table
    cells ("vrij willigerswerk"), and a cleaned quote may have joined them again.
    """
    fragments = [f for f in (norm(part).strip(" .,;:") for part in _ELLIPSIS.split(quote)) if f]
    if not fragments:
        return False
    haystack = norm(page_text)
    return _in_order(fragments, haystack) or _in_order([compact(f) for f in fragments], compact(haystack))


def quote_spans(quote: str, page_text: str, next_text: str, edge: int = PAGE_EDGE_CHARS) -> bool:
    """A quote that runs on to the next page: its head ends near the end of this page and its
    tail starts near the top of the next (running footer and header may stand in between)."""
    q = compact(norm(quote))
    here, there = compact(norm(page_text)), compact(norm(next_text))
    if not q or not there:
        return False
    for cut in range(len(q) - 1, 0, -1):
        head, tail = q[:cut], q[cut:]
        end = here.rfind(head)
        if end < 0:
            continue
        # Only the longest head found on the page decides: a shorter one would match by accident.
        return end + len(head) >= len(here) - edge and 0 <= there.find(tail) <= edge
    return False


def covers(text: str, quote: str, need: float, limit: int | None = None) -> bool:
    """At least `need` of the quote's distinct words occur in the first `limit` words of `text`."""
    quote_words = set(words(quote))
    if not quote_words:
        return False
    return len(quote_words & set(words(text)[:limit])) / len(quote_words) >= need


def citation_holds(citation: CitationRow | Mapping[str, Any], pages: PageTexts) -> bool:
    """The quote is short enough and verbatim on the cited page (or runs on to the next one)."""
    try:
        doc, page, quote = citation["doc"], int(citation["page"]), citation["quote"]
    except (KeyError, TypeError, ValueError):
        return False
    here = pages.get((doc, page))
    if here is None or not isinstance(quote, str) or not quote.strip():
        return False
    if len(words(quote)) > QUOTE_WORDS:
        return False
    return quote_on(quote, here) or quote_spans(quote, here, pages.get((doc, page + 1), ""))


def source_rank(doc: str, quote: str, ranked: Sequence[RetrievedRow | Mapping[str, Any]]) -> int | None:
    """1-based rank of the first retrieved chunk of `doc` that holds the quote, or None."""
    for rank, chunk in enumerate(ranked, 1):
        if chunk.get("doc") == doc and covers(
            chunk.get("text", ""), quote, RETRIEVAL_COVERAGE, limit=CHUNK_WORDS
        ):
            return rank
    return None


def source_cited(
    doc: str, page: int, quote: str, citations: Sequence[CitationRow | Mapping[str, Any]]
) -> bool:
    """Some citation points at the source: same doc, and same page or half the words shared."""
    for citation in citations:
        if citation.get("doc") != doc:
            continue
        cited_quote = citation.get("quote", "")
        if (
            citation.get("page") == page
            or covers(cited_quote, quote, CITATION_OVERLAP)
            or covers(quote, cited_quote, CITATION_OVERLAP)
        ):
            return True
    return False


def answer_correct(answer: str, must_contain: Sequence[str]) -> bool:
    """Every required fragment occurs within the first ANSWER_WORDS words of the answer."""
    read = " ".join(norm(answer).split()[:ANSWER_WORDS])
    return all(norm(fragment) in read for fragment in must_contain)
