"""Tables that pypdf reads column by column: every row label first, then each column's values.

A Word table whose cells hold one paragraph per row (tariff tables in a programme budget's
paragraph on local levies) comes out of pypdf as its column names, the labels one a line, and
then the values of the first column, of the second, and so on:

    Tabel 7.2 - Tarieven hondenbelasting en toeristenbelasting
    2022 2023 2024 2025
    Hondenbelasting            <- a group label: the rows under it have the values
    eerste hond
    tweede hond
    (blank)
    Toeristenbelasting
    per overnachting (camping)
    (blank)
    89,28 / 134,16 / 1,35 / 92,04 / ...

A table is only read when the counts fit: the values are the value rows times the columns, where
the value rows are every label or, failing that, every label but the first of each blank-separated
group (a label that wraps onto a second line is joined first). A row's cells are not next to
each other on the page, so its citation quotes them in order with an ellipsis between them
(`verify.locate_cells`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.lexicon import TABLE_TITLE, YEAR
from ingest.tables import Row, Table, detect_unit, is_value

_LABEL_MAX_WORDS = 12
_LABEL_MAX_CHARS = 70
_TITLE_MAX_WORDS = 14
_MIN_ROWS = 2
_MAX_COLUMNS = 8
# A label that wraps: its line ends in a word that cannot end it ("boven 250 m3, maar niet meer dan").
_WRAPS = re.compile(r"(?:\b(?:dan|van|en|of|tot|met|voor|per|de|het|een|t/m)|[,(-])\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class _Block:
    """Label lines, then value lines, of one stretch of a column table."""

    labels: tuple[tuple[int, ...], ...]  # per blank-separated group, the line indexes of its labels
    values: tuple[int, ...]  # line indexes of the values
    end: int


def find_column_tables(lines: Sequence[str], taken: set[int]) -> list[Table]:
    """Column tables among `lines` (a document's cleaned lines) outside the `taken` ones."""
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        table = None if i in taken else _table_at(lines, i, taken)
        if table is None:
            i += 1
            continue
        tables.append(table)
        i = table.end
    return tables


def _table_at(lines: Sequence[str], start: int, taken: set[int]) -> Table | None:
    """A column table whose header (title, then column names on one line) starts at `start`."""
    title = lines[start].strip()
    if not _title(title):
        return None
    names = _column_names(lines[start + 1]) if start + 1 < len(lines) else ()
    # Without column names only a numbered caption ("Tabel 7.7 - ...") says a table follows: short
    # lines of indicator tables that pypdf scattered look like labels too.
    if not names and not TABLE_TITLE.match(title):
        return None
    first = start + 2 if names else start + 1
    columns = len(names) or 1
    rows: list[Row] = []
    at = first
    while True:
        block = _block_at(lines, at, taken)
        if block is None:
            break
        found = _rows(lines, block, columns)
        if found is None:
            break
        rows.extend(found)
        at = block.end
    if len(rows) < _MIN_ROWS:
        return None
    header = (title, *names)
    return Table(start, at, first, header, detect_unit(title), tuple(rows), "columns")


def _title(line: str) -> bool:
    """A caption or a short title line above the table ("Berekening kostendekkendheid ...")."""
    if not line or is_value(line) or line.endswith((".", ":", ";")):
        return False
    return bool(TABLE_TITLE.match(line)) or (len(line.split()) <= _TITLE_MAX_WORDS and not _year_only(line))


def _column_names(line: str) -> tuple[str, ...]:
    """ "2022 2023 2024 2025" or "tarief 2024 tarief 2025": one name per year, its words in front."""
    line = line.strip()
    years = list(YEAR.finditer(line))
    if not years or len(years) > _MAX_COLUMNS or len(line.split()) > 3 * len(years):
        return ()
    if line[years[-1].end() :].strip():
        return ()
    names: list[str] = []
    begin = 0
    for match in years:
        names.append(line[begin : match.end()].strip())
        begin = match.end()
    return tuple(names)


def _year_only(line: str) -> bool:
    return bool(YEAR.search(line)) and not YEAR.sub("", line).strip()


def _label(line: str) -> bool:
    line = line.strip()
    return (
        bool(line)
        and not is_value(line)
        and not _year_only(line)
        and len(line.split()) <= _LABEL_MAX_WORDS
        and len(line) <= _LABEL_MAX_CHARS
        and not line.endswith((".", ":", ";"))
    )


def _block_at(lines: Sequence[str], at: int, taken: set[int]) -> _Block | None:
    """Label lines (blank lines between groups) from `at`, then the value lines after them."""
    groups: list[list[int]] = [[]]
    i = at
    while i < len(lines) and i not in taken:
        text = lines[i].strip()
        if not text:
            if groups[-1]:
                groups.append([])
        elif _label(text) or (groups[-1] and _WRAPS.search(lines[groups[-1][-1]])):
            groups[-1].append(
                i
            )  # a wrapped label may go on with a figure ("maar niet meer dan" / "1.000 m3")
        else:
            break
        i += 1
    labels = tuple(tuple(g) for g in groups if g)
    values: list[int] = []
    while i < len(lines) and i not in taken:
        text = lines[i].strip()
        if text and not is_value(text):
            break
        if text:
            values.append(i)
        i += 1
    if not labels or not values:
        return None
    return _Block(labels, tuple(values), i)


# A label: its line indexes (more than one when it wraps). A row: its label cells, each a label.
_Label = tuple[int, ...]


def _rows(lines: Sequence[str], block: _Block, columns: int) -> list[Row] | None:
    """The block's rows when its value count fits a reading of its labels, else None."""
    plain = tuple(tuple((i,) for i in group) for group in block.labels)
    for groups in (_unwrapped(lines, plain), plain):  # a line that cannot end a label goes on
        readings = [_every_label(groups), _under_group_labels(groups)]
        fitting = [r for r in readings if r and len(r) * columns == len(block.values)]
        if fitting:
            return _column_major(lines, fitting[0], block.values, columns)
    return None


def _every_label(groups: tuple[tuple[_Label, ...], ...]) -> list[tuple[_Label, ...]]:
    return [(label,) for group in groups for label in group]


def _under_group_labels(groups: tuple[tuple[_Label, ...], ...]) -> list[tuple[_Label, ...]]:
    """Every group's first label heads the rows under it: "Hondenbelasting" / "eerste hond"."""
    if not all(len(group) >= 2 for group in groups):
        return []
    return [(group[0], label) for group in groups for label in group[1:]]


def _unwrapped(
    lines: Sequence[str], groups: tuple[tuple[_Label, ...], ...]
) -> tuple[tuple[_Label, ...], ...]:
    """The groups with a wrapped label's next line joined to it ("..., maar niet meer dan" / "1.000 m3")."""
    out: list[tuple[_Label, ...]] = []
    for group in groups:
        joined: list[_Label] = []
        for (i,) in group:
            if joined and _WRAPS.search(lines[joined[-1][-1]]):
                joined[-1] = (*joined[-1], i)
            else:
                joined.append((i,))
        out.append(tuple(joined))
    return tuple(out)


def _column_major(
    lines: Sequence[str], labels: list[tuple[_Label, ...]], values: tuple[int, ...], columns: int
) -> list[Row]:
    height = len(labels)
    rows: list[Row] = []
    for r, label in enumerate(labels):
        label_cells = [" ".join(lines[i].strip() for i in part) for part in label]
        cells = [lines[values[c * height + r]].strip() for c in range(columns)]
        first = label[0][0]
        last = values[(columns - 1) * height + r]
        rows.append(Row(first, last + 1, (*label_cells, *cells), join_label=False))
    return rows
