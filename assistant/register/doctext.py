"""One document as the extractors see it: its cleaned lines, sentences and section paths.

Everything points back into the cleaned page texts (page number + character offsets), because a
record is only kept when its quote is found verbatim there, exactly as citations are checked.
Sections come from the chunks: each chunk span carries the section path ingestion assigned, so we
never re-detect headings here.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from assistant.answering.verify import verify
from assistant.nlp import sentence_spans_many
from assistant.types import Chunk, Citation, DocumentMeta, Page

# A heading line glued before a sentence: under this share of a full line, at most this many words,
# and not ending in a word that runs on to the next line ("In het kader van de" / "Wmo ...").
_HEADING_SHARE = 0.6
_HEADING_MAX_WORDS = 6
_RUNS_ON = {
    "de", "het", "een", "van", "en", "in", "op", "voor", "met", "te", "aan", "om", "dat", "die", "of", "bij",
    "door", "naar", "uit", "over", "tot", "als", "is", "zijn", "wordt", "worden", "we", "wij", "ons", "onze",
    "deze", "dit", "er", "ook", "nog", "niet", "maar", "zo", "wel", "geen", "al", "kan", "zal", "moet",
}  # fmt: skip


@dataclass(frozen=True)
class Line:
    index: int  # position in the document's line list
    page: int
    start: int  # offset in the page text
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def stripped(self) -> str:
        return self.text.strip()


@dataclass(frozen=True)
class Sentence:
    page: int
    start: int
    end: int
    text: str


# A full stop (perhaps with a footnote mark) at the end of a line, a capital on the next: the
# sentencizer misses "toegang⁸.\nWaar nodig ...". An enumeration closed by "etc." or "enz." before a
# capital ends its sentence too ("... functiecreatie etc. Om het te meten, ..."): the sentencizer
# reads the stop as an abbreviation's.
_LINE_END_STOP = re.compile(r"[.!?][¹²³⁴⁵⁶⁷⁸⁹⁰]*[ \t]*\n(?=[A-Z‘“(])|(?<=\b(?:etc|enz)\.)[ \t]+(?=[A-Z‘“(])")


def _split_at_line_ends(page: int, text: str, start: int, end: int) -> list[Sentence]:
    out = []
    at = start
    for match in _LINE_END_STOP.finditer(text, start, end):
        cut = match.start() + (1 if text[match.start()] in ".!?" else 0)
        if text[at:cut].strip():
            out.append(Sentence(page, at, cut, text[at:cut]))
        at = match.end()
    if text[at:end].strip():
        out.append(Sentence(page, at, end, text[at:end]))
    return out


class DocText:
    def __init__(self, meta: DocumentMeta, pages: Sequence[Page], chunks: Sequence[Chunk]) -> None:
        self.meta = meta
        self.doc_id = meta.doc_id
        self.texts = {p.number: p.text for p in pages}
        self.page_numbers = sorted(self.texts)
        self.chunks = list(chunks)
        spans = sorted(
            (span.page, span.start, span.end, chunk.section) for chunk in chunks for span in chunk.spans
        )
        self._span_keys = [(p, s) for p, s, _, _ in spans]
        self._spans = spans

    def page_text(self, doc: str, page: int) -> str | None:
        """The `verify` callback: only this document's pages exist here."""
        return self.texts.get(page) if doc == self.doc_id else None

    @cached_property
    def lines(self) -> list[Line]:
        out: list[Line] = []
        for number in self.page_numbers:
            offset = 0
            for text in self.texts[number].split("\n"):
                if text.strip():
                    out.append(Line(len(out), number, offset, text))
                offset += len(text) + 1
        return out

    @cached_property
    def sentences(self) -> list[Sentence]:
        """Sentences per page (a sentence running over a page break is cut there)."""
        texts = [self.texts[n] for n in self.page_numbers]
        out: list[Sentence] = []
        for number, text, spans in zip(self.page_numbers, texts, sentence_spans_many(texts), strict=True):
            for s, e in spans:
                out.extend(_split_at_line_ends(number, text, s, e))
        return out

    def section_at(self, page: int, offset: int) -> str:
        """The section path of the chunk span covering (page, offset), else the nearest one before."""
        if not self._spans:
            return ""
        i = bisect.bisect_right(self._span_keys, (page, offset)) - 1
        if i < 0:
            return self._spans[0][3]
        # Spans may overlap (overlap sentences); prefer one that really covers the offset.
        for j in range(i, max(-1, i - 6), -1):
            p, s, e, section = self._spans[j]
            if p == page and s <= offset < e:
                return section
        return self._spans[i][3]

    def sentence_text(self, sentence: Sentence) -> str:
        """The sentence with whitespace folded and a heading it was glued to removed ("Taakstellingen
        Om beter uit te komen ..."): ingestion knows the headings, sentence splitting does not; a
        heading line it does not know is told by its layout (`heading_lines`)."""
        skip = self.heading_lines(sentence.page, sentence.start, sentence.end)
        text = " ".join(sentence.text[skip:].split())
        for part in self.section_at(sentence.page, sentence.start).split(" > "):
            label = part.strip()
            bare = re.sub(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+", "", label)
            for form in (label, bare):
                at = text.find(form + " ") if len(form) > 3 else -1
                if at >= 0 and len(text) > at + len(form) + 10:
                    text = text[at + len(form) :].strip()
        return text

    def heading_lines(self, page: int, start: int, end: int) -> int:
        """How many characters of page[start:end] are heading lines glued before a sentence
        ("Inhoudelijk perspectief" / "We streven naar ..."): each a line of its own, short beside the
        page's full lines, without a closing stop or comma and not ending in a word that runs on,
        with a capital opening the next line."""
        text = self.texts[page]
        at = start
        while at < end and text[at].isspace():
            at += 1
        if text[:at].rsplit("\n", 1)[-1].strip():
            return 0  # the sentence starts inside a line: its first words are no line of their own
        full = self._full_line(page)
        while True:
            cut = text.find("\n", at, end)
            if cut < 0:
                return at - start
            line, rest = text[at:cut].strip(), text[cut + 1 : end].lstrip()
            if not (
                line
                and len(line) < _HEADING_SHARE * full
                and len(line.split()) <= _HEADING_MAX_WORDS
                and not line.endswith((".", ",", ";", ":", "-", "(", "&"))
                and line.split()[-1].lower() not in _RUNS_ON
                and rest[:1].isupper()
                and len(rest.split()) >= _HEADING_MAX_WORDS
            ):
                return at - start
            at = cut + 1

    @cached_property
    def _full_lines(self) -> dict[int, int]:
        out = {}
        for number, text in self.texts.items():
            lengths = sorted(len(line.strip()) for line in text.split("\n") if line.strip())
            out[number] = lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0
        return out

    def _full_line(self, page: int) -> int:
        """The length of a full line of running text on the page (its 90th percentile)."""
        return self._full_lines.get(page, 0)

    def fragmented(self, sentence: Sentence) -> bool:
        """Text set in narrow columns or graphics ("W erk maken van werk We willen zoveel mogelij k"),
        or a sentence that runs into a footnote."""
        words = len(sentence.text.split())
        if re.search(r"\n[¹²³⁴⁵⁶⁷⁸⁹⁰*]", sentence.text) or re.match(r"^[¹²³⁴⁵⁶⁷⁸⁹⁰*]", sentence.text):
            return True
        return words >= 6 and words / (sentence.text.count("\n") + 1) < 3

    def quote(self, first: int, last: int) -> str:
        """Lines first..last (inclusive) joined as the page shows them to `verify` (whitespace folded)."""
        return " ".join(line.stripped for line in self.lines[first : last + 1])

    def verify(self, quote: str, page: int) -> Citation | None:
        """The citation for `quote` on `page` (or starting on the page before, for split rows)."""
        pages = [page] + ([page - 1] if page - 1 in self.texts else [])
        return verify(self.doc_id, quote, pages, self.page_text)
