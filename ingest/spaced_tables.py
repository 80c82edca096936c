"""Tables whose rows come one a line with single spaces between the cells: Word exports.

Programme budgets print `Lasten -6.100 -7.809 -5.055 -4.399` under a header of two or three lines
(`Rekening Begroting Begroting …` over `bedragen x € 1.000 2023 2024 2025 …`, or `baten lasten
saldo` repeated per year). pypdf gives no column positions, so a row is recognised by its tail of
values and the columns are rebuilt from the header's words: the years in order, a column word before
each year ("Rekening", "Streefwaarde"), a run of "Baten Lasten Saldo" and columns before the first
year ("Peilwaarde"). When the header's words do not account for a row's values the table keeps
no column names and a row reads as its cells; nothing is guessed.

A row label that wraps onto the line before its values ("% inwoners met" / "schuldenproblematiek
6,9 (2023) 5,9 …") joins its row; a footnote under the table ("* Aantal uitkeringen …") ends it.

The paragraph on capital goods prints tables with a column of words after the years (`Kapitaalgoed
2025 2026 2027 2028 Specificatie werkzaamheden`): a row's text follows its values and wraps onto
the lines below (`Wegen 1.818 2.000 2.083 2.081 Herstelwerkzaamheden asfalt,` / `bestrating,
markeringen en` / `inspecties`), and its label may wrap above them (`Civieltechnische` /
`kunstwerken` / `211 346 …`). The text goes on while a line cannot end where it does or the next
one starts in lower case; a capital starts the next row's label.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from assistant.lexicon import (
    ABBREVIATIONS,
    BUDGET_MEASURE_WORDS,
    FIGURE_WITH_YEAR,
    INDICATOR_FIELD_WORDS,
    INDICATOR_ROW,
    LABEL_COLUMN_WORDS,
    OPEN_END,
    SHORTENED_WORDS,
    SIGN_LEGEND,
    SOURCE_LINE,
    SPACED_COLUMN_WORDS,
    SPACED_VALUE,
    TABLE_TITLE,
    TABLE_UNIT,
    TOTAL_LABEL,
    YEAR_CELL,
    YEAR_PLACEHOLDER,
    fold,
)

_MIN_ROWS = 2  # with a header that names columns; without one a table needs three rows
_MIN_ROWS_BARE = 3
_MIN_VALUES = 2  # values in a row line
_HEADER_LINES = 12  # header lines looked at above the first row (indicator headers wrap a lot)
_HEADER_MAX_WORDS = 30
_WRAP_MAX_WORDS = 6  # a line that only starts a row's label has at most this many words
_WRAP_MAX_LINES = 3  # and a label wraps over at most this many lines before its values
_CONTINUE_GAP = 2  # lines between a table and its part on the next page (a blank, a page number)
_NOTE_NAME_WORDS = 4  # words that name a text column after the years, at most
_NOTED_ROW_WORDS = 16  # words on the line of a row with text after its values, at most
_BRACKET_YEAR = re.compile(r"^\((?:19|20)\d\d\)$")


@dataclass(frozen=True)
class SpacedRow:
    """Lines [start, end) that make up one row: its label and its values, in source order."""

    start: int
    end: int
    label: str
    values: tuple[str, ...]
    note: str = ""  # the words of a text column after the values ("Herstelwerkzaamheden asfalt, ...")


@dataclass(frozen=True)
class SpacedTable:
    start: int
    header_end: int
    end: int
    title: str
    columns: tuple[str, ...]  # empty when the header does not name every value column
    unit: str
    rows: tuple[SpacedRow, ...]


def split_row(line: str) -> tuple[str, tuple[str, ...]] | None:
    """`Lasten -6.100 -7.809` -> ("Lasten", ("-6.100", "-7.809")): the label and its trailing values.

    A value may carry its year in brackets ("6,9 (2023)", "3,1 % (2024)", "4,75 % ( 2024)"). None
    when the line does not end in at least two values of which one is a number (one with its year
    for a row of the BBV indicator table, whose national figure may be missing), or has no label
    with a letter.
    """
    tokens = line.split()
    values: list[str] = []
    i = len(tokens)
    while i > 0:
        measured = _measured_value(tokens, i)
        if measured:
            values.append(" ".join(tokens[i - measured : i]))
            i -= measured
        elif SPACED_VALUE.fullmatch(tokens[i - 1]):
            values.append(tokens[i - 1])
            i -= 1
        else:
            break
    label = " ".join(tokens[:i])
    with_year = bool(values) and FIGURE_WITH_YEAR.search(values[-1]) is not None
    fewest = 1 if with_year and INDICATOR_ROW.match(line) else _MIN_VALUES
    if len(values) < fewest or not re.search(r"[^\W\d_]", label):
        return None
    if not any(re.search(r"\d", v) for v in values) or label.endswith(("€", ":")):
        return None
    return label, tuple(reversed(values))


def _measured_value(tokens: Sequence[str], end: int) -> int:
    """How many tokens before `end` make a value with its year in brackets, "6,9 (2023)",
    "2,8 % (2023)" or "4,75 % ( 2024)"; 0 when they do not."""
    k = end
    if k >= 1 and _BRACKET_YEAR.match(tokens[k - 1]):
        k -= 1
    elif k >= 2 and tokens[k - 2] == "(" and _BRACKET_YEAR.match(f"({tokens[k - 1]}"):
        k -= 2
    else:
        return 0
    if k >= 2 and tokens[k - 1] == "%" and SPACED_VALUE.fullmatch(tokens[k - 2]):
        k -= 2
    elif k >= 1 and SPACED_VALUE.fullmatch(tokens[k - 1]):
        k -= 1
    else:
        return 0
    return end - k


def _is_year_run(values: Sequence[str]) -> bool:
    """The column years of a header line ("2023 2024 2025"), not a row of figures."""
    return all(YEAR_CELL.fullmatch(v) for v in values)


def _row_line(line: str) -> tuple[str, tuple[str, ...]] | None:
    row = split_row(line)
    return None if row is None or _is_year_run(row[1]) else row


def _header_line(line: str) -> bool:
    words = line.split()
    if not words or len(words) > _HEADER_MAX_WORDS or line.rstrip().endswith("."):
        return False
    folded = {fold(w.strip("():,'\"")) for w in words}
    return bool(
        TABLE_TITLE.match(line)
        or TABLE_UNIT.search(line)
        or YEAR_PLACEHOLDER.search(line)
        or folded & SPACED_COLUMN_WORDS
        or sum(bool(YEAR_CELL.fullmatch(w.strip(":"))) for w in words) >= 2
        or (len(words) <= 3 and YEAR_CELL.fullmatch(words[0].strip(":")) is not None)  # "2025 (%)"
    )


def _label_part(line: str) -> bool:
    """A short line that can be the start of a row label wrapped onto the lines below."""
    line = line.strip()
    words = line.split()
    return (
        0 < len(words) <= _WRAP_MAX_WORDS
        and not line.endswith(":")
        and (not line.endswith(".") or _shortened_end(words))
        and not line.startswith("*")
        and not _header_line(line)
    )


def _shortened_end(words: Sequence[str]) -> bool:
    """A label part may end in a shortened word ("Verlagen max.", "Verkeersmaatr."): one word, or
    a last word that tables shorten; a sentence ends otherwise."""
    return len(words) == 1 or fold(words[-1].rstrip(".")) in SHORTENED_WORDS


def _wrapped_row(lines: Sequence[str], i: int, taken: set[int]) -> SpacedRow | None:
    """A row at line i: its values on line i, or on one of the next lines after label parts."""
    for k in range(_WRAP_MAX_LINES + 1):
        j = i + k
        if j >= len(lines) or j in taken:
            return None
        row = _row_line(lines[j])
        if row is not None:
            head = " ".join(line.strip() for line in lines[i:j])
            return SpacedRow(i, j + 1, f"{head} {row[0]}".strip(), row[1])
        if not _label_part(lines[j]):
            return None
    return None


def find_spaced_tables(lines: Sequence[str], taken: set[int] | None = None) -> list[SpacedTable]:
    """All spaced tables in a document's lines, in order; lines in `taken` belong to other tables."""
    noted = find_noted_tables(lines, taken or set())
    taken = (taken or set()) | {k for t in noted for k in range(t.start, t.end)}
    tables: list[SpacedTable] = []
    i = 0
    floor = 0  # a header never reaches back into the previous table
    while i < len(lines):
        if i in taken or _row_line(lines[i]) is None:
            i += 1
            continue
        first = _label_start(lines, i, max(floor, _previous_taken(taken, i)))
        rows, end = _rows_from(lines, first, taken)
        start = _header_start(lines, first, max(floor, _previous_taken(taken, first)))
        table = _table(lines, start, first, end, rows)
        if table is None:
            i = max(end, i + 1)
            continue
        if tables and _continues(tables[-1], table):
            # The header a page repeats has no caption: the table is the one above, still.
            table = replace(table, title=tables[-1].title)
        tables.append(table)
        floor = i = table.end
    return sorted([*tables, *noted], key=lambda t: t.start)


def find_noted_tables(lines: Sequence[str], taken: set[int]) -> list[SpacedTable]:
    """Tables whose last column holds words, under a header that names it after the years
    (`Kapitaalgoed 2025 2026 2027 2028 Specificatie werkzaamheden`)."""
    tables: list[SpacedTable] = []
    floor = 0
    for h, line in enumerate(lines):
        if h < floor or h in taken:
            continue
        named = noted_header(line)
        if named is None:
            continue
        years, note_name = named
        rows, end = _noted_rows(lines, h + 1, len(years), taken)
        if len(rows) < _MIN_ROWS:
            continue
        start = _header_start(lines, h + 1, max(floor, _previous_taken(taken, h + 1)))
        header = [text.strip() for text in lines[start : h + 1] if text.strip()]
        unit = _unit(header)
        if end < len(lines) and end not in taken and _footer(lines[end]):
            # "Bedragen x € 1.000 (inclusief kapitaallasten)" under the table: its unit, and no
            # part of the explanation that follows it.
            unit = unit or _unit([lines[end]])
            end += 1
        tables.append(SpacedTable(start, h + 1, end, _title(header), (*years, note_name), unit, tuple(rows)))
        floor = end
    return tables


def _footer(line: str) -> bool:
    """A line under a table that belongs to it: its unit ("Bedragen x € 1.000 (...)") or a note in
    brackets ("(inclusief dotatie voorziening en kapitaallasten, exclusief interne uren)")."""
    line = line.strip()
    return bool(TABLE_UNIT.match(line)) or (line.startswith("(") and line.endswith(")"))


def noted_header(line: str) -> tuple[tuple[str, ...], str] | None:
    """`Kapitaalgoed 2025 2026 2027 2028 Specificatie werkzaamheden` -> the years and the name of
    the text column after them; None for any other line."""
    words = line.split()
    years = [k for k, w in enumerate(words) if YEAR_CELL.fullmatch(w)]
    if len(years) < 2 or years != list(range(years[0], years[0] + len(years))) or years[0] > 2:
        return None
    tail = words[years[-1] + 1 :]
    if not 0 < len(tail) <= _NOTE_NAME_WORDS or not tail[0][:1].isupper():
        return None
    if any(re.search(r"\d", w) or _column_word(w) for w in tail):
        return None  # "2025 Begroting": a value column, not words
    return tuple(words[k] for k in years), " ".join(tail)


def noted_row(line: str, width: int) -> tuple[str, tuple[str, ...], str] | None:
    """`Wegen 1.818 2.000 2.083 2.081 Herstelwerkzaamheden asfalt,` -> its label, its values (at
    most `width`) and the start of its text. The label may be empty (it wrapped onto the lines
    above); a row without text gives a value for every year."""
    tokens = line.split()
    if not tokens or len(tokens) > _NOTED_ROW_WORDS:
        return None
    first = next((k for k, t in enumerate(tokens) if SPACED_VALUE.fullmatch(t)), None)
    if first is None or first > _WRAP_MAX_WORDS:
        return None
    last = first
    while last < len(tokens) and SPACED_VALUE.fullmatch(tokens[last]):
        last += 1
    values, note = tuple(tokens[first:last]), tokens[last:]
    if len(values) > width or not any(re.search(r"\d", v) for v in values):
        return None
    if note and not re.match(r"[^\W\d_]", note[0]):
        return None
    if not note and len(values) < width:
        return None
    if len(values) == 1 and YEAR_CELL.fullmatch(values[0]):
        return None  # "... uitgaven in 2025 en volgende jaren ...": a sentence that names a year
    return " ".join(tokens[:first]), values, " ".join(note)


def _noted_rows(lines: Sequence[str], i: int, width: int, taken: set[int]) -> tuple[list[SpacedRow], int]:
    """The rows from line i on and the line after the last; a line that is neither a row, its
    text going on, nor a label part ends them."""
    rows: list[SpacedRow] = []
    label: list[str] = []
    start = i
    blanks = 0
    while i < len(lines) and i not in taken:
        line = lines[i].strip()
        if not line:
            blanks += 1
            if blanks > _CONTINUE_GAP:
                break
            i += 1
            continue
        blanks = 0
        row = noted_row(line, width)
        if row is not None:
            head, values, note = row
            j = i + 1
            while note and j < len(lines) and j not in taken and _note_goes_on(note, lines[j], width):
                note = f"{note} {lines[j].strip()}"
                j += 1
            first = start if label else i
            rows.append(SpacedRow(first, j, " ".join([*label, head]).strip(), values, note))
            label, i = [], j
            continue
        if len(label) >= _WRAP_MAX_LINES or not _noted_label_part(line):
            break
        if not label:
            start = i
        label.append(line)
        i += 1
    return rows, rows[-1].end if rows else i


def _note_goes_on(note: str, line: str, width: int) -> bool:
    """The next line goes on with a row's text: the text cannot end where it does ("asfalt,",
    "markeringen en", "St. Jan Baptist- en St."), or the line starts in lower case."""
    line = line.strip()
    if not line or len(line.split()) > _NOTED_ROW_WORDS or noted_row(line, width) is not None:
        return False
    if TABLE_UNIT.match(line) or TABLE_TITLE.match(line):
        return False
    last = note.split()[-1]
    return line[0].islower() or bool(OPEN_END.search(note)) or fold(last) in ABBREVIATIONS


def _noted_label_part(line: str) -> bool:
    """A short line that can start a row's label ("Civieltechnische", "Vastgoed:")."""
    words = line.split()
    return (
        0 < len(words) <= _WRAP_MAX_WORDS
        and (not line.endswith(".") or _shortened_end(words))
        and not TABLE_TITLE.match(line)
        and noted_header(line) is None
    )


def _continues(before: SpacedTable, table: SpacedTable) -> bool:
    """`table` goes on with `before` after a page break: right below it, the same columns, and a
    header without a caption of its own."""
    return (
        bool(table.columns)
        and table.columns == before.columns
        and table.start - before.end <= _CONTINUE_GAP
        and not TABLE_TITLE.match(table.title)
        and bool(TABLE_TITLE.match(before.title))
    )


def _previous_taken(taken: set[int], i: int) -> int:
    before = [t for t in taken if t < i]
    return max(before) + 1 if before else 0


def _label_start(lines: Sequence[str], row: int, floor: int) -> int:
    """Where the label of the row whose values are on line `row` begins."""
    start = row
    while start - 1 >= floor and row - (start - 1) <= _WRAP_MAX_LINES and _label_part(lines[start - 1]):
        start -= 1
    return start


def _rows_from(lines: Sequence[str], first: int, taken: set[int]) -> tuple[list[SpacedRow], int]:
    rows: list[SpacedRow] = []
    i = first
    while i < len(lines):
        row = _wrapped_row(lines, i, taken)
        if row is None:
            break
        rows.append(row)
        i = row.end
    return rows, i


def _header_start(lines: Sequence[str], first_row: int, floor: int) -> int:
    start = first_row
    seen = 0
    while start - 1 >= floor and seen < _HEADER_LINES:
        line = lines[start - 1]
        if not line.strip():
            start -= 1
            continue
        if not _header_line(line) or _row_line(line) is not None:
            break
        start -= 1
        seen += 1
        if TABLE_TITLE.match(line):
            break  # the title is the top of a table
    while start < first_row and not lines[start].strip():
        start += 1
    return start


def _table(
    lines: Sequence[str], start: int, first_row: int, end: int, rows: list[SpacedRow]
) -> SpacedTable | None:
    header = [line.strip() for line in lines[start:first_row] if line.strip()]
    width = _common_width(rows)
    columns = header_columns(header, width) if width else ()
    if len(rows) < (_MIN_ROWS if columns or _totalled(rows) else _MIN_ROWS_BARE):
        return None
    if not columns and not header and len({len(r.values) for r in rows}) > 1:
        return None  # figures at the end of unrelated lines, not a table
    unit = _unit(header)
    return SpacedTable(start, first_row, end, _title(header), columns, unit, tuple(rows))


def _totalled(rows: Sequence[SpacedRow]) -> bool:
    """The last row totals the rows above it, value for value ("Tractie 70.000 ... / Totaal
    70.000 ..."): a table of one item is still a table."""
    last = rows[-1]
    return fold(last.label).startswith(TOTAL_LABEL) and len({len(r.values) for r in rows}) == 1


def _common_width(rows: Sequence[SpacedRow]) -> int:
    """The number of values most rows have."""
    counts: dict[int, int] = {}
    for row in rows:
        counts[len(row.values)] = counts.get(len(row.values), 0) + 1
    return max(counts, key=lambda n: (counts[n], n)) if counts else 0


def _unit(header: Sequence[str]) -> str:
    text = " ".join(header)
    match = TABLE_UNIT.search(text)
    if match:
        return match.group().strip()
    # Baten, lasten and saldo are euros by definition: a table of them without a unit line
    # prints whole euros ("-2.834.982").
    return "€" if _measures(header) else ""


def _title(header: Sequence[str]) -> str:
    """The header's words that name the table rather than a column: its caption, the programme,
    the source; not the unit or the sign legend."""
    parts: list[str] = []
    for line in header:
        words = line.split()
        cut = next(
            (k for k, w in enumerate(words) if _column_word(w) or YEAR_CELL.fullmatch(w.strip(":"))),
            len(words),
        )
        whole = TABLE_TITLE.match(line) or SOURCE_LINE.match(line)
        kept = line.strip() if whole else " ".join(words[:cut])
        kept = TABLE_UNIT.sub("", kept).strip(" -")
        if kept and not SIGN_LEGEND.search(fold(kept)):
            parts.append(kept)
    return " — ".join(parts)


def _column_word(word: str) -> bool:
    return fold(word.strip("():,'\"")) in SPACED_COLUMN_WORDS


def _measures(header: Sequence[str]) -> list[str]:
    """The longest run of "Baten Lasten Saldo" words that ends a header line."""
    best: list[str] = []
    for line in header:
        run: list[str] = []
        for word in reversed(line.split()):
            if fold(word) not in BUDGET_MEASURE_WORDS:
                break
            run.insert(0, word)
        if len(run) > len(best):
            best = run
    return best


def header_columns(header: Sequence[str], width: int) -> tuple[str, ...]:
    """Names for `width` value columns from the header's words, or () when they do not add up."""
    words = [w for line in header if not TABLE_TITLE.match(line) for w in line.split()]
    placeholders = _placeholder_columns(words)
    if placeholders:
        return placeholders if len(placeholders) == width else ()
    years = [k for k, w in enumerate(words) if YEAR_CELL.fullmatch(w.strip(":"))]
    kinds = _kinds(header, words, years)
    names = [_year_name(words, k, kind) for k, kind in zip(years, kinds, strict=True)]
    distinct = list(dict.fromkeys(names))
    measures = [m.lower() for m in _measures(header)]
    if measures and len(measures) == width and len(distinct) <= 1:
        return tuple(f"{distinct[0]} {m}" if distinct else m.capitalize() for m in measures)
    base = list(dict.fromkeys(measures))
    if base and distinct and len(distinct) * len(base) == width:
        return tuple(f"{name} {m}" for name in distinct for m in base)
    if len(names) == width:
        return tuple(names)
    extra = width - len(names)
    if names and extra > 0:
        used = {fold(k) for k in kinds}
        before = [
            w.strip("():,")
            for w in words[: years[0]]
            if _column_word(w) and fold(w.strip("():,")) not in LABEL_COLUMN_WORDS
        ]
        leading = list(dict.fromkeys(w.capitalize() for w in before if fold(w) not in used))
        if len(leading) >= extra:
            return tuple([*leading[-extra:], *names])
    return ()


def _placeholder_columns(words: Sequence[str]) -> tuple[str, ...]:
    """Value columns whose year each row gives ("... Eenheid Bron Realisatie Wassenaar (jaartal)
    Realisatie Nederland (jaartal)"): a name from the words after the columns before them (the
    indicator, its unit and its source) up to each year slot."""
    slots = [k for k, w in enumerate(words) if YEAR_PLACEHOLDER.fullmatch(w)]
    if not slots:
        return ()
    fields = [k for k, w in enumerate(words[: slots[0]]) if fold(w.strip("():,.")) in INDICATOR_FIELD_WORDS]
    start = fields[-1] + 1 if fields else 0
    names = []
    for slot in slots:
        names.append(" ".join(words[start:slot]))
        start = slot + 1
    return tuple(names) if all(names) else ()


def _kinds(header: Sequence[str], words: Sequence[str], years: Sequence[int]) -> list[str]:
    """The column word of each year: positional from a line that ends in as many column words
    ("Rekening Begroting Begroting …"), else the column word right before the year."""
    n = len(years)
    for line in header:
        tail = line.split()[-n:] if n else []
        if n and len(tail) == n and all(_kind_word(w) for w in tail):
            return [w.strip("():,") for w in tail]
    out = []
    for k in years:
        before = words[k - 1] if k > 0 else ""
        out.append(before.strip("():,") if _kind_word(before) else "")
    return out


def _kind_word(word: str) -> bool:
    """A column word that can head a year's column ("Begroting"): no measure, no label column."""
    folded = fold(word.strip("():,"))
    return _column_word(word) and folded not in BUDGET_MEASURE_WORDS and folded not in LABEL_COLUMN_WORDS


def _year_name(words: Sequence[str], k: int, kind: str) -> str:
    year = words[k].strip(":")
    after = words[k + 1] if k + 1 < len(words) else ""
    suffix = f" {after}" if after in ("(%)", "(€)", "(aantal)") else ""
    return f"{kind} {year}{suffix}".strip()
