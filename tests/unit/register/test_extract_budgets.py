"""Budget lines and euro conversion: table units, inferred units, proposal tables, sentences."""

from __future__ import annotations

import pytest

from assistant.amounts import parse_amount, unit_multiplier
from assistant.register.extract import extract_records
from assistant.types import Chunk, Span
from tests.unit.register.conftest import document


def _table(page_text: str, header: str, unit: str, rows: list[str], page: int = 1) -> Chunk:
    return Chunk(
        id="t1",
        doc_id="testgem-plan-2022",
        text="\n".join([header, *rows]),
        page_start=page,
        page_end=page,
        section="7.4 Financiën",
        kind="table",
        spans=(Span(page, 0, len(page_text)),),
        table_header=header,
        unit=unit,
    )


def _budgets(texts, tables=()):
    return [r for r in extract_records(*document(texts, tables=tables)) if r.type == "budget"]


@pytest.mark.parametrize(
    ("text", "unit", "euros"),
    [
        ("€ 1,2 mln", 1.0, 1_200_000),
        ("1,8 miljoen euro", 1.0, 1_800_000),
        ("17.246", 1000.0, 17_246_000),
        ("-150", 1000.0, -150_000),
        ("25.000,-", 1.0, 25_000),
        ("€ 7.400", 1000.0, 7_400),
        ("12%", 1000.0, None),
    ],
)
def test_euro_conversion(text: str, unit: float, euros: float | None) -> None:
    assert parse_amount(text, unit) == euros


def test_unit_lines() -> None:
    assert unit_multiplier("(bedragen x € 1 .000)") == 1000
    assert unit_multiplier("x € 1.000.000") == 1_000_000
    assert unit_multiplier("€") == 1.0


def test_a_table_with_a_unit_line_gives_euros_per_year() -> None:
    page = (
        "(bedragen x € 1 .000) |\n2017 |\n2018 |\n||\nHuidig budget begroting Sociaal Domein |\n"
        "17.246 |\n17.175 |\n"
        "→ |\nonderbesteding PGB’s structureel |\n-100 |\n-100 |"
    )
    header = "(bedragen x € 1 .000) | 2017 | 2018"
    rows = [
        "Huidig budget begroting Sociaal Domein | 17.246 | 17.175",
        "→ onderbesteding PGB’s structureel | -100 | -100",
    ]
    budget, saving = _budgets([page], [_table(page, header, "(bedragen x € 1 .000)", rows)])
    assert budget.text == "Huidig budget begroting Sociaal Domein"
    assert [(a.year, a.eur) for a in budget.amounts] == [(2017, 17_246_000), (2018, 17_175_000)]
    assert saving.text == "onderbesteding PGB’s structureel" and saving.nature == "structureel"
    assert [a.eur for a in saving.amounts] == [-100_000, -100_000]
    assert "1.000" in budget.note or "1,000" in budget.note


def test_a_table_without_unit_is_money_only_when_the_text_names_its_amounts_in_euros() -> None:
    page = (
        "We realiseren de overall besparingsdoelstelling van 4,5 miljoen euro in 2022. "
        "De taakstelling van 300.000 euro is gehaald.\nOmschrijving\n2021\n2022\n"
        "Doorbraakmethode\n3.750\n4.500\n"
        "Dagstructurering\n300\n440\nTotaal verwachte besparingen\n4.050\n4.940"
    )
    header = "Omschrijving | 2021 | 2022"
    rows = [
        "Doorbraakmethode | 3.750 | 4.500",
        "Dagstructurering | 300 | 440",
        "Totaal verwachte besparingen | 4.050 | 4.940",
    ]
    budgets = [b for b in _budgets([page], [_table(page, header, "", rows)]) if b.table]
    assert [(b.text, [a.eur for a in b.amounts]) for b in budgets] == [
        ("Doorbraakmethode", [3_750_000, 4_500_000]),
        ("Dagstructurering", [300_000, 440_000]),
        ("Totaal verwachte besparingen", [4_050_000, 4_940_000]),
    ]
    assert budgets[-1].level == "totaal"
    assert "afgeleid" in budgets[0].note


def test_a_table_of_counts_is_never_money() -> None:
    page = (
        "Beleidsdoelen\n2019\n2020\nAantal aanvragen bijzondere bijstand\n300\n450\nAantal trajecten\n75\n82"
    )
    header = "Beleidsdoelen | 2019 | 2020"
    rows = ["Aantal aanvragen bijzondere bijstand | 300 | 450", "Aantal trajecten | 75 | 82"]
    text = page + "\nWe reserveren een budget van € 75.000 en houden 82.000 euro achter de hand."
    assert [b.table for b in _budgets([text], [_table(text, header, "", rows)])] == [""]


def test_a_proposal_table_gives_amounts_years_and_nature() -> None:
    page = (
        "Voorstel\ni/s\njaar\nFinanciën\nUitvoering geven aan het\nactieplan\nlaaggeletterdheid\n"
        "i\n2020\n€ 25.000 (dekking reserve\nSociaal Domein)\n"
        "i\n2021\n€ 25.000 (dekking reserve\nSociaal Domein)"
    )
    (budget,) = _budgets([page])
    assert budget.text == "Uitvoering geven aan het actieplan laaggeletterdheid"
    assert [(a.year, a.eur) for a in budget.amounts] == [(2020, 25_000), (2021, 25_000)]
    assert budget.nature == "incidenteel" and "dekking reserve Sociaal Domein" in budget.note


def test_budget_sentences_count_and_realised_results_do_not() -> None:
    text = (
        "Voor deze preventieve aanpak wil het college een incidenteel budget van 50.000 euro per jaar "
        "voor de "
        "jaren 2021 en 2022 beschikbaar stellen. "
        "De gerealiseerde harde besparing bedroeg ongeveer 40.000 euro. "
        "Gemeenten geven 1,6 à 1,8 miljard euro meer uit aan jeugdzorg."
    )
    (budget,) = _budgets([text])
    assert [(a.year, a.eur) for a in budget.amounts] == [(2021, 50_000), (2022, 50_000)]
    assert budget.nature == "incidenteel"


def test_a_named_budget_or_target_with_its_amount_counts_even_when_reported() -> None:
    text = (
        "In 2019 is de taakstelling van 300.000 euro gerealiseerd. "
        "De gerealiseerde opbrengst bedroeg 40.000 euro. "
        "Landelijk bedroeg het budget 2 miljard euro. "
        "De integratie-uitkering sociaal domein bedroeg in 2015 nog € 10,3 mln "
        "en daalt in 2017 naar € 8,6 mln."
    )
    budgets = _budgets([text])
    assert [[(a.year, a.eur) for a in b.amounts] for b in budgets] == [
        [(2019, 300_000)],
        [(2015, 10_300_000), (2017, 8_600_000)],
    ]


def test_an_estimate_is_a_budget_and_a_year_compared_with_is_not_its_year() -> None:
    text = (
        "Hiervoor wordt met ingang van 2026 jaarlijks € 65.000 geraamd. "
        "Op basis van de begroting van de regio is onze bijdrage ten opzichte van 2025 € 12.000 hoger."
    )
    lines = {b.quote: [(a.year, a.eur) for a in b.amounts] for b in _budgets([text])}
    assert lines["Hiervoor wordt met ingang van 2026 jaarlijks € 65.000 geraamd."] == [(2026, 65000)]
    compared = next(v for q, v in lines.items() if q.startswith("Op basis van"))
    assert compared == [(None, 12000)]


def test_a_saving_to_be_made_is_a_budget_line_a_possible_or_realised_saving_is_not() -> None:
    text = (
        "Daardoor wordt de te realiseren besparing van 90.000 euro op de jeugdhulp niet gehaald. "
        "In zulke gevallen loopt de mogelijke besparing op tot meer dan 50.000 euro. "
        "Tot nu toe is de gerealiseerde harde besparing ongeveer 20.000 euro."
    )
    quotes = [b.quote for b in _budgets([text])]
    assert len(quotes) == 1 and quotes[0].startswith("Daardoor wordt de te realiseren besparing")


INVESTMENTS_ONE_LINE = """Wat gaat het kosten ?
Investeringen
Tabel 1.1 - Investeringen P1 Veiligheid en Handhaving
Programma 1
Reeds beschikbaar
gesteld krediet of
begrote
investering
Beschikbaar te
stellen krediet Meerjarenbeeld
Totaal 2024 2025 2026 2027
Tractie
54.500
-
-
-
-
54.500
Nieuwe
gemeentewerf
-
5.300.000
-
-
-
5.300.000
Totaal
54.500
5.300.000
-
-
-
5.354.500
Programma
Tabel 1.2 - Baten en lasten P1 Veiligheid en Handhaving"""


def test_an_investment_row_is_a_budget_line_with_its_amounts_per_column() -> None:
    rows = {r.text: r for r in _budgets([INVESTMENTS_ONE_LINE]) if r.table.startswith("Tabel 1.1")}
    assert set(rows) == {"Tractie", "Nieuwe gemeentewerf", "Totaal"}
    werf = rows["Nieuwe gemeentewerf"]
    # The first year column is the credit to grant this year; the last column the total.
    assert [(a.year, a.eur) for a in werf.amounts] == [(2024, 5_300_000.0), (None, 5_300_000.0)]
    assert werf.quote == "Nieuwe gemeentewerf - 5.300.000 - - - 5.300.000"
    assert werf.programme == "P1 Veiligheid en Handhaving"
    assert [(a.year, a.label) for a in rows["Tractie"].amounts] == [
        (None, "beschikbaar gesteld krediet"), (None, "Totaal"),
    ]  # fmt: skip
    assert rows["Totaal"].level == "totaal"


def test_an_investment_row_that_lost_its_empty_cells_keeps_its_amounts_without_columns() -> None:
    text = """Tabel 2.2 - Investeringen P2 Mens en Maatschappij
Totaal beschikbaar gesteld krediet Nog te besteden
Begroting 2025: beschikbaar te stellen krediet
Meerjarenbeeld Totale investering
Omschrijving 2025 2026 2027 2028 Totaal
Sporthal de
Duinpan 7.411.000 -309.258      7.411.000
Verduurzaming
Paauwlaan 12 195.000 195.000 - - - - - 195.000
Verduurzaming
Langstraat 40 210.000 117.318 - - - - - 210.000
Totaal 7.816.000 3.060 - - - - - 7.816.000
* nog te besteden is investeringskrediet minus realisatie minus verplichtingen."""
    rows = {r.text: r for r in _budgets([text]) if r.table.startswith("Tabel 2.2")}
    assert [(a.year, a.label) for a in rows["Sporthal de Duinpan"].amounts] == [(None, "kolom onbekend")] * 3
    # "40" of a street address is no amount: amounts print their thousands.
    langstraat = rows["Verduurzaming Langstraat 40"]
    assert [a.eur for a in langstraat.amounts] == [210_000.0, 117_318.0, 210_000.0]
    assert [a.label for a in langstraat.amounts] == ["beschikbaar gesteld krediet"] * 2 + ["Totaal"]


def test_an_amount_after_a_sentence_with_its_own_amount_is_a_line_of_its_own() -> None:
    text = (
        "De vergoeding van het COA is voor de komende jaren begroot op € 250.000. "
        "Dit is structureel € 50.000 hoger dan de vergoeding die voor 2023 is begroot. "
        "De kosten van de bibliotheek stijgen. Het betreft een bedrag van € 20.000."
    )
    quotes = [b.quote for b in _budgets([text])]
    assert quotes[:2] == [
        "De vergoeding van het COA is voor de komende jaren begroot op € 250.000.",
        "Dit is structureel € 50.000 hoger dan de vergoeding die voor 2023 is begroot.",
    ]
    # Without an amount of its own, the sentence before says what the amount is for.
    assert quotes[2] == "De kosten van de bibliotheek stijgen. Het betreft een bedrag van € 20.000."


def test_the_year_of_the_note_that_decided_an_amount_is_not_its_year() -> None:
    text = (
        "Voor de uitvoering van de agenda is in de kadernota 2023 structureel € 60.000 beschikbaar gesteld. "
        "Vanwege de lagere prijzen kunnen de begrote bedragen worden bijgesteld met € 150.000. "
        "In de begroting 2024 is al € 40.000 opgenomen voor het sportakkoord."
    )
    lines = {b.quote[:20]: [(a.year, a.eur) for a in b.amounts] for b in _budgets([text])}
    assert lines == {
        "Voor de uitvoering v": [(None, 60000)],
        "Vanwege de lagere pr": [(None, 150000)],  # "begrote bedragen": a budget
        "In de begroting 2024": [(2024, 40000)],
    }


def test_a_saving_that_is_being_made_is_a_budget_line() -> None:
    text = (
        "Deze besparing (in totaal € 125.000 per jaar) wordt gerealiseerd door inhuur te beperken. "
        "De gerealiseerde besparing bedroeg 40.000 euro."
    )
    assert [b.quote[:15] for b in _budgets([text])] == ["Deze besparing "]


def test_a_deficit_forecast_in_the_budget_is_a_budget_line_a_bare_deficit_is_not() -> None:
    text = (
        "Met extra controles wordt er op ingezet om het voor 2026 verwachte tekort van € 300.000 te "
        "halveren naar € 150.000. "
        "Het tekort van de zorgaanbieder bedroeg € 80.000."
    )
    (line,) = _budgets([text])
    assert [a.eur for a in line.amounts] == [300000, 150000] and line.amounts[0].year == 2026


def test_a_table_takes_its_unit_from_its_title_line_and_a_repeated_year_is_a_comparison() -> None:
    page = (
        "Tabel 3.2 - Opbrengst uit heffingen bedragen x € 1.000\n"
        "Opbrengst heffingen raming raming mutatie t.o.v.\n\n2021 2022 2021\n"
        "Parkeerbelasting 310 325 15\nLeges reisdocumenten 88 80 -8\n"
    )
    header = " | 2021 | 2022 | 2021"
    rows = ["Parkeerbelasting | 310 | 325 | 15", "Leges reisdocumenten | 88 | 80 | -8"]
    parking, fees = _budgets([page], [_table(page, header, "", rows)])
    assert parking.text == "Parkeerbelasting"
    assert [(a.year, a.eur) for a in parking.amounts] == [(2021, 310_000), (2022, 325_000), (None, 15_000)]
    assert [(a.year, a.eur) for a in fees.amounts] == [(2021, 88_000), (2022, 80_000), (None, -8_000)]


def test_a_title_that_ends_in_its_years_names_the_columns_and_a_year_cell_of_the_label_is_no_amount() -> None:
    page = (
        "Tabel 9.1 - Meerjarenbeeld (bedragen x € 1.000) 2023 2024 2025\n"
        "Primitieve begroting 2022 -310 -420 -515\nVoorjaarsnota 2022 120 130 140\n"
        "Eenmalige bijdrage dorpshuis 50 - -\nAlleen streepjes - - -\n"
    )
    header = "Tabel 9.1 - Meerjarenbeeld  2023 2024 2025"
    rows = [
        "Primitieve begroting | 2022 | -310 | -420 | -515",
        "Voorjaarsnota | 2022 | 120 | 130 | 140",
        "Eenmalige bijdrage dorpshuis | 50 | - | -",
        "Alleen streepjes | - | - | -",
    ]
    budgets = _budgets([page], [_table(page, header, "(bedragen x € 1.000)", rows)])
    assert [(b.text, [(a.year, a.eur) for a in b.amounts]) for b in budgets] == [
        ("Primitieve begroting 2022", [(2023, -310_000), (2024, -420_000), (2025, -515_000)]),
        ("Voorjaarsnota 2022", [(2023, 120_000), (2024, 130_000), (2025, 140_000)]),
        ("Eenmalige bijdrage dorpshuis", [(2023, 50_000)]),
    ]


def test_a_dash_before_a_number_ends_the_amounts() -> None:
    page = "Omschrijving 2021 2022 2023 2024 Op koers Volgnr\nAnders organiseren vervoer 200 200 200 - 5\n"
    header = "Omschrijving | 2021 | 2022 | 2023 | 2024 | Op koers | Volgnr"
    rows = ["Anders organiseren vervoer | 200 | 200 | 200 | - | 5"]
    (row,) = _budgets([page], [_table(page, header, "(bedragen x € 1.000)", rows)])
    assert [a.eur for a in row.amounts] == [200_000, 200_000, 200_000]


def test_the_algemene_uitkering_and_an_amount_for_a_plan_s_realisation_are_budget_lines() -> None:
    text = (
        "De meicirculaire 2025 levert in 2026 een voordeel op van € 1.200.000. "
        "Het bedrag van € 30.000 in 2026 zal worden aangewend om projectleiders bij te staan in de "
        "realisatie."
    )
    first, second = _budgets([text])
    assert [(a.year, a.eur) for a in first.amounts] == [(2026, 1_200_000)]
    assert [(a.year, a.eur) for a in second.amounts] == [(2026, 30_000)]
    # An effect-indicator table read as one sentence stays out.
    table = "Bijstandsbudget Peilwaarde Realisatie 2024 Streefwaarde € 30,4 mln € 31 mln"
    assert _budgets([table]) == []


def test_a_dash_in_the_first_year_column_is_its_empty_cell() -> None:
    page = "Tabel 4.1 - Mutaties (bedragen x € 1.000)\nOpvoeren mutaties jeugdzorg - 450 705\n"
    header = "Tabel 4.1 - Mutaties | 2024 | 2025 | 2026"
    rows = ["Opvoeren mutaties jeugdzorg | - | 450 | 705"]
    (row,) = _budgets([page], [_table(page, header, "(bedragen x € 1.000)", rows)])
    assert [(a.year, a.eur) for a in row.amounts] == [(2025, 450_000), (2026, 705_000)]


# Year tables pypdf prints as lines, with no table chunk: a text column after the amounts, a label
# on the lines above its amounts, and a table whose cells stand one a line, without a unit of its
# own under the table with the same years.
LINE_TABLES = """Tabel 9.2 - Onderhoudsbudgetten per onderdeel (bedragen x € 1.000)
Onderdeel 2026 2027 2028 Werkzaamheden
Wegen 1.200 1.250 1.300 Herstel asfalt,
bestrating en
inspecties
Civieltechnische
kunstwerken
124 204 334 Reinigen en schilderen
Sportvelden 80 80 80 Maaien en herstellen
van de grasmat
Speeltuinen 40 40 40 Controles
De stijging komt door hogere kapitaallasten van de investeringen die in deze jaren gepland zijn.

Tabel 9.3 - Structureel saldo 2026 2027 2028
Saldo baten en lasten

-2.349

-554

-4.411
Incidentele baten

-

-

- Structureel saldo

32

368

-4.314
"""


def test_a_year_table_printed_as_lines_gives_a_budget_line_per_row() -> None:
    rows = {b.text: [(a.year, a.eur) for a in b.amounts] for b in _budgets([LINE_TABLES])}
    assert rows == {
        "Wegen": [(2026, 1_200_000), (2027, 1_250_000), (2028, 1_300_000)],
        "Civieltechnische kunstwerken": [(2026, 124_000), (2027, 204_000), (2028, 334_000)],
        "Sportvelden": [(2026, 80_000), (2027, 80_000), (2028, 80_000)],
        "Speeltuinen": [(2026, 40_000), (2027, 40_000), (2028, 40_000)],  # its text column above is none
        "Saldo baten en lasten": [(2026, -2_349_000), (2027, -554_000), (2028, -4_411_000)],
        "Structureel saldo": [(2026, 32_000), (2027, 368_000), (2028, -4_314_000)],
    }
    # Without a unit of its own or above it, a table of numbers is no money.
    assert not _budgets([LINE_TABLES[LINE_TABLES.index("Tabel 9.3") :]])


# A line table with a text column that wraps onto lines of its own, rows with fewer amounts than
# year columns, and its unit printed under it instead of in its title.
LINE_TABLE_UNIT_BELOW = """Tabel 4.2 - Vervangingen per onderdeel
Onderdeel 2026 2027 2028 Omschrijving
Kades

410 420 430 Herstel van de kademuur en
vervangen
leuningen
Fietspaden 90 95 100 Nieuwe toplaag
Nieuw depot 2.400 Bouw depot
Gymzaal:
Duinschool
800 800 Nieuwbouw gymzaal
Bedragen x € 1.000 (inclusief kapitaallasten, exclusief interne uren)
De stijging komt door de investeringen die in deze jaren gepland zijn.
"""


def test_a_line_table_takes_its_unit_from_below_and_a_short_row_has_no_years() -> None:
    rows = {b.text: [(a.year, a.eur) for a in b.amounts] for b in _budgets([LINE_TABLE_UNIT_BELOW])}
    assert rows == {
        "Kades": [(2026, 410_000), (2027, 420_000), (2028, 430_000)],
        "Fietspaden": [(2026, 90_000), (2027, 95_000), (2028, 100_000)],  # "leuningen" wraps the text
        "Nieuw depot": [(None, 2_400_000)],
        "Gymzaal: Duinschool": [(None, 800_000), (None, 800_000)],
    }  # and the unit line is no budget line of its own


# A balance printed as lines: a group heading with a figure in it ("< 1 jaar"), a row with a figure
# in its label, a row with fewer amounts than year columns, and a row printed a cell a line whose
# last cell shares its line with the next row's group heading.
LINE_BALANCE = """Tabel 8.2 - Verwachte balans (bedragen x € 1.000)
Balans per 31 december 2025 2026 2027
ACTIVA
Bijdrage aan activa van derden
12

11

10 Vaste activa
Gebouwen en terreinen 900 950 990
Grondvoorraad 0 0
Vorderingen < 1 jaar
Belastingdebiteuren 210 220 230
Schulden < 1 jaar* 75 75 75
Totaal 1.197 1.256 1.305
"""


def test_a_line_table_reads_figures_in_labels_short_rows_and_a_label_after_the_last_cell() -> None:
    rows = {b.text: [(a.year, a.eur) for a in b.amounts] for b in _budgets([LINE_BALANCE])}
    assert rows == {
        "ACTIVA Bijdrage aan activa van derden": [(2025, 12_000), (2026, 11_000), (2027, 10_000)],
        "Vaste activa Gebouwen en terreinen": [(2025, 900_000), (2026, 950_000), (2027, 990_000)],
        "Grondvoorraad": [(None, 0), (None, 0)],  # which two of the three years, the line does not say
        "Vorderingen < 1 jaar Belastingdebiteuren": [(2025, 210_000), (2026, 220_000), (2027, 230_000)],
        "Schulden < 1 jaar*": [(2025, 75_000), (2026, 75_000), (2027, 75_000)],
        "Totaal": [(2025, 1_197_000), (2026, 1_256_000), (2027, 1_305_000)],
    }
    # The row after a row printed a cell a line is quoted from its own line on, not from the line
    # where the row above ends.
    (row,) = [b for b in _budgets([LINE_BALANCE]) if b.text.startswith("Vaste activa")]
    assert row.quote.startswith("Gebouwen en terreinen 900")


# A line table ingestion read only in part: its table chunk holds the first group of rows only.
LINE_TABLE_IN_PART = """Tabel 8.5 - Berekening van het saldo (bedragen x € 1.000)
Saldo Begroting
2025 2026 2027
1. Mutaties activa
1a. Uitzettingen -120 -80 0

2. Mutaties passiva
2a. Vaste schuld 14 16 1.200
Berekend saldo -106 -64 1.200
"""


def test_a_line_table_ingestion_read_in_part_gives_its_other_rows_too() -> None:
    header = "Tabel 8.5 - Berekening van het saldo — Saldo | Begroting 2025 | 2026 | 2027"
    chunk = _table(LINE_TABLE_IN_PART, header, "", ["1. Mutaties activa 1a. Uitzettingen | -120 | -80 | 0"])
    rows = {b.text: [(a.year, a.eur) for a in b.amounts] for b in _budgets([LINE_TABLE_IN_PART], [chunk])}
    assert rows["2. Mutaties passiva 2a. Vaste schuld"] == [(2025, 14_000), (2026, 16_000), (2027, 1_200_000)]
    assert rows["Berekend saldo"] == [(2025, -106_000), (2026, -64_000), (2027, 1_200_000)]
    assert len([t for t in rows if "Uitzettingen" in t]) == 1  # the row ingestion read, once


# A table of one column of amounts: its one year and unit in the title, group headings between the
# rows; and one whose rows print a rente column beside the amount.
ONE_YEAR_TABLES = """Tabel 8.6 - Kasstromen 2026 (bedragen x € 1.000)
Kasstromen (herkomst en besteding)
Bedragen x € 1.000
Toename:
Afschrijvingen 1.910
Begrotingssaldo 45
Afname:
Netto investeringen -3.020
Mutatie liquide middelen -1.065

Tabel 8.7 - Portefeuille per 1 januari 2026 (bedragen x € 1.000)
Middelen Bedrag Rente
Rekening courant 210 0,0 dag.opvr.
Leningen u/g 3.100 div.
"""


def test_a_one_year_table_gives_its_rows_in_that_year_and_a_table_of_more_columns_none() -> None:
    rows = {b.text: [(a.year, a.eur) for a in b.amounts] for b in _budgets([ONE_YEAR_TABLES])}
    assert rows == {
        "Toename: Afschrijvingen": [(2026, 1_910_000)],
        "Begrotingssaldo": [(2026, 45_000)],
        "Afname: Netto investeringen": [(2026, -3_020_000)],
        "Mutatie liquide middelen": [(2026, -1_065_000)],
    }


# A balance in thousands, and the overview of reserves and of voorzieningen after it: no unit of
# its own, a label that wraps, a group heading, and the stand of the first year, then per year the
# vermeerderingen, verminderingen and stand.
RESERVE_BALANCE = """Tabel 8.2 - Verwachte balans (bedragen x € 1.000)
Balans per 31 december 2025 2026 2027
Algemene reserves 20.500 20.300 20.300
Bestemmingsreserves 1.300 1.250 1.250
"""
RESERVE_OVERVIEW = """Tabel 9.4 - Overzicht reserves en voorzieningen
Overzicht reserves Begroting Vermeerde- Verminde- Begroting Vermeerde- Verminde- Begroting
2025-2027 per 31
december
2025 ringen 2026 ringen
2026
2026 ringen 2027 ringen
2027
2027
Algemene reserves
Algemene reserve 20.500 0 -200 20.300 0 0 20.300
BR onderhoud
sportpark
1.300 0 -50 1.250 0 0 1.250
"""
VOORZIENINGEN_OVERVIEW = (
    "Overzicht voorzieningen Begroting Vermeerde- Verminde- Begroting Vermeerde- Verminde- Begroting\n"
    + """2025-2027 per 31
december
2025 ringen 2026 ringen
2026
2026 ringen 2027 ringen
2027
2027
Voorz. onderhoud wegen 800 120 -90 830 120 -120 830
"""
)


def test_a_reserves_overview_in_the_unit_of_the_balance_gives_stand_and_movements_per_year() -> None:
    rows = {
        b.text: [(a.year, a.eur) for a in b.amounts]
        for b in _budgets([RESERVE_BALANCE, RESERVE_OVERVIEW, VOORZIENINGEN_OVERVIEW])
        if b.page > 1
    }
    assert rows == {
        "Algemene reserves Algemene reserve": [
            (2025, 20_500_000), (2026, 0), (2026, -200_000), (2026, 20_300_000),
            (2027, 0), (2027, 0), (2027, 20_300_000),
        ],
        "BR onderhoud sportpark": [
            (2025, 1_300_000), (2026, 0), (2026, -50_000), (2026, 1_250_000),
            (2027, 0), (2027, 0), (2027, 1_250_000),
        ],
        "Voorz. onderhoud wegen": [
            (2025, 800_000), (2026, 120_000), (2026, -90_000), (2026, 830_000),
            (2027, 120_000), (2027, -120_000), (2027, 830_000),
        ],
    }  # fmt: skip
    # Without a table in thousands that shares its figures, the overview's unit is unknown: none.
    assert not [b for b in _budgets([RESERVE_OVERVIEW, VOORZIENINGEN_OVERVIEW])]


def test_a_dash_in_a_row_with_a_cell_per_column_is_an_empty_cell_not_the_end_of_the_amounts() -> None:
    header = "Tabel 3.4 - Reservemutaties — Onttrekking Toevoeging Mutaties | " + " | ".join(
        ["Begroting 2026"] * 3
    )
    rows = ["P2 Sociaal domein | 40 | - | 40", "Totaal mutaties reserves | 640 | - | 640"]
    page = "\n".join(["Tabel 3.4 - Reservemutaties", *[r.replace(" |", "") for r in rows]])
    found = {
        b.text: [(a.year, a.eur) for a in b.amounts]
        for b in _budgets([page], [_table(page, header, "(bedragen x € 1.000)", rows)])
    }
    assert found["P2 Sociaal domein"] == [(2026, 40_000), (2026, 40_000)]
    assert found["Totaal mutaties reserves"] == [(2026, 640_000), (2026, 640_000)]


# A table printed as lines whose years each have three columns, named on the line under the years.
MEASURE_COLUMNS = """Tabel 6.2 - Meerjarenbeeld per programma
Programma Begroting Begroting
bedragen x € 1.000,- 2026 2027
("-"=nadeel/"+"=voordeel) baten lasten saldo baten lasten saldo
P1 Veiligheid 120 -4.300 -4.180 120 -4.350 -4.230

P2 Sociaal domein 9.100 -31.200 -22.100 9.050 -31.900 -22.850
"""


def test_a_line_table_with_baten_lasten_and_saldo_per_year_gives_each_amount_its_year() -> None:
    rows = {b.text: [(a.year, a.eur) for a in b.amounts] for b in _budgets([MEASURE_COLUMNS])}
    assert rows["P2 Sociaal domein"] == [
        (2026, 9_100_000), (2026, -31_200_000), (2026, -22_100_000),
        (2027, 9_050_000), (2027, -31_900_000), (2027, -22_850_000),
    ]  # fmt: skip
    assert len(rows) == 2


# A table under a header line with its unit and years but no "Tabel" title; rows numbered by
# programme, a label that wraps after its number, a row's amount on a line of its own under a
# label of three lines, and a total.
HEADER_LINE_TABLE = """Meerjarenbeeld onttrekkingen per programma
Progr. Omschrijving (bedragen x € 1.000) 2026 2027 2028
2 Renovatie sporthal 80 - -
4 Herinrichting centrum en
voorbereiding woningbouw - 300 -
Verkenning nieuwe locatie voor
de gemeentewerf inclusief
de bodemsanering
450
Totaal 530 300 -
"""


def test_a_header_line_with_unit_and_years_heads_a_line_table_and_a_numbered_label_may_wrap() -> None:
    rows = {b.text: [(a.year, a.eur) for a in b.amounts] for b in _budgets([HEADER_LINE_TABLE])}
    assert rows == {
        "2 Renovatie sporthal": [(2026, 80_000)],
        "4 Herinrichting centrum en voorbereiding woningbouw": [(2027, 300_000)],
        "Verkenning nieuwe locatie voor de gemeentewerf inclusief de bodemsanering": [(None, 450_000)],
        "Totaal": [(2026, 530_000), (2027, 300_000)],
    }


# A table whose years stand on the third line under its title (a header over two lines first), and
# one whose negative amounts print their minus sign alone on the line above.
QUARTER_TABLE = """Tabel 7.3 - Prognose kasgeldlimiet (bedragen x € 1.000)
Prognose kasgeldlimiet aan het begin Kwartaal Kwartaal Kwartaal
van het kwartaal 1 2 3
2026 2026 2026
1. Gemiddeld liquiditeitssaldo 9.100 8.200 7.300
2. Kasgeldlimiet 6.400 6.400 6.400
"""
MINUS_ABOVE = """Tabel 7.5 - Berekening EMU-saldo (bedragen x € 1.000)
Saldo 2026 2027 2028
EMU-saldo -
4.120
-
3.980
-512
"""


def test_years_three_lines_under_the_title_and_a_minus_sign_on_the_line_above_its_amount() -> None:
    rows = {b.text: [(a.year, a.eur) for a in b.amounts] for b in _budgets([QUARTER_TABLE, MINUS_ABOVE])}
    assert rows == {
        "1. Gemiddeld liquiditeitssaldo": [(2026, 9_100_000), (2026, 8_200_000), (2026, 7_300_000)],
        "2. Kasgeldlimiet": [(2026, 6_400_000), (2026, 6_400_000), (2026, 6_400_000)],
        "EMU-saldo": [(2026, -4_120_000), (2027, -3_980_000), (2028, -512_000)],
    }


def test_a_row_whose_label_would_be_figures_only_is_no_budget_line() -> None:
    stray = "Tabel 7.6 - Saldo (bedragen x € 1.000)\nSaldo 2026 2027\nSaldo lasten 10 20\n7 8 9\n"
    assert [b.text for b in _budgets([stray])] == ["Saldo lasten"]
