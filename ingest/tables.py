"""Tables in pypdf text, where cells come one per line.

Two shapes occur: cells ending in " |" (web-to-PDF exports: "Huidig budget |", "17.246 |", ...)
and bare cells one per line without separators. Rows are rebuilt as a label followed by its
values; a row is the unit that is never split. We only group lines, we never reorder them, so
every row stays verifiable against the page text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from assistant.amounts import find_amounts, parse_amount, unit_multiplier
from assistant.lexicon import (
    ABBREVIATIONS,
    HAS_WORD,
    INDICATOR_START,
    TABLE_COLUMN_WORDS,
    TABLE_TITLE,
    TABLE_UNIT,
    VALUE_CELL,
    YEAR,
    YEAR_PLACEHOLDER,
    fold,
)
from ingest.spaced_tables import SpacedTable, find_spaced_tables
from ingest.structure import numbered_heading

_PIPE_LINE = re.compile(r"\|\s*$|^\s*\|+\s*$")
_INLINE_ROW = re.compile(r"\S\s*\|\s*\S.*\|\s*\S|\S {2,}\S.* {2,}\S")
_WORD_VALUE = re.compile(r"^(?:i|s|i/s|i / s|ja|nee|pm|p\.m\.|-|–|n\.n\.b\.|nvt|n\.v\.t\.?)$", re.IGNORECASE)
_LOOSE_MAX_WORDS = 8
_LOOSE_MAX_CHARS = 60
_LOOSE_MIN_LINES = 8
_LOOSE_MIN_VALUES = 3
_LOOSE_VALUE_SHARE = 0.25
_MAX_HEADER_LINES = 16  # caption and column names of a loose table, at most
_CONTINUE_LINES = 40  # a table continued after a goal line or a page break: this close at most
_SOURCE_LINES = 2  # lines a source cell may take besides its first
# A short note in brackets under a value: "12.460" / "(plus 65)", "489" / "(31/5)".
_VALUE_NOTE = re.compile(r"^\([^()]{1,30}\)$")


@dataclass(frozen=True)
class Row:
    """Lines [start, end) of the document's line list that make up one table row."""

    start: int
    end: int
    cells: tuple[str, ...]
    join_label: bool = True  # False when the source already separates every cell ("inline")

    @property
    def label(self) -> str:
        return " ".join(c for c in self.cells if not is_value(c))

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(c for c in self.cells if is_value(c))

    def render(self) -> str:
        """`label | v1 | v2 | ...`: the cells in source order, so that it matches the page text."""
        if not self.join_label:
            return " | ".join(self.cells)
        label: list[str] = []
        values: list[str] = []
        for cell in self.cells:
            if not values and not is_value(cell):
                label.append(cell)
            else:
                values.append(cell)
        # Text after the last value is one cell, whatever its lines: "Stichting" / "Evenmens".
        last = max((k for k, cell in enumerate(values) if is_value(cell)), default=len(values) - 1)
        if len(values) - last > 2:
            values = [*values[: last + 1], " ".join(values[last + 1 :])]
        return " | ".join([" ".join(label), *values] if label else values)


@dataclass(frozen=True)
class Table:
    """A table found in lines [start, end); the header occupies [start, header_end)."""

    start: int
    end: int
    header_end: int
    header: tuple[str, ...]
    unit: str
    rows: tuple[Row, ...] = field(default=())
    # "pipe" (cells end in "|"), "inline" (one row a line), "loose", "spaced" or "columns" (column by column)
    kind: str = "pipe"
    captions: int = 0  # header lines before the column names ("Metingen en verplichte indicatoren")
    inherited: bool = False  # the header is that of the table this one continues

    @property
    def header_on_page(self) -> bool:
        """Whether the header text stands on the page right above the rows (a spaced table's is
        rebuilt, a continued table's stands above the part it continues)."""
        return self.kind != "spaced" and not self.inherited

    def header_text(self) -> str:
        """The header as its column names, one a cell: a loose table's header comes a line at a
        time and a column name may take several lines ("Streefwaarde / Begroting / 2025")."""
        return " | ".join(self.columns())

    def columns(self) -> tuple[str, ...]:
        """The label column's name and one name per value column. In a loose header a column
        name ends at its year line; what stands in front of the first column's name is the label
        column's, and names after the last year are one line each ("Op koers", "Bron"). Kept
        only when it gives most rows a name per cell; else the header lines as they are."""
        header = self.header
        if self.kind != "loose" or not any(_year_line(line) for line in header):
            return header
        caption = self.captions or (1 if TABLE_TITLE.match(header[0]) else 0)
        groups: list[list[str]] = []
        current: list[str] = []
        for line in header[caption:]:
            current.append(line)
            if _year_line(line):
                groups.append(current)
                current = []
        groups += [[line] for line in current]
        first = groups[0]
        if len(first) < 2:
            return header
        # "Almelo 2015" names its column alone; a bare "(2023)" takes the name above it
        # ("Peilwaarde"), unless that is all there is in front of it ("Omschrijving / 2019").
        bare = not re.sub(r"[\d()/\s-]", "", YEAR_PLACEHOLDER.sub("", first[-1]))
        split = len(first) - (2 if bare and len(first) >= 3 else 1)
        names = (
            " ".join([*header[:caption], *first[:split]]),
            " ".join(first[split:]),
            *(" ".join(group) for group in groups[1:]),
        )
        widths = Counter(len(row.render().split(" | ")) - 1 for row in self.rows)
        return names if widths and widths.most_common(1)[0][0] == len(names) - 1 else header

    def multiplier(self) -> float:
        return unit_multiplier(self.unit)

    def amounts(self, rows: tuple[Row, ...] | list[Row]) -> tuple[float, ...]:
        """Euro amounts of the given rows: bare numbers count only when the unit says euros."""
        euro_unit = "€" in self.unit
        out: list[float] = []
        for row in rows:
            for cell in row.values:
                if "%" in cell:
                    continue
                if euro_unit or "€" in cell:
                    value = parse_amount(cell.split("(")[0].strip().rstrip("*"), self.multiplier())
                    if value is not None and not YEAR.fullmatch(cell.strip()):
                        out.append(value)
            if not euro_unit:
                out.extend(v for raw, v in find_amounts(row.label) if raw)
        return tuple(out)


def is_value(cell: str) -> bool:
    """A cell that holds a number, an amount, a percentage or a placeholder ("PM", "-", "i")."""
    cell = cell.strip()
    if cell.endswith(")") and "(" in cell:
        head, _, note = cell.rpartition("(")
        if head.strip() and _VALUE_NOTE.match(f"({note}") and is_value(head):
            return True  # "12.460 (plus 65)"
    return bool(VALUE_CELL.match(cell) or _WORD_VALUE.match(cell) or cell.startswith("€"))


def _cells(line: str) -> list[str]:
    if "|" in line:
        return [c.strip() for c in line.split("|") if c.strip()]
    return [c.strip() for c in re.split(r" {2,}", line) if c.strip()]


def detect_unit(text: str) -> str:
    """The unit a table states: "(bedragen x € 1 .000)", else "€", "%" or "aantal" when evident."""
    match = TABLE_UNIT.search(text)
    if match:
        return match.group().strip()
    if "€" in text:
        return "€"
    if "%" in text:
        return "%"
    return "aantal" if re.search(r"\baantal", text, re.IGNORECASE) else ""


def find_tables(lines: list[str]) -> list[Table]:
    """All tables in a document's cleaned lines (page breaks removed), in order, not overlapping.

    Spaced tables (a row a line) go first: their wrapped header lines ("Streefwaarde", "2025 (%)")
    would otherwise read as the short cells of a loose table.
    """
    spaced = [_from_spaced(t) for t in find_spaced_tables(lines)]
    in_spaced = {i for t in spaced for i in range(t.start, t.end)}
    rest = [("" if i in in_spaced else line) for i, line in enumerate(lines)]
    scan = _Scan(rest)
    tables: list[Table] = list(spaced)
    headed: Table | None = None  # the last loose table with column names, for those that continue it
    i = 0
    while i < len(rest):
        table = None if i in in_spaced else (_pipe_table(scan, i) or _loose_table(scan, i))
        if table is None:
            i += 1
            continue
        if table.kind == "loose":
            table = _continued(scan, table, headed)
            if _year_columns(table.header):
                headed = table
            if not table.rows:
                # Column names alone (a goal line cut them off): a block of their own, as lines,
                # kept apart from the text around them; they head the rows that follow.
                as_lines = _loose_rows(scan.lines, table.start, table.end, 0)
                table = replace(table, header=(), header_end=table.start, rows=as_lines, captions=0)
        tables.append(table)
        i = table.end
    return sorted(tables, key=lambda t: t.start)


def _year_columns(header: Sequence[str]) -> int:
    return sum(_year_line(line) for line in header)


def _continued(scan: _Scan, table: Table, headed: Table | None) -> Table:
    """A loose table without column names that continues the table above it: a goal line or a
    page break between the two ("Algemeen maatschappelijke voorzieningen zijn toegankelijk")
    ends a run of short lines, not the table. It takes that table's header when its rows have a
    value per year column of it."""
    if table.header or headed is None or table.start - headed.end > _CONTINUE_LINES:
        return table
    if scan.next_heading[headed.end] < table.start:
        return table
    widths = Counter(sum(is_value(c) for c in row.cells) for row in table.rows)
    if not widths or widths.most_common(1)[0][0] != _year_columns(headed.header):
        return table
    rows = _loose_rows(scan.lines, table.start, table.end, _trailing(headed.header))
    unit = table.unit or headed.unit
    return replace(
        table, header=headed.header, unit=unit, rows=rows, captions=headed.captions, inherited=True
    )


def _from_spaced(table: SpacedTable) -> Table:
    """A spaced table as a Table: its header is rebuilt (title, then one name per value column),
    so it is not on the page; its rows are."""
    header = (table.title, *table.columns) if table.title or table.columns else ()
    rows = tuple(
        Row(r.start, r.end, (r.label, *r.values, *((r.note,) if r.note else ())), join_label=False)
        for r in table.rows
    )
    return Table(table.start, table.end, table.header_end, header, table.unit, rows, "spaced")


def _is_pipe_line(line: str) -> bool:
    return bool(_PIPE_LINE.search(line) or _INLINE_ROW.search(line))


class _Scan:
    """What a table tried at any line needs to know about the lines after it, computed once.

    A table is tried at every line, and a try scans the run of table-like lines that follows: done
    per try, that is quadratic in a run's length (a page of a few MB of short lines took minutes).
    Run ends and prefix counts make a try that fails cost O(1); one that succeeds costs the
    table's length, and find_tables continues after it. The tables found are the same.
    """

    def __init__(self, lines: list[str]) -> None:
        n = len(lines)
        self.lines = lines
        pipe = [_is_pipe_line(line) for line in lines]
        # A loose table starts at a loose line and runs on over loose lines that are no pipe lines.
        self.loose_start = [_loose_line(line) for line in lines]
        value = [is_value(line) for line in lines]
        # pypdf leaves a blank line between the figures of one row in some Word tables ("200 kg" /
        # "" / "190 kg"): between two figures a blank line runs on.
        between = _between_values(lines, value)
        runs_on = [
            (loose and not p) or gap for loose, p, gap in zip(self.loose_start, pipe, between, strict=True)
        ]
        heading = [on and numbered_heading(line) is not None for on, line in zip(runs_on, lines, strict=True)]
        self.blank = [0] * (n + 1)  # blank lines before i
        for i, gap in enumerate(between):
            self.blank[i + 1] = self.blank[i] + gap
        # Cells may carry a list marker ("- 25%"); only lines that have one need a second look.
        dash_value = [
            is_value(line.removeprefix("- ")) if line.startswith("- ") else v
            for line, v in zip(lines, value, strict=True)
        ]
        list_item = [line.startswith("- ") and len(line.split()) > 2 for line in lines]

        self.pipe_end = [n] * (n + 1)  # end of the run of pipe lines from i (i: line i is none)
        self.loose_end = [n] * (n + 1)  # end of the run of lines a loose table runs on over
        self.next_heading = [n] * (n + 1)  # the first heading at or after i (among those lines)
        self.after_items = [n] * (n + 1)  # the first line at or after i that is no list item
        for i in range(n - 1, -1, -1):
            self.pipe_end[i] = self.pipe_end[i + 1] if pipe[i] else i
            self.loose_end[i] = self.loose_end[i + 1] if runs_on[i] else i
            self.next_heading[i] = i if heading[i] else self.next_heading[i + 1]
            self.after_items[i] = self.after_items[i + 1] if list_item[i] else i
        self.pipe_values = [0] * (n + 1)  # value cells in the pipe lines before i
        self.values = [0] * (n + 1)  # value lines before i
        self.last_dash_value = [-1] * (n + 1)  # the last value line (list marker allowed) before i
        for i, line in enumerate(lines):
            cells = sum(is_value(c) for c in _cells(line)) if pipe[i] else 0
            self.pipe_values[i + 1] = self.pipe_values[i] + cells
            self.values[i + 1] = self.values[i] + value[i]
            self.last_dash_value[i + 1] = i if dash_value[i] else self.last_dash_value[i]


def _pipe_table(scan: _Scan, start: int) -> Table | None:
    lines = scan.lines
    end = scan.pipe_end[start]
    if end - start < 3 or scan.pipe_values[end] - scan.pipe_values[start] < 2:
        return None
    cells = [(i, c) for i in range(start, end) for c in _cells(lines[i])]
    inline = all(len(_cells(lines[i])) >= 3 for i in range(start, end))
    if inline:
        rows = tuple(Row(i, i + 1, tuple(_cells(lines[i])), join_label=False) for i in range(start + 1, end))
        header = tuple(_cells(lines[start]))
        return Table(start, end, start + 1, header, detect_unit(lines[start]), rows, "inline")
    header_end, cols = _pipe_header(cells)
    rows = _rows(lines, cells, header_end, end, columns=sum(bool(YEAR.fullmatch(h)) for h in cols))
    unit = detect_unit(" ".join(cols)) or detect_unit(" ".join(lines[start:end]))
    return Table(start, end, header_end, cols, unit, rows, "pipe")


def _pipe_header(cells: list[tuple[int, str]]) -> tuple[int, tuple[str, ...]]:
    """Title/unit cells, then the column cells (years): the header ends before the first row label."""
    header: list[str] = []
    seen_column = False
    for index, cell in cells:
        column = bool(YEAR.fullmatch(cell))
        if seen_column and not column:
            return index, tuple(header)
        if is_value(cell) and not column:
            return index, tuple(header)
        seen_column = seen_column or column
        header.append(cell)
    return cells[0][0] if cells else 0, ()


def _rows(
    lines: list[str], cells: list[tuple[int, str]], first: int, end: int, columns: int
) -> tuple[Row, ...]:
    """Group cell lines into rows: label cells, then up to `columns` values (any number if 0).

    A row ends where a label follows a value, or where it has all its values; lines without cells
    ("||") stay with the row they follow, so rows cover the table's lines without gaps.
    """
    rows: list[Row] = []
    current: list[str] = []
    row_start = first
    values = 0
    for i in range(first, end):
        for cell in _cells(lines[i]):
            value = is_value(cell)
            full = columns and values >= columns
            if current and ((not value and values) or (value and full)):
                rows.append(Row(row_start, i, tuple(current)))
                current, values, row_start = [], 0, i
            current.append(cell)
            values += value
    if current or row_start < end:
        rows.append(Row(row_start, end, tuple(current)))
    return tuple(rows)


def _loose_line(line: str) -> bool:
    words = line.split()
    if not words or len(words) > _LOOSE_MAX_WORDS or len(line) > _LOOSE_MAX_CHARS:
        return False
    # Short bullet items are lists, except short markers inside table cells ("- Aantal");
    # "Subdoel: ..." and lead-ins ending in ":" are text.
    if (line.startswith("- ") and len(words) > 5) or line.endswith(":") or re.match(r"^\w+: \S", line):
        return False
    # A final period ends a sentence, unless it ends an abbreviation ("regelingen (m.n.", "bij St.").
    return not line.endswith(".") or "." in words[-1][:-1] or fold(words[-1]) in ABBREVIATIONS


def _loose_table(scan: _Scan, start: int) -> Table | None:
    if not scan.loose_start[start]:
        return None
    lines = scan.lines
    # The run of short lines, up to a chapter or "Doelenboom ..." title after its first line: such
    # a title ends the table, whatever its length.
    end = min(scan.loose_end[start], scan.next_heading[start + 1])
    # After the last value only a wrapped last cell may follow ("Interne / systemen").
    last_value = scan.last_dash_value[end]
    last_value = last_value if last_value >= start else start
    tail = last_value + 1
    while tail < min(end, last_value + 3) and _wrapped_cell(lines[tail]):
        tail += 1
    end = tail
    # Leading list items belong to the text before the table, not to the table.
    start = min(scan.after_items[start], end)
    values = scan.values[end] - scan.values[start]
    size = end - start - (scan.blank[end] - scan.blank[start])
    if size < _LOOSE_MIN_LINES or values < max(_LOOSE_MIN_VALUES, _LOOSE_VALUE_SHARE * size):
        return None
    block = lines[start:end]
    captions = _captions(lines, start, end)
    header_end = _loose_header_end(lines, start, end, captions)
    header = tuple(lines[start:header_end])
    rows = _loose_rows(lines, header_end, end, _trailing(header))
    unit = detect_unit(" ".join(header)) or detect_unit(" ".join(block))
    return Table(start, end, header_end, header, unit, rows, "loose", captions if header else 0)


def _trailing(header: Sequence[str]) -> int:
    """Source cells after a row's values: a last column named "Bron"."""
    return 1 if header and header[-1].lower() == "bron" else 0


def _captions(lines: list[str], start: int, end: int) -> int:
    """Lines of text above a loose table's column names: "Metingen en verplichte indicatoren" /
    "Wmo-cliënten met een maatwerkarrangement" / "Beleidsdoelen" / "Begroot 2020" / ... The
    column names are the short lines up to the first year line; what stands before them, when no
    value does, is the caption."""
    first_year = next(
        (j for j in range(start, min(end, start + _MAX_HEADER_LINES)) if _year_line(lines[j])), None
    )
    if first_year is None or any(is_value(lines[j]) for j in range(start, first_year)):
        return 0
    # Column names give a year each: one year before the values is a row's ("Jaarlijks" / "2019"
    # / "12,6%": the year of a measurement), not a header.
    first_value = next(
        (j for j in range(first_year, end) if is_value(lines[j]) and not _year_line(lines[j])), end
    )
    if sum(_year_line(lines[j]) for j in range(first_year, first_value)) < 2:
        return 0
    column = first_year
    while column > start and len(lines[column - 1].split()) <= 2 and not is_value(lines[column - 1]):
        column -= 1
    return column - start


def _wrapped_cell(line: str) -> bool:
    return len(line.split()) <= 2 and not line.startswith("- ")


def _loose_header_end(lines: list[str], start: int, end: int, captions: int = 0) -> int:
    """Header lines are short column names and years; without a year there is no header row.
    A caption ("Tabel 4.1 - Effectindicatoren ...", or `captions` lines of text) goes first."""
    title = 1 if TABLE_TITLE.match(lines[start]) else 0
    i = start + max(title, captions)
    has_year = False
    while i < end:
        text = lines[i].removeprefix("- ")
        year = _year_line(text)
        if not year and (len(text.split()) > 2 or is_value(text)):
            break
        has_year = has_year or year
        i += 1
    # The line right before the first value is the first row's label ("Doorbraakmethode").
    first_value = next(
        (
            j
            for j in range(start, end)
            if is_value(lines[j].removeprefix("- ")) and not YEAR.fullmatch(lines[j])
        ),
        end,
    )
    if first_value == end and has_year:
        return i  # column names alone, cut off by a goal line: no first row
    i = min(i, first_value - 1)
    if has_year and i - start >= 2 and i < end:
        return _label_start(lines, start, i, first_value, end)
    return _named_header_end(lines, start, end)


def _year_line(text: str) -> bool:
    """A line that ends a column name with its year: "2025", "Begroting 2025", or the year slot
    of a column whose cells give their own year ("(peiljaar)")."""
    if YEAR_PLACEHOLDER.fullmatch(text.strip()):
        return True
    return bool(YEAR.search(text)) and len(text.split()) <= 3 and not re.search(r"\d[.,]\d", text)


def _label_start(lines: list[str], start: int, label: int, first_value: int, end: int) -> int:
    """Where the first row's label starts. It is the line before the first value unless that
    label wraps or ends in a footnote marker ("Inwoners met / arbeidsongeschiktheidsuitkering /
    ¹"): when the header has one year line per value of that row, the lines after the last of
    them that are no column name or unit are the label's."""
    values = 0
    j = first_value
    while j < end and (
        is_value(lines[j].removeprefix("- ")) or _value_note(lines[j - 1], lines[j]) or not lines[j].strip()
    ):
        values += bool(lines[j].strip()) and not _value_note(lines[j - 1], lines[j])
        j += 1
    years = [j for j in range(start, label) if _year_line(lines[j].removeprefix("- "))]
    if not years or len(years) != values:
        return label
    after = years[-1] + 1
    while after < label and _column_name(lines[after]):
        after += 1
    return after if after - start >= 2 else label


def _named_header_end(lines: list[str], start: int, end: int) -> int:
    """A header of column names without years ("Voorstel / i/s / jaar / Financiën"): short lines
    of which at least two are common column names, up to the first row's label."""
    i = start
    named = 0
    while i < end and len(lines[i].split()) <= 2 and not re.search(r"\d", lines[i]):
        if fold(lines[i].strip()) not in TABLE_COLUMN_WORDS:
            break
        named += 1
        i += 1
    return i if named >= 2 and i < end else start


def _loose_rows(lines: list[str], first: int, end: int, trailing: int) -> tuple[Row, ...]:
    """A new row starts at a label line that follows values (after `trailing` source cells; a
    source may take a few short lines, "Stichting" / "Evenmens", up to the next row's "Aantal")."""
    rows: list[Row] = []
    row_start = first
    seen_value = False
    after = 0
    for i in range(first, end):
        if not lines[i].strip():
            continue  # a blank line between two figures of a row
        if i > first and _opens_bracket(lines[i - 1]):
            continue  # "€ 25.000 (dekking reserve" / "Sociaal Domein)": one cell over two lines
        if i > first and _value_note(lines[i - 1], lines[i]):
            continue
        value = is_value(lines[i].removeprefix("- "))
        if not value and seen_value:
            if after < trailing:
                after += 1
                continue
            if after and _source_goes_on(lines, i, end):
                continue
            rows.append(Row(row_start, i, _joined_cells(lines[row_start:i])))
            row_start, seen_value, after = i, False, 0
        seen_value = seen_value or value
    if row_start < end:
        rows.append(Row(row_start, end, _joined_cells(lines[row_start:end])))
    return tuple(rows)


def _source_goes_on(lines: list[str], i: int, end: int) -> bool:
    """Line `i`, after a row's source cell, is more of that source ("Stichting" / "Evenmens"):
    short lines up to the table's end or to the next row, which names what it counts ("Aantal
    ..."). Otherwise it starts the next row ("Minimaal aantal" / "inwoners uit ...")."""
    j = i
    while (
        j < end
        and j - i < _SOURCE_LINES
        and len(lines[j].split()) <= 2
        and not INDICATOR_START.match(lines[j])
    ):
        j += 1
    return j > i and (j == end or bool(INDICATOR_START.match(lines[j])))


def _column_name(line: str) -> bool:
    return fold(line.strip()) in TABLE_COLUMN_WORDS or bool(TABLE_UNIT.fullmatch(line))


def _between_values(lines: Sequence[str], value: Sequence[bool]) -> list[bool]:
    """Blank lines between two figures of a row whose label stands above them ("Totaal kg
    huishoudelijk restafval" / "per inwoner" / "214,4 kg" / "(2022)" / "" / "200 kg" / "" / ...):
    each figure stands alone, and a note in brackets under one ("(2022)") goes with it. Figures in
    a run of their own ("88,08" / "132,36" / "" / "1,33", a table printed column by column) keep
    their blank lines, as do figures after a line without a word ("210.000 117.318")."""
    n = len(lines)
    out = [False] * n
    filled = [bool(line.strip()) for line in lines]
    # The nearest line with text after each line, found once: a run of blank lines is not walked
    # again for each of its lines.
    below = [n] * (n + 1)
    for i in range(n - 1, -1, -1):
        below[i] = i if filled[i] else below[i + 1]
    labelled = False  # the figures since the last line with words belong to that line's row
    up = -1  # the last line with text
    for i, line in enumerate(lines):
        if filled[i]:
            if not value[i] and not (i > 0 and _value_note(lines[i - 1], line)):
                labelled = bool(HAS_WORD.search(line))
            up = i
            continue
        down = below[i + 1]
        if not labelled or up < 0 or down >= n or not value[down]:
            continue
        figure = up - 1 if not value[up] and up > 0 and _value_note(lines[up - 1], lines[up]) else up
        alone_up = value[figure] and (figure == 0 or not value[figure - 1])
        out[i] = alone_up and (down + 1 >= n or not value[down + 1])
    return out


def _value_note(above: str, line: str) -> bool:
    """`line` is a bracketed note right under the value `above`: it belongs to that value's cell."""
    return bool(_VALUE_NOTE.match(line.strip())) and is_value(above.removeprefix("- "))


def _opens_bracket(line: str) -> bool:
    return line.count("(") > line.count(")")


def _joined_cells(lines: list[str]) -> tuple[str, ...]:
    """Cells one per line, a line that closes the bracket of the line before joined to it."""
    cells: list[str] = []
    for line in lines:
        if not line.strip():
            continue
        if cells and (_opens_bracket(cells[-1]) or _value_note(cells[-1], line)):
            cells[-1] = f"{cells[-1]} {line.strip()}"
        else:
            cells.append(line)
    return tuple(cells)
