"""Indicators from the table layouts policy documents use, read from the cleaned lines.

pypdf gives one table cell per line, so a table is a run of short lines. Four layouts occur:

- measurement tables: "Beleidsdoelen | Begroot 2020 | Begroot 2019 | 2018 | ... | Bron", each row a
  name, one value per column and a source; a line of several words between rows names the goal
  ("Financieel zelfredzame inwoners") the rows below it measure;
- indicator annexes: name, "Effect"/"Prestatie", source, frequency, year of the zero measurement
  and its value;
- numbered indicator lists: "1.1 Percentage economisch actieve inwoners 1.2 Aantal ...";
- captioned tables ("Tabel: ...") of figures per year, ending in "Bron: ...".

Column headers give the years: "Begroot 2020" is a target, a bare year a realised value.
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator
from dataclasses import dataclass

from assistant.lexicon import (
    APPROXIMATELY,
    BBV_SECTION,
    DIGIT,
    NOTE_START,
    SUPERSCRIPTS,
    TABLE_TITLE,
    UNIT_MARK,
    YEAR_TEXT,
    compile_table,
)
from assistant.lexicon import INDICATOR_VALUE as VALUE
from assistant.register.candidate import (
    FOOTNOTE,
    MEASURE_WORD,
    PRIORITY_STRUCTURE,
    Candidate,
    clean_label,
    continues,
    years_in,
)
from assistant.register.cues import PROGRAMME_BUDGET
from assistant.register.doctext import DocText, Line
from assistant.register.models import Measurement

# Years in indicator tables.
_YEARS = compile_table(
    {
        # A column header: "Begroot 2020" is a target, a bare "2018" a realised value.
        "column": rf"(Begroo\s?t\s+)?({YEAR_TEXT})",
        # The year of a zero measurement, or "PM", perhaps with a footnote mark.
        "zero": rf"^({YEAR_TEXT}|PM)(\s*[{SUPERSCRIPTS}]+)?$",
        # A year that finishes a row name: "Totaal aantal jeugdigen met jeugdhulp per" / "2018 *".
        "in a name": rf"^{YEAR_TEXT}\s*\*+$",
        # The heading of a table of new indicators: "Nieuwe indicatoren 2021".
        "new indicators": rf"^Nieuwe indicatoren(\s+{YEAR_TEXT})?$",
    }
)
_HEADER = re.compile(r"^(Beleidsdoelen|Beleidsindicatoren)$")
_STOP = re.compile(r"^(Doelenboom|Nieuwe indicatoren|Metingen|Subdoel|Doel:|Activiteiten|\*|- |Beoogd)")
_MANDATORY = re.compile(r"^Metingen en verplichte indicatoren$")
_EFFECT = re.compile(r"^(Effect|Prestatie)$")
_FREQUENCY = re.compile(r"jaarlij|jaarlijk|maandelijks|per kwartaal", re.IGNORECASE)
_NUMBERED = re.compile(
    r"(?<![\d.])(\d{1,2}\.\d{1,2})\s+(?=(?:Aantal|Percentage|Budget|Uitgaven|Mate|Aandeel)\b)"
)
_NUMBERED_END = re.compile(r"\s(?=\d{1,2}\.\d{1,2}\s)|\n(?=\d\s+[A-Z])|\n(?=[¹²³⁴⁵⁶⁷⁸⁹⁰])|\n(?=Bron\b)")
_CAPTION = re.compile(r"^Tabel\s*:\s*(.+)$")
_SOURCE_LINE = re.compile(r"^Bron\s*:\s*(.+)$")
_DERIVED_ROW = re.compile(r"^(relatieve|toe- of afname|waarvan)\b", re.IGNORECASE)


# A qualifier printed under a value in its own cell line: "(01-07)", "(2019)", "(peildatum)".
_CELL_NOTE = re.compile(r"\([^()\s]{1,12}\)")


@dataclass
class _Column:
    label: str
    year: int | None
    kind: str  # "target", "realised", "other"


def measurement_tables(doc: DocText) -> Iterator[Candidate]:
    lines = doc.lines
    for i, line in enumerate(lines):
        if _HEADER.match(line.stripped):
            yield from _measurement_table(doc, i)
        elif _MANDATORY.match(line.stripped):
            yield from _name_list(doc, i + 1, "verplichte indicator")
        elif _YEARS["new indicators"].match(line.stripped):
            yield from _name_list(doc, i + 1, "nieuwe indicator")


def _measurement_table(doc: DocText, header: int) -> Iterator[Candidate]:
    lines = doc.lines
    i = header + 1
    parts: list[str] = []
    while i < len(lines) and lines[i].stripped != "Bron" and i - header < 14:
        parts.append(lines[i].stripped)
        i += 1
    columns = [
        _Column(f"Begroot {y}" if b else y, int(y), "target" if b else "realised")
        for b, y in _YEARS["column"].findall(" ".join(parts))
    ]
    if not columns or i >= len(lines):
        return
    i += 1
    goal_ref = ""
    while i < len(lines):
        row = _row(lines, i, len(columns))
        if row is None:
            return
        name_start, value_start, source_start, end = row
        names = [line.stripped for line in lines[i:value_start]]
        if name_start > i:
            goal_ref = clean_label(" ".join(names[: name_start - i]))
            # The goal line heading the rows below it is a goal itself (GUIDELINE.md: subgoal lines).
            yield Candidate(
                "goal", goal_ref, doc.quote(i, name_start - 1), lines[i].page, PRIORITY_STRUCTURE,
                {"level": "operational"},
            )  # fmt: skip
        name = clean_label(" ".join(line.stripped for line in lines[name_start:value_start]))
        values, _ = _value_cells(lines, value_start, len(columns))
        source = " ".join(line.stripped for line in lines[source_start:end])
        cells = [Measurement(c.label, v, c.year, c.kind) for c, v in zip(columns, values, strict=False)]
        quote = doc.quote(name_start, end - 1)
        yield Candidate(
            "indicator", name, quote, lines[name_start].page, PRIORITY_STRUCTURE,
            {**_summary(cells), "measurements": tuple(cells), "source": clean_source(source),
             "unit": unit_of(name), "goal_ref": goal_ref},
        )  # fmt: skip
        i = end


def _row(lines: list[Line], i: int, ncols: int) -> tuple[int, int, int, int] | None:
    """(name start, first value, first source line, end) of the row at line i, or None."""
    if i >= len(lines) or _STOP.match(lines[i].stripped) or FOOTNOTE.match(lines[i].stripped):
        return None
    j = i
    while j < len(lines) and (not _is_value(lines, j) or _name_year(lines, j, i)) and j - i < 14:
        if j > i and (_STOP.match(lines[j].stripped)):
            return None
        j += 1
    if j >= len(lines) or j == i or not _is_value(lines, j):
        return None
    name_start = i
    if not MEASURE_WORD.match(lines[i].stripped):
        # A goal line above the first measure: "Financieel zelfredzame inwoners" / "Aantal ..."
        for k in range(i + 1, j):
            if MEASURE_WORD.match(lines[k].stripped):
                name_start = k
                break
    cells, k = _value_cells(lines, j, ncols)
    end = k
    if end < len(lines) and _is_source_start(lines, end, full=len(cells) == ncols):
        end += 1
        while end < len(lines) and _is_source_more(lines, end):
            end += 1
    return name_start, j, k, end


def _value_cells(lines: list[Line], j: int, ncols: int) -> tuple[list[str], int]:
    """The value cells from line j on, at most `ncols`, and the line after them. A cell that wraps
    ("248 (01-" / "07)", "248" / "(01-07)") stays one cell: its second line is no row of its own,
    so the next values keep to their own row."""
    cells: list[str] = []
    k = j
    while k < len(lines):
        text = lines[k].stripped
        if cells and _continues_cell(cells[-1], text):
            cells[-1] = f"{cells[-1]}{'' if cells[-1].endswith('-') else ' '}{text}"
        elif len(cells) < ncols and (VALUE.match(text) or _wrapped_value(lines, k)):
            cells.append(text)
        else:
            break
        k += 1
    return cells, k


def _is_value(lines: list[Line], k: int) -> bool:
    return bool(VALUE.match(lines[k].stripped)) or _wrapped_value(lines, k)


def _wrapped_value(lines: list[Line], k: int) -> bool:
    """ "248 (01-" whose bracket closes on the next line: a value cell that wraps."""
    text = lines[k].stripped
    if text.count("(") <= text.count(")") or k + 1 >= len(lines):
        return False
    joiner = "" if text.endswith("-") else " "
    return bool(VALUE.match(f"{text}{joiner}{lines[k + 1].stripped}"))


def _continues_cell(cell: str, text: str) -> bool:
    """ "(01-07)" after "248", or "07)" after "248 (01-": the rest of a wrapped value cell."""
    return cell.count("(") > cell.count(")") or bool(_CELL_NOTE.fullmatch(text))


def _name_year(lines: list[Line], j: int, first: int) -> bool:
    """ "Totaal aantal jeugdigen met jeugdhulp per" / "2018 *": a year that finishes the name."""
    return (
        j > first
        and bool(_YEARS["in a name"].match(lines[j].stripped))
        and bool(re.search(r"\b(per|in|sinds|vanaf|t/m|tot)$", lines[j - 1].stripped))
    )


def _is_source_start(lines: list[Line], i: int, full: bool) -> bool:
    """The line after a row's values is its source, unless it starts the next row; a row with
    all its values always has a source cell (the "Bron" column)."""
    text = lines[i].stripped
    if MEASURE_WORD.match(text) or _STOP.match(text) or FOOTNOTE.match(text) or len(text.split()) > 3:
        return False
    return full or not _value_soon(lines, i)


def _is_source_more(lines: list[Line], i: int) -> bool:
    text = lines[i].stripped
    if MEASURE_WORD.match(text) or _STOP.match(text) or FOOTNOTE.match(text) or len(text.split()) > 2:
        return False
    return not _value_soon(lines, i)


def _value_soon(lines: list[Line], i: int) -> bool:
    """A row name is followed by its values within two lines; a source line is not."""
    return any(k < len(lines) and VALUE.match(lines[k].stripped) for k in (i + 1, i + 2))


def _name_list(doc: DocText, start: int, kind: str) -> Iterator[Candidate]:
    """Named indicators without a table ("Metingen en verplichte indicatoren", "Nieuwe indicatoren")."""
    lines = doc.lines
    i = start
    while i < len(lines) and i - start < 12:
        text = lines[i].stripped
        if _HEADER.match(text) or _STOP.match(text) or FOOTNOTE.match(text) or VALUE.match(text):
            return
        wrap = i
        while wrap + 1 < len(lines) and continues(lines[wrap + 1].stripped) and wrap - i < 3:
            wrap += 1
        after = wrap + 1
        value = lines[after].stripped if after < len(lines) and VALUE.match(lines[after].stripped) else ""
        last = after if value else wrap
        cells = (Measurement("", value, None, "other"),) if value else ()
        name = clean_label(" ".join(line.stripped for line in lines[i : wrap + 1]))
        yield Candidate(
            "indicator", name, doc.quote(i, last), lines[i].page, PRIORITY_STRUCTURE,
            {"measurements": cells, "unit": unit_of(text), "level": kind},
        )  # fmt: skip
        i = last + 1


def effect_tables(doc: DocText) -> Iterator[Candidate]:
    """Annex rows: name (...) | Effect | source | frequency | year | value (Hengelo bijlage IV)."""
    lines = doc.lines
    for i, line in enumerate(lines):
        if not _EFFECT.match(line.stripped):
            continue
        start = next(
            (
                k
                for k in range(i - 1, max(-1, i - 15), -1)
                if re.match(r"^(Percentage|Aantal)\b", lines[k].stripped)
            ),
            None,
        )
        if start is None:
            continue
        k = i + 1
        while k < len(lines) and not _FREQUENCY.search(lines[k].stripped) and k - i < 8:
            k += 1
        if k >= len(lines) or not _FREQUENCY.search(lines[k].stripped):
            continue
        source = " ".join(line.stripped for line in lines[i + 1 : k])
        k += 1
        while k < len(lines) and not _YEARS["zero"].match(lines[k].stripped) and k - i < 12:
            k += 1  # the frequency may wrap: "Twee-jaarlij" / "ks ¹⁵"
        if k + 1 >= len(lines):
            continue
        year_text, value = lines[k].stripped, lines[k + 1].stripped
        if not _YEARS["zero"].match(year_text) or not (VALUE.match(value) or value.upper() == "PM"):
            continue
        name = clean_label(" ".join(line.stripped for line in lines[start:i]))
        year = years_in(year_text)
        cells = (Measurement("nulmeting", clean_label(value), year[0] if year else None, "realised"),)
        yield Candidate(
            "indicator", name, doc.quote(start, k + 1), lines[start].page, PRIORITY_STRUCTURE,
            {**_summary(cells), "measurements": cells, "source": clean_source(source), "unit": unit_of(name),
             "level": lines[i].stripped.lower(), "goal_ref": _goal_above(lines, start)},
        )  # fmt: skip


def _goal_above(lines: list[Line], start: int) -> str:
    """The target line(s) of the annex row, when the row opens a goal ("In 2024 zijn minder ...")."""
    for k in range(start - 1, max(-1, start - 14), -1):
        if lines[k].stripped.startswith("In 20"):
            return clean_label(" ".join(line.stripped for line in lines[k:start]))
        if VALUE.match(lines[k].stripped) and not re.match(r"^\d\.?$", lines[k].stripped):
            return ""
    return ""


def numbered_indicators(doc: DocText) -> Iterator[Candidate]:
    """ "1.1 Percentage economisch actieve inwoners 1.2 Aantal ..." (Almelo 4.2): several per line."""
    for number in doc.page_numbers:
        text = doc.texts[number]
        starts = list(_NUMBERED.finditer(text))
        if len(starts) < 3:
            continue
        for match in starts:
            rest = text[match.end() :]
            end = _NUMBERED_END.search(rest)
            name = " ".join(rest[: end.start() if end else len(rest)].split())
            name = SUPER_TRAIL.sub("", name)
            if len(name.split()) < 2:
                continue
            quote = f"{match.group(1)} {name}"
            yield Candidate(
                "indicator", clean_label(name), quote, number, PRIORITY_STRUCTURE,
                {"number": match.group(1), "unit": unit_of(name)},
            )  # fmt: skip


SUPER_TRAIL = re.compile(r"\s*[¹²³⁴⁵⁶⁷⁸⁹⁰]+$")


def caption_tables(doc: DocText) -> Iterator[Candidate]:
    """ "Tabel: ..." followed by column labels with years, rows of label + values, "Bron: ..."."""
    lines = doc.lines
    municipality = doc.meta.municipality.casefold()
    for i, line in enumerate(lines):
        caption = _CAPTION.match(line.stripped)
        if not caption:
            continue
        end = next(
            (k for k in range(i + 1, min(len(lines), i + 90)) if _SOURCE_LINE.match(lines[k].stripped)), None
        )
        if end is None:
            continue
        source = clean_source(_SOURCE_LINE.match(lines[end].stripped).group(1))  # type: ignore[union-attr]
        k = i + 1
        while k < end and not years_in(lines[k].stripped) and not VALUE.match(lines[k].stripped):
            k += 1  # a title line before the column labels ("Kerncijfers", "Bevolkingsopbouw")
        columns: list[_Column] = []
        while k < end and years_in(lines[k].stripped) and len(lines[k].stripped.split()) <= 3:
            label = lines[k].stripped
            years = years_in(label)
            own = municipality in label.casefold() or not re.search(r"[A-Za-z]", label)
            columns.append(_Column(label, max(years), "realised" if own else "other"))
            k += 1
        if not columns:
            continue
        yield from _caption_rows(doc, k, end, columns, source, caption.group(1).strip())


def _caption_rows(
    doc: DocText, k: int, end: int, columns: list[_Column], source: str, title: str
) -> Iterator[Candidate]:
    lines = doc.lines
    pending: Candidate | None = None
    while k < end:
        first = k
        while k < end and not VALUE.match(lines[k].stripped):
            k += 1
        v = k
        while k < end and VALUE.match(lines[k].stripped) and k - v < len(columns):
            k += 1
        values = [line.stripped for line in lines[v:k]]
        if not values:
            break
        segments = _segments([SUPER_TRAIL.sub("", line.stripped) for line in lines[first:v]])
        # "Verdeling naar leeftijd" / "Ouder dan 65 jaar": a group line above the row's own label.
        prefix = " ".join(segments[:-1])
        name = clean_label(segments[-1]) if segments else ""
        if _DERIVED_ROW.match(name) and pending is not None:
            extra = Measurement(name, values[0], None, "other")
            pending.fields["measurements"] = (*pending.fields["measurements"], extra)
            continue
        if pending is not None:
            yield pending
        cells = tuple(
            Measurement(c.label, val, c.year, c.kind) for c, val in zip(columns, values, strict=False)
        )
        context = prefix or ("" if MEASURE_WORD.match(name) else title)
        full = f"{clean_label(context)}: {name}" if context else name
        pending = Candidate(
            "indicator", full, doc.quote(v - _label_lines(lines, first, v), k - 1), lines[first].page,
            PRIORITY_STRUCTURE,
            {**_summary(cells), "measurements": cells, "source": source,
             "unit": unit_of(f"{name} {values[0]}") or unit_of(title), "table": title},
        )  # fmt: skip
    if pending is not None:
        yield pending


def _segments(label_lines: list[str]) -> list[str]:
    """Label lines joined where a line continues in lower case; a capitalised line starts anew."""
    out: list[str] = []
    for text in label_lines:
        if not text:
            continue
        if out and continues(text):
            out[-1] = f"{out[-1]} {text}"
        else:
            out.append(text)
    return out


def _label_lines(lines: list[Line], first: int, v: int) -> int:
    """How many lines before the values make up the row's own label (not its group's)."""
    count = 0
    for k in range(v - 1, first - 1, -1):
        count += 1
        if not continues(lines[k].stripped) and not FOOTNOTE.match(lines[k].stripped):
            break
    return count


def _summary(cells: tuple[Measurement, ...] | list[Measurement]) -> dict[str, object]:
    """Baseline: the most recent realised value of the municipality itself; target: the latest target."""
    realised = [c for c in cells if c.kind == "realised" and c.year and not _empty(c.value)]
    targets = [c for c in cells if c.kind == "target" and c.year and not _empty(c.value)]
    out: dict[str, object] = {}
    if realised:
        last = max(realised, key=lambda c: c.year or 0)
        out.update(baseline_value=last.value, baseline_year=last.year)
    elif cells and cells[0].kind == "realised" and not _empty(cells[0].value):
        out.update(baseline_value=cells[0].value, baseline_year=cells[0].year)
    if targets:
        last = max(targets, key=lambda c: c.year or 0)
        out.update(target_value=last.value, target_year=last.year)
    return out


def _empty(value: str) -> bool:
    return value.strip().lower() in {"-", "–", "n.n.b.", "nnb", "pm", "p.m.", "n.v.t.", "n.v.t", ""}


def unit_of(text: str) -> str:
    explicit = UNIT_MARK.search(text)
    if explicit:
        return "aantal" if explicit.group(1) == "aantal" else explicit.group(1)
    if "%" in text or re.search(r"\b(percentage|procent|mate)\b", text, re.IGNORECASE):
        return "%"
    if "€" in text:
        return "€"
    if re.search(r"\b(aantal|per 1000)\b", text, re.IGNORECASE):
        return "aantal"
    return ""


def clean_source(text: str) -> str:
    """ "Waarstaat-jegemeen-t e.nl" -> "waarstaatjegemeente.nl"; other sources keep their words."""
    text = clean_label(text)
    squashed = re.sub(r"[\s-]", "", text)
    if re.search(r"waarstaatjegemeente", squashed, re.IGNORECASE):
        return "waarstaatjegemeente.nl"
    return re.sub(r"(\w)- (\w)", r"\1\2", text)


# An effect-indicator table of a programme budget has one column of reference values and a few of
# targets; a header runs over at most this many lines, a row label over at most this many.
_EFFECT_HEADER_LINES = 40
_EFFECT_LABEL_LINES = 6
_BBV = PROGRAMME_BUDGET


def effect_indicator_tables(doc: DocText) -> Iterator[Candidate]:
    """BBV effect indicators: "Effectindicator | Peilwaarde (2023) | Streefwaarde Begroting 2025 |
    ...", each row a name and one value per column. pypdf gives the header one word a line and a
    row either one cell a line or its label's last line with all its values ("schuldenproblematiek
    6,1% (2021) 6,0% 5,9% ..."), so a row is read as label words followed by as many values as
    the header has columns."""
    lines = doc.lines
    for i, line in enumerate(lines):
        if not _BBV["indicator header"].match(line.stripped):
            continue
        k = i + 1
        while (
            k < len(lines)
            and k - i <= _EFFECT_HEADER_LINES
            and _BBV["indicator header line"].match(lines[k].stripped)
        ):
            k += 1
        columns = _effect_columns(" ".join(x.stripped for x in lines[i:k]))
        if len(columns) >= 2 and any(c.kind == "target" for c in columns):
            yield from _effect_rows(doc, k, columns)


def _effect_columns(header: str) -> list[_Column]:
    """One column per "Peilwaarde" / "Realisatie" / "Streefwaarde" in the header, with the first
    year its part of the header names ("Peilwaarde (begin 2022 obv JR 2021)" is 2022)."""
    marks = list(_BBV["indicator column"].finditer(header))
    columns = []
    for n, mark in enumerate(marks):
        part = header[mark.start() : marks[n + 1].start() if n + 1 < len(marks) else len(header)]
        years = years_in(part)
        kind = "target" if mark.group("column").lower() == "streefwaarde" else "realised"
        columns.append(_Column(" ".join(part.split()), years[0] if years else None, kind))
    return columns


def _effect_rows(doc: DocText, k: int, columns: list[_Column]) -> Iterator[Candidate]:
    lines = doc.lines
    label: list[str] = []
    cells: list[str] = []
    first = k
    while k < len(lines):
        text = lines[k].stripped
        if NOTE_START.match(text) or BBV_SECTION["budget"].match(text) or TABLE_TITLE.match(text):
            return  # a note under the table, or what follows it
        words, values = _split_values(text)
        if words:
            if cells:
                # Figures before more words belong to the label ("bijstandsuitkering per 1.000").
                label.extend(cells)
                cells = []
            if not label:
                first = k
            label.append(words)
        for value in values:
            if cells and _BBV["value note"].fullmatch(value):
                cells[-1] = f"{cells[-1]} {value}"
            elif label:
                cells.append(value)
        if len(label) > _EFFECT_LABEL_LINES:
            return
        if label and len(cells) >= len(columns) and not _note_follows(lines, k):
            yield _effect_row(doc, first, k, " ".join(label), cells[: len(columns)], columns)
            label, cells = [], []
        k += 1


def _note_follows(lines: list[Line], k: int) -> bool:
    """The last value's remark may stand on the next line: "12.903" / "(plus 133)"."""
    return k + 1 < len(lines) and bool(_BBV["value note"].fullmatch(lines[k + 1].stripped))


def _split_values(text: str) -> tuple[str, list[str]]:
    """A line's label words and the value cells that end it."""
    cell = rf"(?:{_BBV['indicator value'].pattern}|{_BBV['value note'].pattern})"
    tail = re.search(rf"(?:(?:^|\s){cell})+\s*$", text, re.IGNORECASE)
    if tail is None:
        return text, []
    values = [m.group(0).strip() for m in re.finditer(cell, tail.group(0), re.IGNORECASE)]
    return text[: tail.start()].strip(), values


def _effect_row(
    doc: DocText, first: int, last: int, label: str, values: list[str], columns: list[_Column]
) -> Candidate:
    cells = []
    for column, value in zip(columns, values, strict=False):
        # "6,1% (2021)": the cell names the moment it was measured, which beats the header's year.
        moment = re.search(rf"\(({YEAR_TEXT})\)\s*$", value)
        year = int(moment.group(1)) if moment else column.year
        shown = value[: moment.start()].strip() if moment else value
        cells.append(Measurement(column.label, shown, year, column.kind))
    name = clean_label(label)
    return Candidate(
        "indicator", name, doc.quote(first, last), doc.lines[first].page, PRIORITY_STRUCTURE,
        {**_summary(cells), "measurements": tuple(cells), "unit": unit_of(f"{name} {values[0]}"),
         "table": "Effectindicatoren"},
    )  # fmt: skip


# The mandatory policy-indicator table (BBV) has a header of at most this many lines, and a row runs
# over at most this many.
_POLICY_HEADER_LINES = 12
_POLICY_ROW_LINES = 10


def policy_indicator_tables(doc: DocText) -> Iterator[Candidate]:
    """BBV policy indicators: "Progr. Nr. Naam Indicator | Eenheid | Bron | Realisatie Wassenaar
    (jaartal) | Realisatie Nederland (jaartal)". A row starts with its programme and indicator
    number ("2 21.") and ends in its values, each with the year it was measured ("397 (2023)");
    between them stand the name, the unit and the source. The municipality's figure is the
    baseline; the national one is a comparison, no target."""
    lines = doc.lines
    i = 0
    while i < len(lines):
        if not _BBV["policy indicator header"].search(lines[i].stripped):
            i += 1
            continue
        k = i + 1
        while k < len(lines) and k - i <= _POLICY_HEADER_LINES and not _policy_row_start(lines[k]):
            k += 1
        if k >= len(lines) or not _policy_row_start(lines[k]):
            i += 1
            continue
        header = " ".join(x.stripped for x in lines[i:k])
        columns = _policy_columns(header.split("Bron", 1)[-1] if "Bron" in header else header)
        i = yield from _policy_rows(doc, k, columns)


def _policy_row_start(line: Line) -> bool:
    return bool(_BBV["policy indicator row"].match(line.stripped))


def _policy_columns(header: str) -> list[_Column]:
    """The value columns after "Bron": each closed by its bracket ("Realisatie Wassenaar (jaartal)")
    or begun by "Realisatie"; the one that names the country is a comparison. The municipality's
    own figure comes first: without a column that says so, the first is it."""
    parts = re.findall(r"[^()]*\([^()]*\)", header) or re.split(
        r"(?=\brealisatie\b)", header, flags=re.IGNORECASE
    )
    parts = [p for p in parts if p.strip()] or ["Realisatie"]
    columns = [
        _Column(" ".join(p.split()), None, "other" if _BBV["national column"].search(p) else "realised")
        for p in parts
    ]
    if not any(c.kind == "realised" for c in columns):
        columns[0] = _Column(columns[0].label, None, "realised")
    return columns


def _policy_rows(doc: DocText, k: int, columns: list[_Column]) -> Generator[Candidate, None, int]:
    """The rows from line `k` on; returns the line after the table."""
    lines = doc.lines
    while k < len(lines) and _policy_row_start(lines[k]):
        first = k
        while k < len(lines) and k - first < _POLICY_ROW_LINES:
            values = list(_BBV["dated value"].finditer(lines[k].stripped))
            if values and lines[k].stripped.endswith(")"):
                break
            k += 1
        else:
            return k
        yield _policy_row(doc, first, k, columns)
        k += 1
        # Page furniture between rows ("Pagina 73 van 136", a page number).
        after = k
        while k < len(lines) and not _policy_row_start(lines[k]) and k - after < 3:
            k += 1
        if k < len(lines) and not _policy_row_start(lines[k]):
            return after
    return k


def _policy_row(doc: DocText, first: int, last: int, columns: list[_Column]) -> Candidate:
    text = _BBV["policy indicator row"].sub("", doc.quote(first, last), count=1)
    values = list(_BBV["dated value"].finditer(text))
    # The cleaned lines fold the spaces between name, unit and source: the label keeps all three.
    label = text[: values[0].start()] if values else text
    measurements = []
    more = [_Column("", None, "other")] * max(0, len(values) - len(columns))
    for column, value in zip([*columns, *more], values, strict=False):
        moment = re.search(rf"\(\s?({YEAR_TEXT})\s?\)\s*$", value.group(0))
        year = int(moment.group(1)) if moment else None
        shown = value.group(0)[: moment.start()].strip() if moment else value.group(0)
        measurements.append(Measurement(column.label, shown, year, column.kind))
    return Candidate(
        "indicator", clean_label(label), doc.quote(first, last), doc.lines[first].page, PRIORITY_STRUCTURE,
        {**_summary(measurements), "measurements": tuple(measurements),
         "unit": unit_of(f"{label} {values[0].group(0)}" if values else label),
         "table": "Beleidsindicatoren"},
    )  # fmt: skip


# The kengetallen table's header (title, column words, years) runs over at most this many lines, the
# table over at most this many, a row over at most this many; a line of more words is running text.
_KENGETAL_HEADER_LINES = 8
_KENGETAL_TABLE_LINES = 60
_KENGETAL_ROW_LINES = 5
_KENGETAL_PROSE_WORDS = 12


def kengetallen_tables(doc: DocText) -> Iterator[Candidate]:
    """The financial kengetallen every programme budget prints (BBV): "Kengetallen: Verslag Begr.
    Begr." over the years "2022 2023 2024", then one row per prescribed kengetal, its values in the
    year columns and the VNG norms after them. The Verslag (the first column) is the baseline, the
    budget year's column the target; a Begroting of the year before is neither."""
    lines = doc.lines
    for i, line in enumerate(lines):
        if not _BBV["kengetallen title"].match(line.stripped):
            continue
        header = lines[i : i + _KENGETAL_HEADER_LINES]
        at = next((x for x in header if _BBV["kengetallen years"].match(x.stripped)), None)
        if at is None:
            continue
        years = years_in(_BBV["kengetallen years"].match(at.stripped).group(0))  # type: ignore[union-attr]
        budget_year = next(
            (int(m.group(1)) for x in header if (m := _BBV["kengetallen budget year"].search(x.stripped))),
            years[-1],
        )
        columns = [
            _Column(str(y), y, "realised" if n == 0 else "target" if y == budget_year else "other")
            for n, y in enumerate(years)
        ]
        yield from _kengetal_rows(doc, at.index + 1, columns)


def _kengetal_rows(doc: DocText, k: int, columns: list[_Column]) -> Iterator[Candidate]:
    lines = doc.lines
    end = min(len(lines), k + _KENGETAL_TABLE_LINES)
    while k < end:
        if len(lines[k].stripped.split()) > _KENGETAL_PROSE_WORDS:
            return  # the explanation under the table
        if not _BBV["kengetal row"].match(lines[k].stripped):
            k += 1
            continue
        first = k
        values: list[str] = []
        text = _BBV["kengetal row"].sub("", lines[k].stripped, count=1)
        while True:
            values += [w for w in text.split() if _BBV["kengetal value"].fullmatch(w)]
            if len(values) >= len(columns) or k + 1 >= end or k + 1 - first >= _KENGETAL_ROW_LINES:
                break
            following = lines[k + 1].stripped
            if _BBV["kengetal row"].match(following) or len(following.split()) > _KENGETAL_PROSE_WORDS:
                break
            k += 1
            text = following
        if len(values) < len(columns):
            return  # a heading of the explanation, no row
        cells = [Measurement(c.label, v, c.year, c.kind) for c, v in zip(columns, values, strict=False)]
        words = " ".join(x.stripped for x in lines[first : k + 1]).split()
        # The name's last words may stand below the values ("3. Structurele" / "-0,85 2,63 0,04" /
        # ">0,6" / "exploitatie ruimte").
        n = k + 1
        while (
            n < end
            and n - first < _KENGETAL_ROW_LINES + 3
            and not _BBV["kengetal row"].match(lines[n].stripped)
        ):
            more = lines[n].stripped.split()
            if len(more) <= _KENGETAL_PROSE_WORDS and not any(
                _BBV["kengetal cell"].fullmatch(w) for w in more
            ):
                words += more
            n += 1
        name = clean_label(" ".join(w for w in words if not _BBV["kengetal cell"].fullmatch(w)))
        yield Candidate(
            "indicator", name, doc.quote(first, k), lines[first].page, PRIORITY_STRUCTURE,
            {**_summary(cells), "measurements": tuple(cells), "unit": unit_of(name), "table": "Kengetallen"},
        )  # fmt: skip
        k += 1


# An areaal table ("Tabel 9.1 - Overzicht beheerareaal": Beheerplan | Areaal-gegevens |
# Kwaliteitsniveau | Toelichting) counts what the municipality manages: per beheerobject its label
# (perhaps over two lines: "Integraal" / "waterketenplan"), perhaps its plan ("Update" / "2021-2023",
# "2019-2023" / "(riolering)", "Nvt"), its quantity ("Circa 1.43 km²", "Circa 5.200" /
# "verkeersborden", "Groen:" / "179 ha", "Beschoeiingen 25,8 km'", "Maatschappelijk &" /
# "commercieel 18"), then its kwaliteitsniveau (a letter, a level word, or a dash for none) and an
# explanation. Each row is an indicator without a year, so without baseline (GUIDELINE.md, fresh7).
# A table that runs over a page repeats its header, not its title, at the top of the next page.
_AREAAL = re.compile(r"areaal", re.IGNORECASE)
_AREAAL_HEADER_LINES = 3  # the title or one of the lines below it names the areaal column
_AREAAL_HEADER_WORDS = 6  # a repeated header line: the column names only
_AREAAL_QUANTITY_LINES = 14  # a quantity in parts ("Sport &" / "bewegen" / "4" / ...) takes lines
_AREAAL_LABEL_WORDS = 3
_AREAAL_QUANTITY_WORDS = 4  # a longer line before the kwaliteitsniveau is running text
_QUANTITY = re.compile(
    rf"^(?:{APPROXIMATELY}\s+)?\d{{1,3}}(?:[.,]\d{{3}})*(?:[.,]\d+)?(?:\s|$)", re.IGNORECASE
)
_PART_LABEL = re.compile(r"^[A-Z][\w&]*:$")  # "Groen:" before its own quantity
# A part with its quantity on one line: "Beschoeiingen 25,8 km'", "Riool: circa 165 km'".
_PART_QUANTITY = re.compile(
    rf"^[A-Z][\w&-]*:?\s+(?:(?:circa|ca\.)\s+)?(?!{YEAR_TEXT}\s*[-–])\d", re.IGNORECASE
)  # not a plan ("IBOR 2024-2028")
_YEAR_RANGE = re.compile(rf"^{YEAR_TEXT}\s*[-–]\s*{YEAR_TEXT}$")
_PLAN_LINE = re.compile(rf"^(?:[A-Za-z]+\s*)?{YEAR_TEXT}\s*[-–]\s*{YEAR_TEXT}$")  # "IBOR 2024-2028"
_NO_PLAN = re.compile(r"^n\.?v\.?t\.?$", re.IGNORECASE)  # "Nvt": no beheerplan
_PLAN_NOTE = re.compile(r"^\([^()]+\)$")  # "(riolering)" under the plan's years
# The kwaliteitsniveau after the quantity: a CROW letter or a level word ("sober", "Basis").
_QUALITY_LETTER = re.compile(r"(?:^|\s)(?:[A-E]|[Bb]asis|[Ss]ober|[Hh]oog)(?:\s|$)")


def areaal_tables(doc: DocText) -> Iterator[Candidate]:
    """One indicator per row of a titled table whose title or header names the areaal, also on the
    pages it runs on to."""
    lines = doc.lines
    title, last_page = "", 0
    for i, line in enumerate(lines):
        if TABLE_TITLE.match(line.text):
            head = lines[i : i + 1 + _AREAAL_HEADER_LINES]
            if not any(_AREAAL.search(x.stripped) for x in head):
                continue
            title = clean_label(line.stripped)
        elif not (title and line.page == last_page + 1 and _repeated_areaal_header(lines, i)):
            continue
        last_page = line.page
        k = i + 1
        while k < len(lines) and lines[k].page == line.page and not TABLE_TITLE.match(lines[k].text):
            row = _areaal_row(lines, k)
            if row is None:
                k += 1
                continue
            label, parts, quantity, k = row
            text = f"{label}: {' '.join(quantity)}"
            fields: dict[str, object] = {"table": title, "unit": "aantal"}
            yield Candidate("indicator", text, " ".join(parts), line.page, PRIORITY_STRUCTURE, fields)


def _repeated_areaal_header(lines: list[Line], i: int) -> bool:
    """Whether line i is an areaal table's header repeated at the top of a page."""
    text = lines[i].stripped
    top = i == 0 or lines[i - 1].page != lines[i].page
    return top and bool(_AREAAL.search(text)) and len(text.split()) <= _AREAAL_HEADER_WORDS


def _areaal_row(lines: list[Line], k: int) -> tuple[str, list[str], list[str], int] | None:
    """(label, the row's texts up to its quantity, its quantity, the line after it) of a row
    starting at line k."""
    first = lines[k].stripped
    if not _areaal_label(first):
        return None
    label, j = [first], k + 1
    if j < len(lines) and _label_goes_on(first, lines[j].stripped):
        label.append(lines[j].stripped)  # "Verkeersregel-" / "Installaties", "Integraal" / "waterketenplan"
        j += 1
    plan, j = _areaal_plan(lines, j)
    quantity: list[str] = []
    while j < len(lines) and len(quantity) < _AREAAL_QUANTITY_LINES and lines[j].page == lines[k].page:
        text = lines[j].stripped
        j += 1
        if not quantity and not _quantity_start(text, bool(plan)):
            return None
        if text.startswith("- "):
            break  # no kwaliteitsniveau ("-"): the explanation begins
        letter = _QUALITY_LETTER.search(text)
        if letter and (letter.start() > 0 or quantity):
            if letter.start() > 0:
                quantity.append(text[: letter.start()].strip())
            break
        if len(text.split()) > _AREAAL_QUANTITY_WORDS:
            if not quantity:
                return None  # running text ("31 leefomgeving. De kwaliteit van de"), no row
            break
        quantity.append(text)
    if not any(DIGIT.search(q) for q in quantity):
        return None
    joined = "".join(label) if label[0].endswith("-") else " ".join(label)
    return joined, [*label, *plan, *quantity], quantity, j


def _label_goes_on(first: str, following: str) -> bool:
    """A label wrapped after a hyphen ("Verkeersregel-" / "Installaties") or onto a word in lower case."""
    if first.endswith("-"):
        return _areaal_label(following)
    words = following.split()
    return len(words) == 1 and following[0].islower() and not DIGIT.search(following)


def _areaal_plan(lines: list[Line], j: int) -> tuple[list[str], int]:
    """The plan a row names ("Update" / "2021-2023", "IBOR 2024-2028", "Nvt"), with a note under it
    ("(riolering)"), and the line after it."""
    plan: list[str] = []
    one_word = j + 1 < len(lines) and len(lines[j].stripped.split()) == 1
    if one_word and _YEAR_RANGE.match(lines[j + 1].stripped):
        plan, j = [lines[j].stripped, lines[j + 1].stripped], j + 2  # "Update" / "2021-2023"
    elif j < len(lines) and (_PLAN_LINE.match(lines[j].stripped) or _NO_PLAN.match(lines[j].stripped)):
        plan, j = [lines[j].stripped], j + 1
    if plan and j < len(lines) and _PLAN_NOTE.match(lines[j].stripped):
        plan, j = [*plan, lines[j].stripped], j + 1
    return plan, j


def _quantity_start(text: str, planned: bool) -> bool:
    """Whether a row's quantity starts at `text`: a figure, a part's label, a part with its figure,
    or (after the row's plan) a part's label over a line of its own ("Maatschappelijk &")."""
    if _QUANTITY.match(text) or _PART_LABEL.match(text) or _PART_QUANTITY.match(text):
        return True
    return planned and _areaal_label(text) and not text.startswith("- ")


def _areaal_label(text: str) -> bool:
    """A beheerobject's label line: capitalised, a few words, no figure, no sentence or part end."""
    words = text.split()
    return (
        0 < len(words) <= _AREAAL_LABEL_WORDS
        and text[0].isupper()
        and not DIGIT.search(text)
        and not text.endswith((".", ":"))
    )
