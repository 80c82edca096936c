"""Headings and section paths from plain text (pypdf gives no font information we rely on).

Numbered headings ("2.", "2.6 Titel", "Hoofdstuk 3", "Bijlage IV") and short title-like lines
followed by body text. Numbers must move forward ("1 Bevorderen ..." after "3.3" is a list item,
not a chapter) and runs of same-level numbers are lists ("1. Identiteitsbewijs\n2. Inkomen").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.lexicon import HAS_WORD, LONE_BULLET

_NUMBERED = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){0,3})(?P<dot>\.?)\s+(?P<title>\S.*)$")
_LABELLED = re.compile(
    r"^(?P<kind>Hoofdstuk|Bijlage|Deel|Paragraaf|Programmalijn)\s+(?P<num>[IVXLC]+|\d{1,2}[a-z]?)\b"
    r"[:.]?\s*(?P<title>.*)$",
    re.IGNORECASE,
)
_DOELENBOOM = re.compile(r"^Doelenboom\s+[A-Z][\w ,&-]{2,60}$")
# A programme budget's paragraphs have a name, no number ("Paragraaf Lokale heffingen"), and number
# their sections afresh ("1.1 Inleiding").
_NAMED_PARAGRAPH = re.compile(r"^Paragraaf\s+(?P<title>[A-Z][^\d]*)$")
_TOC_TITLE = re.compile(r"^(?:inhoudsopgave|inhoud|inhoudstafel)$", re.IGNORECASE)
_PAGE_REF = re.compile(r"^(?:\.{2,}\s*)?\d{1,3}$")
_LEADER = re.compile(r"\s*\.{2,}\s*$")  # the dots that lead a contents entry to its page
_SECTION_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?$")  # "5.1." on a line of its own
_MAX_TITLE_WORDS = 12
_MAX_PLAIN_TITLE_WORDS = 8
_MAX_TITLE_CHARS = 90
_SENTENCE_END = (".", ";", ",", "|")


@dataclass(frozen=True)
class Heading:
    """A detected heading; `number` is () for unnumbered ones, `label` is what a section path shows."""

    label: str
    number: tuple[int, ...] = ()
    # "numbered", "labelled" (Bijlage/Hoofdstuk), "paragraph" (a budget's named paragraph) or "plain"
    kind: str = "numbered"

    @property
    def level(self) -> int:
        return len(self.number) if self.number else 1


def _title_ok(title: str, max_words: int) -> bool:
    title = title.strip()
    if not title or len(title) > _MAX_TITLE_CHARS or len(title.split()) > max_words:
        return False
    if title.endswith(_SENTENCE_END) or title.endswith("-"):
        return False
    first = title[0]
    return first.isupper() or first in "'‘\"“("


def numbered_heading(line: str) -> Heading | None:
    """The heading a line would be if it stood alone: "2.3 Werk en inkomen" -> (2, 3)."""
    if _DOELENBOOM.match(line) and len(line.split()) <= 6:
        return Heading(label=line.strip(), kind="labelled")
    named = _NAMED_PARAGRAPH.match(line)
    if named and _title_ok(named.group("title"), _MAX_PLAIN_TITLE_WORDS):
        return Heading(label=line.strip(), kind="paragraph")
    labelled = _LABELLED.match(line)
    if labelled and len(line.split()) <= _MAX_TITLE_WORDS and not line.endswith(_SENTENCE_END):
        kind = labelled.group("kind").capitalize()
        title = labelled.group("title").strip()
        label = f"{kind} {labelled.group('num')}" + (f" {title}" if title else "")
        return Heading(label=label.rstrip(":"), kind="labelled")
    match = _NUMBERED.match(line)
    if not match:
        return None
    number = tuple(int(part) for part in match.group("num").split("."))
    # Sub-section titles are longer ("5.2 Programmalijn 1: Stimuleren van maximaal gebruik ...").
    if not _title_ok(match.group("title"), _MAX_TITLE_WORDS + (3 if len(number) > 1 else 0)):
        return None
    if number[0] == 0 or (len(number) == 1 and number[0] > 30):
        return None
    title = match.group("title").strip()
    if re.match(r"^\d", title) or not HAS_WORD.search(title):
        return None  # "2 2017 2018", "2 (31/5)": numbers in a row, not a heading
    return Heading(label=f"{match.group('num')} {title}", number=number)


def plain_heading(line: str, prev_line: str, next_line: str) -> Heading | None:
    """A short capitalised line between a finished sentence and body text ("Connectiviteit")."""
    if not _title_ok(line, _MAX_PLAIN_TITLE_WORDS) or line.startswith("- "):
        return None
    if not re.search(r"[^\W\d_]{3}", line) or ":" in line:
        return None
    if prev_line and not prev_line.rstrip().endswith((".", ":", "!", "?", "”", '"', "’")):
        return None
    if LONE_BULLET.match(prev_line):
        return None  # "- 3." / "Kinderen en jongeren ...": the title of a list item, not a heading
    # Body text follows: a long line, or one that reads as a sentence. Table cells do not.
    nxt = next_line.strip()
    if not nxt or nxt.startswith("|") or nxt.endswith("|"):
        return None
    return Heading(label=line.strip(), kind="plain") if len(nxt.split()) >= 7 else None


class SectionTracker:
    """Keeps the current section path while headings are fed in document order."""

    def __init__(self) -> None:
        self._numbered: list[Heading] = []
        self._plain: Heading | None = None

    @property
    def path(self) -> str:
        labels = [h.label for h in self._numbered]
        if self._plain is not None:
            labels.append(self._plain.label)
        return " > ".join(labels)

    def accepts(self, heading: Heading, toc: set[tuple[int | str, ...]] | None = None) -> bool:
        """Whether a numbered heading fits: it is in the table of contents, or numbers move forward."""
        if heading.kind != "numbered":
            return True
        if toc and len(heading.number) <= 2 and any(key[0] == heading.number[0] for key in toc):
            # The document lists its chapters: a numbered line is a heading only if listed there.
            return _toc_key(heading) in toc
        if toc and len(heading.number) == 1 and any(len(key) == 2 for key in toc):
            # A chapter number the contents do not list ("5 Meer middelen" after a contents that
            # ends at 4) is a numbered list item.
            return False
        if self._numbered and self._numbered[0].kind == "paragraph" and len(heading.number) < 2:
            # A named paragraph numbers its sections "1.1", "1.2"; a "1." in it is a list item
            # ("De iVisie onderscheidt vijf sporen:" / "1. Goede dienstverlening").
            return False
        current = [h.number for h in self._numbered if h.number]
        if not current:
            return heading.number[0] <= 9
        last = current[-1]
        new = heading.number
        if new[0] > last[0]:
            return new[0] - last[0] <= 2 and len(new) <= 2
        if new[0] < last[0]:
            return False
        # Same chapter: a deeper or later sub-number ("3.2" after "3" or "3.1").
        return len(new) > 1 and new > last

    def push(self, heading: Heading) -> None:
        if heading.kind == "plain":
            self._plain = heading
            return
        self._plain = None
        if heading.kind in ("labelled", "paragraph"):
            self._numbered = [heading]
            return
        # Nest under the nearest heading whose number is a prefix of this one.
        while self._numbered and not _is_parent(self._numbered[-1], heading):
            self._numbered.pop()
        self._numbered.append(heading)


def _is_parent(parent: Heading, child: Heading) -> bool:
    if parent.kind == "paragraph":
        return True  # "Paragraaf Lokale heffingen" > "1.1 Inleiding"
    p, c = parent.number, child.number
    return bool(p) and len(p) < len(c) and c[: len(p)] == p


def detect_headings(lines: list[str]) -> list[Heading | None]:
    """For each line, the heading it opens (or None), with list runs and numbering checked.

    Lines are the whole document's cleaned lines in order (page breaks removed), so that a
    heading at the bottom of a page is judged by the body text at the top of the next.
    """
    tracker = SectionTracker()
    out: list[Heading | None] = []
    candidates = [numbered_heading(line) for line in lines]
    toc_lines = _toc_lines(lines, candidates)
    toc = {_toc_key(h) for i, h in enumerate(candidates) if i in toc_lines and h and h.kind == "numbered"}
    for i, line in enumerate(lines):
        heading = candidates[i]
        if i in toc_lines:
            out.append(None)
            continue
        if heading is not None and heading.kind == "numbered" and _in_list_run(candidates, i):
            heading = None
        if heading is not None and not tracker.accepts(heading, toc):
            heading = None
        if heading is None and candidates[i] is None:
            prev_line = lines[i - 1] if i else ""
            next_line = lines[i + 1] if i + 1 < len(lines) else ""
            heading = plain_heading(line, prev_line, next_line)
        if heading is not None:
            tracker.push(heading)
        out.append(heading)
    return out


def toc_lines(lines: list[str]) -> set[int]:
    """Indices of the lines that belong to a table of contents (see `_toc_lines`)."""
    return _toc_lines(lines, [numbered_heading(line) for line in lines])


def _toc_key(heading: Heading) -> tuple[int | str, ...]:
    """Number plus the first letters of the title: TOC entries are often cut or wrapped."""
    title = heading.label.split(" ", 1)[1] if " " in heading.label else ""
    letters = re.sub(r"[^a-z]", "", title.lower())[:10]
    return (*heading.number, letters) if heading.number else (letters,)


def _toc_lines(lines: list[str], candidates: list[Heading | None]) -> set[int]:
    """Lines of a table of contents: after "Inhoudsopgave", entries and page numbers alternate.

    Entries may be split over lines ("2.2." / "Overige beleidsnota's en" / "(actie)plannen" / "8");
    the table ends at the first line of running text.
    """
    out: set[int] = set()
    for start, line in enumerate(lines):
        if not _TOC_TITLE.match(line.strip()):
            continue
        for i in range(start + 1, len(lines)):
            text = _LEADER.sub("", lines[i].strip())
            following = lines[i + 1] if i + 1 < len(lines) else ""
            # A line followed by running text is the first real heading (or text): the TOC is over.
            # An entry's number on a line of its own ("5.1.") ends in a dot but is no sentence.
            sentence = text.endswith((".", ",")) and not _SECTION_NUMBER.match(text)
            if len(text.split()) > 10 or sentence or len(following.split()) > 10:
                break
            out.add(i)
        _merge_split_toc_entries(lines, candidates, out)
    return out


def _merge_split_toc_entries(lines: list[str], candidates: list[Heading | None], toc: set[int]) -> None:
    """ "2.2." on one line and its title on the next: give the number line a heading candidate."""
    for i in sorted(toc):
        if _SECTION_NUMBER.match(lines[i].strip()) and i + 1 in toc:
            title = _LEADER.sub("", lines[i + 1].strip())  # "Kaders van ons beleid....."
            candidates[i] = numbered_heading(f"{lines[i].strip()} {title}")


def _in_list_run(candidates: list[Heading | None], i: int) -> bool:
    """Numbered lines directly after each other at the same level form a list, not headings."""
    here = candidates[i]
    if here is None:
        return False
    for j in (i - 1, i + 1):
        other = candidates[j] if 0 <= j < len(candidates) else None
        if other is not None and other.kind == "numbered" and len(other.number) == len(here.number):
            return True
    return False


def section_paths(lines: list[str]) -> list[str]:
    """The section path in force at each line (the heading line itself opens its section)."""
    tracker = SectionTracker()
    paths: list[str] = []
    for heading in detect_headings(lines):
        if heading is not None:
            tracker.push(heading)
        paths.append(tracker.path)
    return paths
