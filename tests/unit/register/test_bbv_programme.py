"""The layout of a Dutch programme budget (BBV) in the register: effect-indicator tables with a
reference value and targets, new policy and savings as headings with their change in lasten, the
planned results under "Wat gaan we daarvoor doen?" and their explanation headings."""

from __future__ import annotations

from assistant.answering.verify import verify
from assistant.register import cues
from assistant.register.extract import extract_records
from assistant.register.models import Record
from assistant.types import DocumentMeta, Page
from ingest.chunking import chunk_document
from tests.unit.register.conftest import document

# pypdf gives the header of an effect-indicator table one word a line, and a row either one cell a
# line or the last line of its label with all its values.
INDICATORS = """Effectindicatoren
Tabel 2.1 - Effectindicatoren P2 Mens en Maatschappij
Effectindicator
Peilwaarde
Streefwaarde
Begroting
2026
Streefwaarde
Begroting
2027
Streefwaarde
Begroting
2028
% huishoudens met een laag
inkomen 7,4% (2022) 7,2% 7,0% 6,8%
Aantal leerlingen met vroegtijdig schoolverlaten per 1.000
leerlingen
14,2 (2023)
13
12
(min 1)
11
(min 1)
*Bron: waarstaatjegemeente.nl
Tabel 3.1 - Effectindicatoren P3 Bestuur en Middelen
Effectindicator Peilwaarde
(begin 2025
obv JR 2024)
Streefwaarde
Begroting
eind 2026
Streefwaarde
Begroting
eind 2027
Schuld per inwoner blijft onder het
landelijk gemiddelde € 1.250 € 1.300 € 1.350
NB: bedragen per inwoner"""

CHANGES = """Toelichting begroot 2026
Uitbreiding formatie vergunningen (hogere lasten € 35.000)
De toename van aanvragen vraagt om meer capaciteit.
Digitalisering archief (hogere lasten € 80.000 in 2026 en € 40.000 in 2027)
Voor de digitalisering is structureel een bedrag van € 80.000 nodig in 2026.
Beëindigen subsidie kinderboerderij
(structureel lagere lasten vanaf 2027 € 25.000)
De subsidie wordt met ingang van 1 januari 2027 beëindigd.
Deze lasten worden gedekt vanuit de Algemene Reserve.
Uit de uitvoering (hogere lasten € 10.000) blijkt dat meer nodig is."""

RESULTS = """Wat gaan we daarvoor doen ?
Belangrijkste resultaten 2026
1.1 Vastgesteld actieplan eenzaamheid
1.2 Buurtcoaches zijn in alle wijken
ingezet voor ouderen
3.1 Opgesteld nieuw minimabeleid
Toelichting
1.1 Vastgesteld actieplan eenzaamheid
Het actieplan eenzaamheid (hierna actieplan) wordt in 2026 opgesteld met partners.
1.2 Inzet buurtcoaches in de wijken
Medio 2026 zullen in alle wijken buurtcoaches zijn aangesteld."""


def _records(*texts: str) -> list[Record]:
    meta = DocumentMeta(
        "b-2026", "Wassenaar", "Programmabegroting 2026", 2025, "2026-2029", "programmabegroting"
    )
    pages = [Page(n, text) for n, text in enumerate(texts, start=1)]
    return extract_records(meta, pages, chunk_document("b-2026", pages))


def test_effect_indicator_rows_have_their_reference_value_and_targets() -> None:
    records = _records(INDICATORS)
    rows = {r.text: r for r in records if r.type == "indicator"}
    income = rows["% huishoudens met een laag inkomen"]
    assert (income.baseline_value, income.baseline_year) == ("7,4%", 2022)  # the cell's own year
    assert (income.target_value, income.target_year) == ("6,8%", 2028)
    assert [m.year for m in income.measurements] == [2022, 2026, 2027, 2028]
    # One value a line, a label that ends in a figure ("per 1.000"), remarks under the values.
    school = rows["Aantal leerlingen met vroegtijdig schoolverlaten per 1.000 leerlingen"]
    assert (school.baseline_value, school.baseline_year) == ("14,2", 2023)
    assert [m.value for m in school.measurements] == ["14,2", "13", "12 (min 1)", "11 (min 1)"]
    # The header's reference moment gives the year where the cell names none; euros in an effect
    # indicator are a target, not a budget line.
    debt = rows["Schuld per inwoner blijft onder het landelijk gemiddelde"]
    assert (debt.baseline_value, debt.baseline_year) == ("€ 1.250", 2025)
    assert len(rows) == 3 and not [r for r in records if r.type == "budget"]


def test_change_headings_are_budget_lines_with_their_years() -> None:
    budgets = {r.text: r for r in _records(CHANGES) if r.type == "budget"}
    staff = budgets["Uitbreiding formatie vergunningen"]
    assert [(a.year, a.eur, a.measure) for a in staff.amounts] == [(None, 35000.0, "lasten")]
    archive = budgets["Digitalisering archief"]
    assert [(a.year, a.eur) for a in archive.amounts] == [(2026, 80000.0), (2027, 40000.0)]
    # A bracket on the line under its heading; a saving keeps the amount as printed.
    saving = budgets["Beëindigen subsidie kinderboerderij"]
    assert [(a.year, a.eur) for a in saving.amounts] == [(2027, 25000.0)] and saving.nature == "structureel"
    # The sentence under a heading that names its amount again is a budget line of its own.
    assert any(t.startswith("Voor de digitalisering is structureel") for t in budgets)
    # A change inside a sentence is no heading.
    assert not any(t.startswith("Uit de uitvoering") for t in budgets)


def test_results_and_their_explanation_headings_are_measures() -> None:
    records = _records(
        RESULTS, "1.3 Overig\n3.1 Opgesteld nieuw minimabeleid voor huishoudens\nDe regeling loopt."
    )
    measures = [r for r in records if r.type == "measure"]
    texts = [r.text for r in measures]
    assert "Vastgesteld actieplan eenzaamheid" in texts
    assert "Buurtcoaches zijn in alle wijken ingezet voor ouderen" in texts  # a wrapped result
    assert "Opgesteld nieuw minimabeleid" in texts
    # Reworded under its number in the explanation: the same result, said again.
    assert "Inzet buurtcoaches in de wijken" in texts
    # Restated word for word on the same page: the record stands there too, under a quote of its
    # own that is found where it stands.
    plan = next(r for r in measures if r.text == "Vastgesteld actieplan eenzaamheid")
    assert [p.page for p in plan.places] == [1, 1]
    again = plan.also_at[0]
    found = verify("b-2026", again.quote, [1], lambda d, n: RESULTS if n == 1 else None)
    assert found is not None and found.start == again.start > plan.provenance.end
    # Dated future results and passives with an abbreviation are commitments.
    assert any(t.startswith("Medio 2026 zullen in alle wijken") for t in texts)
    assert any("(hierna actieplan) wordt in 2026 opgesteld" in t for t in texts)
    # A numbered line outside the explanation, or with a number no result has, is not a result.
    assert "Overig" not in texts


def test_funding_and_expectations_are_no_commitments() -> None:
    assert cues.classify("Deze lasten worden gedekt vanuit de Algemene Reserve.") is None
    assert cues.classify("Daarbij wordt er ook een impuls verwacht van een nieuw financieel systeem.") is None
    assert (
        cues.classify("De bestuurlijke wens is om de samenwerking in de regio te intensiveren.") == "measure"
    )
    assert (
        cues.classify("Om het risico te beperken, verleent de gemeente een subsidie aan de school.")
        == "measure"
    )
    # A past tense stays a report, whatever date it names.
    assert cues.classify("In 2023 zijn de bruggen hersteld.") is None


# The 2025 layout: the goals numbered right above the results (one chunk), the results grouped per
# goal, and the explanation under the result numbers without a "Toelichting" heading; a heading
# that wraps onto a lower-case line.
RESULTS_NO_EXPLANATION_HEADING = """Wat willen we bereiken?
1. Een sterk maatschappelijk middenveld
2. Sociaal Team; integrale samenwerking in het sociaal domein
Wat gaan we daarvoor doen ?
Belangrijkste resultaten voor 2026
1.1 Nieuwe verordening adviesraad
1.2 Nieuwe beleidsregels respijtzorg

2.1 Het Sociaal Team is duidelijk vindbaar als toegang van ondersteuning en zorg in het
sociaal domein
"""
EXPLAINED = """1.2 Nieuwe beleidsregels respijtzorg
Ten slotte worden nieuwe beleidsregels opgesteld met betrekking tot respijtzorg.
2.1 Het Sociaal Team is duidelijk vindbaar als toegang van ondersteuning en
zorg in het sociaal domein
Het team ontwikkelt zich verder door."""


def test_results_per_goal_without_an_explanation_heading_are_measures() -> None:
    records = _records(RESULTS_NO_EXPLANATION_HEADING, EXPLAINED)
    kinds = {r.text: r.type for r in records}
    assert kinds["Een sterk maatschappelijk middenveld"] == "goal"
    # "Belangrijkste resultaten voor 2026" heads results, not goals, and "2.1" goes on after "1.2".
    assert kinds["Nieuwe verordening adviesraad"] == "measure"
    team = (
        "Het Sociaal Team is duidelijk vindbaar als toegang van ondersteuning en zorg in het sociaal domein"
    )
    assert kinds[team] == "measure"
    respijt = next(r for r in records if r.text == "Nieuwe beleidsregels respijtzorg")
    assert respijt.type == "measure" and [p.page for p in respijt.places] == [1, 2]
    # The wrapped explanation heading on page 2 is that result too (a measure, not a goal).
    team = EXPLAINED.index("2.1 Het Sociaal Team")
    explained = [r for r in records if any(p.page == 2 and p.start == team for p in r.places)]
    assert [r.type for r in explained] == ["measure"]
    assert not any(r.type == "goal" and r.page == 2 for r in records)


def test_a_change_heading_with_a_broken_thousands_point_or_two_years() -> None:
    page = (
        "Toelichting begroot 2026\n"
        "Buurtsportcoaches (hogere lasten €40. 000 in 2026)\n"
        "De inzet wordt uitgebreid.\n"
        "Ondersteuning voedselbank (hogere lasten €18.000 in 2026 en 2027)\n"
        "De bijdrage loopt twee jaar."
    )
    budgets = {r.text: r for r in _records(page) if r.type == "budget"}
    assert [(a.year, a.eur) for a in budgets["Buurtsportcoaches"].amounts] == [(2026, 40000.0)]
    both = budgets["Ondersteuning voedselbank"].amounts
    assert [(a.year, a.eur, a.measure) for a in both] == [(y, 18000.0, "lasten") for y in (2026, 2027)]


def test_a_change_heading_with_two_years_a_long_bracket_or_a_bracket_inside() -> None:
    page = (
        "Toelichting begroot 2026\n"
        "Digitale weerbaarheid\n"
        "(hogere lasten 2026 € 91.450, vanaf 2027 € 26.450)\n"
        "De nieuwe wet vraagt om extra maatregelen.\n"
        "Invoering nieuwe wet\n"
        "(structureel hogere lasten € 116.286. Dekking voor het deel van de gemeente (52%) vanuit\n"
        "de leges voor vergunningen: structureel hogere baten € 62.500)\n"
        "De wet levert aanvullende taken op."
    )
    budgets = {r.text: r for r in _records(page) if r.type == "budget"}
    # "vanaf 2027" opens the second amount: the first is for 2026.
    two = budgets["Digitale weerbaarheid"].amounts
    assert [(a.year, a.eur) for a in two] == [(2026, 91450.0), (2027, 26450.0)]
    law = budgets["Invoering nieuwe wet"].amounts
    assert [(a.year, a.eur, a.measure) for a in law] == [(None, 116286.0, "lasten"), (None, 62500.0, "baten")]
    assert set(budgets) == {"Digitale weerbaarheid", "Invoering nieuwe wet"}


# The financial kengetallen (BBV): the year columns on a line of their own, rows numbered, a row's
# values on the line of its name or the next, its VNG norms after the values, the name's last words
# below them.
KENGETALLEN = """Tabel 9.2 Overzicht kengetallen
Begroting 2026 Kengetallen (%) Normen VNG (%)
2024 2025 2026 2027 Vol-
Kengetallen: Rekening Begr. Begr. Begr. doende
1a. Netto schuldquote 41 44 47 52
<90
1b. Netto schuldquote
38 40 43 49 gecorrigeerd voor
alle leningen
3. Structurele
0,31 -0,12 0,55 0,70 >0
<0 /
exploitatieruimte
4. Grondexploitatie n.v.t. n.v.t. n.v.t. n.v.t. Geen norm
1. Netto schuldquote
De netto schuldquote geeft de hoogte van de schuld weer ten opzichte van de eigen middelen, en dat
vinden wij een belangrijke maat voor de ruimte die de begroting laat voor rente en aflossing."""


def test_kengetallen_rows_have_the_rekening_as_baseline_and_the_budget_year_as_target() -> None:
    rows = {r.text: r for r in _records(KENGETALLEN) if r.type == "indicator"}
    assert set(rows) == {
        "1a. Netto schuldquote",
        "1b. Netto schuldquote gecorrigeerd voor alle leningen",
        "3. Structurele exploitatieruimte",
        "4. Grondexploitatie",
    }
    debt = rows["1a. Netto schuldquote"]
    assert (debt.baseline_value, debt.baseline_year) == ("41", 2024)
    # The budget year the header names is the target, not the year before or the years after it.
    assert (debt.target_value, debt.target_year) == ("47", 2026)
    corrected = rows["1b. Netto schuldquote gecorrigeerd voor alle leningen"]
    assert (corrected.baseline_value, corrected.target_value) == ("38", "43")
    assert rows["3. Structurele exploitatieruimte"].baseline_value == "0,31"
    assert rows["4. Grondexploitatie"].baseline_value in (None, "")


# A result's title wrapped after a colon ("... akkoord: Fit in" / "Testgem") in the list, and its
# explanation heading ending on the colon with the subtitle on a line of its own.
RESULTS_WRAPPED = """Wat gaan we daarvoor doen ?
Belangrijkste resultaten 2026
1.1 Vastgesteld actieplan eenzaamheid
2.1 Meer sportdeelname door uitvoering van de regeling en het akkoord: Fit in
Testgem
2.2 Opgestelde sportvisie
Toelichting
2.1 Meer sportdeelname door uitvoering van de regeling en het akkoord:
Fit in Testgem
De regeling van het Rijk loopt in 2025 af.
2.2 Opgestelde sportvisie Testgem
Het college laat een visie op sport en bewegen opstellen."""


def test_a_result_title_wrapped_after_a_colon_is_one_result() -> None:
    records = _records(RESULTS_WRAPPED)
    assert not [r.text for r in records if r.type == "goal"]
    starts = {p.start: r.text for r in records if r.type == "measure" for p in r.places}
    # The list goes on after the wrapped title: 2.2 is a result, and so its explanation heading.
    assert starts[RESULTS_WRAPPED.index("2.2 Opgestelde sportvisie")] == "Opgestelde sportvisie"
    assert RESULTS_WRAPPED.index("2.2 Opgestelde sportvisie Testgem") in starts
    # The heading that ends on its colon is the result 2.1 restated, not a goal.
    wrapped = RESULTS_WRAPPED.index("2.1 Meer sportdeelname")
    restated = RESULTS_WRAPPED.index("2.1 Meer sportdeelname", RESULTS_WRAPPED.index("Toelichting"))
    # (the place restated is quoted without its number)
    again = [text for start, text in starts.items() if restated <= start <= restated + len("2.1 ")]
    assert again == [starts[wrapped]] and starts[wrapped].endswith("Fit in Testgem")


def test_a_budget_sentence_under_a_change_heading_with_its_amount_is_that_line_standing_again() -> None:
    page = (
        "Toelichting begroot 2026\n"
        "Herinrichting stationsplein\n"
        "(neutraal, hogere lasten en met dekking uit de reserve stationsgebied € 150.000)\n"
        "Het plein wordt opnieuw ingericht. Uit de reserve stellen wij dan ook voor een bedrag van\n"
        "€ 150.000 beschikbaar te stellen voor de herinrichting."
    )
    meta = DocumentMeta(
        "b-2026", "Wassenaar", "Programmabegroting 2026", 2025, "2026-2029", "programmabegroting"
    )
    # Ingestion makes the heading the sentence's section, so both name the same post.
    section = "Programma 4 > Toelichting begroot 2026 > Herinrichting stationsplein"
    records = extract_records(*document([page], sections=[section], doc=meta))
    (budget,) = [r for r in records if r.type == "budget"]
    assert budget.text == "Herinrichting stationsplein"
    sentence = page.index("Uit de reserve")
    assert [(p.page, p.start) for p in budget.places] == [(1, page.index("Herinrichting")), (1, sentence)]
