"""Budget tables of a programme budget in the register: lasten, baten and saldo per programme and
year in euros, reserve movements, and taakveld rows tagged with their Iv3 code."""

from __future__ import annotations

from assistant.register.extract import extract_records
from assistant.register.models import Record
from assistant.types import DocumentMeta, Page
from ingest.chunking import chunk_document

PAGE_1 = """Wat mag het kosten?
Tabel 4.3 - Baten en lasten P4 Fysieke Leefomgeving
 Rekening Begroting Begroting
( "-"= nadeel / "+"= voordeel ) bedragen x € 1.000 2023 2024 2025
Baten 2.361 2.828 2.366
Lasten -6.100 -7.809 -5.055
Saldo van baten en lasten -3.738 -4.981 -2.689
Onttrekking reserves 405 2.431 920
Toelichting begroot 2025
Het omgevingsplan wordt in 2025 opgesteld."""

PAGE_2 = """Overzicht baten en lasten per taakveld
Programma: P2 Mens en maatschappij Begroting 2025 Begroting 2025 Begroting 2025
Saldo van baten en lasten per taakveld Baten Lasten Saldo
6.1 Samenkracht en burgerparticipatie 3.457.375 -6.505.572 -3.048.197
6.752 25 Jeugdhulp ambulant regionaal 0 -3.823.612 -3.823.612
6.91 25 Coordinatie en beleid WMO 0 -654.160 -654.160"""


def _records() -> list:
    meta = DocumentMeta(
        "w-2025", "Wassenaar", "Programmabegroting 2025", 2024, "2025-2028", "programmabegroting"
    )
    pages = [Page(1, PAGE_1), Page(2, PAGE_2)]
    return [r for r in extract_records(meta, pages, chunk_document("w-2025", pages)) if r.type == "budget"]


def _records_2026(*texts: str) -> list[Record]:
    """Every record of a 2026 budget whose pages hold `texts`, in order."""
    meta = DocumentMeta(
        "w-2026", "Wassenaar", "Programmabegroting 2026", 2025, "2026-2029", "programmabegroting"
    )
    pages = [Page(n, text) for n, text in enumerate(texts, 1)]
    return extract_records(meta, pages, chunk_document("w-2026", pages))


def _budget_rows(records: list[Record]) -> dict[str, list[tuple[int | None, float]]]:
    """Each budget line's row label with its (year, euros) amounts."""
    return {r.row: [(a.year, a.eur) for a in r.amounts] for r in records if r.type == "budget"}


def test_programme_lines_per_year_in_euros() -> None:
    by_row = {r.row: r for r in _records() if r.page == 1}
    lasten = by_row["Lasten"]
    assert lasten.programme == "P4 Fysieke Leefomgeving"
    assert [(a.year, a.measure, a.eur) for a in lasten.amounts] == [
        (2023, "lasten", -6_100_000.0), (2024, "lasten", -7_809_000.0), (2025, "lasten", -5_055_000.0),
    ]  # fmt: skip
    assert lasten.amounts[2].label == "Begroting 2025"
    assert by_row["Onttrekking reserves"].amounts[0].measure == "onttrekking"
    assert by_row["Saldo van baten en lasten"].amounts[0].measure == "saldo"
    # Both "Baten" and "Lasten" are kept: rows of one table are different lines.
    assert {"Baten", "Lasten", "Saldo van baten en lasten"} <= set(by_row)
    assert lasten.quote == "Lasten | -6.100 | -7.809 | -5.055"


def test_taakveld_rows_in_whole_euros_with_their_taakveld() -> None:
    rows = {r.row: r for r in _records() if r.page == 2}
    youth = rows["6.752 25 Jeugdhulp ambulant regionaal"]
    assert (youth.taakveld, youth.taakveld_printed) == ("6.72", "6.752")
    assert {a.measure: a.eur for a in youth.amounts} == {
        "baten": 0.0,
        "lasten": -3_823_612.0,
        "saldo": -3_823_612.0,
    }
    assert rows["6.1 Samenkracht en burgerparticipatie"].taakveld == "6.1"
    assert rows["6.91 25 Coordinatie en beleid WMO"].taakveld == "onbekend"
    assert youth.programme == "P2 Mens en maatschappij"


def test_every_budget_line_has_a_taakveld_or_says_onbekend() -> None:
    assert all(r.taakveld for r in _records())


# The cost-recovery calculation of a heffing, as pypdf prints it: some labels with their amount on
# the line, others first and their amounts after them in the same order.
COST_RECOVERY = """Tabel 6.2 - Berekening kostendekkingspercentage afvalstoffenheffing
Kosten taakveld afval
Opbrengst verkoop oud papier
1.812.000
-96.000
Netto kosten taakveld 1.716.000
Toe te rekenen kosten:
Overhead
Kwijtschelding
204.000
31.000
Totale kosten 1.951.000
Opbrengst afvalstoffenheffing 1.901.000
Kostendekkendheid 97,4%
De afvalstoffenheffing wordt geheven van de gebruiker van een perceel waar afval ontstaat en de
tarieven voor 2026 stijgen met de inflatie."""


def test_cost_recovery_rows_are_budget_lines_without_a_year_and_the_share_an_indicator() -> None:
    records = _records_2026(COST_RECOVERY)
    rows = _budget_rows(records)
    assert rows == {
        "Kosten taakveld afval": [(None, 1_812_000.0)],
        "Opbrengst verkoop oud papier": [(None, -96_000.0)],
        "Netto kosten taakveld": [(None, 1_716_000.0)],
        "Overhead": [(None, 204_000.0)],
        "Kwijtschelding": [(None, 31_000.0)],
        "Totale kosten": [(None, 1_951_000.0)],
        "Opbrengst afvalstoffenheffing": [(None, 1_901_000.0)],
    }
    share = [r for r in records if r.type == "indicator"]
    assert [(r.text, r.measurements[0].value, r.baseline_value) for r in share] == [
        ("Kostendekkendheid", "97,4%", "")
    ]


# A cost-recovery table by row (the leges per title): each row ends in its own share, on its line
# or with label, amounts and share on lines of their own; the items under a heading have no amounts.
LEGES = """Tabel 5.4 - Berekening kostendekkingspercentage leges per hoofdstuk
Berekening kostendekkendheid Leges Publiekszaken
Kosten baten kostendek.
Paspoorten 210.000 190.000 90%
Huwelijken 40.000 20.000 50%
Overige leges
- Uittreksels
- Verklaringen
Totaal overige leges

12.000

6.000

50%
Totaal leges Publiekszaken 262.000 216.000 82%
Berekening kostendekkendheid Leges Bouwen
kosten baten kostendek.
Bouwvergunning (nog niet bekend door
de nieuwe wet)
nnb nnb < 100%
De leges voor bouwvergunningen worden in de loop van het jaar opnieuw berekend op basis van de kosten."""


def test_each_row_of_a_cost_recovery_table_by_row_is_a_budget_line_and_an_indicator() -> None:
    records = _records_2026(LEGES)
    rows = _budget_rows(records)
    assert rows == {
        "Paspoorten": [(None, 210_000.0), (None, 190_000.0)],
        "Huwelijken": [(None, 40_000.0), (None, 20_000.0)],
        "Totaal overige leges": [(None, 12_000.0), (None, 6_000.0)],
        "Totaal leges Publiekszaken": [(None, 262_000.0), (None, 216_000.0)],
    }
    shares = [(r.text, r.measurements[0].value, r.baseline_value) for r in records if r.type == "indicator"]
    assert shares == [
        ("Paspoorten", "90%", ""),
        ("Huwelijken", "50%", ""),
        ("Totaal overige leges", "50%", ""),
        ("Totaal leges Publiekszaken", "82%", ""),
        ("Bouwvergunning (nog niet bekend door de nieuwe wet)", "< 100%", ""),
    ]


# The table of verbonden partijen: per row the partner's name, its deelnemersbijdrage (perhaps in
# parts), what it does, its equity and debt under their dates or their source and its risks, whose
# amounts are no budget lines of ours; it runs on to the next page without its header.
PARTNERS = """Gemeenschappelijke
regeling
Financieel
belang
(omvang
deelnemersbijdrage)
in €
Bestuurlijk belang
Eigen
vermogen
in €
Omvang risico's (i.r.t. weerstandsvermogen)
Brandweer
Kustregio (BKR)
€ 1.204.500
De Brandweer Kustregio voert
taken namens de gemeente uit.
01-01-2026:
€ 2.100.000
31-12-2026:
€ 1.950.000
De risico's zijn berekend op een
bedrag dat de gemeente kent. Het aandeel van de gemeente
bedraagt €12.400
Milieudienst
Kust (MDK)
€ 310.000
waarvan
€250.000
Deelnemers
bijdrage en
€60.000
voor
extra taken
De Milieudienst voert voor zijn deelnemers
milieutaken uit.
01-01-2026:
€ 800.000"""
PARTNERS_NEXT_PAGE = """Afvaldienst Kust € 2.480.000
De colleges hebben de inzameling
bij de Afvaldienst belegd.
(o.b.v.
jaarrekening
2025)
€ 5.000.000"""


def test_the_financial_interest_in_each_verbonden_partij_is_a_budget_line_without_a_year() -> None:
    records = _records_2026(PARTNERS, PARTNERS_NEXT_PAGE)
    rows = _budget_rows(records)
    assert rows == {
        "Brandweer Kustregio (BKR)": [(None, 1_204_500.0)],
        "Milieudienst Kust (MDK)": [(None, 310_000.0), (None, 250_000.0), (None, 60_000.0)],
        "Afvaldienst Kust": [(None, 2_480_000.0)],
    }


# The same table a year on: the header cell breaks inside its word ("deelnemer" / "s- bijdrage"),
# and the risks column holds whole sentences about the partner.
PARTNERS_BROKEN_HEADER = """Gemeen
schappelijke
Regeling
Financieel
belang
(omvang
deelnemer
s- bijdrage
2026 in
€ )
Bestuurlijk belang
Omvang risico's (i.r.t. weerstandsvermogen
Brandweer
Kustregio (BKR)
€ 1.204.500
Namens de gemeente heeft de
burgemeester zitting in het bestuur.
De risico's worden allereerst opgevangen binnen de begroting van de regeling zelf.
Het eigen vermogen wordt gekoppeld aan het weerstandsvermogen van de regeling."""


def test_a_verbonden_partijen_header_broken_inside_its_word_and_its_sentences_are_the_partner_s() -> None:
    records = _records_2026(PARTNERS_BROKEN_HEADER)
    assert [(r.type, r.row, [a.eur for a in r.amounts]) for r in records] == [
        ("budget", "Brandweer Kustregio (BKR)", [1_204_500.0])
    ]  # what the partner does with its risks and equity is no measure of ours


# A list of amounts, one a line, under an introduction that names their year.
AMOUNT_LIST = """1.7 Kwijtschelding
Kwijtschelding is mogelijk voor de onroerende-zaakbelastingen en de afvalstoffenheffing.
Over het jaar 2026 worden naar verwachting de volgende bedragen aan kwijtschelding verleend:
- OZB € 2.500
- Afvalstoffenheffing € 190.000
1.8 Belastingsamenwerking
De heffing is overgedragen aan de belastingsamenwerking."""


def test_each_line_of_a_list_of_amounts_is_a_budget_line_in_the_year_its_introduction_names() -> None:
    records = _records_2026(AMOUNT_LIST)
    rows = [(r.text, [(a.year, a.eur) for a in r.amounts]) for r in records if r.type == "budget"]
    assert rows == [("OZB", [(2026, 2_500.0)]), ("Afvalstoffenheffing", [(2026, 190_000.0)])]


# A label printed without its amount, above a row with its own: the label has none, and the labels
# after that row take the amounts after them.
COST_RECOVERY_GAP = """Tabel 6.3 - Berekening kostendekkingspercentage marktgelden
Kosten taakveld markt
Inkomsten taakveld, excl. heffingen
52.000
Netto kosten taakveld 52.000
Toe te rekenen kosten:
Overhead
BTW
12.500
1.700
Totale kosten 66.200
Kostendekkendheid 80,1%"""


def test_a_cost_recovery_label_without_an_amount_above_a_full_row_is_no_budget_line() -> None:
    records = _records_2026(COST_RECOVERY_GAP)
    rows = _budget_rows(records)
    assert rows == {
        "Kosten taakveld markt": [(None, 52_000.0)],
        "Netto kosten taakveld": [(None, 52_000.0)],
        "Overhead": [(None, 12_500.0)],
        "BTW": [(None, 1_700.0)],
        "Totale kosten": [(None, 66_200.0)],
    }
