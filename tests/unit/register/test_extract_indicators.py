"""Indicators from the table layouts of policy documents and from sentences that report figures."""

from __future__ import annotations

from assistant.register.extract import extract_records
from tests.unit.register.conftest import document

MEASUREMENTS = """Metingen en verplichte indicatoren
Personen met een bijstandsuitkering (per 1000 inwoners)
Beleidsdoelen
Begroot 2020
Begroot 2019
2018
2017
Bron
Financieel zelfredzame inwoners
Aantal
aanvragen
bijzondere bijstand
450
248 (01-07)
471
275(01-07)
CIV
Aantal personen
die uitgestroomd
zijn naar werk
70
70
76
62
CIV
Doelenboom Onderwijs"""

ANNEX = """6.2.1
In 2024
hebben
minder
inwoners
problematische schulden
Aantal verwijzingen
van Budget Alert
naar de Stadsbank
in een jaar (aantal)
Effect
Jaarverslag
Stadsbank
Jaarlijks
2019
143"""

NUMBERED = """4.2 Prestatie-indicatoren bij beleidslijnen
Strategisch doel
Prestatie-indicator
1 Bevorderen zelfoplossend vermogen
1.1 Percentage economisch actieve inwoners (van de
beroepsbevolking) 1.2 Aantal inwoners met problematische schulden
1.3 Aantal meldingen Veilig Thuis Twente
2 Versterken ondersteunende sociale structuren
2.1 Aantal ingeschreven mantelzorgers voor
ondersteuning"""

CAPTION = """Tabel: Aantal inwoners Testgem met één of meer voorzieningen
Testgem 2015
Testgem 2019
Nederland 2019
Jeugdwet
1.603
1.752
380.000
Bron: CBS Statline, regionale kerncijfers"""


def _indicators(texts):
    return [r for r in extract_records(*document(texts)) if r.type == "indicator"]


def test_a_measurement_table_gives_baseline_target_source_and_its_goal() -> None:
    by_name = {i.text: i for i in _indicators([MEASUREMENTS])}
    assert set(by_name) == {
        "Personen met een bijstandsuitkering (per 1000 inwoners)",
        "Aantal aanvragen bijzondere bijstand",
        "Aantal personen die uitgestroomd zijn naar werk",
    }
    bijstand = by_name["Aantal aanvragen bijzondere bijstand"]
    assert (bijstand.baseline_value, bijstand.baseline_year) == ("471", 2018)
    assert (bijstand.target_value, bijstand.target_year) == ("450", 2020)
    assert bijstand.source == "CIV" and bijstand.unit == "aantal"
    assert [m.label for m in bijstand.measurements] == ["Begroot 2020", "Begroot 2019", "2018", "2017"]
    assert bijstand.extra["goal_ref"] == "Financieel zelfredzame inwoners"


def test_an_annex_row_gives_the_zero_measurement_and_its_source() -> None:
    (row,) = _indicators([ANNEX])
    assert row.text == "Aantal verwijzingen van Budget Alert naar de Stadsbank in een jaar (aantal)"
    assert (row.baseline_value, row.baseline_year, row.source, row.unit) == (
        "143",
        2019,
        "Jaarverslag Stadsbank",
        "aantal",
    )


def test_numbered_indicators_several_to_a_line_link_to_their_strategic_goal() -> None:
    records = extract_records(*document([NUMBERED]))
    indicators = {r.number: r for r in records if r.type == "indicator"}
    assert set(indicators) == {"1.1", "1.2", "1.3", "2.1"}
    assert indicators["1.1"].text == "Percentage economisch actieve inwoners (van de beroepsbevolking)"
    assert indicators["1.1"].unit == "%"


def test_a_captioned_table_takes_the_municipality_columns_as_measured_values() -> None:
    (row,) = _indicators([CAPTION])
    assert row.text == "Aantal inwoners Testgem met één of meer voorzieningen: Jeugdwet"
    assert (row.baseline_value, row.baseline_year) == ("1.752", 2019)  # not the national column
    assert row.source == "CBS Statline, regionale kerncijfers"
    assert [m.kind for m in row.measurements] == ["realised", "realised", "other"]


def test_reported_figures_in_sentences() -> None:
    text = (
        "Tussen 2020 en 2030 neemt het aantal 75-plussers met ongeveer 2400 toe "
        "(van 9400 naar 11.800 personen). "
        "Het is bekend dat het percentage eenzame inwoners hoog is. "
        "Het lumpsum bedrag kan met maximaal 3% worden bijgesteld."
    )
    found = {i.text.split()[0]: i for i in _indicators([text])}
    assert set(found) == {"Tussen", "Het"}
    assert (found["Tussen"].baseline_value, found["Tussen"].baseline_year) == ("9400", 2020)


def test_a_wrapped_value_cell_keeps_the_values_on_their_own_rows() -> None:
    for wrapped in ("248\n(01-07)", "248 (01-\n07)"):
        by_name = {i.text: i for i in _indicators([MEASUREMENTS.replace("248 (01-07)", wrapped)])}
        assert set(by_name) == {
            "Personen met een bijstandsuitkering (per 1000 inwoners)",
            "Aantal aanvragen bijzondere bijstand",
            "Aantal personen die uitgestroomd zijn naar werk",
        }, wrapped
        bijstand = by_name["Aantal aanvragen bijzondere bijstand"]
        assert [m.value for m in bijstand.measurements] == ["450", "248 (01-07)", "471", "275(01-07)"]
        assert bijstand.source == "CIV"


def test_a_count_over_time_in_a_bullet_is_an_indicator() -> None:
    text = "Resultaten\n- OMD 1 van ca. 360 eind 2018 naar ca. 250 eind 2019\n- Het team is uitgebreid."
    (row,) = _indicators([text])
    assert (row.baseline_value, row.baseline_year) == ("360", 2018)
    assert [(m.year, m.value) for m in row.measurements] == [(2018, "360"), (2019, "250")]


def test_rounded_shares_in_running_text_are_indicators_but_restatements_are_not() -> None:
    text = (
        "Ongeveer 27% van de meldingen wordt verwezen naar een algemene voorziening. "
        "Dit betekent een toename van ruim 36% ten opzichte van nu."
    )
    found = _indicators([text])
    assert [r.baseline_value for r in found] == ["27%"]


def test_shares_of_a_named_set_and_counts_of_cases_in_running_text_are_indicators() -> None:
    text = (
        "Bij de loketten kwam 35% van de aanvragen binnen via de huisarts. "
        "In het team gold dat 28% van de schuldvragen direct werd opgelost en 12% van de vragen over "
        "hulpmiddelen binnen een week werd afgehandeld. "
        "Van deze inwoners kon bijna de helft zonder dossier geholpen worden. "
        "De raad stelde een plafond van maximaal 10% van de Rijksbijdrage. "
        "In 2021 hebben we minder trajecten gedraaid dan gepland "
        "(doel was 80 cases, realisatie bedroeg 64 cases). "
        "Voor 2022 was een aantal van 120 cases gepland."
    )
    rows = {r.quote: r for r in _indicators([text])}
    assert rows["Bij de loketten kwam 35% van de aanvragen binnen via de huisarts."].baseline_value == "35%"
    # Two shares in one sentence are two figures.
    assert any(q.startswith("In het team gold dat 28%") and "12%" not in q for q in rows)
    assert any(q.startswith("12% van de vragen over hulpmiddelen") for q in rows)
    # A share of the figure before, and a cap, are no figures of their own.
    assert not any(q.startswith(("Van deze inwoners", "De raad stelde")) for q in rows)
    # A target set against the realised count: the realised value is the baseline.
    planned = next(r for q, r in rows.items() if q.startswith("In 2021 hebben we"))
    assert (planned.baseline_value, planned.baseline_year, planned.target_value) == ("64", 2021, "80")
    # Cases are a measure of services too.
    assert any(q.startswith("Voor 2022 was een aantal van 120 cases") for q in rows)


def test_the_figure_of_a_subset_of_the_set_before_is_an_indicator() -> None:
    text = (
        "In de regio zijn 400 aanbieders van jeugdhulp actief. "
        "60 daarvan werken voor gezinnen in onze gemeente. "
        "Hiervan krijgt 85% een vaste contactpersoon bij het wijkteam."
    )
    rows = {r.quote: r for r in _indicators([text])}
    assert rows["60 daarvan werken voor gezinnen in onze gemeente."].baseline_value == "60"
    assert rows["Hiervan krijgt 85% een vaste contactpersoon bij het wijkteam."].baseline_value == "85%"


def test_a_change_by_a_share_is_an_indicator() -> None:
    text = (
        "Er stromen geen nieuwe mensen in, waardoor het aantal deelnemers jaarlijks met 5% afneemt. "
        "Het gebruik van de regeling is vorig jaar met ruim 8% gestegen."
    )
    values = sorted(r.baseline_value for r in _indicators([text]))
    assert values == ["5%", "8%"]


POLICY_INDICATORS = """Beleidsindicatoren
Tabel 6.1 - Beleidsindicatoren per programma
Progr. Nr. Naam Indicator  Eenheid  Bron
Realisatie
Gemeente
(jaartal)
Realisatie
Nederland
(jaartal)
1 8.  Winkeldiefstallen  Aantal per 1.000 inwoners  CBS  0,9 (2023) 2,5 (2023)
2 21.  Banen
Aantal per 1.000 inwoners
 in de leeftijd 15 – 64 jaar
LISA  397 (2023) 534,3 (2023)
2 20.  Niet-sporters  %  CBS 44,2 % (2022) 46,4 % (2022)
Pagina 73 van 136
3 1.  Formatie  Fte per 1.000 inwoners  Eigen gegevens  7,59 (2023)
Wat gaat het kosten?"""


def test_a_policy_indicator_row_is_an_indicator_with_the_municipal_figure_as_baseline() -> None:
    rows = {r.text: r for r in _indicators([POLICY_INDICATORS]) if r.table == "Beleidsindicatoren"}
    banen = next(r for name, r in rows.items() if name.startswith("Banen"))
    assert (banen.baseline_value, banen.baseline_year) == ("397", 2023)
    assert banen.quote.endswith("LISA 397 (2023) 534,3 (2023)")
    # The national figure is a comparison, never a target.
    assert banen.target_value in ("", None)
    assert [m.kind for m in banen.measurements] == ["realised", "other"]
    sport = next(r for name, r in rows.items() if name.startswith("Niet-sporters"))
    assert (sport.baseline_value, sport.baseline_year) == ("44,2 %", 2022)
    # Page furniture between rows does not end the table; a row with the municipal figure only.
    formatie = next(r for name, r in rows.items() if name.startswith("Formatie"))
    assert (formatie.baseline_value, formatie.baseline_year) == ("7,59", 2023)
    assert len(rows) == 4


def test_a_policy_indicator_header_without_realisatie_takes_its_first_column_as_the_municipality() -> None:
    text = POLICY_INDICATORS.replace("Realisatie\n", "")
    rows = [r for r in _indicators([text]) if r.table == "Beleidsindicatoren"]
    assert rows and all(r.baseline_year for r in rows)
    assert rows[0].baseline_value == "0,9"


def test_a_share_of_money_is_no_indicator() -> None:
    text = (
        "Conform de afspraken met de buurgemeente worden 48% van de lasten doorbelast. "
        "Wel vond 40% van de meldingen plaats via de wijk zelf."
    )
    figures = [r.text for r in extract_records(*document([text])) if r.type == "indicator"]
    assert figures == ["Wel vond 40% van de meldingen plaats via de wijk zelf."]


def test_a_count_as_the_subject_of_its_sentence_is_a_figure_without_a_year() -> None:
    text = (
        "Het aantal mensen in de opvang is de afgelopen jaren stabiel gebleven, rond de 150. "
        "Het aantal inwoners is het aantal inwoners dat op 31 december een uitkering ontving."
    )
    (figure,) = [r for r in extract_records(*document([text])) if r.type == "indicator"]
    assert figure.text.startswith("Het aantal mensen in de opvang")
    assert (figure.baseline_value, figure.baseline_year) == ("150", None)


def test_the_goal_line_heading_rows_of_a_measurement_table_is_an_operational_goal() -> None:
    # GUIDELINE.md: a goal line that heads a group of rows in an indicator table is a goal.
    goals = [r for r in extract_records(*document([MEASUREMENTS])) if r.type == "goal"]
    assert [(g.text, g.level) for g in goals] == [("Financieel zelfredzame inwoners", "operational")]


# An areaal table: per beheerobject its label, its plan, its quantity, then a quality letter and an
# explanation that runs over several lines.
AREAAL_TABLE = """Tabel 3.1 - Overzicht beheerareaal
Beheerplan Areaal-gegevens Kwaliteitsniveau
Toelichting
Fietspaden
Beheerplan
2022-2026
Circa 38 km B Het uitgangspunt is een veilig
en vlak fietspad.
Gemalen-
Installaties
Beheerplan 2022-2026
14 stuks A Alle gemalen worden op afstand
bewaakt.
Water & oevers
Beheerplan 2022-2026
Water:
61 ha

Oevers:
12.400 m
C Oevers worden in fases vervangen.
"""


def test_each_row_of_an_areaal_table_is_an_indicator_without_baseline() -> None:
    records = [r for r in extract_records(*document([AREAAL_TABLE])) if r.type == "indicator"]
    assert [(r.text, r.baseline_value) for r in records] == [
        ("Fietspaden: Circa 38 km", ""),
        ("Gemalen-Installaties: 14 stuks", ""),
        ("Water & oevers: Water: 61 ha Oevers: 12.400 m", ""),
    ]


# The same kind of table running on to the next page, which repeats its header but not its title;
# its rows there name parts with their quantity, a plan with a note, no plan, a level word or a
# dash for the kwaliteitsniveau.
AREAAL_CONTINUED = """Bermen
Beheerplan 2022-2026
Circa 12 ha C Het uitgangspunt is
een sober beheer.
"""
AREAAL_NEXT_PAGE = """Beheerplan Areaal-gegevens Kwaliteitsniveau
Toelichting
Kunstwerken
Update
2020-2024
Steigers 14 stuks
Duikers
320 stuks
- Er wordt ingezet op het vervangen
van de oudste duikers.
Afvalwater
beheerplan
2023-2027
(riolering)
Persleiding: circa 41 km
Pompen 60 stuks
- Het uitgangspunt is een goed werkend
stelsel.
Dienstauto's
Nvt
12 objecten sober De auto's zijn er voor de
dagelijkse taken.
Gebouwen
2021-2024
Scholen &
sporthallen 9
Overige
panden
7
Basis Voor de panden is het uitgangspunt
om ze sober in stand te houden.
"""


def test_the_rows_of_an_areaal_table_on_the_page_it_runs_on_to_are_indicators() -> None:
    pages = [AREAAL_TABLE + AREAAL_CONTINUED, AREAAL_NEXT_PAGE]
    records = [r for r in extract_records(*document(pages)) if r.type == "indicator"]
    assert [(r.page, r.text, r.baseline_value) for r in records if r.page == 2] == [
        (2, "Kunstwerken: Steigers 14 stuks Duikers 320 stuks", ""),
        (2, "Afvalwater beheerplan: Persleiding: circa 41 km Pompen 60 stuks", ""),
        (2, "Dienstauto's: 12 objecten", ""),
        (2, "Gebouwen: Scholen & sporthallen 9 Overige panden 7", ""),
    ]


def test_a_share_of_a_norm_is_a_threshold_no_figure() -> None:
    text = (
        "De norm voor de minimaregeling is in Testgem vastgesteld op de door het Rijk toegestane 120% van de "
        "bijstandsnorm. Bij de loketten kwam 35% van de aanvragen binnen via de huisarts."
    )
    assert [r.quote for r in _indicators([text])] == [
        "Bij de loketten kwam 35% van de aanvragen binnen via de huisarts."
    ]
