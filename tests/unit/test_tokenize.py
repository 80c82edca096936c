from __future__ import annotations

import pytest

from assistant.tokenize import (
    Lexicon,
    analyze,
    base_terms,
    count_terms,
    edit_distance,
    normalize,
    number_terms,
    stem,
    stopwords,
)


def lexicon_of(*texts: str) -> Lexicon:
    analyzed = [analyze(t) for t in texts]
    return Lexicon(count_terms(terms for terms, _ in analyzed), {w for _, words in analyzed for w in words})


def test_diacritics_and_case_are_ignored() -> None:
    assert normalize("Geïndiceerde JEUGDHULP") == "geindiceerde jeugdhulp"
    assert base_terms("geïndiceerde") == base_terms("geindiceerde")
    assert base_terms("één") == base_terms("een") == []  # a stop word either way


def test_hyphenation_across_lines_is_joined() -> None:
    assert base_terms("maatwerk-\nvoorzieningen") == base_terms("maatwerkvoorzieningen")


def test_stemming_meets_inflections() -> None:
    assert stem("voorzieningen") == stem("voorziening")
    assert base_terms("mantelzorgers") == base_terms("mantelzorger")


def test_stop_words_dutch_and_english_are_dropped() -> None:
    assert base_terms("Wat is het doel van de gemeente?") == [stem("doel"), stem("gemeente")]
    assert base_terms("What are the goals of the plan") == [stem("goals"), stem("plan")]
    assert "welke" in stopwords() and "hoeveel" in stopwords()


def test_numbers_keep_their_forms() -> None:
    assert number_terms("1.605") == ["1.605", "1605"]
    assert number_terms("12,6") == ["12,6", "12.6"]
    assert number_terms("2024") == ["2024"]
    terms = base_terms("In 2024 kregen 1.605 jongeren (12,6%) hulp")
    assert {"2024", "1.605", "1605", "12,6"} <= set(terms)


def test_compound_is_split_into_known_parts() -> None:
    lexicon = lexicon_of("schuldhulp voor inwoners", "schulden en hulp", "verlening van diensten")
    parts = lexicon.parts(stem("schuldhulpverlening"))
    assert stem("schuldhulp") in parts
    assert "hulp" in parts


def test_compound_query_meets_compound_document() -> None:
    lexicon = lexicon_of("De schuldhulpverlening wordt uitgebreid", "schuld", "hulp", "verlening")
    doc = set(lexicon.document_terms(base_terms("De schuldhulpverlening wordt uitgebreid")))
    query = set(lexicon.query_terms("schuldhulp"))
    assert doc & query


def test_linking_s_between_parts() -> None:
    lexicon = lexicon_of("gezondheid", "zorg")
    assert set(lexicon.parts("gezondheidszorg")) >= {stem("gezondheid"), "zorg"}


def test_compound_with_unknown_part_keeps_known_head_and_tail() -> None:
    lexicon = lexicon_of("jeugd", "coach")
    assert set(lexicon.parts("jeugdxyzcoach")) == {"jeugd", "coach"}


def test_a_derivational_ending_is_no_compound_head() -> None:
    # "lijken" and "land" are words of the corpus; "landelijk" is derived from "land", it does not
    # name a kind of "lijk".
    lexicon = lexicon_of("de cijfers lijken gunstig", "het land", "de samenleving")
    assert stem("lijken") == "lijk" and "lijk" in lexicon and "land" in lexicon
    assert "lijk" not in lexicon.parts(stem("landelijke"))
    assert "lijk" not in lexicon.parts("samenlevingxlijk")  # nor as the known tail of an unknown compound


def test_unknown_query_word_is_mapped_to_nearest_known_word() -> None:
    lexicon = lexicon_of("jeugdhulp in de wijk", "jeugdzorg")
    terms = lexicon.query_terms("jeugdhlup")
    assert "jeugdhulp" in terms and terms["jeugdhulp"] < 1.0


def test_a_typo_that_keeps_the_stemmer_off_is_repaired_as_written() -> None:
    # "ontvlechting" is indexed as its stem "ontvlecht"; the slip in "ontvlechitng" leaves the
    # ending on, three letters from the stem but one from the word as the corpus writes it.
    lexicon = lexicon_of("De ontvlechting van het sociaal domein")
    assert stem("ontvlechting") == "ontvlecht" and stem("ontvlechitng") == "ontvlechitng"
    assert "ontvlecht" in lexicon.query_terms("ontvlechitng")


def test_known_query_word_is_not_corrected() -> None:
    lexicon = lexicon_of("jeugdhulp", "jeugdhuls")
    assert lexicon.query_terms("jeugdhulp") == {"jeugdhulp": 1.0}


def test_short_words_are_not_corrected() -> None:
    assert lexicon_of("wmo").corrections("wno") == ()


def test_edit_distance_counts_transposition_once() -> None:
    assert edit_distance("jeugdhlup", "jeugdhulp") == 1
    assert edit_distance("almelo", "almelo") == 0
    assert edit_distance("abc", "xyzuvw", limit=2) == 3


def test_coverage_is_low_for_words_the_corpus_does_not_know() -> None:
    lexicon = lexicon_of("mantelzorgers in Leusden krijgen steun")
    assert lexicon.query("mantelzorgers Leusden").coverage == 1.0
    assert lexicon.query("informal carers Leusden").coverage == pytest.approx(1 / 3)
    assert lexicon.query("").coverage == 0.0


def test_successor_resplits_only_what_a_change_touches() -> None:
    before_texts = ["Mantelzorgers krijgen een mantelzorgwaardering.", "Mantelzorg en schuldhulpverlening."]
    after_texts = [*before_texts, "De waardering voor vrijwilligers.", "De ontvlechting van taken."]
    before, after = lexicon_of(*before_texts), lexicon_of(*after_texts)
    old = before.parts(stem("mantelzorgwaardering"))
    before.parts(stem("schuldhulpverlening"))
    before.corrections("mantelzrog")  # builds the typo index, which the successor patches
    before.corrections("ontvlechitng", surface="ontvlechitng")  # and the one over written words
    surfaces = {w for t in after_texts for w in analyze(t)[1]}
    new, resplit = before.successor(after.counts, surfaces)
    assert resplit == {stem("mantelzorgwaardering")}
    assert new.parts(stem("mantelzorgwaardering")) == after.parts(stem("mantelzorgwaardering")) != old
    assert new.parts(stem("schuldhulpverlening")) == after.parts(stem("schuldhulpverlening"))
    assert new.corrections("waardr") == after.corrections("waardr") == (stem("waardering"),)
    typed = "ontvlechitng"  # one slip from a written word the change brought, three from its stem
    assert new.corrections(typed, surface=typed) == after.corrections(typed, surface=typed) == ("ontvlecht",)
    assert dict(new.counts) == dict(after.counts)
    # And back: the word gone again, the compound splits as it did.
    back, resplit = new.successor(before.counts, {w for t in before_texts for w in analyze(t)[1]})
    assert resplit == {stem("mantelzorgwaardering")} and back.parts(stem("mantelzorgwaardering")) == old
    assert back.corrections("waardr") == ()
    assert back.corrections(typed, surface=typed) == ()


def test_a_compound_head_of_three_letters_is_a_part() -> None:
    # "kwaliteitseisen" is a kind of "eisen": a question about the demands finds it.
    lexicon = lexicon_of("de kwaliteit van zorg", "eisen stellen", "dezelfde kwaliteitseisen")
    assert stem("eis") in lexicon.parts(stem("kwaliteitseisen"))
    # ... but a short part only as the head, once the rest splits into known parts.
    assert lexicon_of("wet", "eisen").parts("xyzwabceis") == ()


def test_an_acronym_and_its_long_form_share_a_term() -> None:
    assert "pgb" in base_terms("uitwijken naar een persoonsgebonden budget")
    assert "pgb" in base_terms("via een pgb")
    assert "pgb" not in base_terms("een budget voor personen")


def test_a_split_verb_meets_its_noun_and_participle() -> None:
    lexicon = lexicon_of("Aantal personen die uitgestroomd zijn naar werk", "de instroom beperken")
    query = lexicon.query("Hoeveel mensen stroomden in Twenterand uit naar werk?")
    assert query.related[stem("stroomden")] == {stem("uitgestroomd"): 0.8}
    assert stem("instroom") not in query.weights  # "in Twenterand" is a preposition, no particle
    assert stem("stroomden") not in query.unseen


def test_a_known_verb_and_its_particle_meet_the_word_they_make() -> None:
    lexicon = lexicon_of("De toewijzing blijft een taak van de centrumgemeente", "hij wijst de weg")
    query = lexicon.query("En wie wijst toe?")
    assert query.weights[stem("wijst")] == 1.0  # a word of the documents' own, still asked for
    assert query.completed[stem("wijst")] == {stem("toewijzing"): 0.8}
    assert not lexicon.query("Wie wijst de weg?").completed


def test_an_unknown_word_stands_for_the_compounds_it_begins() -> None:
    lexicon = lexicon_of("de uitwijkmogelijkheid naar een persoonsgebonden budget")
    query = lexicon.query("via een pgb uitwijken")
    assert query.weights[stem("uitwijkmogelijkheid")] == 0.5
    assert not query.unseen
    assert lexicon.query("via een pgb verhuizen").unseen == {stem("verhuizen")}


def test_a_separable_verb_written_as_one_word_stands_for_its_verb() -> None:
    lexicon = lexicon_of("Er wordt gewerkt aan de menukaart", "Zij werkt aan preventie", "de inzet")
    query = lexicon.query("wat is die menukaart waar twenterand aanwerkt")
    assert query.weights[stem("werkt")] == 0.5
    assert stem("aanwerkt") not in query.unseen
    # A typo of a known word is repaired first: "inzett" is "inzet", not "in" + "zet".
    assert lexicon.query("de inzett").related == {}
    assert stem("inzet") in lexicon.query("de inzett").weights


def test_a_comparative_stands_for_the_adjective_a_document_uses() -> None:
    texts = ("gezond leven", "een gezonde leefstijl", "gezond eten", "wie gezonder leeft")
    lexicon = lexicon_of(*texts, "de ouders", "ouder", "oud")
    assert lexicon.query("Hoe leven inwoners gezonder?").completed[stem("gezonder")] == {stem("gezond"): 0.8}
    # A noun in "-er" that the corpus uses as often as the word it seems to grow from stays itself.
    assert stem("ouder") not in lexicon.query("Wat krijgen ouder en kind?").completed


def test_a_defined_acronym_stands_for_its_long_form() -> None:
    analyzed = [analyze(t) for t in ("De ITK groeit", "de internationale taalklas")]
    lexicon = Lexicon(
        count_terms(terms for terms, _ in analyzed),
        {w for _, words in analyzed for w in words},
        {"itk": tuple(base_terms("Internationale Taalklas"))},
    )
    long_form = set(base_terms("Internationale Taalklas"))
    assert long_form <= set(lexicon.document_terms(base_terms("De ITK groeit")))
    assert long_form <= set(lexicon.query_terms("Wat doet de ITK?"))


def test_a_compound_is_also_split_as_the_corpus_writes_it() -> None:
    # The stemmer cuts the long word harder ("beleidswijz") than its head alone ("wijzig").
    lexicon = lexicon_of("drie beleidswijzigingen van het rijk", "wijzigingen in het beleid")
    assert stem("beleidswijzigingen") != "beleids" + stem("wijzigingen")
    assert stem("wijzigingen") in lexicon.parts(stem("beleidswijzigingen"))


def test_a_misspelt_word_that_splits_into_known_parts_is_still_repaired() -> None:
    lexicon = lexicon_of("Het actieplan laaggeletterdheid.", "Een laag budget.", "Een letter.")
    weights = lexicon.query_terms("laaggeletterheid")
    assert weights[stem("laaggeletterdheid")] == 0.8
    # The accidental parts ("laag" + "letter") count as loosely as a compound's parts.
    assert max(w for t, w in weights.items() if t != stem("laaggeletterdheid")) == 0.5


def test_a_word_a_table_shortened_is_read_as_the_word() -> None:
    terms, _ = analyze("Verlagen max. snelheid naar 30 km/uur, incl. btw")
    assert "maximum" in terms and "max" not in terms
    assert set(analyze("maximum snelheid")[0]) <= set(terms)


def test_a_question_is_spelled_as_the_corpus_writes_it() -> None:
    lexicon = lexicon_of("De begroting 2025 van Hengelo.", "Mantelzorgers in Hengelo worden gewaardeerd.")
    assert lexicon.spelled("Wat staat er in de begrotnig 2025 van Hegnelo?") == (
        "Wat staat er in de begroting 2025 van hengelo?"
    )
    # A slip in a stop word is read as the stop word, and a stop word is no slip.
    assert lexicon.spelled("volgnes de begroting") == "volgens de begroting"
    assert lexicon.spelled("hoe worden mantelzorgers gewaardeerd") == "hoe worden mantelzorgers gewaardeerd"


def test_a_word_a_dictionary_knows_is_no_slip() -> None:
    lexicon = lexicon_of("Hengelo bereikt veel inwoners.")
    assert lexicon.spelled("Hoe bereidt Hengelo zich voor?") == "Hoe bereikt Hengelo zich voor?"
    known = lexicon.spelled("Hoe bereidt Hengelo zich voor?", lambda word: word == "bereidt")
    assert known == "Hoe bereidt Hengelo zich voor?"


def test_a_word_with_no_near_one_in_the_corpus_stays_as_typed() -> None:
    lexicon = lexicon_of("De begroting 2025 van Hengelo.")
    # A subject the documents do not discuss must still be seen as such.
    assert lexicon.spelled("laaggeletterdheid in Hengelo") == "laaggeletterdheid in Hengelo"
    assert lexicon.spelled("Wmo") == "Wmo"  # too short to call a slip


def test_a_changed_corpus_spells_with_its_own_words() -> None:
    before = lexicon_of("De waardering voor vrijwilligers.")
    assert before.spelled("ontvlechitng") == "ontvlechitng"
    texts = ["De waardering voor vrijwilligers.", "De ontvlechting van taken."]
    after = lexicon_of(*texts)
    new, _ = before.successor(after.counts, {w for t in texts for w in analyze(t)[1]})
    assert new.spelled("ontvlechitng") == "ontvlechting"


def test_a_slip_that_stems_as_a_known_word_is_written_as_that_word() -> None:
    lexicon = lexicon_of("De begroting 2025.", "Het bedrag is begroot.", "Wat de gemeente heeft gemeten.")
    assert stem("begrooting") == stem("begroting")
    assert lexicon.spelled("de begrooting 2025") == "de begroting 2025"
    # A form of a known word that meets another word stays: "gemeete" stems as "gemeten" does.
    assert stem("gemeete") == stem("gemeten") != stem("gemeente")
    assert lexicon.spelled("de gemeete") == "de gemeete"


def test_two_letters_swapped_is_the_likelier_slip() -> None:
    # "daarvan" and "daaraan" are both one edit from "daaravn".
    assert lexicon_of("Een tekst.").spelled("hoeveel daaravn") == "hoeveel daarvan"


def test_a_word_one_letter_from_another_in_front_is_no_slip() -> None:
    assert lexicon_of("Wat is er gezocht?").spelled("Wie hebben het bezocht?") == "Wie hebben het bezocht?"


def test_surfaces_given_as_a_one_pass_iterator_are_all_read() -> None:
    analyzed = [analyze(t) for t in ("De begroting 2025 van Hengelo.",)]
    surfaces = iter({w for _, words in analyzed for w in words})
    lexicon = Lexicon(count_terms(terms for terms, _ in analyzed), surfaces)
    assert lexicon.spelled("de begrotnig") == "de begroting"
