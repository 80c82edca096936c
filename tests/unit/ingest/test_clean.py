import sys
from pathlib import Path

import pytest

from ingest.clean import clean_pages

# The reference scorer lives beside the checkout (../shared), not in it; tests that use it skip
# without it.
sys.path.insert(0, str(Path(__file__).resolve().parents[3].parent / "shared" / "evals"))


def _page(body: list[str], n: int, total: int = 5) -> str:
    header = ["Gemeente Twenterand | Programma Sociaal Domein (kadernota 2020)", f"Pagina {n}"]
    return "\n".join([*header, *body, f"{n} / {total}"])


def _pages(bodies: list[list[str]]) -> list[str]:
    return [_page(b, i + 1, len(bodies)) for i, b in enumerate(bodies)]


BODIES = [["Eerste tekst."], ["Tweede tekst."], ["Derde tekst."], ["Vierde tekst."], ["Vijfde tekst."]]


def test_running_headers_and_page_numbers_are_removed() -> None:
    pages = clean_pages(_pages(BODIES))
    assert [p.number for p in pages] == [1, 2, 3, 4, 5]
    assert [p.text for p in pages] == [b[0] for b in BODIES]


def test_a_line_on_a_few_page_edges_is_not_a_header() -> None:
    bodies = [["Activiteiten", "Eerste tekst."], ["Activiteiten", "Tweede tekst."], *BODIES[2:]]
    pages = clean_pages(_pages(bodies))
    assert pages[0].text == "Activiteiten\nEerste tekst."


def test_bare_page_number_only_when_it_is_the_page_number() -> None:
    pages = clean_pages(["Eerste regel.\n1", "Tweede regel.\n48"])
    assert pages[0].text == "Eerste regel."
    assert pages[1].text == "Tweede regel.\n48"


def test_hyphenated_line_ends_are_joined() -> None:
    text = clean_pages(["We bieden ondersteu-\nning aan inwoners."])[0].text
    assert text == "We bieden ondersteuning aan inwoners."


def test_compounds_and_enumerations_keep_their_hyphen() -> None:
    text = clean_pages(["Ga naar het Wmo-\nloket.\nDe jeugd-\nsport- en cultuurfondsen."])[0].text
    assert "Wmo-loket." in text
    assert "jeugd-sport- en cultuurfondsen." in text


def test_a_name_broken_at_its_own_hyphen_is_joined_with_it() -> None:
    raw = "Samenwerking met Noord-\nNederland gaat door.\nDelft, Midden-\nDelfland en Westland."
    text = clean_pages([raw])
    assert text[0].text == "Samenwerking met Noord-Nederland gaat door.\nDelft, Midden-Delfland en Westland."
    # Not a name: a dash after a space, or a lower-case word before the hyphen.
    assert "Kosten -\nBaten" in clean_pages(["Kosten -\nBaten"])[0].text
    assert "jeugd-\nWmo" in clean_pages(["jeugd-\nWmo"])[0].text
    # Nor a table header's stacked half-words.
    assert "Onvol-\nKengetallen" in clean_pages(["Onvol-\nKengetallen: Verslag Begr."])[0].text
    assert "2024 Vol-\nMatig" in clean_pages(["2022 2023 2024 Vol-\nMatig"])[0].text


def test_ligatures_soft_hyphens_and_spaces() -> None:
    text = clean_pages(["Een ﬁnanciële  bij\u00addrage   van\u00a0€ 5."])[0].text
    assert text == "Een financiële bijdrage van € 5."


def test_bullets_become_dashes() -> None:
    raw = "\x7f Eerste punt\n• Tweede punt\n▪ Derde punt\n– Vierde punt\n \x7f \x7f Dubbel punt"
    lines = clean_pages([raw])[0].text.split("\n")
    assert lines == ["- Eerste punt", "- Tweede punt", "- Derde punt", "- Vierde punt", "- Dubbel punt"]


def test_symbol_font_bullets_become_dashes_at_a_line_start_only() -> None:
    # Word's default bullet (Symbol) and Wingdings' square and arrowhead, as pypdf gives them.
    raw = (
        "zijn:\n\uf0b7 Buurt en veiligheid;\n \uf0a7 Leefbaarheid;\n"
        "\uf0d8\nWe pakken ondermijnende criminaliteit aan.\nTekst \uf0b7 blijft"
    )
    lines = clean_pages([raw])[0].text.split("\n")
    assert lines == [
        "zijn:",
        "- Buurt en veiligheid;",
        "- Leefbaarheid;",
        "- We pakken ondermijnende criminaliteit aan.",
        "Tekst \uf0b7 blijft",
    ]


def test_negative_numbers_and_footnote_stars_are_not_bullets() -> None:
    text = clean_pages(["-100 |\n* Deze stelpost is opgenomen."])[0].text
    assert text == "-100 |\n* Deze stelpost is opgenomen."


def test_lone_bullet_joins_its_sentence_but_an_empty_cell_stays() -> None:
    text = clean_pages(["  -\nDe minder zelfredzame inwoner die moeite heeft.\n295\n-\nCIV"])[0].text
    assert text == "- De minder zelfredzame inwoner die moeite heeft.\n295\n-\nCIV"


def test_glued_heading_is_split_conservatively() -> None:
    text = clean_pages(
        ["2.3 Werk en inkomenDe gemeente helpt inwoners aan werk.\nWe werken met PvdA en SamenDoen."]
    )[0]
    assert text.text.split("\n")[:2] == ["2.3 Werk en inkomen", "De gemeente helpt inwoners aan werk."]
    assert "PvdA en SamenDoen" in text.text


def test_year_glued_to_chapter_number_is_split() -> None:
    text = clean_pages(["Beleidskader Sociaal Domein december 20161. Inleiding"])[0].text
    assert text.split("\n") == ["Beleidskader Sociaal Domein december 2016", "1. Inleiding"]


def test_superscript_footnote_marks_survive() -> None:
    assert clean_pages(["⁵ We hebben nog te weinig management"])[0].text.startswith("⁵ We")


def test_table_pipes_are_kept() -> None:
    raw = "(bedragen x € 1 .000) |\n2017 |\n||\nHuidig budget |\n17.246 |"
    assert clean_pages([raw])[0].text == raw


def test_html_paragraph_tags_are_dropped() -> None:
    assert clean_pages(["<p>Actieplan\nmantelzorg</p>\n</p\n>"])[0].text == "Actieplan\nmantelzorg"


def test_cleaned_text_stays_verifiable_against_the_raw_page() -> None:
    score = pytest.importorskip("score", reason="the reference scorer in ../shared is not present")

    raw = _page(
        [
            "De ondersteu-",
            "ning van \x7f inwoners met een ﬁnanciële",
            "bijdrage.",
            "2.3 Werk en inkomenDe gemeente",
            "helpt inwoners aan werk.",
        ],
        3,
    )
    others = [_page([f"Andere tekst {n}."], n) for n in (1, 2)]
    cleaned = clean_pages([*others, raw])[2].text
    for sentence in (
        "De ondersteuning van",
        "met een financiële bijdrage.",
        "Werk en inkomen De gemeente helpt",
    ):
        assert sentence.lower() in score.norm(cleaned) or score.quote_on(sentence, cleaned)
        assert score.quote_on(sentence, raw)
    assert score.quote_on(cleaned.split("\n")[-1], raw)


def test_a_row_printed_a_cell_a_line_becomes_one_line() -> None:
    raw = "Totaal 2024 2025\nTractie\n\n54.500\n\n-\n\n54.500\nTotaal\n\n54.500\n\n-\n\n54.500\n\nProgramma"
    text = clean_pages([raw])[0].text
    assert "Tractie 54.500 - 54.500\nTotaal 54.500 - 54.500" in text
    # Cells a line without blank lines between are a loose table, read as such later; a year or
    # a section number is no cell.
    loose = "Indicator\n12\n14\n16"
    assert clean_pages([loose])[0].text == loose
    assert "Jaarlijks\n\n2019\n\n24%" in clean_pages(["Jaarlijks\n\n2019\n\n24%\n\n6.2.\n\n2"])[0].text


def test_a_word_a_narrow_cell_broke_is_joined_when_the_document_prints_it_whole() -> None:
    body = "Veel inwoners doen vrijwilligerswerk in Hengelo met ondersteuning van de gemeente."
    cell = "Percentage\nvolwassenen dat\naangeeft vrij\nwilligerswerk\nte doen (%)\nnodig met on\ndersteuning"
    text = clean_pages([body, cell])[1].text
    joined = "Percentage\nvolwassenen dat\naangeeft\nvrijwilligerswerk\nte doen (%)\nnodig met\nondersteuning"
    assert text == joined
    # Two words the document also prints inside a line stay two words ("per leerling en").
    both = clean_pages(["Geld per leerling en per school.", "Een bedrag per\nleerling\nen school."])[1]
    assert both.text == "Een bedrag per\nleerling\nen school."
    # A full line goes on with a word of its own ("aan" / "bod"), even when "aanbod" is a word.
    wide = "Hier komen onder andere de meerjarenraming en het meerjarenbeeld aan\nbod, met een toelichting."
    assert clean_pages(["Het aanbod van zorg.", wide])[1].text == wide


def test_a_wrapped_bbv_indicator_row_becomes_one_line() -> None:
    raw = "\n".join(
        [
            "2 20. Niet-sporters % CBS 44,2% (2022) 46,4% (2022)",
            "2 21. Banen",
            "Aantal per 1.000",
            "inwoners",
            "in de leeftijd 15 – 64",
            "jaar",
            "LISA 663,6 (2022) 825,3 (2022)",
            "2 27.",
            "Huishoudens met een",
            "bijstandsuitkering",
            "Aantal huishoudens in NL CBS 3,1 % (2024) 4,75 % ( 2024)",
            "2 28. Lopende re-",
            "",
            "Een zin zonder cijfer.",
        ]
    )
    lines = clean_pages([raw])[0].text.split("\n")
    assert lines[:3] == [
        "2 20. Niet-sporters % CBS 44,2% (2022) 46,4% (2022)",
        "2 21. Banen Aantal per 1.000 inwoners in de leeftijd 15 – 64 jaar LISA 663,6 (2022) 825,3 (2022)",
        "2 27. Huishoudens met een bijstandsuitkering Aantal huishoudens in NL CBS 3,1 % (2024) "
        "4,75 % ( 2024)",
    ]
    # A row that never gives its figure is left as it is.
    assert lines[3:] == ["2 28. Lopende re-", "", "Een zin zonder cijfer."]


def test_the_bbv_indicator_header_wrapped_a_word_a_line_becomes_one_line() -> None:
    raw = "\n".join(
        [
            "Beleidsindicatoren",
            "",
            "Tabel 6.1 - Beleidsindicatoren per programma",
            "Progr. Nr. Naam Indicator Eenheid Bron",
            "Realisatie",
            "Wassenaar",
            "(jaartal)",
            "Realisatie",
            "Nederland",
            "(jaartal)",
            "1 6. Verwijzingen Halt Aantal per 1.000 jongeren Bureau Halt 8,4 (2023) 2,1 (2023)",
        ]
    )
    lines = clean_pages([raw])[0].text.split("\n")
    assert lines[2:] == [
        "Tabel 6.1 - Beleidsindicatoren per programma",
        "Progr. Nr. Naam Indicator Eenheid Bron Realisatie Wassenaar (jaartal) "
        "Realisatie Nederland (jaartal)",
        "1 6. Verwijzingen Halt Aantal per 1.000 jongeren Bureau Halt 8,4 (2023) 2,1 (2023)",
    ]
    # Short lines above a row without a year slot among them are left alone (a wrapped label).
    plain = "Tabel 2.1 - Iets\nEen kop\nnog een\n1 6. Verwijzingen Halt 8,4 (2023) 2,1 (2023)"
    assert clean_pages([plain])[0].text.split("\n")[1:3] == ["Een kop", "nog een"]
