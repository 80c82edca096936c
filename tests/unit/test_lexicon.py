"""The lexicon's year, period, amount and money-word patterns, one concept at a time."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from assistant import lexicon
from assistant.lexicon import (
    AMOUNT,
    BARE_YEAR,
    DASH_MONEY,
    DATE,
    DEADLINE,
    DEADLINE_PHRASE,
    DECIMAL_COMMA,
    DOCUMENT_YEAR,
    EURO_AFTER,
    EURO_BEFORE,
    GROUPED_NUMBER,
    INDICATOR_VALUE,
    MEASURED_FIGURE,
    MONEY_CUES,
    MONEY_WORDS,
    NUMBER_CELL,
    PERIOD_TEXT,
    PLAIN_AMOUNT,
    QUESTION_CUES,
    QUESTION_DOCUMENT_YEAR,
    RECORD_TYPE_CUES,
    SCALE_FACTORS,
    SCALE_TEXT,
    SCALED_EURO,
    SENTENCE_CUES,
    TABLE_UNIT,
    TIME_MENTION,
    UNIT_FACTOR,
    UNIT_MARK,
    VALUE_CELL,
    YEAR,
    YEAR_CELL,
    YEAR_SPAN_TEXT,
    YEAR_TEXT,
    compile_table,
    defined_acronyms,
    fold,
    synonym_groups,
)

# -- years and periods ----------------------------------------------------------------------------


def test_year_is_a_whole_word_from_1900_to_2099() -> None:
    assert YEAR.findall("in 2022, tussen 1999 en 2100 of 20221") == ["2022", "1999"]
    assert re.fullmatch(YEAR_TEXT, "2035") and not re.fullmatch(YEAR_TEXT, "1899")


def test_bare_year_is_no_part_of_a_larger_number() -> None:
    assert BARE_YEAR.findall("2020-2023, 2021* en 2.020 of 12020 of 2020,5") == ["2020", "2023", "2021"]


def test_year_cell_holds_only_a_year() -> None:
    assert YEAR_CELL.fullmatch(" 2022 ")
    assert not YEAR_CELL.fullmatch("2022 *")
    assert not YEAR_CELL.fullmatch("Begroot 2022")


@pytest.mark.parametrize(
    "text",
    ["2021 en 2022", "2020, 2021, 2022", "2020 t/m 2023", "2020 tot en met 2023", "2020-2023", "2020 - 2023"],
)
def test_year_span_lists_and_ranges(text: str) -> None:
    assert re.fullmatch(YEAR_SPAN_TEXT, text)


def test_year_span_needs_two_years() -> None:
    assert not re.fullmatch(YEAR_SPAN_TEXT, "2021")
    assert not re.fullmatch(YEAR_SPAN_TEXT, "2021 en 22")


def test_period_is_one_word() -> None:
    period = re.compile(PERIOD_TEXT)
    assert period.findall("begroting 2020-2023 en 2020/21 en 2024") == ["2020-2023", "2020/21", "2024"]


def test_document_year_in_a_file_name() -> None:
    assert DOCUMENT_YEAR.findall("almelo-beleidsplan-2022-2025 1985 1975 2050 120221") == [
        "2022",
        "2025",
        "1985",
    ]


def test_a_question_year_past_2039_is_a_horizon_not_a_document() -> None:
    assert QUESTION_DOCUMENT_YEAR.match("2022")
    assert QUESTION_DOCUMENT_YEAR.match("2020-2023")
    assert not QUESTION_DOCUMENT_YEAR.match("2040")
    assert not QUESTION_DOCUMENT_YEAR.match("1999")


# -- dates ----------------------------------------------------------------------------------------


def test_date_and_deadlines() -> None:
    assert DATE.search("Per 1 Januari gaat het in")
    assert not DATE.search("1 jan")
    assert DEADLINE.search(fold("Uiterlijk december 2025 is het klaar"))
    assert DEADLINE.search("het loket opent 1 juli")
    assert not DEADLINE.search("het aantal steeg met 2025 personen")


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Dit is gereed vanaf 1 januari 2024.", "vanaf 1 januari 2024"),
        ("We doen dit in het tweede kwartaal van 2023.", "in het tweede kwartaal van 2023"),
        ("Voor de zomer van 2022 besluiten we.", "Voor de zomer van 2022"),
        ("Na de zomervakantie starten we.", "Na de zomervakantie"),
    ],
)
def test_deadline_phrase_as_the_register_quotes_it(text: str, phrase: str) -> None:
    match = DEADLINE_PHRASE.search(text)
    assert match is not None and match.group() == phrase


def test_time_mention() -> None:
    assert TIME_MENTION.search("We leggen dit medio vast")
    assert TIME_MENTION.search("in 2024")
    assert not TIME_MENTION.search("We leggen dit vast")


# -- numbers and amounts --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number", "scale"),
    [
        ("€ 25.000", "25.000", None),
        ("€1,2 mln", "1,2", "mln"),
        ("EUR 3 mld.", "3", "mld."),
        ("-€ 150", "150", None),
        ("€ 25.000,-", "25.000", None),
    ],
)
def test_euro_before_the_number(text: str, number: str, scale: str | None) -> None:
    match = EURO_BEFORE.search(text)
    assert match is not None
    assert (match.group("num"), match.group("scale")) == (number, scale)


def test_euro_before_keeps_the_sign() -> None:
    match = EURO_BEFORE.search("een tekort van -€ 150")
    assert match is not None and match.group("sign")


def test_euro_after_the_number() -> None:
    match = EURO_AFTER.search("in totaal 6,9 miljoen euro per jaar")
    assert match is not None
    assert (match.group("num"), match.group("scale")) == ("6,9", "miljoen")
    assert not EURO_AFTER.search("artikel12 euro")


def test_dash_money_and_plain_amount() -> None:
    assert DASH_MONEY.search("kosten 25.000,- per jaar")
    assert not DASH_MONEY.search("25.000,-5")
    assert PLAIN_AMOUNT.match(" 4,5 mln ")
    assert not PLAIN_AMOUNT.match("4,5 mln euro")


def test_scale_words_and_factors_agree() -> None:
    scale = re.compile(SCALE_TEXT)
    for word, factor in SCALE_FACTORS.items():
        assert scale.fullmatch(word), word
        assert factor in (1e3, 1e6, 1e9)


@pytest.mark.parametrize(
    ("unit", "found"),
    [
        ("Omschrijving (bedragen x € 1.000)", "(bedragen x € 1.000)"),
        ("in x € 1 .000", "in x € 1 .000"),
        ("Bedragen X € 1.000.000", "Bedragen X € 1.000.000"),
    ],
)
def test_table_unit(unit: str, found: str) -> None:
    match = TABLE_UNIT.search(unit)
    assert match is not None and match.group().strip() == found
    assert SCALED_EURO.search(unit.lower())


def test_table_unit_needs_euros_and_a_factor() -> None:
    assert not TABLE_UNIT.search("bedragen in euro")
    assert not TABLE_UNIT.search("x 1.000 inwoners")


def test_unit_factor_reads_a_number_or_a_scale_word() -> None:
    number = UNIT_FACTOR.search("(x € 1 .000)")
    word = UNIT_FACTOR.search("bedragen in miljoenen")
    assert number is not None and number.group("num") == "1 .000"
    assert word is not None and word.group("word") == "miljoen"


def test_amount_and_thousands() -> None:
    assert AMOUNT.search("een budget van 4.500")
    assert AMOUNT.search("€ 75")
    assert not AMOUNT.search("75 deelnemers in 2022")
    assert GROUPED_NUMBER.fullmatch("1,605") and GROUPED_NUMBER.fullmatch("1.605.000")
    assert not GROUPED_NUMBER.fullmatch("1605")
    assert DECIMAL_COMMA.fullmatch("12,6") and not DECIMAL_COMMA.fullmatch("12,605")


def test_measured_figure_skips_single_digits() -> None:
    assert MEASURED_FIGURE.findall("van 9400 naar 11.800 (12,5%) in 4 wijken") == ["9400", "11.800", "12,5%"]


@pytest.mark.parametrize("cell", ["1.884", "-150", "− 150", "25.000,-", "4,5"])
def test_number_cell(cell: str) -> None:
    assert NUMBER_CELL.match(cell)


@pytest.mark.parametrize("cell", ["€ 25", "12%", "PM", "1.884 euro", "2020-2021"])
def test_not_a_number_cell(cell: str) -> None:
    assert not NUMBER_CELL.match(cell)


@pytest.mark.parametrize("cell", ["€ 25.000", "12,5%*", "1.200¹", "350 (2019)", "25.000,-", "- 3"])
def test_value_cell(cell: str) -> None:
    assert VALUE_CELL.match(cell)


@pytest.mark.parametrize("cell", ["ca. 350", "350 inwoners", "€"])
def test_not_a_value_cell(cell: str) -> None:
    assert not VALUE_CELL.match(cell)


@pytest.mark.parametrize(
    "cell", ["n.n.b.", "PM", "gereed", "€ 1.200", "45%**", "12 (landelijk 14)", "-", "3²"]
)
def test_indicator_value(cell: str) -> None:
    assert INDICATOR_VALUE.match(cell)


def test_indicator_value_is_not_a_name() -> None:
    assert not INDICATOR_VALUE.match("Aantal jongeren")
    assert not INDICATOR_VALUE.match("2021 Bron: CBS")


def test_unit_mark() -> None:
    found = [m.group(1) for m in UNIT_MARK.finditer("Uitgaven (€) en bereik (%) en (aantal) en (x)")]
    assert found == ["€", "%", "aantal"]


# -- money words ----------------------------------------------------------------------------------


def test_money_words_inside_compounds() -> None:
    assert MONEY_WORDS.search(fold("Hoeveel toeristenbelasting"))
    assert MONEY_WORDS.search("werkbudget")
    assert not MONEY_WORDS.search("hoeveel inwoners")


def test_money_cues() -> None:
    assert MONEY_CUES["mention"].search("het Bedrag is bekend")
    assert MONEY_CUES["mention"].search("€")
    assert not MONEY_CUES["mention"].search("75 deelnemers")
    assert MONEY_CUES["label"].search("Budgetten sociaal domein")
    assert not MONEY_CUES["label"].search("Aantal cliënten")
    assert MONEY_CUES["budget"].search("Er is structureel € 50.000 beschikbaar")
    assert MONEY_CUES["not a budget"].search("Dit heeft € 50.000 opgeleverd")


def test_question_asks_for_money() -> None:
    amount = QUESTION_CUES["amount"]
    for question in ("Hoeveel geld gaat naar jeugd?", "Wat kost de aanpak?", "Welke bedragen?", "Hoeveel €?"):
        assert amount.search(fold(question)), question
    assert not amount.search(fold("Hoeveel inwoners zijn eenzaam?"))
    assert RECORD_TYPE_CUES["budget"].search(fold("Welk budget trekken de gemeenten uit?"))
    assert not RECORD_TYPE_CUES["budget"].search(fold("Welke doelen hebben de gemeenten?"))


def test_question_cues_compare_two_years() -> None:
    assert QUESTION_CUES["compare"].search("wat veranderde er tussen 2020 en 2023")
    assert not QUESTION_CUES["compare"].search("wat gebeurde er in 2020")


def test_sentence_cues_name_a_date_a_reason_an_actor() -> None:
    folded = fold("Omdat de vraag stijgt, start de GGD uiterlijk januari 2025.")
    found = {name for name, cue in SENTENCE_CUES.items() if cue.search(folded)}
    assert {"why", "who", "when", "measure"} <= found
    assert "result" not in found


def test_compile_table_applies_the_flags_to_every_pattern() -> None:
    table = compile_table({"a": "budget", "b": "euro"}, re.IGNORECASE)
    assert table["a"].search("BUDGET") and table["b"].search("Euro")
    assert not compile_table({"a": "budget"})["a"].search("BUDGET")


def test_an_acronym_a_text_defines_is_read_with_its_long_form() -> None:
    text = "Om de Internationale Taalklas (ITK) en de Schooladviesdienst Wassenaar (SAD) te steunen"
    assert defined_acronyms(text) == {"itk": "Internationale Taalklas", "sad": "Schooladviesdienst Wassenaar"}
    assert defined_acronyms("de lokale inclusieagenda (LIA)") == {"lia": "lokale inclusieagenda"}
    # A bracket whose letters the words before it do not hold is no definition.
    assert defined_acronyms("het aantal (EUR) en de gemeente Almelo (Overijssel)") == {}


def test_a_year_with_a_footnote_marker_glued_on_is_a_year() -> None:
    assert YEAR.findall("van 1200 in 2020 naar 2100 in 2040¹. Bij") == ["2020", "2040"]
    assert YEAR.findall("20401 en 12020") == []


def test_synonym_groups_are_disjoint_and_each_offers_an_alternative() -> None:
    groups = synonym_groups()
    assert groups and all(len(group) >= 2 for group in groups)
    words = [w for group in groups for w in group]
    assert len(words) == len(set(words))
    assert any({"landelijk", "nederland"} <= set(group) for group in groups)


def test_every_lexicon_name_is_defined_once() -> None:
    # A pattern defined again further down silently replaces the first for every module that
    # imports it (a second MEASURED_FIGURE once broke the register's figures).
    tree = ast.parse(Path(lexicon.__file__).read_text(encoding="utf-8"))
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.Assign):
            names += [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.append(node.target.id)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.append(node.name)
    assert [name for name in set(names) if names.count(name) > 1] == []
