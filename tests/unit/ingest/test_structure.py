from ingest.structure import (
    SectionTracker,
    detect_headings,
    numbered_heading,
    plain_heading,
    section_paths,
    toc_lines,
)

BODY = "De gemeente werkt samen met inwoners en partners aan een inclusieve samenleving."


def test_numbered_headings() -> None:
    assert numbered_heading("2.6 Werk en inkomen").number == (2, 6)
    assert numbered_heading("3. Programmalijnen").label == "3 Programmalijnen"
    assert numbered_heading("Bijlage IV Maatschappelijke doelen").kind == "labelled"
    assert numbered_heading("Hoofdstuk 3").label == "Hoofdstuk 3"


def test_a_named_paragraph_opens_a_section_whose_numbers_start_afresh() -> None:
    assert numbered_heading("Paragraaf Lokale heffingen").kind == "paragraph"
    assert numbered_heading("Paragraaf lokale heffingen, zie de toelichting.") is None
    lines = [
        "9 We gaan verantwoord om met ons afval",
        BODY,
        "Paragraaf Lokale heffingen",
        "1.1 Inleiding",
        BODY,
        "De iVisie onderscheidt vijf sporen:",
        "1. Goede dienstverlening",
        BODY,
    ]
    paths = section_paths(lines)
    assert paths[4] == "Paragraaf Lokale heffingen > 1.1 Inleiding"
    assert paths[7] == paths[4]  # its sections are numbered 1.1, 1.2: "1." is a list item


def test_numbers_and_sentences_are_not_headings() -> None:
    assert numbered_heading("2017 2018 2019") is None
    assert numbered_heading("3 inwoners hebben een uitkering aangevraagd.") is None
    assert numbered_heading("12,6%") is None
    assert numbered_heading("2 (31/5)") is None


def test_plain_heading_needs_body_text_after_a_finished_sentence() -> None:
    assert plain_heading("Connectiviteit", "Men komt niet tot elkaar.", BODY) is not None
    assert plain_heading("Connectiviteit", "de zin loopt nog door en", BODY) is None
    assert plain_heading("Bron", "Einde.", "CIV") is None
    assert plain_heading("Dit gaan we hiervoor doen:", "Einde.", BODY) is None


def test_the_title_after_a_lone_list_number_is_the_item_not_a_heading() -> None:
    # "- 3." on its own line, the item's title on the next: pypdf reads a hanging indent so.
    title = "Kinderen en jongeren doorlopen een doorgaande ontwikkellijn"
    assert plain_heading(title, "Einde.", BODY) is not None
    for marker in ("- 3.", "- b)", "•"):
        assert plain_heading(title, marker, BODY) is None
    # A bare number is as often a heading's own, its title on the next line ("2.1." / "...").
    assert plain_heading(title, "2.1.", BODY) is not None


def test_section_paths_nest_numbers_and_plain_headings() -> None:
    lines = [
        "3 Programmalijnen",
        BODY,
        "3.2 Werk en inkomen",
        BODY,
        "Connectiviteit",
        BODY,
        "4 Financien",
        BODY,
    ]
    paths = section_paths(lines)
    assert paths[1] == "3 Programmalijnen"
    assert paths[3] == "3 Programmalijnen > 3.2 Werk en inkomen"
    assert paths[5] == "3 Programmalijnen > 3.2 Werk en inkomen > Connectiviteit"
    assert paths[7] == "4 Financien"


def test_list_runs_are_not_headings() -> None:
    lines = ["Er zijn zes leefgebieden:", "1. Identiteitsbewijs", "2. Inkomen", "3. Onderdak", BODY]
    assert detect_headings(lines)[1:4] == [None, None, None]


def test_numbers_must_move_forward() -> None:
    lines = ["3.3 Strategische doelen", BODY, "1 Bevorderen zelfoplossend vermogen", BODY, "4 Route", BODY]
    headings = detect_headings(lines)
    assert headings[0] is not None and headings[2] is None and headings[4] is not None


def test_table_of_contents_decides_which_numbers_are_chapters() -> None:
    lines = [
        "Inhoudsopgave",
        "1 Vertrekpunt",
        "3",
        "2 Route",
        "9",
        "Inleiding",
        BODY,
        "1 Vertrekpunt",
        BODY,
        "1 Bevorderen zelfoplossend vermogen",
        BODY,
        "2 Versterken sociale structuren",
        BODY,
        "2 Route",
        BODY,
    ]
    found = [h.label for h in detect_headings(lines) if h is not None and h.kind == "numbered"]
    assert found == ["1 Vertrekpunt", "2 Route"]


def test_tracker_level_two_nests_under_its_parent_only() -> None:
    tracker = SectionTracker()
    for line in ("2 Visie", "2.1 Inleiding", "3.1 Zonder ouder"):
        heading = numbered_heading(line)
        assert heading is not None
        tracker.push(heading)
    assert tracker.path == "3.1 Zonder ouder"


# A Word contents exported one cell a line: the entry's number, its title (wrapped, with leader
# dots) and its page each on a line of their own.
CELL_A_LINE_CONTENTS = [
    "Inhoudsopgave",
    "1.",
    "Inleiding",
    "3",
    "2.",
    "Kaders van ons beleid.....",
    "5",
    "2.1.",
    "Vormgeven integrale toegang en",
    "regie.....",
    "7",
]


def test_contents_printed_one_cell_a_line_is_read_whole() -> None:
    lines = [*CELL_A_LINE_CONTENTS, "1. Inleiding", BODY]
    assert toc_lines(lines) == set(range(1, len(CELL_A_LINE_CONTENTS)))


def test_cell_a_line_contents_decides_which_numbers_are_chapters() -> None:
    lines = [
        *CELL_A_LINE_CONTENTS,
        "1. Inleiding",
        BODY,
        "2. We hebben nog te weinig algemene management",
        BODY,
        "2. Kaders van ons beleid",
        BODY,
        "2.1. Vormgeven integrale toegang en regie",
        BODY,
    ]
    found = [h.label for h in detect_headings(lines) if h is not None and h.kind == "numbered"]
    assert found == ["1 Inleiding", "2 Kaders van ons beleid", "2.1 Vormgeven integrale toegang en regie"]
