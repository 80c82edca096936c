from assistant.answering.verify import locate, locate_cells, trim_quote, verify

PAGE = (
    "Reserve Sociaal Domein\nDe verwachte stand bedraagt per 31 december 2016\n€ 1.884.000.\n"
    "Stand 1-1-2016 |\n1.509 |\n1.884 |"
)


def _pages(texts: dict[int, str]):
    return lambda doc, page: texts.get(page) if doc == "d" else None


def test_locate_ignores_case_whitespace_and_cell_separators() -> None:
    span = locate("de verwachte stand bedraagt per 31 december 2016 € 1.884.000.", PAGE)
    assert span is not None
    assert PAGE[span[0] : span[1]].startswith("De verwachte")
    row = locate("Stand 1-1-2016 | 1.509 | 1.884", PAGE)
    assert row is not None and PAGE[row[0] : row[1]].endswith("1.884")


def test_a_quote_not_on_its_page_never_verifies() -> None:
    assert verify("d", "De verwachte stand bedraagt € 2.000.000.", [1], _pages({1: PAGE})) is None
    assert verify("d", "Stand 1-1-2016 | 1.509 | 1.884", [2], _pages({1: PAGE, 2: "iets anders"})) is None
    assert verify("other-doc", "Reserve Sociaal Domein", [1], _pages({1: PAGE})) is None
    assert verify("d", "...", [1], _pages({1: PAGE})) is None


def test_verify_picks_the_page_that_holds_the_quote() -> None:
    citation = verify("d", "Reserve Sociaal Domein", [3, 1], _pages({1: PAGE, 3: "niets"}), chunk_id="c1")
    assert citation is not None
    assert (citation.doc, citation.page, citation.chunk_id) == ("d", 1, "c1")
    assert PAGE[citation.start : citation.end] == "Reserve Sociaal Domein"


def test_sentence_running_on_to_next_page_is_cited_where_it_starts() -> None:
    pages = {4: "Begin van de pagina. Wij gaan de", 5: "mantelzorgers beter ondersteunen. Verder."}
    citation = verify("d", "Wij gaan de mantelzorgers beter ondersteunen.", [4, 5], _pages(pages))
    assert citation is not None and citation.page == 4


def test_a_sentence_whose_start_on_the_page_is_ambiguous_is_not_cited_across_the_break() -> None:
    # "Om" ends page 1, but "Om deze" also stands earlier on it: where the quote starts is unclear.
    pages = {
        1: "Om deze reden kiezen we een aanpak. Om",
        2: "deze taakstellingen te realiseren, is een plan gemaakt.",
    }
    quote = "Om deze taakstellingen te realiseren, is een plan gemaakt."
    assert verify("d", quote, [1, 2], _pages(pages)) is None
    pages[1] = "Daarom kiezen we een aanpak. Om"
    citation = verify("d", quote, [1, 2], _pages(pages))
    assert citation is not None and citation.page == 1


def test_long_quotes_are_trimmed_to_a_verbatim_prefix() -> None:
    long = " ".join(f"woord{i}" for i in range(100))
    trimmed = trim_quote(long, 60)
    assert len(trimmed.split()) == 60 and long.startswith(trimmed)


COLUMNS = (
    "Tabel 7.2 - Tarieven hondenbelasting\n2024 2025\nHondenbelasting\neerste hond\ntweede hond\n"
    "\n95,04\n142,80\n\n99,72\n149,76\n"
)


def test_a_row_whose_cells_stand_apart_is_quoted_in_order_with_an_ellipsis() -> None:
    found = locate_cells("Hondenbelasting | tweede hond | 142,80 | 149,76", COLUMNS)
    assert found is not None
    start, end, quote = found
    # The row's label, not "hondenbelasting" in the caption, starts the quote.
    assert quote == "Hondenbelasting … tweede hond … 142,80 … 149,76"
    assert COLUMNS[start:end].startswith("Hondenbelasting\neerste") and COLUMNS[start:end].endswith("149,76")
    assert (
        locate_cells("Hondenbelasting | eerste hond | 95,04", COLUMNS)[2]
        == "Hondenbelasting eerste hond … 95,04"
    )


def test_cells_match_whole_and_in_order_or_not_at_all() -> None:
    assert locate_cells("eerste hond | 42,80", COLUMNS) is None  # part of 142,80
    assert locate_cells("eerste hond | 149,76 | 99,72", COLUMNS) is None  # out of order
    assert locate_cells("eerste hond", COLUMNS) is None  # one cell: a plain quote
    far = COLUMNS + "x" * 3000 + "\n188,40"
    assert locate_cells("tweede hond | 188,40", far) is None  # not one table


def test_verify_cites_a_column_table_row_with_its_ellipsis_quote() -> None:
    citation = verify("d", "Hondenbelasting | eerste hond | 95,04 | 99,72", [1], _pages({1: COLUMNS}))
    assert citation is not None
    assert citation.quote == "Hondenbelasting eerste hond … 95,04 … 99,72"
    assert verify("d", "Hondenbelasting | eerste hond | 95,04 | 99,73", [1], _pages({1: COLUMNS})) is None


def test_a_table_row_that_runs_on_to_the_next_page_is_cited_where_it_starts() -> None:
    # The table breaks across pages within the row: its "|" marks are no words when the check
    # asks whether the part on the first page could start elsewhere on it.
    pages = {
        6: "Tabel 2 Doelgroepen\nBeschut werk\n14\n11\n5\n5\n-",
        7: "-\nAantal kinderen schoolpakket\n85\n60",
    }
    citation = verify("d", "Beschut werk | 14 | 11 | 5 | 5 | - | -", [6, 7], _pages(pages))
    assert citation is not None and citation.page == 6
    assert pages[6][citation.start : citation.end].startswith("Beschut werk")
    assert citation.end <= len(pages[6])
    assert verify("d", "Aantal kinderen schoolpakket | 85 | 60", [6, 7], _pages(pages)).page == 7
