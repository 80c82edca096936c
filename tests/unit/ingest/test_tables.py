import pytest

from ingest import tables
from ingest.tables import detect_unit, find_tables, is_value

LEUSDEN = [
    "Onderstaand een overzicht op hoofdlijnen.",
    "(bedragen x € 1 .000) |",
    "2017 |",
    "2018 |",
    "2019 |",
    "2020 |",
    "||",
    "Huidig budget begroting Sociaal Domein |",
    "17.246 |",
    "17.175 |",
    "17.254 |",
    "17.400 |",
    "|",
    "wensen beleidskader |",
    "→ |",
    "werkbudget uitwerking beleidskader SD |",
    "50 |",
    "50 |",
    "50 |",
    "50 |",  # in the PDF this cell stands on the next page
    "→ |",
    "onderbesteding PGB’s structureel |",
    "-100 |",
    "-100 |",
    "-100 |",
    "-100 |",
    "Budget na verwerking begrotingsvoorstel |",
    "17.246 |",
    "17.175 |",
    "17.254 |",
    "17.400 |",
    "* Deze stelpost is in de begroting opgenomen in verband met de teruglopende rijksbijdrage.",
]


LOOSE = [
    "In de tabel hieronder staan de maatregelen met hun taakstelling voor de komende jaren.",
    "Omschrijving",
    "2019",
    "2020",
    "2021",
    "Op koers",
    "Doorbraakmethode",
    "750",
    "2.251",
    "3.750",
    "Ja",
    "Dagstructurering",
    "300",
    "400",
    "440",
    "Ja",
    "Peuteropvang",
    "150",
    "150",
    "150",
    "Ja",
    "We concluderen dat de meeste maatregelen op koers liggen en de besparing wordt gehaald.",
]


def test_pipe_table_rows_header_and_unit() -> None:
    (table,) = find_tables(LEUSDEN)
    assert (table.start, table.end) == (1, len(LEUSDEN) - 1)
    assert table.header == ("(bedragen x € 1 .000)", "2017", "2018", "2019", "2020")
    assert table.multiplier() == 1000.0
    rendered = [row.render() for row in table.rows]
    assert rendered[0] == "Huidig budget begroting Sociaal Domein | 17.246 | 17.175 | 17.254 | 17.400"
    assert rendered[1] == "wensen beleidskader → werkbudget uitwerking beleidskader SD | 50 | 50 | 50 | 50"
    assert rendered[2] == "→ onderbesteding PGB’s structureel | -100 | -100 | -100 | -100"
    assert rendered[-1].startswith("Budget na verwerking")


def test_rows_cover_the_table_lines_without_gaps() -> None:
    (table,) = find_tables(LEUSDEN)
    assert table.rows[0].start == table.header_end
    for a, b in zip(table.rows, table.rows[1:], strict=False):
        assert a.end == b.start
    assert table.rows[-1].end == table.end


def test_amounts_use_the_unit() -> None:
    (table,) = find_tables(LEUSDEN)
    assert table.amounts(table.rows[:1]) == (17246000.0, 17175000.0, 17254000.0, 17400000.0)
    assert table.amounts([table.rows[2]])[0] == -100000.0


def test_inline_rows() -> None:
    lines = [
        "Indicator | Bron | 2019 | 2020",
        "Aantal cliënten | CBS | 120 | 130",
        "Percentage | CBS | 5% | 6%",
    ]
    (table,) = find_tables(lines)
    assert table.kind == "inline"
    assert [r.render() for r in table.rows] == [
        "Aantal cliënten | CBS | 120 | 130",
        "Percentage | CBS | 5% | 6%",
    ]


def test_loose_cells_one_per_line() -> None:
    lines = LOOSE
    (table,) = find_tables(lines)
    assert table.kind == "loose"
    assert table.header == ("Omschrijving", "2019", "2020", "2021", "Op koers")
    assert table.header_text() == "Omschrijving | 2019 | 2020 | 2021 | Op koers"
    assert [r.render() for r in table.rows] == [
        "Doorbraakmethode | 750 | 2.251 | 3.750 | Ja",
        "Dagstructurering | 300 | 400 | 440 | Ja",
        "Peuteropvang | 150 | 150 | 150 | Ja",
    ]


def test_a_wrapped_first_label_with_a_footnote_marker_stays_in_its_row() -> None:
    lines = [
        "Kerncijfers",
        "Almelo 2015",
        "Almelo 2019/20",
        "Nederland 2019/20",
        "Inwoners met",
        "arbeidsongeschiktheidsuitkering",
        "¹",
        "4.690 (10,05%)",
        "4.700 (9,75%)",
        "725.840 (6,27%)",
        "Arbeidsdeelname ²",
        "88,9%",
        "97,2%",
        "96,2%",
    ]
    (table,) = find_tables(lines)
    assert table.header == ("Kerncijfers", "Almelo 2015", "Almelo 2019/20", "Nederland 2019/20")
    assert [r.render() for r in table.rows] == [
        "Inwoners met arbeidsongeschiktheidsuitkering ¹ | 4.690 (10,05%) | 4.700 (9,75%) | 725.840 (6,27%)",
        "Arbeidsdeelname ² | 88,9% | 97,2% | 96,2%",
    ]


# The target columns of an effect-indicator table, a word a line.
TARGET_COLUMNS = ["Streefwaarde", "Begroting", "2025", "Streefwaarde", "Begroting", "2026"]


def test_a_caption_opens_the_header_and_notes_stay_with_their_value() -> None:
    lines = [
        "Tabel 4.1 - Effectindicatoren P4 Fysieke Leefomgeving",
        "Effectindicator",
        "Peilwaarde",
        "(2023)",
        *TARGET_COLUMNS,
        "Aantal woningen",
        "12.367",
        "12.460",
        "(plus 65)",
        "12.637",
        "(plus 177)",
        "Aantal inwoners",
        "26.100",
        "26.200",
        "26.300",
    ]
    (table,) = find_tables(lines)
    assert table.header == tuple(lines[:10])
    assert [r.render() for r in table.rows] == [
        "Aantal woningen | 12.367 | 12.460 (plus 65) | 12.637 (plus 177)",
        "Aantal inwoners | 26.100 | 26.200 | 26.300",
    ]
    assert table.rows[0].values == ("12.367", "12.460 (plus 65)", "12.637 (plus 177)")
    # The header's lines gather into one name per column.
    assert table.header_text() == (
        "Tabel 4.1 - Effectindicatoren P4 Fysieke Leefomgeving Effectindicator | Peilwaarde (2023)"
        " | Streefwaarde Begroting 2025 | Streefwaarde Begroting 2026"
    )


def test_a_row_whose_figures_stand_one_a_line_between_blank_lines_reads_whole() -> None:
    lines = [
        "Tabel 5.1 - Effectindicatoren P5 Natuur, Klimaat en Mobiliteit",
        "",
        "Effectindicator",
        "Peilwaarde",
        "(peiljaar)",
        *TARGET_COLUMNS,
        "Totaal kg huishoudelijk restafval per",
        "inwoner",
        "205 kg",
        "(2023)",
        "",
        "195 kg",
        "",
        "190 kg",
        "",
        "Wat gaat het kosten ?",
    ]
    (table,) = find_tables(lines)
    assert [r.render() for r in table.rows] == [
        "Totaal kg huishoudelijk restafval per inwoner | 205 kg (2023) | 195 kg | 190 kg"
    ]
    # "(peiljaar)" ends the first column's name as a year would: each row gives its own.
    assert table.header_text() == (
        "Effectindicator | Peilwaarde (peiljaar) | Streefwaarde Begroting 2025 | Streefwaarde Begroting 2026"
    )
    assert table.end == len(lines) - 2


def test_figures_that_follow_no_label_keep_their_blank_lines() -> None:
    # A run of figures with a line without a word above it ("210.000 117.318"), or figures that
    # stand together (a table printed column by column), are not one row across blank lines.
    lines = [
        "Verduurzaming",
        "Langstraat 40",
        "",
        "210.000 117.318",
        "",
        "-",
        "",
        "-",
        "",
        "-",
        "",
        "210.000",
    ]
    assert find_tables(lines) == []
    column = ["Hondenbelasting", "eerste hond", "tweede hond", "", "88,08", "132,36", "", "89,28", "134,16"]
    assert find_tables(column) == []


def test_prose_and_lists_are_not_tables() -> None:
    lines = [
        "- Inloopfunctie GGZ",
        "- Welzijnswerk",
        "- Realiseren actiepunten",
        "Activiteiten",
        "De gemeente",
        "werkt samen.",
        "- Nog een punt",
        "- En nog een",
    ]
    assert find_tables(lines) == []


def test_unit_detection() -> None:
    assert detect_unit("Stand Reserve (bedragen x € 1 .000)") == "(bedragen x € 1 .000)"
    assert detect_unit("bedragen x €1.000") == "bedragen x €1.000"
    assert detect_unit("Percentage jeugdigen (%)") == "%"
    assert detect_unit("Aantal uitkeringen") == "aantal"
    assert detect_unit("€ 75.000 (dekking reserve)") == "€"


def test_values() -> None:
    assert all(
        is_value(v) for v in ["17.246", "-100", "12,6%", "489 (31/5)", "PM", "-", "€ 7.400", "250*", "i"]
    )
    assert not any(is_value(v) for v in ["Doorbraakmethode", "Twentse Monitor", "In 2024"])
    # A measured figure with its unit is a value; the unit alone is not.
    assert all(is_value(v) for v in ["214,4 kg", "200 kg", "2,5 fte"])
    assert not any(is_value(v) for v in ["kg", "200 kilo's afval"])


def test_each_line_is_read_a_bounded_number_of_times(monkeypatch: pytest.MonkeyPatch) -> None:
    """A table is tried at every line; a try must not rescan the run of short lines after it.

    It did, which made a page of a few MB of short lines take minutes: counted, not timed.
    """
    filler = [f"{i % 1000},5" if i % 10 == 9 else f"korte regel {i % 97}" for i in range(1500)]
    lines = [*filler, *LEUSDEN, *filler, *LOOSE, *filler]
    budget = 8 * len(lines)  # a few predicates per line, plus the lines of the tables found
    calls = 0

    def counted(name: str) -> None:
        original = getattr(tables, name)

        def wrapper(*args: object) -> object:
            nonlocal calls
            calls += 1
            if calls > budget:  # fail at once instead of running the quadratic scan to its end
                raise AssertionError(f"more than {budget} line checks for {len(lines)} lines")
            return original(*args)

        monkeypatch.setattr(tables, name, wrapper)

    for name in ("_is_pipe_line", "_loose_line", "_cells", "is_value", "numbered_heading"):
        counted(name)
    found = find_tables(lines)
    loose_at = 2 * len(filler) + len(LEUSDEN) + 1
    assert [(t.kind, t.start, t.end) for t in found] == [
        ("pipe", len(filler) + 1, len(filler) + len(LEUSDEN) - 1),
        ("loose", loose_at, loose_at + len(LOOSE) - 2),
    ]


TWENTERAND_INDICATORS = [
    "Metingen en verplichte indicatoren",
    "Wmo-cliënten met een maatwerkarrangement",
    "Beleidsdoelen",
    "Begroot 2020",
    "Begroot 2019",
    "2018",
    "2017",
    "Bron",
    "Maatwerkvoorzieningen zijn toereikend",
    "Toegekende",
    "maatwerkvoorzieningen",
    "3678",
    "3699",
    "2756",
    "2680",
    "Interne",
    "systemen",
    # A goal line between the rows ends the run of short lines, not the table.
    "Algemeen maatschappelijke voorzieningen zijn toegankelijk en toereikend",
    "Aantal",
    "mantelzorgers met",
    "een waardebon",
    "675",
    "660",
    "682",
    "649",
    "Stichting",
    "Evenmens",
    "Aantal ondersteunde",
    "mantelzorgers bij St.",
    "Evenmens",
    "250*",
    "450",
    "203*",
    "455",
    "Stichting",
    "Evenmens",
]


def test_an_indicator_table_with_a_caption_keeps_its_columns_across_a_goal_line() -> None:
    first, second = find_tables(TWENTERAND_INDICATORS)
    # Text above the column names is the caption; the columns are the years and the source.
    assert first.header == tuple(TWENTERAND_INDICATORS[:8])
    assert first.columns()[1:] == ("Begroot 2020", "Begroot 2019", "2018", "2017", "Bron")
    assert [r.render() for r in first.rows] == [
        "Maatwerkvoorzieningen zijn toereikend Toegekende maatwerkvoorzieningen | 3678 | 3699 | 2756 | 2680"
        " | Interne systemen"
    ]
    # The rows after the goal line continue the table: its columns, and a source over two lines.
    assert second.start == 18 and second.header == first.header and not second.header_on_page
    assert [r.render() for r in second.rows] == [
        "Aantal mantelzorgers met een waardebon | 675 | 660 | 682 | 649 | Stichting Evenmens",
        "Aantal ondersteunde mantelzorgers bij St. Evenmens | 250* | 450 | 203* | 455 | Stichting Evenmens",
    ]


def test_column_names_cut_off_by_a_goal_line_head_the_rows_after_it() -> None:
    lines = [
        "Metingen en verplichte indicatoren",
        "Jongeren met jeugdhulp",
        "Beleidsindicatoren",
        "Begroot",
        "2020",
        "Begroot",
        "2019",
        "2018",
        "Bron",
        "Voor alle jeugdigen zijn er voldoende en toegankelijke voorzieningen",
        "Aantal",
        "bezoekers",
        "CJG Loket",
        "80",
        "90",
        "82",
        "SZT",
        "Aantal",
        "trajecten",
        "5",
        "5",
        "4",
        "Humanitas",
    ]
    # The names alone are a block of lines of their own; the rows under the goal line take them.
    names, table = find_tables(lines)
    assert (names.start, names.end, names.header) == (0, 9, ())
    assert table.start == 10 and table.header == tuple(lines[:9])
    assert table.columns()[1:] == ("Begroot 2020", "Begroot 2019", "2018", "Bron")
    assert [r.render() for r in table.rows] == [
        "Aantal bezoekers CJG Loket | 80 | 90 | 82 | SZT",
        "Aantal trajecten | 5 | 5 | 4 | Humanitas",
    ]


def test_a_year_before_a_value_is_a_row_of_measurements_not_column_names() -> None:
    lines = [
        "In 2024 zijn minder",
        "inwoners eenzaam",
        "Percentage eenzame",
        "ouderen (%)",
        "Effect",
        "Jaarlijks",
        "2019",
        "12,6%",
        "Percentage eenzame",
        "jongeren (%)",
        "Effect",
        "Jaarlijks",
        "2019",
        "7,1%",
        "Percentage eenzame",
        "volwassenen (%)",
        "2019",
        "3%",
    ]
    (table,) = find_tables(lines)
    assert table.header == ()
