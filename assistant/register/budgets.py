"""Budget lines: table rows with amounts per year, proposal tables, and budget sentences.

Euros are established, never guessed: a table's unit line ("bedragen x € 1.000") gives the
multiplier; a table without one only counts as money when its numbers, multiplied by 1.000, are
amounts the document's own text names in euros ("4,5 miljoen euro in 2022" for a cell "4.500").
An investment table's credits ("krediet") are printed in whole euros, their thousands dotted.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import groupby, pairwise

from assistant.amounts import find_amounts, format_eur, parse_amount, unit_multiplier
from assistant.lexicon import (
    BUDGET_MEASURE,
    MONEY_CUES,
    NOTE_START,
    NUMBER_CELL,
    PROGRAMME,
    REFERENCE_YEAR,
    SCALED_EURO,
    TABLE_TITLE,
    TABLE_UNIT,
    YEAR_CELL,
    YEAR_SPAN_TEXT,
    YEAR_TEXT,
    fold,
)
from assistant.register import iv3
from assistant.register.candidate import (
    MEASURE_WORD,
    PRIORITY_CUE,
    PRIORITY_STRUCTURE,
    Candidate,
    clean_label,
    years_in,
)
from assistant.register.cues import PROGRAMME_BUDGET
from assistant.register.doctext import DocText, Line, Sentence
from assistant.register.models import Amount, Measurement
from assistant.types import Chunk

_BBV = PROGRAMME_BUDGET
_COLUMN_MAX_WORDS = 4  # "Begroting 2025 lasten", "Streefwaarde 2025 (%)": a column, not a title
_ROW_NUMBER = re.compile(r"^\d{1,2}(\.\d)?$")  # "Volgnr" cells: 1, 2, 6.1
_TOTAL = re.compile(r"^(sub)?totaal\b|\btotaal$|^saldo\b|^stand\b", re.IGNORECASE)
_NATURE_CELL = re.compile(r"^(i|s)(\s*,.*)?$")
# "50.000 euro per jaar voor de jaren 2021 en 2022": one amount for each of the years.
_PER_YEAR = re.compile(rf"per jaar\b[^.]{{0,40}}?\b(?:jaren|in|voor)\s+({YEAR_SPAN_TEXT})")
# The year right after an amount: "€ 8,3 mln in 2020"; not the year that opens the next amount
# ("2025 € 191.450, vanaf 2026 € 126.450": 2026 is the second amount's).
_YEAR_AFTER = re.compile(rf"^[\s.,]*(?:in|voor|vanaf|per)\s+({YEAR_TEXT})(?![\s:]*(?:€|EUR\b))")
# The year of a document an amount was decided in, not the year it is for: "in de kadernota 2023
# structureel € 60.000 beschikbaar gesteld", "de in de voorjaarsnota 2024 opgenomen bijstelling". A
# budget's year ("In de begroting 2023 is al € 60.000 opgenomen") is the amount's.
_DECIDED_IN = re.compile(
    rf"\b(?:kader|voorjaars|najaars|perspectief|zomer)nota\s+{YEAR_TEXT}\b|\bcoalitieakkoord\s+{YEAR_TEXT}\b",
    re.IGNORECASE,
)


def table_budgets(doc: DocText) -> Iterator[Candidate]:
    tables = [c for c in doc.chunks if c.kind == "table" and len(_year_columns(c.table_header)) >= 2]
    prose = [value for _, value in find_amounts("\n".join(doc.texts.values()))]
    for key, group in groupby(tables, key=lambda c: (c.table_header, c.section)):
        chunks = list(group)
        width = len(_year_columns(chunks[0].table_header))
        rows = [(*row[:3], _page(doc, chunk, row)) for chunk in chunks for row in _rows(chunk, width)]
        if any(PROGRAMME_BUDGET["indicator column"].search(text) for text in (key[0], *(r[0] for r in rows))):
            continue  # effect indicators in euros ("Peilwaarde ... € 30,4 mln") are targets, not budgets
        multiplier, note = _multiplier(chunks[0], rows, prose, _unit_above(doc, rows))
        if multiplier is None:
            continue
        columns = _year_columns(chunks[0].table_header)
        header = chunks[0].table_header
        title = _TRAILING_YEARS.sub("", header.split("|")[0]).strip()
        parent = ""
        for label, numbers, tail, page_hint in rows:
            if len(numbers) == len(columns) + 1 and YEAR_CELL.fullmatch(numbers[0]):
                # "Kadernota 2025 1.512 5.586 ...": the year belongs to the label, not to a column.
                label, numbers = f"{label} {numbers[0].strip()}", numbers[1:]
            while len(numbers) > len(columns) and _DASH_CELL.match(numbers[-1]):
                numbers, tail = numbers[:-1], [numbers[-1]]  # a dash in a column after the amounts
            group_label, name = _split_arrow(label)
            parent = group_label or (parent if label.startswith("→") else "")
            amounts = _amounts(doc, numbers, columns, multiplier, label, page_hint)
            if not amounts:
                continue
            quote = " | ".join([label, *numbers, *tail])
            nature = "structureel" if "structureel" in label.lower() else ""
            tag = iv3.classify(clean_label(label))
            yield Candidate(
                "budget", clean_label(name), quote, page_hint, PRIORITY_STRUCTURE,
                {"amounts": amounts, "table": clean_label(title if columns and title else header),
                 "row": clean_label(label), "note": note, "nature": nature,
                 "level": "totaal" if _TOTAL.search(name) else "", "group": clean_label(parent),
                 "programme": programme_of(label, title, chunks[0].section), "taakveld": tag.code,
                 "taakveld_printed": tag.printed},
            )  # fmt: skip


def programme_of(*texts: str) -> str:
    """The programme the first of `texts` that names one names: "P4 Fysieke Leefomgeving"."""
    for text in texts:
        match = PROGRAMME.search(text)
        if match:
            return f"P{match.group('number')} {clean_label(match.group('name'))}"
    return ""


def _year_columns(header: str) -> list[tuple[int | None, str]]:
    """(year, column name) of each value column that names one year: "2024", "Begroting 2025 lasten".
    A title that ends in its year columns ("Tabel 11.1 - Financieel Meerjarenbeeld 2025 2026 2027
    2028") has those; a bare year printed again ("raming 2023 | raming 2024 | mutatie t.o.v. 2023")
    is a column compared with that year, not one of it."""
    out: list[tuple[int | None, str]] = []
    if "|" not in header:
        trailing = _TRAILING_YEARS.search(header)
        return [(int(y), y) for y in trailing.group(0).split()] if trailing else []
    for cell in header.split("|")[1:]:
        cell = cell.strip()
        years = years_in(cell)
        if YEAR_CELL.fullmatch(cell) and any(cell == name for _, name in out):
            out.append((None, f"mutatie t.o.v. {cell}"))
        elif YEAR_CELL.fullmatch(cell) or (len(years) == 1 and len(cell.split()) <= _COLUMN_MAX_WORDS):
            out.append((years[0], cell))
    first = header.split("|")[0]
    if YEAR_CELL.fullmatch(first):  # a header that starts with its first year column
        out.insert(0, (years_in(first)[0], first.strip()))
    return out


# The year columns that end a title line without cells: "... Meerjarenbeeld 2025 2026 2027 2028".
_TRAILING_YEARS = re.compile(rf"(?<![\d.\-–])(?:{YEAR_TEXT}\s+){{1,}}{YEAR_TEXT}\s*$")
# An empty cell of a budget table: a dash, no amount ("220 | - | - | -").
_DASH_CELL = re.compile(r"^[-–−]$")
_UNIT_LINES_ABOVE = 3  # lines above a table's first row that may hold its title with the unit


def _unit_above(doc: DocText, rows: Sequence[tuple[str, list[str], list[str], int]]) -> str:
    """The unit printed in the title above a table rather than in its header: "Tabel 7.1 -
    Opbrengst uit belastingen bedragen x € 1.000" two lines above the first row."""
    if not rows:
        return ""
    label, numbers, _, page = rows[0]
    citation = doc.verify(" | ".join([label, *numbers]), page)
    if citation is None:
        return ""
    above = [x for x in doc.texts[citation.page][: citation.start].split("\n") if x.strip()]
    for line in reversed(above[-_UNIT_LINES_ABOVE:]):
        unit = TABLE_UNIT.search(line)
        if unit:
            return unit.group(0)
    return ""


def measure_of(column: str, row: str) -> str:
    """What an amount is: baten, lasten or saldo (from the column, else the row), or a reserve
    movement ("Toevoeging reserves", "Onttrekking reserves")."""
    for text in (column, row):
        match = BUDGET_MEASURE.search(fold(text))
        if match:
            return match.group("measure")
    return ""


def _rows(chunk: Chunk, width: int = 0) -> list[tuple[str, list[str], list[str], int]]:
    """(label, number cells, trailing cells, page) per row line of a table chunk whose header
    names `width` value columns."""
    out = []
    lines = chunk.text.split("\n")
    if lines and lines[0].strip() == chunk.table_header.strip():
        lines = lines[1:]
    for line in lines:
        cells = [c.strip() for c in line.split("|") if c.strip()]
        first = next((i for i, c in enumerate(cells) if _value_cell(c)), None)
        if first is None or first == 0:
            continue
        numbers: list[str] = []
        i = first
        while i < len(cells) and _value_cell(cells[i]):
            numbers.append(cells[i])
            i += 1
        # Dashes keep the cells after them in their columns only at the row's end ("220 | - | - |
        # -"); a dash with a number after it is a column of its own ("200 | 200 | 200 | - | 5",
        # Op koers / Volgnr), where the amounts end. A dash in the first column is its empty cell
        # ("Opvoeren mutaties ... | - | 450 | 705 | 639": nothing in the first year).
        # A row with one cell per column keeps its dashes as empty cells ("P2 ... | 50 | - | 50"
        # under Onttrekking, Toevoeging, Mutaties).
        dash = next((n for n, c in enumerate(numbers) if _DASH_CELL.match(c)), len(numbers))
        if dash > 0 and len(numbers) != width and any(NUMBER_CELL.match(c) for c in numbers[dash:]):
            numbers, i = numbers[:dash], first + dash
        if not any(NUMBER_CELL.match(n) or n.upper() == "PM" for n in numbers):
            continue  # a row of dashes only: no amount
        tail = cells[i : i + 1] if i < len(cells) and not NUMBER_CELL.match(cells[i]) else []
        out.append((" ".join(cells[:first]), numbers, tail, chunk.page_start))
    return out


def _value_cell(cell: str) -> bool:
    """A number, "PM" or a dash (an empty cell, which keeps the cells after it in their columns)."""
    return bool(NUMBER_CELL.match(cell) or cell.upper() == "PM" or _DASH_CELL.match(cell))


def _page(doc: DocText, chunk: Chunk, row: tuple[str, list[str], list[str], int]) -> int:
    """The page a row starts on (a table chunk may run over several pages)."""
    quote = " | ".join([row[0], *row[1]])
    for page in chunk.pages:
        citation = doc.verify(quote, page)
        if citation is not None:
            return citation.page
    return chunk.page_start


def _multiplier(
    chunk: Chunk, rows: Sequence[tuple[str, list[str], list[str], int]], prose: list[float], above: str = ""
) -> tuple[float | None, str]:
    unit = chunk.unit or (chunk.table_header if SCALED_EURO.search(chunk.table_header) else above)
    if chunk.unit == "€":
        return 1.0, "bedragen in euro (tabel van baten en lasten)"
    if SCALED_EURO.search(unit):
        return unit_multiplier(unit), f"bedragen {unit_multiplier(unit):,.0f} × (tabelkop: {unit.strip()})"
    labels = [label for label, _, _, _ in rows]
    money = MONEY_CUES["label"].search(" ".join([chunk.table_header, *labels]))
    counts = sum(bool(MEASURE_WORD.match(label)) for label in labels)
    if not money or counts > 0.3 * max(1, len(labels)):
        return None, ""  # counts of people or cases, however well they match amounts in the text
    values = {
        v for _, numbers, _, _ in rows for n in numbers if (v := parse_amount(n)) is not None and abs(v) >= 10
    }
    for factor in (1000.0, 1_000_000.0):
        errors = {v: min((abs(a - v * factor) / abs(a) for a in prose if a), default=1.0) for v in values}
        hits = sorted((v for v, error in errors.items() if error <= 0.01), key=lambda v: (errors[v], -v))
        if len(hits) >= 2:
            examples = ", ".join(f"{h:g} = {format_eur(h * factor)}" for h in hits[:2])
            return (
                factor,
                f"eenheid x € {factor:,.0f} afgeleid uit bedragen in de tekst ({examples})".replace(",", "."),
            )
    return None, ""


def _amounts(
    doc: DocText,
    numbers: list[str],
    years: list[tuple[int | None, str]],
    multiplier: float,
    label: str,
    page: int,
) -> tuple[Amount, ...]:
    values = [(n, parse_amount(n, multiplier)) for n in numbers]
    numeric = [(n, v) for n, v in values if v is not None]
    if not numeric or (
        len(numbers) == 1 and _ROW_NUMBER.match(numbers[0]) and not label.lower().startswith("saldo")
    ):
        return ()
    if len(values) == len(years) or _left_aligned(doc, label, numbers, page):
        return tuple(
            Amount(v, year, column, measure_of(column, label))
            for (_, v), (year, column) in zip(values, years, strict=False)
            if v is not None
        )
    return tuple(Amount(v, None, "kolom onbekend", measure_of("", label)) for _, v in numeric)


def _left_aligned(doc: DocText, label: str, numbers: list[str], page: int) -> bool:
    """A short row is left-aligned when the page shows its empty cells after it ("||")."""
    citation = doc.verify(" | ".join([label, *numbers]), page)
    if citation is None:
        return False
    text = doc.texts[citation.page][citation.end :]
    return bool(re.match(r"\s*\|?\s*\n\s*\|\|", text))


def _split_arrow(label: str) -> tuple[str, str]:
    """ "wensen beleidskader → werkbudget ..." -> ("wensen beleidskader", "werkbudget ...")."""
    if "→" not in label:
        return "", label
    head, _, tail = label.rpartition("→")
    return head.replace("→", " ").strip(), tail.strip()


def proposal_budgets(doc: DocText) -> Iterator[Candidate]:
    """Kadernota proposals: "Voorstel | i/s | jaar | Financiën", a label, then i/s, year, amount."""
    lines = doc.lines
    for i, line in enumerate(lines):
        if not re.match(r"^Voorstel:?$", line.stripped):
            continue
        k = i + 1
        while k < len(lines) and k - i <= 4 and not re.match(r"^\*?(Financiën|Bedrag)$", lines[k].stripped):
            k += 1
        if k >= len(lines) or k - i > 4:
            continue
        start = k + 1
        j = start
        while j < len(lines) and not _NATURE_CELL.match(lines[j].stripped) and j - start < 8:
            j += 1
        if j >= len(lines) or j == start or not _NATURE_CELL.match(lines[j].stripped):
            continue
        label = clean_label(" ".join(x.stripped for x in lines[start:j]))
        amounts, natures, notes, end = _proposal_entries(lines, j)
        if not amounts:
            continue
        nature = (
            {"i": "incidenteel", "s": "structureel"}.get(natures[0], "") if len(set(natures)) == 1 else ""
        )
        yield Candidate(
            "budget", label, doc.quote(start, end), lines[start].page, PRIORITY_STRUCTURE,
            {"amounts": tuple(amounts), "nature": nature, "table": "Voorstel", "row": label,
             "note": "; ".join(dict.fromkeys(notes))},
        )  # fmt: skip


def _proposal_entries(lines: Sequence, j: int) -> tuple[list[Amount], list[str], list[str], int]:
    amounts: list[Amount] = []
    natures: list[str] = []
    notes: list[str] = []
    end = j
    while j < len(lines) and _NATURE_CELL.match(lines[j].stripped):
        natures.append(lines[j].stripped[0])
        j += 1
        year = None
        if j < len(lines) and YEAR_CELL.fullmatch(lines[j].stripped):
            year = int(lines[j].stripped)
            j += 1
        parts: list[str] = []
        while j < len(lines) and len(parts) < 3 and not _NATURE_CELL.match(lines[j].stripped):
            text = lines[j].stripped
            if (
                text.startswith(("-", "*", "•"))
                or len(text.split()) > 8
                or re.match(r"^(Subdoel|Voorstel)", text)
            ):
                break
            parts.append(text)
            j += 1
            if "(" not in " ".join(parts) or ")" in text:
                break
        cell = " ".join(parts)
        found = find_amounts(cell) or ([(cell, v)] if (v := parse_amount(cell.split("(")[0])) else [])
        if found:
            amounts.append(Amount(found[0][1], year, str(year) if year else ""))
        rest = re.sub(r"^[^(]*", "", cell).strip("() ") if found else cell
        if rest:
            notes.append(rest)
        end = j - 1
    return amounts, natures, notes, end


def prose_budgets(
    doc: DocText,
    sentences: Sequence[Sentence],
    covered: Sequence[tuple[int, int, int]] = (),
    partners: dict[int, int] | None = None,
) -> Iterator[Candidate]:
    """A sentence that assigns euros to a purpose: "een budget van € 75.000 incidenteel". `partners`
    is `partner_table_pages(doc)` where the caller has it already."""
    previous: Sentence | None = None
    partners = partner_table_pages(doc) if partners is None else partners
    for sentence in sentences:
        before, previous = previous, sentence
        if sentence.page in partners and sentence.start >= partners[sentence.page]:
            continue  # a partner's equity, debt or risks ("... berekend op €750.000"), no budget of ours
        spans = [
            (s, e) for p, s, e in covered if p == sentence.page and s < sentence.end and sentence.start < e
        ]
        if spans:
            tail = max(e for _, e in spans)
            if min(s for s, _ in spans) > sentence.start or tail >= sentence.end:
                continue  # part of a budget table: the row says it
            # A heading with its amount glued before the sentence: the sentence is what follows it.
            sentence = Sentence(
                sentence.page, tail, sentence.end, doc.texts[sentence.page][tail : sentence.end]
            )
        text = doc.sentence_text(sentence)
        found = find_amounts(text)
        budget = MONEY_CUES["budget"].search(text) and (
            not MONEY_CUES["not a budget"].search(text)
            or (MONEY_CUES["named"].search(text) and not MONEY_CUES["not ours"].search(text))
        )
        if not found or "|" in text or not budget or _INDICATOR_TABLE_TEXT.search(text):
            continue  # no amount, a table row, or an effect-indicator table read as one sentence
        if not find_amounts(TABLE_UNIT.sub(" ", text)):
            continue  # its only amount is a table's unit ("Bedragen x € 1.000 (inclusief ...)")
        amounts = _per_year(text, tuple(_dated(text, raw, value) for raw, value in found))
        if (
            before is not None
            and before.page == sentence.page
            and re.match(r"^(Het|Dit) (betreft|is)\b", text)
            and not find_amounts(doc.texts[sentence.page][before.start : before.end])
        ):
            # "Het betreft een bedrag van € 500.000." says what for in the sentence before; after a
            # sentence with an amount of its own ("... begroot op € 350.000. Dit is structureel
            # € 150.000 hoger ...") it is a line of its own.
            text = " ".join(doc.texts[sentence.page][before.start : sentence.end].split())
        nature = next((w for w in ("incidenteel", "structureel") if w in text.lower()), "")
        section = doc.section_at(sentence.page, sentence.start).rsplit(" > ", 1)[-1]
        yield Candidate(
            "budget", text, text, sentence.page, PRIORITY_CUE,
            {"amounts": amounts, "nature": nature, "row": clean_label(section),
             "note": "bedrag uit de tekst"},
        )  # fmt: skip


# An effect-indicator table read as one sentence names its columns ("Peilwaarde", "Realisatie
# 2022"); the realisation of a building plan in running text ("... bij te staan in de realisatie") is
# no such column.
_INDICATOR_TABLE_TEXT = re.compile(
    rf"\b(?:peilwaarde|streefwaarde)\b|\brealisatie\s+{YEAR_TEXT}\b", re.IGNORECASE
)


def _per_year(text: str, amounts: tuple[Amount, ...]) -> tuple[Amount, ...]:
    """ "50.000 euro per jaar voor de jaren 2021 en 2022": one amount for each year named."""
    match = _PER_YEAR.search(text)
    if len(amounts) != 1 or match is None:
        return amounts
    years = years_in(match.group(1))
    if re.search(r"t/m|tot en met|-", match.group(1)) and len(years) == 2:
        years = list(range(years[0], years[1] + 1))
    return tuple(Amount(amounts[0].eur, y, str(y)) for y in years)


def _dated(text: str, raw: str, value: float) -> Amount:
    """The year an amount in running text is for: "voor 2020 een bedrag van € 80.000", "€ 8,3 mln in 2020"."""
    at = text.find(raw)
    before = _DECIDED_IN.sub("", REFERENCE_YEAR.sub("", text[:at]))[-45:]
    after = text[at + len(raw) : at + len(raw) + 25]
    year_after = _YEAR_AFTER.match(after)
    years_before = years_in(before)
    if year_after:
        return Amount(value, int(year_after.group(1)), year_after.group(1))
    if years_before:
        return Amount(value, years_before[-1], str(years_before[-1]))
    return Amount(value, None, "per jaar" if "per jaar" in after else "")


_HEADING_MAX_WORDS = 14
_BRACKET_MAX_LINES = 3  # lines a change heading's bracket may wrap over


def change_headings(doc: DocText) -> Iterator[Candidate]:
    """New policy and savings as programme budgets print them: a heading with the change in lasten
    or baten in brackets, on its line or the next ("Formatie-uitbreiding griffie (hogere lasten
    € 20.000)", "Bovenschoolse opleidingscoördinator" / "(hogere lasten in 2025 € 45.000)"). The
    year is the one the bracket names for the amount, else left open."""
    lines = doc.lines
    for i, line in enumerate(lines):
        text, last = line.stripped, i
        # A bracket that wraps, over as many lines as it takes: "(structureel hogere lasten € 216.286.
        # Dekking ... vanuit de leges" / "Omgevingsvergunning: structureel hogere baten € 112.500)".
        while (
            text.count("(") > text.count(")")
            and last + 1 < len(lines)
            and last - i < _BRACKET_MAX_LINES
            and lines[last + 1].page == line.page
        ):
            text, last = f"{text} {lines[last + 1].stripped}", last + 1
        bracket = PROGRAMME_BUDGET["budget change"].search(text)
        if bracket is None or text[bracket.end() :].strip(" .;"):
            continue  # a change mentioned inside a sentence is read as a sentence
        name, first = text[: bracket.start()].strip(), i
        if not name and i > 0 and lines[i - 1].page == line.page:
            name, first = lines[i - 1].stripped, i - 1
        # A thousands point the PDF broke off from its digits: "(hogere lasten €20. 000 in 2024)".
        change = re.sub(r"(\d)\.\s+(\d{3})\b", r"\1.\2", bracket.group(0))
        found = find_amounts(change)
        if not found or not _heading(name):
            continue
        amounts = tuple(_changed(change, raw, value) for raw, value in found)
        both = _EACH_YEAR.search(change)
        if len(amounts) == 1 and both is not None:
            # "(hogere lasten €22.000 in 2024 en 2025)": the amount in each year named.
            amounts = tuple(Amount(amounts[0].eur, int(y), y, amounts[0].measure) for y in both.group(1, 2))
        nature = next((w for w in ("incidenteel", "structureel") if w in change.lower()), "")
        yield Candidate(
            "budget", clean_label(name), doc.quote(first, last), lines[first].page, PRIORITY_STRUCTURE,
            {"amounts": amounts, "nature": nature, "row": clean_label(name),
             "note": f"wijziging in de begroting {clean_label(bracket.group(0))}"},
        )  # fmt: skip


_EACH_YEAR = re.compile(rf"\bin ({YEAR_TEXT}) en ({YEAR_TEXT})\b")


def _heading(text: str) -> bool:
    """A heading of its own: short, capitalised, no sentence ending."""
    return (
        bool(text)
        and len(text.split()) <= _HEADING_MAX_WORDS
        and text[:1].isupper()
        and not text.endswith((".", ",", ";", ":"))
    )


def _changed(bracket: str, raw: str, value: float) -> Amount:
    """An amount of a change heading with its year and whether it changes lasten or baten."""
    dated = _dated(bracket, raw, value)
    before = bracket[: bracket.find(raw)]
    kinds = re.findall(r"\b(lasten|baten)\b", before, re.IGNORECASE) or re.findall(
        r"\b(lasten|baten)\b", bracket, re.IGNORECASE
    )
    return Amount(dated.eur, dated.year, dated.label, kinds[-1].lower() if kinds else "")


# An investment table's header runs over at most this many lines above "Meerjarenbeeld", a row's
# label over at most this many.
_INVESTMENT_HEADER_LINES = 30
_INVESTMENT_LABEL_LINES = 6


def investment_tables(doc: DocText) -> Iterator[Candidate]:
    """The investment table of a programme budget: "Reeds beschikbaar gesteld krediet of begrote
    investering | Beschikbaar te stellen krediet | Meerjarenbeeld 2025 2026 2027 | Totaal". pypdf
    gives a row as its label (over one or more lines) and its cells, one a line or several, in whole
    euros with a dash for none. The line of years after "Meerjarenbeeld" names the year columns (the
    first is the credit to grant this year), the last column is the total, and the columns before
    the years are credits already granted: as many as most rows have cells more."""
    lines = doc.lines
    for i, line in enumerate(lines):
        if not _BBV["investment years"].search(line.stripped):
            continue
        header = lines[max(0, i - _INVESTMENT_HEADER_LINES) : i]
        if not _BBV["investment credit"].search(" ".join(x.stripped for x in [*header, line])):
            continue
        k = next((j for j in range(i, min(i + 3, len(lines))) if len(years_in(lines[j].stripped)) >= 2), None)
        if k is None:
            continue
        years = years_in(lines[k].stripped)
        title = next((x.stripped for x in reversed(header) if TABLE_TITLE.match(x.text)), "Investeringen")
        rows = _investment_rows(lines, k + 1)
        counts = Counter(len(cells) for _, _, _, cells in rows)
        # The width most rows have: a row that lost its empty cells, or shows one too many, differs.
        width = max(counts, key=lambda n: (counts[n], n), default=0)
        before = width - len(years) - 1
        for first, last, label, cells in rows:
            amounts = _investment_amounts(cells, years, before, width)
            if not amounts:
                continue
            yield Candidate(
                "budget", clean_label(label), doc.quote(first, last), lines[first].page, PRIORITY_STRUCTURE,
                _row_fields(amounts, clean_label(title), clean_label(label),
                            "bedragen in euro (investeringstabel, kredieten)", label, programme_of(title)),
            )  # fmt: skip


def _investment_rows(lines: Sequence[Line], k: int) -> list[tuple[int, int, str, list[str]]]:
    """(first line, last line, label, cells) of each row from line k until the table ends: after
    its total row, at a note or a next table, or at a label that runs on too long."""
    rows: list[tuple[int, int, str, list[str]]] = []
    label: list[str] = []
    cells: list[str] = []
    first = last = k
    while k < len(lines):
        text = lines[k].stripped
        if not text:
            k += 1
            continue
        if NOTE_START.match(text) or TABLE_TITLE.match(text):
            break
        tail = re.search(rf"(?:(?:^|\s+){_BBV['investment cell'].pattern})+\s*$", text)
        words = text[: tail.start()].strip() if tail else text
        found = _BBV["investment cell"].findall(tail.group(0)) if tail else []
        if words and cells:  # a new row's label: the previous row is complete
            rows.append((first, last, " ".join(label), cells))
            if _TOTAL.search(rows[-1][2]):
                return rows
            label, cells = [], []
        if words:
            if not label:
                first = k
            label.append(words)
            if len(label) > _INVESTMENT_LABEL_LINES:
                return rows
        if found and label:
            cells.extend(found)
            last = k
        k += 1
    if label and cells:
        rows.append((first, last, " ".join(label), cells))
    return rows


def _investment_amounts(cells: list[str], years: list[int], before: int, width: int) -> tuple[Amount, ...]:
    """The amounts of a row's cells; a row that lost its empty cells gets no columns."""
    full = len(cells) == width and before >= 0
    labels = ["beschikbaar gesteld krediet"] * max(before, 0) + [str(y) for y in years] + ["Totaal"]
    out = []
    for n, cell in enumerate(cells):
        value = parse_amount(cell) if cell != "-" else None
        if value is None or value == 0:
            continue
        if not full:
            out.append(Amount(value, None, "kolom onbekend"))
        else:
            column = labels[n]
            out.append(Amount(value, int(column) if column.isdigit() else None, column))
    return tuple(out)


# A cost-recovery table runs over at most this many lines; a line of more words is running text.
_COST_RECOVERY_LINES = 30
_COST_RECOVERY_PROSE_WORDS = 10


def cost_recovery_tables(doc: DocText) -> Iterator[Candidate]:
    """The cost-recovery calculation of a heffing: each row (costs of the taakvelden, income, overhead,
    BTW, totals) a budget line without a year, the table names none; the percentage it ends in an
    indicator. A label without its amount waits for the next line of amounts only, first come first
    served; a label that ends in a colon heads a group."""
    lines = doc.lines
    k = 0
    while k < len(lines):
        if not _BBV["cost recovery title"].match(lines[k].stripped):
            k += 1
            continue
        title = clean_label(lines[k].stripped)
        factor = unit_multiplier(lines[k].stripped) if SCALED_EURO.search(lines[k].stripped) else 1.0
        k += 1
        end = min(len(lines), k + _COST_RECOVERY_LINES)
        waiting: list[int] = []
        while k < end:
            text = lines[k].stripped
            share = _BBV["cost recovery share"].match(text)
            if share:
                cell = Measurement("Kostendekkendheid", share.group("share"), None, "target")
                yield Candidate(
                    "indicator", clean_label(text[: share.start("share")]), text, lines[k].page,
                    PRIORITY_STRUCTURE, {"measurements": (cell,), "unit": "%", "table": title},
                )  # fmt: skip
                break
            if not text or _BBV["cost recovery title"].match(text):
                k += 1
                continue
            if (
                NOTE_START.match(text)
                or TABLE_TITLE.match(text)
                or len(text.split()) > _COST_RECOVERY_PROSE_WORDS
                or _BBV["cost recovery columns"].match(text)
            ):
                break  # running text, a next table, or a table by row (`cost_recovery_rows`)
            cells = _BBV["cost recovery amounts"].search(text)
            label = text[: cells.start()].strip() if cells else text
            values = (
                [v for v in (parse_amount(c, factor) for c in cells.group(0).split()) if v is not None]
                if cells
                else []
            )
            if label and values:
                # A row with its own amount closes the rows above: a label still waiting for one
                # has none printed ("Inkomsten taakveld(en), excl. heffingen" above "Netto kosten").
                waiting.clear()
                yield _cost_row(doc, k, label, values, title)
            elif values:
                for value in values:
                    if waiting:
                        row = waiting.pop(0)
                        yield _cost_row(doc, row, lines[row].stripped, [value], title)
            elif not _BBV["cost recovery group"].search(label):
                waiting.append(k)
            k += 1


def _cost_row(doc: DocText, line: int, label: str, values: list[float], title: str) -> Candidate:
    """One row of a cost-recovery table, on one line."""
    return Candidate(
        "budget", clean_label(label), doc.quote(line, line), doc.lines[line].page, PRIORITY_STRUCTURE,
        _row_fields(tuple(Amount(v, None, "kostendekkendheid") for v in values), title, clean_label(label),
                    "bedragen in euro (berekening kostendekkendheid)", label),
    )  # fmt: skip


def _row_fields(
    amounts: tuple[Amount, ...], table: str, row: str, note: str, total: str = "", programme: str = ""
) -> dict[str, object]:
    """The fields of a budget line read from a table row: `total` the label that says whether the
    row is a total ("Totaal secretarieleges"); no nature, group or taakveld."""
    return {
        "amounts": amounts, "table": table, "row": row, "note": note, "nature": "",
        "level": "totaal" if _TOTAL.search(total) else "", "group": "", "programme": programme,
        "taakveld": "", "taakveld_printed": "",
    }  # fmt: skip


_SHARE_ROW_LABEL_LINES = 3  # a row's label wraps over at most this many lines
_SHARE_TITLE_LINES = 3  # the title above the columns ("Berekening kostendekkendheid Leges ...")


def cost_recovery_rows(doc: DocText) -> Iterator[Candidate]:
    """A cost-recovery table by row ("Kosten baten kostendek." over the leges per title): each row
    with amounts a budget line with its kosten and baten (no year: the table names none), and each
    row an indicator for its own kostendekkendheid, totals included. pypdf prints a row on one line
    or its label, amounts and share on lines of their own ("Totaal secretarieleges" / "109.000" /
    "78.000" / "72%"); the items listed under a heading ("- Huisvestingswet") have no amounts."""
    lines = doc.lines
    for i, line in enumerate(lines):
        if _BBV["cost recovery columns"].match(line.stripped):
            above = reversed(lines[max(0, i - _SHARE_TITLE_LINES) : i])
            title = next((x.stripped for x in above if _BBV["cost recovery title"].match(x.stripped)), "")
            yield from _share_rows(doc, i + 1, clean_label(title))


def _share_rows(doc: DocText, k: int, title: str) -> Iterator[Candidate]:
    """The rows of a cost-recovery table by row from line k until running text, a next table or
    the page's end."""
    lines = doc.lines
    page = lines[k - 1].page
    first = k
    label: list[str] = []  # the row's label, perhaps over several lines
    cells: list[str] = []
    while k < len(lines) and lines[k].page == page:
        text = lines[k].stripped
        if (
            TABLE_TITLE.match(lines[k].text)
            or _BBV["cost recovery title"].match(text)
            or _BBV["cost recovery columns"].match(text)
            or len(text.split()) > _COST_RECOVERY_PROSE_WORDS
        ):
            return
        words, row_cells, share = _share_cells(text)
        if not words or text.startswith("- "):
            pass  # cells only, or an item listed under the row's heading: no row of its own
        elif label and not cells and words[0][0].islower() and len(label) < _SHARE_ROW_LABEL_LINES:
            label.append(" ".join(words))  # "Omgevingsvergunning (als gevolg van de" / "invoeringswet ...)"
        else:
            first, label, cells = k, [" ".join(words)], []
        cells += row_cells
        if share and label:
            yield from _share_row(doc, (first, k), clean_label(" ".join(label)), cells, share, title)
            label, cells = [], []
        k += 1


def _share_cells(text: str) -> tuple[list[str], list[str], str]:
    """(label words, amount cells, share) of one line of a cost-recovery table by row."""
    share = ""
    if match := _BBV["row share"].search(text):
        share, text = match.group("share"), text[: match.start()]
    cells: list[str] = []
    while match := _BBV["row cell"].search(text):
        cells.insert(0, match.group(0).strip())
        text = text[: match.start()]
    return text.split(), cells, share


def _share_row(
    doc: DocText, span: tuple[int, int], label: str, cells: list[str], share: str, title: str
) -> Iterator[Candidate]:
    """The budget line (where the row has amounts) and the indicator of one row."""
    first, last = span
    quote, page = doc.quote(first, last), doc.lines[first].page
    amounts = tuple(
        Amount(value, None, "kostendekkendheid", measure)
        for cell, measure in zip(cells, ("lasten", "baten"), strict=False)
        if (value := parse_amount(cell)) is not None
    )
    if amounts:
        yield Candidate(
            "budget", label, quote, page, PRIORITY_STRUCTURE,
            _row_fields(amounts, title, label, "bedragen in euro (berekening kostendekkendheid)", label),
        )  # fmt: skip
    cell = Measurement("Kostendekkendheid", share, None, "target")
    yield Candidate(
        "indicator", label, quote, page, PRIORITY_STRUCTURE,
        {"measurements": (cell,), "unit": "%", "table": title},
    )  # fmt: skip


_PARTNER_HEADER_WORDS = 3  # a header cell, not a sentence that names the deelnemersbijdrage
_PARTNER_LABEL_LINES = 6  # a partner's name wraps over at most this many lines
_PARTNER_LABEL_WORDS = 3  # a line of a partner's name has at most this many words
_PARTNER_PART_WORDS = 2  # the lines that split the amount in parts are this short


def partner_tables(doc: DocText, pages: dict[int, int] | None = None) -> Iterator[Candidate]:
    """The financial interest in each verbonden partij (see PROGRAMME_BUDGET): its deelnemersbijdrage
    or dividend a budget line with year `null` (the table names none). `pages` is
    `partner_table_pages(doc)` where the caller has it already."""
    for page, start in (partner_table_pages(doc) if pages is None else pages).items():
        yield from _partner_rows(doc, page, start)


def partner_table_pages(doc: DocText) -> dict[int, int]:
    """Page -> offset where a verbonden-partijen table stands on it: from its header on, and over
    the pages it runs on to until a page with no row. Its other amounts are the partners' equity,
    debt and risks, no budget lines of ours. A header cell may break inside its word, one short line
    on the next ("deelnemer" / "s- bijdrage")."""
    out: dict[int, int] = {}
    lines = doc.lines
    for n, line in enumerate(lines):
        if len(line.stripped.split()) > _PARTNER_HEADER_WORDS or line.page in out:
            continue
        header = _BBV["partner table header"].search(line.stripped)
        after = lines[n + 1] if n + 1 < len(lines) else None
        if (
            not header
            and after is not None
            and after.page == line.page
            and len(after.stripped.split()) <= _PARTNER_HEADER_WORDS
        ):
            header = _BBV["partner table header"].search(line.stripped + after.stripped)
        if not header:
            continue
        out[line.page] = line.start
        page = line.page + 1
        while page in doc.texts and page not in out and any(_partner_rows(doc, page, 0)):
            out[page] = 0
            page += 1
    return out


def _partner_rows(doc: DocText, page: int, start: int) -> Iterator[Candidate]:
    """The budget line of each row of a verbonden-partijen table on `page`, from offset `start`."""
    lines = [x for x in doc.lines if x.page == page and x.start >= start]
    for n, line in enumerate(lines):
        cell = _BBV["partner amount"].match(line.stripped)
        if cell is None:
            continue
        first, label = n, cell.group("label")
        if label and not (label[0].isupper() and _partner_label(label)):
            continue  # "bedraagt €15.912" ends a sentence of the risks column
        while (
            not label
            and first > 0
            and n - first < _PARTNER_LABEL_LINES
            and _partner_label(lines[first - 1].stripped)
        ):
            first -= 1
        label = label or " ".join(x.stripped for x in lines[first:n])
        if not label[:1].isupper() and not label.startswith("("):
            continue  # an amount under a date ("31-12-2024:") or after a sentence: equity, debt, risks
        amounts, last = [parse_amount(cell.group("amount"))], n
        for k in range(n + 1, len(lines)):
            if len(lines[k].stripped.split()) > _PARTNER_PART_WORDS:
                break
            if part := _BBV["partner amount"].match(lines[k].stripped):
                amounts.append(parse_amount(part.group("amount")))
                last = k
        name = clean_label(label)
        yield Candidate(
            "budget", name, doc.quote(lines[first].index, lines[last].index), page, PRIORITY_STRUCTURE,
            _row_fields(tuple(Amount(v, None, "financieel belang") for v in amounts if v is not None),
                        "Verbonden partijen", name, "bedragen in euro (verbonden partijen)"),
        )  # fmt: skip


def _partner_label(text: str) -> bool:
    """A line of a partner's name: a few words, no sentence end or date, no list item, no amount."""
    words = text.split()
    return (
        0 < len(words) <= _PARTNER_LABEL_WORDS
        and not text.startswith("- ")
        and not text.endswith((".", ";", ":"))
        and "€" not in text
    )


def amount_lists(doc: DocText) -> Iterator[Candidate]:
    """Each line of a list of amounts (see PROGRAMME_BUDGET) a budget line, in the year its
    introduction names ("Over het jaar 2025 ..."), else with year `null`."""
    lines = doc.lines
    for i, line in enumerate(lines):
        if not _BBV["amount list intro"].search(line.stripped):
            continue
        intro = line.stripped
        if i > 0 and intro[:1].islower():
            intro = f"{lines[i - 1].stripped} {intro}"  # the introduction wrapped onto this line
        years = set(years_in(intro))
        year = years.pop() if len(years) == 1 else None
        k = i + 1
        while k < len(lines) and lines[k].page == line.page:
            item = _BBV["amount list item"].match(lines[k].stripped)
            value = parse_amount(item.group("amount")) if item else None
            if item is None or value is None:
                break
            label = clean_label(item.group("label"))
            yield Candidate(
                "budget", label, lines[k].stripped, line.page, PRIORITY_STRUCTURE,
                _row_fields((Amount(value, year, str(year or "")),), clean_label(intro), label,
                            "bedragen in euro (opsomming)"),
            )  # fmt: skip
            k += 1


# A table of amounts per year that pypdf printed as lines (ingestion gave no table for it, or one
# for its first group of rows only: the rows it read are found by `table_budgets` first and keep
# its reading, dedupe drops the same rows read here): the title
# ("Tabel 9.2 - Exploitatiegegevens kapitaalgoederen (bedragen x € 1.000)") with its year columns on
# it or on the header line below ("Kapitaalgoed 2024 2025 2026 2027 Specificatie werkzaamheden"),
# then per row its label and one cell per year, on one line (perhaps with a text column after the
# amounts: "Wegen 1.707 1.886 1.955 2.032 Herstelwerkzaamheden asfalt,") or the label on the lines
# above its cells, or each cell on a line of its own ("Saldo baten en lasten" / "-2.349" / "-554").
_LINE_CELL = re.compile(r"^(?:[-–−]|[-–−]?\d{1,3}(?:\.\d{3})*(?:,\d+)?)$")
_UNSIGNED = re.compile(r"^\d{1,3}(?:\.\d{3})*(?:,\d+)?$")
_HEADER_YEARS = re.compile(rf"(?<![\d.])(?P<years>(?:{YEAR_TEXT}\s+)+{YEAR_TEXT})(?![\d.])")
# A text cell that goes on: it ends on a comma or a word that joins ("... markeringen en").
_TEXT_GOES_ON = re.compile(r"(?:,|\b(?:en|of|van|met|voor|de|het|een|en/of))$", re.IGNORECASE)
_LINE_TABLE_LABEL_LINES = 3  # a label runs over at most this many lines
_LINE_TABLE_PROSE_WORDS = 10  # a line without cells and with more words is running text: the end
_LINE_TABLE_HEADER_LINES = 3  # the year columns stand on the title line or up to three below
_ONE_YEAR_HEADER_LINES = 3  # a one-year table's unit line stands within this many lines below its title


def line_tables(doc: DocText) -> Iterator[Candidate]:
    """Budget lines of the year tables printed as lines (see above), and of the tables of one
    column of amounts whose title names their one year (`_one_year_head`). The unit is the title's
    or the header's; a table without one takes the unit of the table titled above it on its page
    with the same years (the structural balance under the Meerjarenbeeld it restates)."""
    lines = doc.lines
    units: dict[tuple[int, tuple[int, ...]], str] = {}
    headers: set[int] = set()  # the header lines of the titled tables read
    for i, line in enumerate(lines):
        titled = TABLE_TITLE.match(line.text) is not None
        header_line = bool(TABLE_UNIT.search(line.stripped) and _years_of(line.stripped))
        if not titled and (i in headers or not header_line):
            continue  # neither a title nor a header line with its unit and years of an untitled table
        head = _line_table_head(lines, i) or (_one_year_head(lines, i) if titled else None)
        if head is None:
            continue
        header, years, unit = head
        headers.add(header)
        if unit:
            units[(line.page, tuple(years))] = unit
        unit = unit or units.get((line.page, tuple(years))) or _unit_below(lines, header + 1)
        if not unit:
            continue
        title = clean_label(_TRAILING_YEARS.sub("", TABLE_UNIT.sub("", line.stripped)))
        has_text_column = bool(_HEADER_YEARS.split(lines[header].stripped)[-1].strip())
        if measures := _measure_columns(lines, header, len(years)):
            header, years, has_text_column = header + 1, [y for y in years for _ in range(measures)], False
        for first, last, label, cells in _line_rows(lines, header + 1, len(years), has_text_column):
            if not re.search(r"[^\W\d_]", label):
                continue  # figures taken for a label: the columns went astray
            # A row with fewer amounts than year columns does not say which years they are.
            columns = years if len(cells) == len(years) else [None] * len(cells)
            candidate = _line_row(doc, (first, last), label, zip(cells, columns, strict=True), title, unit)
            if candidate is not None:
                yield candidate


def _measure_columns(lines: Sequence[Line], header: int, years: int) -> int:
    """How many columns each year has where the line under the years names them per year ("baten
    lasten saldo baten lasten saldo ..."); 0 where it does not."""
    if header + 1 >= len(lines) or lines[header + 1].page != lines[header].page:
        return 0
    words = lines[header + 1].stripped.split()
    named = len(words)
    while named > 0 and BUDGET_MEASURE.fullmatch(fold(words[named - 1])):
        named -= 1
    per_year, rest = divmod(len(words) - named, years)
    return per_year if per_year >= 2 and not rest else 0


def _one_year_head(lines: Sequence[Line], i: int) -> tuple[int, list[int], str] | None:
    """The header of a table of one column of amounts, titled at line i with its one year and
    unit ("Tabel 10.6 - Kasstroomoverzicht 2024 (bedragen x € 1.000)"): the last of the title and
    the lines right below it that print the unit ("Bedragen x € 1.000 2025"). None where the title
    names no or several years or no unit stands there, or where a line below holds two figures side
    by side (a table of several columns: "BNG rekening courant 143 0,0 dag.opvr." has a rente
    column too)."""
    years = set(years_in(lines[i].stripped))
    below = [k for k in range(i + 1, min(i + 1 + _ONE_YEAR_HEADER_LINES, len(lines))) if lines[k].stripped]
    page = lines[i].page
    units = [k for k in [i, *below] if lines[k].page == page and TABLE_UNIT.search(lines[k].stripped)]
    if len(years) != 1 or not units:
        return None
    header = units[-1]
    k = header + 1
    while k < len(lines) and lines[k].page == lines[i].page:
        words = lines[k].stripped.split()
        if TABLE_TITLE.match(lines[k].text) or NOTE_START.match(lines[k].stripped):
            break
        if len(words) > _LINE_TABLE_PROSE_WORDS:
            break
        if any(_LINE_CELL.match(a) and _LINE_CELL.match(b) for a, b in pairwise(words)):
            return None  # two figures side by side: more columns than the one year
        k += 1
    unit = TABLE_UNIT.search(lines[units[0]].stripped)
    return header, sorted(years), unit.group(0) if unit else ""


_RESERVE_HEADER_LINES = 15  # the header of a reserves overview runs over at most this many lines
_RESERVE_UNIT_HITS = 2  # figures the overview shares with a table in thousands to be read in them


def reserve_tables(doc: DocText) -> Iterator[Candidate]:
    """Each row of the overview of reserves and of voorzieningen (see PROGRAMME_BUDGET) a budget
    line: the stand at the end of the year before the first, then per year its vermeerderingen,
    verminderingen and stand. The overview prints no unit; it is read in thousands where at least
    two of its figures are those of a table of the document in thousands (the reserves and
    voorzieningen of the geprognosticeerde balans), for all its parts (the voorzieningen on the
    page after the reserves), and not read at all otherwise."""
    lines = doc.lines
    parts: list[tuple[str, int, int, int]] = []  # (title, first year, years after it, first row line)
    for i, line in enumerate(lines):
        if not _BBV["reserve overview"].match(line.stripped):
            continue
        end = min(i + _RESERVE_HEADER_LINES, len(lines))
        block = [k for k in range(i, end) if lines[k].page == line.page]
        span = next((m for k in block if (m := _BBV["reserve years"].search(lines[k].stripped))), None)
        if span is None:
            continue
        first, after = int(span.group("first")), int(span.group("last")) - int(span.group("first"))
        start = 1 + max(k for k in block if years_in(lines[k].stripped))
        parts.append((clean_label(" ".join(line.stripped.split()[:2])), first, after, start))
    rows = [
        (title, first, after, row)
        for title, first, after, start in parts
        for row in _line_rows(lines, start, 1 + 3 * after)
        if len(row[3]) == 1 + 3 * after
    ]
    thousands = {
        round(a.eur)
        for c in line_tables(doc)
        if unit_multiplier(str(c.fields["note"])) == 1000.0
        for a in _amounts_of(c)
    }
    firsts = (parse_amount(cells[0], 1000.0) for *_, (_, _, _, cells) in rows)
    shared = {v for v in firsts if v and round(v) in thousands}
    if len(shared) < _RESERVE_UNIT_HITS:
        return
    for title, first, after, (start, end, label, cells) in rows:
        columns = [(first, f"stand 31-12-{first}")] + [
            (year, f"{kind} {year}")
            for year in range(first + 1, first + after + 1)
            for kind in ("vermeerderingen", "verminderingen", "stand 31-12")
        ]
        amounts = tuple(
            Amount(value, year, column)
            for cell, (year, column) in zip(cells, columns, strict=True)
            if (value := parse_amount(cell, 1000.0)) is not None
        )
        yield Candidate(
            "budget", clean_label(label), doc.quote(start, end), lines[start].page, PRIORITY_STRUCTURE,
            _row_fields(amounts, title, clean_label(label), "bedragen x € 1.000 (als in de balans)", label),
        )  # fmt: skip


def _amounts_of(candidate: Candidate) -> tuple[Amount, ...]:
    amounts = candidate.fields.get("amounts", ())
    return amounts if isinstance(amounts, tuple) else ()


def _unit_below(lines: Sequence[Line], k: int) -> str:
    """The unit a line under a line table prints ("Bedragen x € 1.000 (inclusief dotatie ...)"),
    before the next table on the page; "" if none."""
    page = lines[k - 1].page
    while k < len(lines) and lines[k].page == page and not TABLE_TITLE.match(lines[k].text):
        if unit := TABLE_UNIT.match(lines[k].stripped):
            return unit.group(0)
        k += 1
    return ""


def _line_table_head(lines: Sequence[Line], i: int) -> tuple[int, list[int], str] | None:
    """The header line of the table titled at line i (the title itself or a line below it on the
    same page that names the years), its years and the unit the title and header print, if any."""
    header = next(
        (
            k
            for k in range(i, min(i + 1 + _LINE_TABLE_HEADER_LINES, len(lines)))
            if _years_of(lines[k].stripped)
        ),
        None,
    )
    if header is None or any(lines[k].page != lines[i].page for k in range(i, header + 1)):
        return None
    unit = TABLE_UNIT.search(" ".join(x.stripped for x in lines[i : header + 1]))
    return header, _years_of(lines[header].stripped), unit.group(0) if unit else ""


def _line_row(
    doc: DocText,
    span: tuple[int, int],
    label: str,
    cells: Iterator[tuple[str, int | None]],
    title: str,
    unit: str,
) -> Candidate | None:
    """The budget line of one row of a line table; None for a row of dashes only."""
    multiplier = unit_multiplier(unit)
    amounts = tuple(
        Amount(value, year, str(year or ""), measure_of(str(year or ""), label))
        for cell, year in cells
        if (value := parse_amount(cell, multiplier)) is not None
    )
    if not amounts:
        return None
    fields = _row_fields(amounts, title, clean_label(label), unit, label, programme_of(title))
    first, last = span
    return Candidate(
        "budget",
        clean_label(label),
        doc.quote(first, last),
        doc.lines[first].page,
        PRIORITY_STRUCTURE,
        fields,
    )


def _first_cell(words: Sequence[str], has_text_column: bool, pending: bool) -> int | None:
    """Where the cells of a line table's line begin, None for a line of label words only. Cells
    end the line unless the table has a text column: a figure inside the label is a word of it
    ("Kortlopende schulden < 1 jaar* 5.120 ...", and "Uitzettingen < 1 jaar" heading the rows
    below, with no row's cells waiting), and so is a row's number before its words."""
    cells = [n for n, w in enumerate(words) if _LINE_CELL.match(w)]
    if not cells:
        return None
    if has_text_column:
        return cells[0]
    if _LINE_CELL.match(words[-1]):
        at = len(words)
        while at > 0 and _LINE_CELL.match(words[at - 1]):
            at -= 1
        return at
    if cells == [0] and not pending and len(words) > 1:
        return None  # a row's number before its label, which wraps ("4 RO-procedure ..." / "tbv ...")
    if cells[0] == 0:
        return 0
    one_figure = len(cells) == 1 and len(words) <= _LINE_TABLE_PROSE_WORDS
    return None if one_figure and not pending else cells[0]


def _years_of(text: str) -> list[int]:
    """The year columns a title or header line names: two or more years in a row ("2024 2025 2026")."""
    match = _HEADER_YEARS.search(text)
    return [int(y) for y in match.group("years").split()] if match else []


def _line_rows(
    lines: Sequence[Line], k: int, width: int, has_text_column: bool = False
) -> Iterator[tuple[int, int, str, list[str]]]:
    """(first line, last line, label, cells) of each row of a line table from line k, `width` cells
    a row, until a next table, a unit line, running text or the page's end. In a table with a text
    column after the years (`has_text_column`), a short line with a label, fewer cells and its text
    ("Nieuwe gemeentewerf 5.300 Verplaatsing gemeentewerf") is a row whose years are unknown."""
    page = lines[k - 1].page
    label: list[str] = []
    cells: list[str] = []
    first = k
    text_goes_on = False  # the last row's text column wraps onto the next line
    text_column = False  # the last row had a text column after its amounts
    inline = 0  # the line that holds all the cells of the row waiting for more (0: none, or spread)
    minus = False  # the line above ended in a lone dash: the minus sign of this line's first amount
    shared = False  # the label began on the line where the row above ended
    while k < len(lines) and lines[k].page == page:
        words = lines[k].stripped.split()
        k += 1
        if not words:
            continue
        stripped = lines[k - 1].stripped
        if TABLE_TITLE.match(lines[k - 1].text) or NOTE_START.match(stripped) or TABLE_UNIT.match(stripped):
            return
        if minus and _UNSIGNED.match(words[0]):
            words[0] = f"-{words[0]}"
        minus = False
        if _DASH_CELL.match(words[-1]) and (len(words) == 1 or not _LINE_CELL.match(words[-2])):
            # A lone dash at the end of a line above an amount is its minus sign ("EMU-SALDO -" /
            # "6.039"); dashes side by side are empty cells ("- - -").
            following = next((x.stripped.split() for x in lines[k : k + 2] if x.stripped), [""])
            if lines[k - 1].page == lines[min(k, len(lines) - 1)].page and _UNSIGNED.match(following[0]):
                words, minus = words[:-1], True
                if not words:
                    continue
        at = _first_cell(words, has_text_column, bool(cells))
        if inline and cells and label and (at is None or at > 0):
            # A new label after a row whose cells stand on one line, fewer than the year columns
            # ("MPG (bouwgrondexploitaties) 0 0 0 0", or "200" under a label of three lines): that
            # row is complete, its years unknown.
            yield first, inline, " ".join(label), cells
            label, cells = [], []
            at = _first_cell(words, has_text_column, False)
        inline = 0
        if at is None:
            if text_goes_on or (text_column and not label and words[0][0].islower()):
                # The text column wraps on: "... groot" / "onderhoud"; a label starts with a capital.
                text_goes_on = text_goes_on and bool(_TEXT_GOES_ON.search(words[-1]))
                continue
            if len(words) > _LINE_TABLE_PROSE_WORDS or len(label) >= _LINE_TABLE_LABEL_LINES:
                return
            first = k - 1 if not label or shared else first
            shared = False
            label.append(" ".join(words))
            continue
        end = at
        while end < len(words) and _LINE_CELL.match(words[end]):
            end += 1
        run, before, after = words[at:end], words[:at], words[end:]
        if cells and before:
            cells, label = [], []  # an incomplete row before a new label: no columns to trust
        if before and text_column:
            label = []  # the lines since the row above are its text column going on, no label
        if len(run) > width - len(cells):
            # Figures in the label ("Kadernota 2024 -175 ..."): the last cells are the columns.
            before, run = (
                before + run[: len(run) - (width - len(cells))],
                run[len(run) - (width - len(cells)) :],
            )
        if before:
            if not label or shared:
                first = k - 1
            label.append(" ".join(before))
        shared = False
        spread = bool(cells)  # the row's cells began on a line above
        cells.extend(run)
        if not spread and not after:
            inline = k - 1
        if len(cells) == width and label:
            yield first, k - 1, " ".join(label), cells
            label, cells, text_goes_on, inline = [], [], False, 0
            text_column = bool(after) and not spread
            if after and spread and not before:
                # The last cell of a row printed a cell a line, before the next row's label ("- /
                # Structureel begrotingssaldo"): the words after it are that label. Where the label
                # goes on below ("35 Materiële vaste activa" / "Volgens staat C 50.598 ..."), the
                # row's quote starts there, off the line the row above ends on.
                first, label, shared = k - 1, [" ".join(after)], True
            elif after:
                text_goes_on = bool(_TEXT_GOES_ON.search(after[-1]))  # the row's text column
        elif after and has_text_column and label and not spread and len(words) <= _LINE_TABLE_PROSE_WORDS:
            yield first, k - 1, " ".join(label), cells
            label, cells = [], []
            text_column = True
            text_goes_on = bool(_TEXT_GOES_ON.search(after[-1]))
        elif after:
            return  # running text after too few cells
