from __future__ import annotations

from assistant.query_parse import (
    asked_municipalities,
    detect_municipalities,
    detect_years,
    merge_filters,
    named_document,
    parse_query,
    without_words,
)
from assistant.types import DocumentMeta, Filters

DOCS = [
    DocumentMeta("almelo-plan-2022", "Almelo", "Strategisch beleidsplan", 2022, "2022-", "beleidsplan"),
    DocumentMeta("almelo-review-2020", "Almelo", "Midterm review", 2020, "2019-2022", "voortgang"),
    DocumentMeta("hengelo-programma", "Hengelo", "Beleidsprogramma", 2021, "2021-2025", "beleidsprogramma"),
    DocumentMeta("twenterand-kadernota", "Twenterand", "Kadernota", 2019, "2020-2023", "kadernota"),
    DocumentMeta("leusden-kader-2016", "Leusden", "Beleidskader", 2016, "2017-2020", "beleidskader"),
]
NAMES = ["Almelo", "Hengelo", "Twenterand", "Leusden"]


def test_plain_and_adjectival_names() -> None:
    assert detect_municipalities("Wat doet Almelo?", NAMES) == ("Almelo",)
    assert detect_municipalities("het Almelose beleidsplan", NAMES) == ("Almelo",)
    assert detect_municipalities("de Hengelose nulmeting", NAMES) == ("Hengelo",)
    assert detect_municipalities("Leusdense jeugd", NAMES) == ("Leusden",)
    assert detect_municipalities("het Twenterandse programma", NAMES) == ("Twenterand",)
    assert detect_municipalities("Almelo's goals for youth care", NAMES) == ("Almelo",)


def test_case_diacritics_and_one_typo() -> None:
    assert detect_municipalities("HENGELO jeugd", NAMES) == ("Hengelo",)
    assert detect_municipalities("twentrand mantelzorg", NAMES) == ("Twenterand",)
    assert detect_municipalities("almleo doelen", NAMES) == ("Almelo",)


def test_no_false_municipality() -> None:
    assert detect_municipalities("Twentse Monitor Sociaal Domein", NAMES) == ()
    assert detect_municipalities("Hoeveel inwoners uit Rijssen-Holten?", NAMES) == ()


def test_several_municipalities_in_question_order() -> None:
    found = detect_municipalities("Wat willen Leusden en Twenterand voor mantelzorgers?", NAMES)
    assert found == ("Leusden", "Twenterand")


def test_multi_word_names() -> None:
    names = [*NAMES, "Hof van Twente", "Rijssen-Holten"]
    assert detect_municipalities("beleid in Hof van Twente", names) == ("Hof van Twente",)
    assert detect_municipalities("inwoners uit Rijssen-Holten", names) == ("Rijssen-Holten",)


def test_year_after_document_word_is_a_filter() -> None:
    assert detect_years("het beleidsplan sociaal domein 2022", DOCS) == (2022,)
    assert detect_years("volgens de begroting 2020", DOCS) == (2020,)
    assert detect_years("de Almelose midterm review (2020)", DOCS) == (2020,)
    # "die van 2022" stands for a document like the one named before it.
    assert detect_years("de midterm review 2020 en die van 2022", DOCS) == (2020, 2022)
    assert detect_years("de midterm review en de situatie van 2022", DOCS) == ()
    # A year listed after a document's year dates a document too.
    assert detect_years("volgens de begroting 2020 en 2022", DOCS) == (2020, 2022)
    assert detect_years("de begroting 2020 en in 2022", DOCS) == (2020,)


def test_year_as_subject_is_not_a_filter() -> None:
    assert detect_years("Welk doel heeft Hengelo voor 2024 geformuleerd?", DOCS) == ()
    assert detect_years("hoeveel waren het er in 2018?", DOCS) == ()
    assert detect_years("besparingen in 2022 volgens de midterm review", DOCS) == ()


def test_year_without_matching_document_is_ignored() -> None:
    assert detect_years("het beleidsplan 2012", DOCS) == ()


def test_parse_query_returns_question_unchanged() -> None:
    question = "Wat staat er in het Almelose beleidsplan 2022?"
    parsed = parse_query(question, DOCS)
    assert parsed.question == question
    assert parsed.filters == Filters(municipalities=("Almelo",), years=(2022,))
    assert parsed.detected == parsed.filters


def test_a_question_may_name_two_documents_by_their_titles() -> None:
    docs = [
        DocumentMeta("plan", "Almelo", "Strategisch beleidsplan sociaal domein", 2022, "", "beleidsplan"),
        DocumentMeta("review", "Almelo", "Midterm review programma zorg", 2020, "2019-2022", "voortgang"),
        DocumentMeta("kader", "Leusden", "Beleidskader sociaal domein", 2016, "2017-2020", "beleidskader"),
    ]
    question = "Hoe verschilt het strategisch beleidsplan sociaal domein van de midterm review over jeugd?"
    named = named_document(question, docs)
    assert named.doc_ids == ("plan", "review")
    assert named.runs == (("strategisch", "beleidsplan", "sociaal", "domein"), ("midterm", "review"))
    assert without_words(question, named.runs) == "Hoe verschilt het  van de  over jeugd?"
    assert parse_query(question, docs).filters.docs == ("plan", "review")
    # "beleidsplan sociaal domein" is also part of Leusden's title, read against a lesser run.
    assert "kader" not in named.doc_ids


def test_explicit_filters_win_field_by_field() -> None:
    parsed = parse_query("Wat doet Almelo?", DOCS, Filters(municipalities=("Hengelo",), doc_types=("x",)))
    assert parsed.filters.municipalities == ("Hengelo",)
    assert parsed.filters.doc_types == ("x",)
    assert parsed.detected.municipalities == ("Almelo",)
    merged = merge_filters(Filters(docs=("d",)), Filters(municipalities=("Almelo",)))
    assert merged == Filters(municipalities=("Almelo",), docs=("d",))


def test_a_document_named_by_its_title_is_where_to_look() -> None:
    question = "Wat wil Almelo volgens het Strategisch Beleidsplan doen aan schulden?"
    named = named_document(question, DOCS)
    assert named.doc_ids == ("almelo-plan-2022",)
    assert named.runs == (("strategisch", "beleidsplan"),)
    assert parse_query(question, DOCS).filters.docs == ("almelo-plan-2022",)
    assert without_words(question, named.runs) == "Wat wil Almelo volgens het  doen aan schulden?"
    assert named_document("Wat zegt de midterm review over de GLI?", DOCS).doc_ids == ("almelo-review-2020",)
    # One title word, or title words that name no kind of document, are a subject, not a title.
    assert named_document("Welke beleidsplannen heeft Almelo?", DOCS).doc_ids == ()
    sociaal = [DocumentMeta("l", "Leusden", "Beleidskader Sociaal Domein", 2016, "", "")]
    assert named_document("Wat doet Leusden in het sociaal domein?", sociaal).doc_ids == ()
    # Explicit filters still win.
    explicit = parse_query(question, DOCS, Filters(docs=("hengelo-programma",)))
    assert explicit.filters.docs == ("hengelo-programma",)


def test_two_budget_years_set_side_by_side_name_two_documents() -> None:
    budgets = [
        DocumentMeta("w24", "Wassenaar", "Programmabegroting 2024", 2024, "2024-2027", "programmabegroting"),
        DocumentMeta("w25", "Wassenaar", "Programmabegroting 2025", 2025, "2025-2028", "programmabegroting"),
    ]
    # A year listed after a document's year dates a document too, however far the document word.
    listed = parse_query("wanneer is dat plan vastgesteld, zeggen 2024 en 2025 hetzelfde", budgets)
    assert listed.filters.years == (2024, 2025)
    # Compared, each year in a title of its own: no document word needed.
    assert parse_query("investering tractie 2024 vs 2025?", budgets).filters.years == (2024, 2025)
    # Not compared, or years no title carries: no documents.
    assert parse_query("Hoeveel kost tractie in 2024 en 2025?", budgets).filters.years == ()
    assert parse_query("verschil tussen 2026 en 2027?", budgets).filters.years == ()


def test_the_municipality_asked_about_is_the_one_the_question_sentence_names() -> None:
    names = ["Almelo", "Twenterand", "Wassenaar"]
    premise = "Twenterand heeft een wekelijkse inloop. Heeft Almelo ook zo'n inloopspreekuur?"
    assert asked_municipalities(premise, names) == ("Almelo",)
    semicolon = "Almelo wilde een eigen bijdrage; hoe staat dat er in de Wassenaarse begroting voor?"
    assert asked_municipalities(semicolon, names) == ("Wassenaar",)
    # A question sentence that names none, or one question naming two, keeps every name.
    assert asked_municipalities("Almelo doet het zo. Wat zeggen de anderen?", names) == ("Almelo",)
    assert asked_municipalities("Wat doen Almelo en Twenterand daaraan?", names) == ("Almelo", "Twenterand")
