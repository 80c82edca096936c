import time

from assistant import nlp


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in nlp.sentence_spans(text)]


def test_model_name_says_which_pipeline() -> None:
    assert (
        nlp.model_name() in {"nl_core_news_sm", "blank:nl+sentencizer"} or "sentencizer" in nlp.model_name()
    )


def test_abbreviations_do_not_end_sentences() -> None:
    text = (
        "Dit geldt o.a. voor jeugd t/m 18 jaar, bijv. in de wijk. Het gaat m.b.t. art. 3 om ca. 5 nr. 2 "
        "incl. btw, d.w.z. i.v.m. de wet e.d. enz. en z.s.m. resp. t.a.v. o.b.v. m.i.v. blz. 4 en p. 5 "
        "met mr. Jansen, dhr. De Vries, mevr. Bakker en jl. e.a. ook, t.o.v. de vm. Den Deijlschool "
        "of vml. locatie (n.v.t. voor Den Haag), ad. € 95.000. Tweede zin."
    )
    first = text[: text.index(" Het gaat")]
    second = text[len(first) + 1 : text.index(" Tweede")]
    assert _sentences(text) == [first, second, "Tweede zin."]


def test_amounts_stay_in_their_sentence() -> None:
    text = "De reserve bedraagt € 1.884.000. Dat is meer dan € 860.000 en 4,5 miljoen."
    assert _sentences(text) == [
        "De reserve bedraagt € 1.884.000.",
        "Dat is meer dan € 860.000 en 4,5 miljoen.",
    ]


def test_bullets_list_numbers_and_blank_lines_are_boundaries() -> None:
    text = (
        "Er zijn zes leefgebieden:\n1. Identiteitsbewijs\n2. Inkomen\n- Een punt zonder punt\n"
        "- Nog een punt\n\nNieuwe alinea zonder punt\n\nLaatste"
    )
    assert _sentences(text) == [
        "Er zijn zes leefgebieden:",
        "1. Identiteitsbewijs",
        "2. Inkomen",
        "- Een punt zonder punt",
        "- Nog een punt",
        "Nieuwe alinea zonder punt",
        "Laatste",
    ]


def test_a_list_number_on_its_own_line_joins_its_item() -> None:
    text = "We willen:\n1.\nIedere inwoner vindt informatie.\n2.\nInwoners zijn zelfredzaam."
    assert _sentences(text) == [
        "We willen:",
        "1.\nIedere inwoner vindt informatie.",
        "2.\nInwoners zijn zelfredzaam.",
    ]


def test_offsets_are_stripped_and_point_into_the_text() -> None:
    text = "  Eerste zin.   Tweede zin.  \n"
    spans = nlp.sentence_spans(text)
    assert [text[s:e] for s, e in spans] == ["Eerste zin.", "Tweede zin."]
    assert nlp.sentence_spans("") == [] and nlp.sentence_spans("   \n ") == []


def test_many_texts_at_once_is_fast() -> None:
    nlp.model_name()  # loading is paid once, not per call
    texts = [("De gemeente helpt inwoners o.a. met werk. " * 40 + "\n- punt\n") for _ in range(114)]
    start = time.perf_counter()
    result = nlp.sentence_spans_many(texts)
    assert len(result) == 114 and all(len(r) == 41 for r in result)
    assert time.perf_counter() - start < 5


def test_lemmas() -> None:
    lemmas = nlp.lemmas("De gemeenten ondersteunden mantelzorgers")
    assert lemmas[0] == "de" and len(lemmas) == 4


def test_a_date_that_wrapped_to_the_line_start_is_no_list_number() -> None:
    text = (
        "De regelgeving verandert. Per\n1 januari 2021 wordt de Wlz opengesteld.\n"
        "1. Eerste punt\n2. Tweede punt"
    )
    assert _sentences(text) == [
        "De regelgeving verandert.",
        "Per\n1 januari 2021 wordt de Wlz opengesteld.",
        "1. Eerste punt",
        "2. Tweede punt",
    ]


def test_a_weak_past_form_the_table_lacks_is_read_as_a_verb() -> None:
    assert nlp.past_tense_infinitive("betaalde") == "betalen"
    assert nlp.past_tense_infinitive("zorgde") == "zorgen"
    assert nlp.past_tense_infinitive("telde") is not None
    # Nouns in "-te"/"-de" and words the table knows are no past forms.
    for word in ("ruimte", "waarde", "gemeente", "hoogte", "woningen", "kosten"):
        assert nlp.past_tense_infinitive(word) is None


def test_strong_past_forms_lead_to_their_infinitive() -> None:
    assert nlp.past_tense_infinitive("gaven") == "geven"
    assert nlp.past_tense_infinitive("stonden") == "staan"
    assert nlp.past_tense_infinitive("namen") is None  # names, as often as took


def test_a_bracket_after_a_full_stop_annotates_the_sentence_before() -> None:
    text = (
        "Op de kaart is het percentage weergegeven. (bron: www.waarstaatjegemeente.nl)\n"
        "Het beroep op voorzieningen is groot. (Zie hoofdstuk 3.) Een zin (met haakjes) loopt door."
    )
    assert [text[a:b] for a, b in nlp.sentence_spans(text)] == [
        "Op de kaart is het percentage weergegeven. (bron: www.waarstaatjegemeente.nl)",
        "Het beroep op voorzieningen is groot. (Zie hoofdstuk 3.)",
        "Een zin (met haakjes) loopt door.",
    ]


def test_a_word_the_lookup_table_lists_is_dutch() -> None:
    assert nlp.is_dutch_word("boekt") and nlp.is_dutch_word("besparing")
    assert nlp.is_dutch_word("maakte")  # a past form the table lacks
    assert nlp.is_dutch_word("naaste")  # a noun the table lists only in its plural, "naasten"
    assert not nlp.is_dutch_word("begrotnig") and not nlp.is_dutch_word("hegnelo")


def test_a_sentence_does_not_open_in_lower_case() -> None:
    # An abbreviation spaCy does not know ends no sentence, nor does a quoted question.
    unknown = "Verlagen budget zorg a.g.v.\ninvesteringen in vrij toegankelijke zorg."
    quoted = "Maar hoe komen we voorbij de mooie woorden?” vraagt de VNG zich af."
    assert _sentences(f"{unknown} Tweede zin.") == [unknown, "Tweede zin."]
    assert _sentences(f"{quoted} Tweede zin.") == [quoted, "Tweede zin."]
    # A full stop after a whole word does end one: "ga terug" is a web page's footer.
    assert _sentences("Dat is duurzaam te maken.\nga terug") == ["Dat is duurzaam te maken.", "ga terug"]
    # A list letter and a blank line still part them.
    assert _sentences("Twee opties:\na. de eerste.\nb. de tweede.") == [
        "Twee opties:",
        "a. de eerste.",
        "b. de tweede.",
    ]
    assert _sentences("Het eerste stuk.\n\nnog een stuk.") == ["Het eerste stuk.", "nog een stuk."]
