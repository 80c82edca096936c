"""Spaced tables: rows a line, cells separated by single spaces, as Word exports of budgets print them."""

from __future__ import annotations

from assistant.answering.render import render_row
from assistant.types import Page
from ingest.chunking import chunk_document, verify_chunk
from ingest.spaced_tables import find_spaced_tables, header_columns, noted_header, noted_row, split_row
from ingest.tables import find_tables

BUDGET = """Programma
Tabel 4.3 - Baten en lasten P4 Fysieke Leefomgeving
 Rekening Begroting Begroting Begroting
( "-"= nadeel / "+"= voordeel ) bedragen x € 1.000 2023 2024 2025 2026
Baten 2.361 2.828 2.366 2.071
Lasten -6.100 -7.809 -5.055 -4.399
Saldo van baten en lasten -3.738 -4.981 -2.689 -2.328
Toelichting begroot 2025
De kosten van het omgevingsplan stijgen in 2025 en 2026.""".splitlines()

RECAP = """Tabel 6.2 - Recapitulatie alle programma's
Programma's Begroting Begroting
bedragen x € 1.000,- 2025 2026
"-"=nadeel/"+"= voordeel ) baten lasten saldo baten lasten saldo
P1 Veiligheid en handhaving 105 -4.602 -4.496 105 -4.520 -4.414
P2 Mens en maatschappij 12.099 -40.391 -28.292 12.041 -39.524 -27.483""".splitlines()

INDICATORS = """Tabel 2.1 - Effectindicatoren P2 Mens en Maatschappij

Bron peilwaarde: CBS
Effectindicator Peilwaarde
Streefwaarde
2025 (%)
Streefwaarde
2026 (%)

% inwoners met
schuldenproblematiek 6,9 (2023) 5,9 5,8
Aantal inwoners met
bijstandsuitkering (per
1.000 inw)* 13,9 (2023) 13,8 13,7
% eenzaamheid*** 51,1 (2022) 47 46
* Aantal uitkeringen aan huishoudens op grond van de Participatiewet""".splitlines()

TAAKVELDEN = """Programma: P1 Veiligheid en handhaving Begroting 2025 Begroting 2025 Begroting 2025
Saldo van baten en lasten per taakveld Baten Lasten Saldo
1.1 Crisisbeheersing en brandweer 0 -2.834.982 -2.834.982
1.2 Openbare orde en veiligheid 105.457 -1.766.827 -1.661.370
Saldo van baten en lasten programma 105.457 -4.601.809 -4.496.352
Programma: P2 Mens en maatschappij Begroting 2025 Begroting 2025 Begroting 2025
Saldo van baten en lasten per taakveld Baten Lasten Saldo
6.711 25 Huishoudelijke hulp (WMO) 150.000 -2.137.107 -1.987.107
6.752 25 Jeugdhulp ambulant regionaal 0 -3.823.612 -3.823.612""".splitlines()


BBV_INDICATORS = """Tabel 6.1 - Beleidsindicatoren per programma
Progr. Nr. Naam Indicator Eenheid Bron Realisatie Wassenaar (jaartal) Realisatie Nederland (jaartal)
1 6. Verwijzingen Halt Aantal per 1.000 jongeren Bureau Halt 8,4 (2023) 2,1 (2023)
2 19. Vroegtijdig schoolverlaters (vsv-ers) % deelnemers aan het VO DUO 2,8 % (2023) 2,8 % (2023)
2 27. Huishoudens met een bijstandsuitkering Aantal huishoudens in NL CBS 3,1 % (2024) 4,75 % ( 2024)
3 1. Formatie Fte per 1.000 inwoners Eigen gegevens 7,59 (2023)
4 35. Gemiddelde WOZ waarde Duizend euro CBS 729 (2024) 379 (2024)""".splitlines()


def test_split_row_takes_the_tail_of_values() -> None:
    assert split_row("Lasten -6.100 -7.809 -5.055") == ("Lasten", ("-6.100", "-7.809", "-5.055"))
    assert split_row("schuldenproblematiek 6,9 (2023) 5,9 5,8") == (
        "schuldenproblematiek",
        ("6,9 (2023)", "5,9", "5,8"),
    )
    assert split_row("Tractie 70.000 - - 70.000") == ("Tractie", ("70.000", "-", "-", "70.000"))
    # One value, no label, or only dashes: no row.
    assert split_row("De bijdrage stijgt in 2025") is None
    assert split_row("2.361 2.828") is None
    assert split_row("Nog te besteden - -") is None


def test_budget_table_columns_pair_kind_and_year() -> None:
    (table,) = find_spaced_tables(BUDGET)
    assert table.title == "Tabel 4.3 - Baten en lasten P4 Fysieke Leefomgeving"
    assert table.columns == ("Rekening 2023", "Begroting 2024", "Begroting 2025", "Begroting 2026")
    assert table.unit == "bedragen x € 1.000"
    assert [r.label for r in table.rows] == ["Baten", "Lasten", "Saldo van baten en lasten"]
    # The explanation under the table is text, not a row.
    assert table.end == 7


def test_recap_columns_repeat_baten_lasten_saldo_per_year() -> None:
    (table,) = find_spaced_tables(RECAP)
    assert table.columns[:4] == (
        "Begroting 2025 baten",
        "Begroting 2025 lasten",
        "Begroting 2025 saldo",
        "Begroting 2026 baten",
    )
    assert len(table.columns) == 6
    assert table.rows[1].values[1] == "-40.391"


def test_indicator_table_joins_wrapped_labels_and_names_the_baseline_column() -> None:
    (table,) = find_spaced_tables(INDICATORS)
    assert table.columns == ("Peilwaarde", "Streefwaarde 2025 (%)", "Streefwaarde 2026 (%)")
    assert [r.label for r in table.rows] == [
        "% inwoners met schuldenproblematiek",
        "Aantal inwoners met bijstandsuitkering (per 1.000 inw)*",
        "% eenzaamheid***",
    ]
    assert "Bron peilwaarde: CBS" in table.title
    assert table.rows[1].values[0] == "13,9 (2023)"


def test_taakveld_tables_one_per_programme_in_whole_euros() -> None:
    first, second = find_spaced_tables(TAAKVELDEN)
    assert first.title == "Programma: P1 Veiligheid en handhaving"
    assert second.title == "Programma: P2 Mens en maatschappij"
    assert first.columns == ("Begroting 2025 baten", "Begroting 2025 lasten", "Begroting 2025 saldo")
    assert first.unit == "€"  # baten and lasten are euros even without a unit line
    assert second.rows[0].label == "6.711 25 Huishoudelijke hulp (WMO)"


def test_header_words_that_do_not_add_up_give_no_column_names() -> None:
    assert header_columns(["Omschrijving 2025 2026 2027 2028 Totaal"], 6) == ()
    assert header_columns(["Omschrijving 2025 2026"], 2) == ("2025", "2026")


def test_figures_ending_unrelated_lines_are_no_table() -> None:
    prose = [
        "Het aantal meldingen steeg van 120 naar 140",
        "De wachttijd in weken 6 4",
        "Dat is een goede ontwikkeling.",
    ]
    assert find_spaced_tables(prose) == []


def test_spaced_table_rows_are_chunks_that_verify_and_read_with_their_columns() -> None:
    text = "\n".join(["Wat mag het kosten?", *BUDGET])
    pages = [Page(number=1, text=text)]
    chunks = chunk_document("doc", pages)
    (table,) = [c for c in chunks if c.kind == "table"]
    title = "Tabel 4.3 - Baten en lasten P4 Fysieke Leefomgeving"
    assert table.table_header.startswith(f"{title} | Rekening 2023")
    assert "Lasten | -6.100 | -7.809 | -5.055 | -4.399" in table.text
    assert table.unit == "bedragen x € 1.000"
    assert -6_100_000.0 in table.amounts_eur
    assert verify_chunk(table, pages)
    # The rebuilt header is no page text; the rows are, from their first line on.
    assert "Rekening Begroting" not in table.text
    assert all(c.kind == "text" for c in chunks if "omgevingsplan" in c.text)


def test_find_tables_prefers_spaced_rows_over_loose_cells() -> None:
    tables = find_tables(INDICATORS)
    assert [t.kind for t in tables] == ["spaced"]
    assert tables[0].header[1] == "Peilwaarde"


def test_one_item_and_its_total_are_a_table() -> None:
    lines = [
        "Omschrijving 2025 2026 2027 2028 Totaal",
        "Tractie 70.000 70.000 - - - - - 70.000",
        "Totaal 70.000 70.000 - - - - - 70.000",
        "* nog te besteden is investeringskrediet minus realisatie minus verplichtingen.",
    ]
    (table,) = find_spaced_tables(lines)
    assert [r.label for r in table.rows] == ["Tractie", "Totaal"]
    # Two lines that end in figures, without a total, are not.
    assert find_spaced_tables(["Tractie 70.000 70.000 - 70.000", "Bruggen 30.000 30.000 - 30.000"]) == []


def test_a_label_wrapped_after_a_shortened_word_stays_one_label() -> None:
    lines = [
        "Omschrijving 2025 2026 Totaal",
        "Verlagen max.",
        "snelheid naar 30",
        "km/uur - 2.250.000 1.500.000 3.750.000",
        "Verkeersmaatr.",
        "Noord 100.000 - - 100.000",
        "Totaal 100.000 2.250.000 1.500.000 3.850.000",
    ]
    (table,) = find_spaced_tables(lines)
    assert [r.label for r in table.rows][:2] == [
        "Verlagen max. snelheid naar 30 km/uur",
        "Verkeersmaatr. Noord",
    ]
    # A sentence that ends above a row is no part of its label.
    prose = ["We gaan door met dit plan.", "Tractie 70.000 70.000 - 70.000", "Totaal 70.000 70.000 - 70.000"]
    assert find_spaced_tables(prose)[0].rows[0].label == "Tractie"


def test_values_with_a_loose_percent_sign_or_bracket_keep_their_year() -> None:
    assert split_row("Huishoudens in NL CBS 3,1 % (2024) 4,75 % ( 2024)") == (
        "Huishoudens in NL CBS",
        ("3,1 % (2024)", "4,75 % ( 2024)"),
    )
    # One figure with its year is a row of the indicator table (no national figure), not elsewhere.
    assert split_row("3 1. Formatie Fte per 1.000 inwoners Eigen gegevens 7,59 (2023)") == (
        "3 1. Formatie Fte per 1.000 inwoners Eigen gegevens",
        ("7,59 (2023)",),
    )
    assert split_row("Het aantal steeg naar 7,59 (2023)") is None


def test_bbv_indicator_table_names_its_columns_from_the_year_slots() -> None:
    (table,) = find_spaced_tables(BBV_INDICATORS)
    assert table.columns == ("Realisatie Wassenaar", "Realisatie Nederland")
    assert len(table.rows) == 5
    assert table.rows[2].values == ("3,1 % (2024)", "4,75 % ( 2024)")
    assert header_columns(
        ["Naam Indicator Eenheid Bron Cijfer Wassenaar (jaartal) Vergelijkingscijfer Nederland (jaartal)"], 2
    ) == (
        "Cijfer Wassenaar",
        "Vergelijkingscijfer Nederland",
    )
    # Year slots that do not match the rows' values name no columns.
    assert header_columns(["Naam Indicator Eenheid Bron Realisatie Wassenaar (jaartal)"], 2) == ()


def test_bbv_indicator_rows_read_with_their_column_names_and_verify() -> None:
    pages = [Page(number=1, text="\n".join(["Beleidsindicatoren", "", *BBV_INDICATORS]))]
    (table,) = [c for c in chunk_document("doc", pages) if c.kind == "table"]
    assert verify_chunk(table, pages)
    row = next(line for line in table.text.split("\n") if "WOZ" in line)
    assert render_row(row, table) == (
        "4 35. Gemiddelde WOZ waarde Duizend euro CBS — Realisatie Wassenaar: 729 (2024); "
        "Realisatie Nederland: 379 (2024)"
    )


def test_a_table_going_on_under_a_repeated_header_keeps_its_caption() -> None:
    header = BBV_INDICATORS[1]
    lines = [*BBV_INDICATORS[:4], "", header, *BBV_INDICATORS[4:]]
    first, second = find_spaced_tables(lines)
    assert second.title == first.title
    assert second.title.startswith("Tabel 6.1 - Beleidsindicatoren per programma")
    # Far below, or under other columns, a captionless table is a table of its own.
    apart = [*BBV_INDICATORS[:4], "", "Een alinea tekst.", "Nog een zin.", "", header, *BBV_INDICATORS[4:]]
    assert not find_spaced_tables(apart)[1].title.startswith("Tabel 6.1")


CAPITAL_GOODS = """Investeringen
Hieronder zijn de geplande investeringsuitgaven per kapitaalgoed voor de komende jaren in beeld gebracht.
Tabel 9.4 - Geplande investeringsuitgaven kapitaalgoederen
Kapitaalgoed 2025 2026 2027 2028 Specificatie werkzaamheden
Wegen

300 1.110 300 800 Vervangen van asfalt en
elementenverhardingen
Civieltechnische
kunstwerken
280 195 1.015 175 Vervanging van bruggen
Speelvoorzieningen 100 150 155 200 Groot onderhoud en vervanging
van speeltoestellen en
ondergronden
Nieuwe gemeentewerf 5.300    Verplaatsing gemeentewerf
Nieuwbouw fusie St. Jan
Baptist- en St. Jozefschool
 10.800   Nieuwbouw St. Jan Baptist- en St.
Jozefschool
De Paauw 0 2.065 2.810 3.060 Renovatie Raadhuis de Paauw
Bedragen x € 1.000 (inclusief kapitaallasten)
De begrote stijging van de uitgaven in 2026 en volgende jaren komt door de investeringen.""".splitlines()


def test_a_table_with_a_column_of_words_after_its_years_reads_whole() -> None:
    (table,) = find_spaced_tables(CAPITAL_GOODS)
    assert table.columns == ("2025", "2026", "2027", "2028", "Specificatie werkzaamheden")
    assert table.title.startswith("Tabel 9.4 - Geplande investeringsuitgaven kapitaalgoederen")
    assert table.unit.startswith("Bedragen x € 1.000")  # the unit line under the table
    rows = [(r.label, r.values, r.note) for r in table.rows]
    assert rows == [
        # the text goes on after "en" and on a line in lower case
        ("Wegen", ("300", "1.110", "300", "800"), "Vervangen van asfalt en elementenverhardingen"),
        # a capital after a finished text starts the next row's label
        ("Civieltechnische kunstwerken", ("280", "195", "1.015", "175"), "Vervanging van bruggen"),
        (
            "Speelvoorzieningen",
            ("100", "150", "155", "200"),
            "Groot onderhoud en vervanging van speeltoestellen en ondergronden",
        ),
        # a row with fewer figures than years keeps them unnamed
        ("Nieuwe gemeentewerf", ("5.300",), "Verplaatsing gemeentewerf"),
        # a text that ends in an abbreviation goes on
        (
            "Nieuwbouw fusie St. Jan Baptist- en St. Jozefschool",
            ("10.800",),
            "Nieuwbouw St. Jan Baptist- en St. Jozefschool",
        ),
        ("De Paauw", ("0", "2.065", "2.810", "3.060"), "Renovatie Raadhuis de Paauw"),
    ]
    # The unit line belongs to the table; the sentence under it (it names a year between words)
    # is no row.
    assert table.end == len(CAPITAL_GOODS) - 1
    # A note in brackets under the table is the table's too; the unit stays the caption's.
    captioned = [
        line.replace("kapitaalgoederen", "kapitaalgoederen (bedragen x € 1.000)") for line in CAPITAL_GOODS
    ]
    captioned[-2] = "(inclusief dotatie voorziening en kapitaallasten, exclusief interne uren)"
    (table,) = find_spaced_tables(captioned)
    assert table.unit == "(bedragen x € 1.000)"
    assert table.end == len(captioned) - 1


def test_a_row_with_words_after_its_years_reads_with_its_column_names_and_verifies() -> None:
    pages = [Page(number=1, text="\n".join(CAPITAL_GOODS))]
    (table,) = [c for c in chunk_document("doc", pages) if c.kind == "table"]
    assert verify_chunk(table, pages)
    row = next(line for line in table.text.split("\n") if line.startswith("Speelvoorzieningen"))
    assert render_row(row, table) == (
        "Speelvoorzieningen — 2025: 100 (€ 100.000); 2026: 150 (€ 150.000); 2027: 155 (€ 155.000); "
        "2028: 200 (€ 200.000); Specificatie werkzaamheden: Groot onderhoud en vervanging van "
        "speeltoestellen en ondergronden"
    )
    sparse = next(line for line in table.text.split("\n") if line.startswith("Nieuwe gemeentewerf"))
    assert render_row(sparse, table) == (
        "Nieuwe gemeentewerf — 5.300 (€ 5.300.000) | Verplaatsing gemeentewerf"
    )


def test_only_years_followed_by_a_name_head_a_column_of_words() -> None:
    assert noted_header("Kapitaalgoed 2024 2025 2026 2027 Specificatie werkzaamheden") == (
        ("2024", "2025", "2026", "2027"),
        "Specificatie werkzaamheden",
    )
    assert noted_header("Omschrijving 2024 2025 Begroting") is None  # a value column
    assert noted_header("Kapitaalgoed 2024 2025 2026 2027") is None  # no column of words
    assert noted_header("In de jaren 2024 2025 zijn de lasten gestegen door de inflatie") is None
    assert noted_row("De begrote stijging in 2026 en volgende jaren", 4) is None
    assert noted_row("Wegen 1.818 2.000 2.083 2.081 2.090 Herstelwerkzaamheden", 4) is None  # too many
    assert noted_row("Wegmeubilair 129 129 129 129", 4) == ("Wegmeubilair", ("129", "129", "129", "129"), "")
