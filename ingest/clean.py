"""Clean pypdf page texts without ever changing what the words say.

Every edit here keeps the cleaned text verifiable against the raw page with the scorer's
`quote_on` (NFKC, collapsed whitespace, joined hyphenation, compact fallback): we only delete
running headers/footers and markup, join hyphenated line ends, normalise ligatures, bullets and
whitespace, and insert line breaks. Words are never reordered or rewritten.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from assistant.lexicon import (
    FIGURE_WITH_YEAR,
    HAS_WORD,
    INDICATOR_ROW,
    LONE_FIGURE_CELL,
    SYMBOL_BULLETS,
    TABLE_TITLE,
    YEAR_PLACEHOLDER,
    YEAR_TEXT,
)
from assistant.types import Page

# Lines looked at for running headers/footers at each end of a page.
_EDGE_LINES = 3
# A line is a running header/footer when it stands at a page edge on this share of the pages.
_REPEAT_SHARE = 0.5
_MIN_REPEAT_PAGES = 3

# Bullets of Word's Symbol and Wingdings fonts stay private-use characters: only at a line's start
# (where this class is matched) are they surely bullets.
_BULLET_CHARS = "\x7f•▪●◦■□▫‣⁃∙·–—-*" + SYMBOL_BULLETS
_BULLET_LINE = re.compile(rf"^(?:[{re.escape(_BULLET_CHARS)}]\s*)+(?=\S|$)")
_PAGE_NUMBER = re.compile(
    r"^(?:(?:pagina|page|blz\.?|p\.)\s*\d+(?:\s*(?:van|/|of)\s*\d+)?"
    r"|\d+\s*(?:/|van|of)\s*\d+"
    r"|[-–]\s*\d+\s*[-–])$",
    re.IGNORECASE,
)
_HTML_P = re.compile(r"</?p\s*>|</?p$|^>$", re.IGNORECASE)
# A heading glued to its first sentence: "2.3 Werk en inkomenDe gemeente ..."
_NUMBERED_START = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|Hoofdstuk \d+|Bijlage [IVX\d]+:?)\s+[A-Z]")
_GLUE = re.compile(r"(?<=[a-zà-ÿ])(?=[A-Z][a-zà-ÿ])")
# A year glued to a numbered heading: "december 20161. Inleiding".
_YEAR_GLUE = re.compile(rf"(?<=\b{YEAR_TEXT})(?=\d{{1,2}}\.\s+[A-Z][a-z])")
_HYPHEN_END = re.compile(r"(\w+)-$")
# A capitalised word before the hyphen, in a line of words: table headers stack lone half-words
# ("Onvol-", "2022 2023 Vol-", "Stijgings- Stijgings-") that are not names.
_NAME_HYPHEN_END = re.compile(r"[^\W\d_]{2},?\s+[A-Z][a-z\u00e0-\u00ff]+-$")
_NAME_START = re.compile(r"[A-Z][a-z\u00e0-\u00ff]+\b")
_MIN_CELLS = 3  # figure cells under a label that make it a row
_INDICATOR_ROW_LINES = 8
_INDICATOR_HEADER_LINES = 10  # column names wrapped a word a line ("Realisatie" / "Wassenaar" / "(jaartal)")
_NARROW_CELL_CHARS = 40  # a line no longer than this may be a table cell that broke a word
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")  # letters, hyphenated parts kept ("Gegevens-bron")
_LAST_WORD = re.compile(rf"(?<![\w-]){_WORD.pattern}$")
_FIRST_WORD = re.compile(r"[^\W\d_]+(?=[\s.,;:)]|$)")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x80-\x9f\u200c-\u200f\ufeff]")


def clean_pages(raw: list[str]) -> list[Page]:
    """One cleaned Page per raw page text (1-based numbers), in order."""
    pages = [_normalise_lines(text) for text in raw]
    repeated = _repeated_edge_lines(pages)
    vocabulary = _vocabulary(pages)
    out: list[Page] = []
    for index, lines in enumerate(pages):
        lines = _strip_edges(lines, repeated, index + 1)
        lines = _merge_lone_bullets(lines)
        lines = _join_hyphenated(lines)
        lines = _join_broken_words(lines, vocabulary)
        lines = _join_cell_columns(lines)
        lines = _join_indicator_header(_join_indicator_rows(lines))
        lines = [part for line in lines for part in _split_glued(line)]
        out.append(Page(number=index + 1, text="\n".join(_squeeze_blank(lines))))
    return out


def _normalise_lines(text: str) -> list[str]:
    text = text.replace("\u00ad", "").replace("\r\n", "\n").replace("\r", "\n")
    lines = []
    for raw_line in text.split("\n"):
        # The bullet glyph pypdf gives for Symbol-font bullets is DEL; map it before dropping controls.
        line = raw_line.replace("\x7f", "•")
        line = _nfkc(_CONTROL.sub("", line))
        line = _HTML_P.sub(" ", line)
        line = _SPACES.sub(" ", line).strip()
        lines.append(_normalise_bullet(line))
    return lines


_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"


def _nfkc(line: str) -> str:
    """NFKC (ligatures, full-width forms) except for superscript digits.

    "⁵ We hebben ..." is a footnote; NFKC would turn it into "5 We hebben ...", a chapter heading.
    """
    if not any(c in _SUPERSCRIPTS for c in line):
        return unicodedata.normalize("NFKC", line)
    return "".join(c if c in _SUPERSCRIPTS else unicodedata.normalize("NFKC", c) for c in line)


def _normalise_bullet(line: str) -> str:
    match = _BULLET_LINE.match(line)
    if not match:
        return line
    marker = match.group()
    rest = line[match.end() :]
    # "-150" or "–5" is a number, "--" and "-- 2" are not bullets we can be sure of; a bullet is
    # a marker followed by a space (or nothing: a lone bullet whose text is on the next line).
    if rest and not marker[-1].isspace() and marker.strip() in "-–—":
        return line
    if marker.strip() == "*" and rest:
        return line  # footnote markers ("* Deze stelpost ...") are text, not bullets
    return "- " + rest if rest else "-"


def _edge_key(line: str, page_number: int) -> str:
    """The line with this page's number blanked: "Kadernota - pagina 7" repeats as "... pagina #".

    Only the page number is blanked: body lines that differ in other numbers are not running text.
    """
    return re.sub(rf"(?<!\d){page_number}(?!\d)", "#", line.lower())


def _repeated_edge_lines(pages: list[list[str]]) -> set[str]:
    counts: Counter[str] = Counter()
    for number, lines in enumerate(pages, 1):
        body = [line for line in lines if line]
        edges = body[:_EDGE_LINES] + body[-_EDGE_LINES:]
        counts.update({_edge_key(line, number) for line in edges})
    need = max(_MIN_REPEAT_PAGES, int(len(pages) * _REPEAT_SHARE + 0.5))
    return {key for key, n in counts.items() if n >= need and key.strip("#| ")}


def _is_running(line: str, repeated: set[str], page_number: int) -> bool:
    if _edge_key(line, page_number) in repeated or _PAGE_NUMBER.match(line):
        return True
    # A bare number at the very edge is only a page number when it is this page's number.
    return line.isdigit() and int(line) == page_number


def _strip_edges(lines: list[str], repeated: set[str], page_number: int) -> list[str]:
    start, end = 0, len(lines)
    for _ in range(_EDGE_LINES):
        while start < end and not lines[start]:
            start += 1
        if start < end and _is_running(lines[start], repeated, page_number):
            start += 1
    for _ in range(_EDGE_LINES):
        while end > start and not lines[end - 1]:
            end -= 1
        if end > start and _is_running(lines[end - 1], repeated, page_number):
            end -= 1
    return lines[start:end]


def _merge_lone_bullets(lines: list[str]) -> list[str]:
    out: list[str] = []
    pending = False
    for line in lines:
        if line == "-" and not pending:
            pending = True
            continue
        if pending:
            pending = False
            # A lone dash before a sentence is its bullet; before a short cell it is an empty value.
            if len(line.split()) >= 5 and not line.startswith("- "):
                line = "- " + line
            else:
                out.append("-")
        out.append(line)
    if pending:
        out.append("-")
    return out


def _join_hyphenated(lines: list[str]) -> list[str]:
    """Join "ondersteu-" + "ning" into one line; keep the hyphen of compounds like "Wmo-loket"."""
    out: list[str] = []
    for line in lines:
        if out and _NAME_HYPHEN_END.search(out[-1]) and _NAME_START.match(line):
            # "Midden-\nDelfland", "Noord-\nNederland": a name broken at its own hyphen.
            out[-1] += line
            continue
        if out and line and line[0].islower() and not line.startswith("- "):
            prev = out[-1]
            match = _HYPHEN_END.search(prev)
            if match and not prev.endswith(" -") and not prev.endswith("|"):
                left = match.group(1)
                first_word = line.split(" ", 1)[0]
                out[-1] = prev[:-1] + ("-" if _keeps_hyphen(left, first_word) else "") + line
                continue
        out.append(line)
    return out


@dataclass(frozen=True)
class _Vocabulary:
    """The words a document prints (lower case), and those it prints inside a line, neither first
    nor last: a half of a broken word only ever stands at a line's edge."""

    printed: frozenset[str]
    inside: frozenset[str]


def _vocabulary(pages: list[list[str]]) -> _Vocabulary:
    printed: set[str] = set()
    inside: set[str] = set()
    for lines in pages:
        for line in lines:
            found = [w.lower() for w in _WORD.findall(line)]
            printed.update(found)
            inside.update(found[1:-1])
    return _Vocabulary(frozenset(printed), frozenset(inside))


def _join_broken_words(lines: list[str], vocabulary: _Vocabulary) -> list[str]:
    """A word a narrow table cell broke over two lines without a hyphen ("aangeeft vrij" /
    "willigerswerk te doen", "nodig met on" / "dersteuning") is put back together on the second
    line, when the document prints the whole word elsewhere and one of the halves is never
    printed inside a line: "in" / "zet" stay two words. Only in a narrow column: a full line that
    ends "het meerjarenbeeld aan" goes on with "bod", not with the rest of a word."""
    out: list[str] = []
    for line in lines:
        prev = out[-1] if out else ""
        left = _LAST_WORD.search(prev)
        right = _FIRST_WORD.match(line)
        if left and right and line[:1].islower() and len(prev) <= _NARROW_CELL_CHARS:
            head, tail = left.group(), right.group()
            whole = f"{head}{tail}".lower()
            halves_are_words = head.lower() in vocabulary.inside and tail.lower() in vocabulary.inside
            if whole in vocabulary.printed and not halves_are_words:
                rest = prev[: left.start()].rstrip()
                if rest:
                    out[-1] = rest
                else:
                    out.pop()
                out.append(head + line)
                continue
        out.append(line)
    return out


def _join_cell_columns(lines: list[str]) -> list[str]:
    """A table row that pypdf printed a cell a line ("Tractie", "54.500", "-", "-", "54.500",
    blank lines between) becomes one line, as other printed rows are: "Tractie 54.500 - - 54.500".
    Only a label with letters followed by at least `_MIN_CELLS` figure cells, each after a blank
    line; a year, a section number ("6.2.") or a word ends the run."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        cells: list[str] = []
        j = i + 1
        if HAS_WORD.search(line) and not LONE_FIGURE_CELL.match(line):
            # Cells apart by blank lines: a loose table (a cell a line, none between) is read
            # as such by `ingest.tables`.
            while j + 1 < len(lines) and not lines[j] and LONE_FIGURE_CELL.match(lines[j + 1]):
                cells.append(lines[j + 1])
                j += 2
        if len(cells) >= _MIN_CELLS:
            out.append(" ".join([line, *cells]))
            i = j
            continue
        out.append(line)
        i += 1
    return out


def _join_indicator_rows(lines: list[str]) -> list[str]:
    """A row of the BBV indicator table (programme, number, indicator, unit, source, value with
    its year) wrapped over lines ("2 21. Banen" / "Aantal per 1.000" / "inwoners" / ... /
    "LISA 663,6 (2022) 825,3 (2022)") becomes one line, as the table prints it when it fits:
    the indicator's name must stand with its figure. Up to the line that gives the figure with
    its year; a row that never does is left as it is."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        end = _indicator_row_end(lines, i) if INDICATOR_ROW.match(lines[i]) else None
        if end is not None:
            out.append(" ".join(line.strip() for line in lines[i : end + 1]))
            i = end + 1
            continue
        out.append(lines[i])
        i += 1
    return out


def _join_indicator_header(lines: list[str]) -> list[str]:
    """The column names of the BBV indicator table wrapped a word a line under its caption ("Progr. Nr. Naam
    Indicator Eenheid Bron" / "Realisatie" / "Wassenaar" / "(jaartal)" / ...) become one line, so
    the names read as the header they are and not as the start of the first row's label."""
    out = list(lines)
    i = len(out)
    while i > 1:
        i -= 1
        if not INDICATOR_ROW.match(out[i]) or INDICATOR_ROW.match(out[i - 1]):
            continue
        start = i
        while start > 0 and i - start < _INDICATOR_HEADER_LINES and out[start - 1].strip():
            if TABLE_TITLE.match(out[start - 1]) or INDICATOR_ROW.match(out[start - 1]):
                break
            start -= 1
        header = out[start:i]
        if len(header) > 1 and any(YEAR_PLACEHOLDER.search(line) for line in header):
            out[start:i] = [" ".join(line.strip() for line in header)]
            i = start
    return out


def _indicator_row_end(lines: list[str], start: int) -> int | None:
    """The line that gives the figure of the indicator row opening at `start`, or None when a blank
    line or the next row comes first, or none within `_INDICATOR_ROW_LINES`."""
    for j in range(start, min(start + _INDICATOR_ROW_LINES, len(lines))):
        if FIGURE_WITH_YEAR.search(lines[j]):
            return j
        if j > start and (not lines[j] or INDICATOR_ROW.match(lines[j])):
            return None
    return None


def _keeps_hyphen(left: str, right_word: str) -> bool:
    # "Wmo-loket", "GGZ-", "VN-verdrag": an acronym or capitalised stem keeps its hyphen;
    # "jeugd-\nsport- en cultuurfonds" is an enumeration of compounds, not a broken word.
    short_capital = left[:1].isupper() and len(left) <= 4
    return short_capital or any(c.isdigit() for c in left) or right_word.endswith("-")


def _split_glued(line: str) -> list[str]:
    line = _YEAR_GLUE.sub("\n", line)
    parts = line.split("\n")
    out: list[str] = []
    for part in parts:
        out.extend(_split_heading_glue(part))
    return out


def _split_heading_glue(line: str) -> list[str]:
    """ "2.3 Werk en inkomenDe gemeente ..." -> heading and body on their own lines.

    Only for a numbered/labelled start and a short left part: CamelCase names elsewhere
    ("PvdA", "SamenDoen") must stay intact.
    """
    if not _NUMBERED_START.match(line):
        return [line]
    for match in _GLUE.finditer(line):
        left, right = line[: match.start()], line[match.start() :]
        if 2 <= len(left.split()) <= 10 and len(right.split()) >= 3:
            return [left, right]
        break
    return [line]


def _squeeze_blank(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return out
