"""Follow-up questions resolved against the conversation."""

from __future__ import annotations

import pytest

from assistant.answering.question import Intent, analyze_question
from assistant.conversation import Turn, answer_items, resolve
from assistant.types import Filters

PLACES = ["Almelo", "Hengelo", "Leusden", "Twenterand", "Wassenaar"]


def test_a_question_without_history_is_taken_as_asked() -> None:
    resolution = resolve("Welke doelen heeft Almelo voor jeugdhulp?", [], PLACES)
    assert resolution.text == resolution.display == "Welke doelen heeft Almelo voor jeugdhulp?"
    assert resolution.filters == Filters(municipalities=("Almelo",)) and not resolution.inherited


def test_another_municipality_asks_the_same_of_it() -> None:
    history = [Turn("Hoeveel geld reserveert Twenterand voor laaggeletterdheid?")]
    resolution = resolve("En in Leusden?", history, PLACES)
    assert resolution.text == "Hoeveel geld reserveert Leusden voor laaggeletterdheid?"
    assert resolution.filters.municipalities == ("Leusden",)
    assert resolution.inherited == ("onderwerp",)


def test_another_thing_after_the_same_preposition_is_asked_the_same() -> None:
    history = [Turn("Hoeveel betaalt Wassenaar aan de Belastingsamenwerking? Graag de bedragen uit 2025.")]
    resolution = resolve("En aan de Metropoolregio Rotterdam Den Haag?", history, PLACES)
    assert resolution.text == (
        "Hoeveel betaalt Wassenaar aan de Metropoolregio Rotterdam Den Haag? Graag de bedragen uit 2025."
    )
    assert resolution.display == resolution.text and resolution.filters.municipalities == ("Wassenaar",)
    # The phrase ends where the next part of the question begins: the place and the source stay.
    history = [
        Turn("Hoe hoog zijn de woonlasten voor een eenpersoonshuishouden in Wassenaar volgens de begroting?")
    ]
    assert resolve("en voor meerpersoonshuishoudens", history, PLACES).text == (
        "Hoe hoog zijn de woonlasten voor meerpersoonshuishoudens in Wassenaar volgens de begroting?"
    )
    # A year after the preposition is no thing asked about: the next "voor" is.
    history = [Turn("Hoeveel geld is er voor 2025 gereserveerd voor laaggeletterdheid in Twenterand?")]
    assert resolve("En voor schuldhulp?", history, PLACES).text == (
        "Hoeveel geld is er voor 2025 gereserveerd voor schuldhulp in Twenterand?"
    )
    # With a place of its own the follow-up is no question before asked again (that one named Wassenaar).
    history = [Turn("Hoeveel betaalt Wassenaar aan de Belastingsamenwerking?")]
    named = resolve("En aan de MRDH in Almelo?", history, PLACES)
    assert "Wassenaar" not in named.text and named.filters.municipalities == ("Almelo",)
    # A word that asks is no new thing: "En aan wie?" is no question "aan wie" of its own.
    history = [Turn("Hoeveel betaalt Wassenaar aan de Belastingsamenwerking?")]
    asked = resolve("En aan wie nog meer?", history, PLACES).text
    assert asked.startswith("En aan wie nog meer (") and "Belastingsamenwerking" in asked
    # Down a chain, each follow-up asks the question again of its own thing.
    history = [Turn("Welke doelen heeft Almelo voor mantelzorg?"), Turn("en voor jeugd?")]
    assert resolve("en voor ouderen?", history, PLACES).text == "Welke doelen heeft Almelo voor ouderen?"
    # Without that preposition in the question before, the topic is carried as before.
    history = [Turn("Hoeveel banen per 1.000 inwoners heeft Wassenaar?")]
    assert "jongeren" in resolve("En voor jongeren?", history, PLACES).text.split("(")[0]


def test_a_bare_year_replaces_the_year_asked_about() -> None:
    history = [Turn("Hoeveel vergunninghouders moest Twenterand in 2019 huisvesten?")]
    resolution = resolve("En in 2020?", history, PLACES)
    assert resolution.text == "Hoeveel vergunninghouders moest Twenterand in 2020 huisvesten?"
    assert resolution.filters.municipalities == ("Twenterand",)
    # The budget's own year is where to look, not the year asked: 2028 is asked of that budget.
    history = [Turn("Hoeveel bespaart Wassenaar op de jeugdhulp volgens de begroting 2025?")]
    assert resolve("En in 2028?", history, PLACES).text == (
        "Hoeveel bespaart Wassenaar op de jeugdhulp volgens de begroting 2025 in 2028?"
    )
    history = [Turn("In 2022 kreeg de jeugdhulp extra budget. Hoeveel bespaart Wassenaar daarop?")]
    assert resolve("En in 2028?", history, PLACES).text == (
        "In 2022 kreeg de jeugdhulp extra budget. Hoeveel bespaart Wassenaar daarop in 2028?"
    )


def test_a_document_year_names_the_source_not_the_year_asked_about() -> None:
    history = [Turn("Hoeveel toeristenbelasting raamt Wassenaar voor 2024?")]
    assert resolve("en in de begroting 2025?", history, PLACES).text == (
        "Hoeveel toeristenbelasting raamt Wassenaar voor 2024 volgens de begroting 2025?"
    )
    history = [Turn("Hoeveel restafval had Wassenaar volgens de begroting 2024?")]
    assert resolve("En volgens de begroting van 2025?", history, PLACES).text == (
        "Hoeveel restafval had Wassenaar volgens de begroting 2025?"
    )


def test_a_sibling_term_asks_instead_and_the_years_carry_over() -> None:
    history = [Turn("Wat zijn in de begroting 2025 de lasten van programma Mens en maatschappij voor 2026?")]
    resolution = resolve("En de baten?", history, PLACES)
    words = resolution.text.split()
    assert "baten" in words and "lasten" not in words and "maatschappij" in words
    assert "volgens de begroting 2025" in resolution.text and "in 2026" in resolution.text
    assert set(resolution.inherited) == {"onderwerp", "jaar"}
    # A follow-up that names its own year keeps it.
    assert "2025" not in resolve("En de baten in 2027?", history, PLACES).text
    # Two budgets compared: both go on.
    compared = [
        Turn("Hoe ontwikkelen de lasten voor jeugd zich van de begroting 2024 naar de begroting 2025?")
    ]
    assert "volgens de begroting 2024 en 2025" in resolve("En de baten?", compared, PLACES).text


def test_a_pointing_follow_up_inherits_topic_and_municipality() -> None:
    history = [Turn("Welke doelen stelt Hengelo voor integrale toegang en regie?")]
    resolution = resolve("Hoe wordt dat gemeten?", history, PLACES)
    assert (
        "toegang" in resolution.text and "regie" in resolution.text and "dat" not in resolution.text.split()
    )
    assert resolution.filters.municipalities == ("Hengelo",)
    assert set(resolution.inherited) == {"gemeente", "onderwerp"}
    assert resolution.display.startswith("Hoe wordt dat gemeten? (over: ") and "Hengelo" in resolution.display


def test_a_pointer_typed_in_haste_still_points_back() -> None:
    history = [Turn("Wat wil Hengelo doen aan eenzaamheid onder ouderen?")]
    resolution = resolve("wat gaan ze daarovor doen", history, PLACES)
    assert "eenzaamheid" in resolution.text and "daarovor" not in resolution.text
    assert resolution.filters.municipalities == ("Hengelo",)
    # "daarom" is a word of its own, one letter from "daarop".
    therefore = resolve("Daarom zijn de wachtlijsten voor jeugdhulp in Almelo gegroeid?", history, PLACES)
    assert not therefore.inherited


def test_a_question_with_its_own_subject_starts_fresh() -> None:
    history = [Turn("Hoeveel contacten heeft het Zorgloket in Hengelo per maand?")]
    resolution = resolve("Welke doelen heeft Almelo voor jeugdhulp en mantelzorg?", history, PLACES)
    assert resolution.text == "Welke doelen heeft Almelo voor jeugdhulp en mantelzorg?"
    assert resolution.filters.municipalities == ("Almelo",) and not resolution.inherited


def test_a_year_said_relative_to_the_turn_before_is_that_year() -> None:
    history = [Turn("Hoeveel kilo restafval per inwoner heeft Wassenaar volgens de begroting 2025?")]
    resolution = resolve("En welk doel stond in de begroting van vorig jaar?", history, PLACES)
    assert "begroting van 2024" in resolution.text and "restafval" in resolution.text
    assert resolution.question == "En welk doel stond in de begroting van vorig jaar?" and resolution.changed
    assert "begroting 2026" in resolve("En in de begroting van volgend jaar?", history, PLACES).text
    # Without a year in the conversation, "vorig jaar" stays as it is.
    plain = resolve("En vorig jaar?", [Turn("Hoeveel mantelzorgers telt Hengelo?")], PLACES)
    assert "vorig jaar" in plain.text


def test_a_demonstrative_before_a_noun_of_the_turn_before_points_back() -> None:
    history = [Turn("Welk financieel risico loopt Wassenaar met de jeugdzorgplus volgens de begroting 2025?")]
    question = "Werd dat risico in de begroting 2024 ook al zo hoog ingeschat?"
    resolution = resolve(question, history, PLACES)
    assert "jeugdzorgplus" in resolution.text and resolution.filters.municipalities == ("Wassenaar",)
    # A demonstrative before a noun the turn before did not use names something new (in the same
    # place).
    question = "Werd die regeling voor mantelzorgers in de begroting 2024 ook al zo hoog ingeschat?"
    fresh = resolve(question, history, PLACES)
    assert fresh.text == question
    assert fresh.inherited == ("gemeente",) and fresh.filters.municipalities == ("Wassenaar",)


def test_a_demonstrative_before_a_noun_of_the_answer_before_points_back() -> None:
    history = [
        Turn(
            "Waarom zoekt Hengelo vanuit het sociaal domein afstemming met het fysieke domein?",
            "Omdat de nieuwe omgevingsvisie ook over wonen en zorg gaat.",
        )
    ]
    resolution = resolve("Met welke thema's moet die visie verbonden worden?", history, PLACES)
    assert "onderwerp" in resolution.inherited and "fysieke" in resolution.text
    # Without that answer, "die visie" names something new.
    alone = resolve("Met welke thema's moet die visie verbonden worden?", [Turn(history[0].question)], PLACES)
    assert "onderwerp" not in alone.inherited


def test_a_question_with_its_own_subject_keeps_the_place_of_the_conversation() -> None:
    history = [Turn("Hoeveel contacten heeft het Zorgloket in Hengelo per maand?")]
    resolution = resolve("Welke doelen zijn er voor mantelzorg en respijtzorg?", history, PLACES)
    # The place filters the search; the question's words stay its own.
    assert resolution.text == "Welke doelen zijn er voor mantelzorg en respijtzorg?"
    assert resolution.display == "Welke doelen zijn er voor mantelzorg en respijtzorg (Hengelo)?"
    assert resolution.filters.municipalities == ("Hengelo",) and resolution.inherited == ("gemeente",)
    across = resolve("Welke gemeenten hebben doelen voor mantelzorg en respijtzorg?", history, PLACES)
    assert not across.filters.municipalities and not across.inherited


@pytest.mark.parametrize(
    ("question", "earlier"),
    [
        ("Op welke functies legt Wassenaar daarbinnen de nadruk?", "Combinatiefuncties"),
        ("Welke resultaten kwamen daaruit?", "Combinatiefuncties"),
        ("Hoeveel geld is ervoor?", "Combinatiefuncties"),
    ],
)
def test_every_pronominal_adverb_points_back(question: str, earlier: str) -> None:
    history = [Turn("Wat is de Brede Regeling Combinatiefuncties in Wassenaar?")]
    resolution = resolve(question, history, PLACES)
    assert earlier in resolution.text and "onderwerp" in resolution.inherited


def test_a_question_word_one_letter_from_a_pointer_does_not_point_back() -> None:
    history = [Turn("Wat is de Brede Regeling Combinatiefuncties in Wassenaar?")]
    question = "Waarna volgt de evaluatie van het jongerenwerk en de buurtsportcoaches?"
    resolution = resolve(question, history, PLACES)
    assert "onderwerp" not in resolution.inherited


def test_the_money_asked_and_the_document_named_are_no_subject_of_their_own() -> None:
    history = [Turn("Komt er een nieuwe sportvisie in Wassenaar?")]
    question = "wat kost dat extra in 2024, en wat staat er voor in de begroting 2025"
    resolution = resolve(question, history, PLACES)
    assert "sportvisie" in resolution.text and resolution.filters.municipalities == ("Wassenaar",)


def test_the_rest_asks_more_of_the_same() -> None:
    history = [Turn("wat gebeurt er met meldingen bij de poh-jeugd in almelo")]
    resolution = resolve("en de rest?", history, PLACES)
    assert "poh-jeugd" in resolution.text and resolution.filters.municipalities == ("Almelo",)


@pytest.mark.parametrize(
    "question", ["Wie zorgt dan nog voor de oude doelgroep?", "Wie betaalt de oude regeling dan?"]
)
def test_then_continues_the_conversation(question: str) -> None:
    history = [Turn("Kunnen mensen in Wassenaar nog instromen in de sociale werkvoorziening?")]
    resolution = resolve(question, history, PLACES)
    assert resolution.filters.municipalities == ("Wassenaar",)
    assert "werkvoorziening" in resolution.text
    # "meer dan" compares: no pointer back.
    fresh = resolve("Welke gemeenten geven meer dan een miljoen uit aan jeugdhulp?", history, PLACES)
    assert not fresh.inherited


def test_a_chain_of_follow_ups_keeps_its_topic() -> None:
    history = [Turn("Hoeveel geld reserveert Twenterand voor laaggeletterdheid?"), Turn("En in Leusden?")]
    resolution = resolve("En in Almelo?", history, PLACES)
    assert resolution.text == "Hoeveel geld reserveert Almelo voor laaggeletterdheid?"


def test_an_explicit_filter_wins_over_the_history() -> None:
    history = [Turn("Hoe wordt eenzaamheid in Hengelo gemeten?")]
    resolution = resolve("En waarom?", history, PLACES, Filters(municipalities=("Almelo",)))
    assert resolution.filters.municipalities == ("Almelo",)


def test_the_turns_own_filter_carries_over() -> None:
    history = [Turn("Welke doelen zijn er voor jeugdhulp?", municipality="Leusden")]
    assert resolve("En waarom?", history, PLACES).filters.municipalities == ("Leusden",)


def test_what_a_follow_up_inherits_stands_in_a_closing_bracket() -> None:
    resolution = resolve(
        "Welke subsidie krijgt de stichting daarvoor?",
        [Turn("Wie voert de Internationale Taalklas in Wassenaar uit?")],
        ["Wassenaar", "Almelo"],
    )
    assert resolution.text.startswith("Welke subsidie krijgt de stichting (")
    assert resolution.text.endswith("Internationale Taalklas Wassenaar)?")
    assert resolution.display.startswith("Welke subsidie krijgt de stichting daarvoor?")


def test_a_follow_up_asking_for_another_kind_of_statement_leaves_the_old_kind_behind() -> None:
    history = [Turn("Welk doel wil Hengelo bereiken met de opgave 'Investeren in zakelijk partnerschap'?")]
    resolution = resolve("Wat gaan ze daarvoor doen?", history, PLACES)
    assert "zakelijk partnerschap" in resolution.text
    assert "doel" not in resolution.text and "bereiken" not in resolution.text
    # A follow-up that asks for a goal too keeps the word.
    assert "doel" in resolve("En welk doel nog meer?", history, PLACES).text


def test_a_follow_up_asking_for_another_list_leaves_the_old_list_behind() -> None:
    history = [Turn("Op welke pijlers richt het Wassenaarse beleidsplan 'Opstap naar werk' zich?")]
    resolution = resolve("Welke groepen krijgen daarbij extra aandacht?", history, PLACES)
    assert "pijlers" not in resolution.text
    assert "beleidsplan" in resolution.text and "Wassenaar" in resolution.text
    # The same list asked again keeps its noun.
    assert "pijlers" in resolve("Welke pijlers nog meer?", history, PLACES).text


def test_a_chain_of_follow_ups_keeps_what_was_asked_and_swaps_the_typed_subject() -> None:
    history = [
        Turn("Hoeveel Almeloërs hadden in 2019/20 een arbeidsongeschiktheidsuitkering?"),
        Turn("en landelijk?"),
    ]
    # The cue the second turn carried in its bracket is carried again.
    assert resolve("en in de regio?", history, PLACES).text.startswith("en in de regio (hoeveel ")
    history = [Turn("Welke doelen heeft Almelo bij mantelzorg?"), Turn("en voor jeugd?")]
    resolution = resolve("en voor ouderen?", history, PLACES)
    assert "jeugd" not in resolution.text and "mantelzorg" in resolution.text
    # A follow-up with no subject of its own keeps the one typed before it.
    assert "jeugd" in resolve("Hoe wordt dat gemeten?", history, PLACES).text


def test_a_follow_up_that_asks_whether_two_say_the_same_still_compares() -> None:
    history = [Turn("Wat is de ambitie van Wassenaar voor de maximumsnelheid binnen de bebouwde kom?")]
    resolution = resolve("wanneer is dat plan vastgesteld, zeggen 2024 en 2025 hetzelfde", history, PLACES)
    assert "hetzelfde" in resolution.text
    assert Intent.COMPARE in analyze_question(resolution.text).intents


def test_a_follow_up_asking_why_leaves_the_money_words_behind() -> None:
    history = [Turn("Hoeveel geld reserveert Twenterand voor laaggeletterdheid?")]
    resolution = resolve("Waarom?", history, PLACES)
    assert "geld" not in resolution.text and "laaggeletterdheid" in resolution.text
    # A follow-up that asks for money again keeps them.
    assert "geld" in resolve("En hoeveel daarvan is incidenteel?", history, PLACES).text


def test_a_follow_up_that_asks_nothing_of_its_own_asks_what_the_turn_before_asked() -> None:
    history = [Turn("Hoeveel Almeloërs hadden in 2019/20 een arbeidsongeschiktheidsuitkering?")]
    resolution = resolve("en landelijk?", history, PLACES)
    assert resolution.text.startswith("en landelijk (hoeveel ")
    assert analyze_question(resolution.text).intents == {Intent.NUMBER}
    # A cue word the follow-up carries anyway as its topic is not said twice.
    history = [Turn("Welke doelen heeft Almelo bij mantelzorg?")]
    resolution = resolve("en voor jeugd?", history, PLACES)
    assert resolution.text == "en voor jeugd (welke doelen mantelzorg Almelo)?"
    # A follow-up that asks something of its own keeps its own question.
    history = [Turn("Wanneer moet de woonzorgvisie van Almelo klaar zijn?")]
    assert "wanneer" not in resolve("Wie stelt die op?", history, PLACES).text


def test_a_follow_up_on_the_same_topic_knows_what_was_already_said() -> None:
    history = [Turn("Wat is de Lokale Kamer Wassenaar?", "Het samenwerkingsverband zorg en veiligheid.")]
    assert resolve("En hoeveel geld is daarvoor?", history, PLACES).said == (
        "Het samenwerkingsverband zorg en veiligheid.",
    )
    # Another place asks the same again: the answer before is no reason to look elsewhere.
    history = [Turn("Hoeveel geld reserveert Twenterand voor laaggeletterdheid?", "€ 25.000 [1]")]
    assert resolve("En in Leusden?", history, PLACES).said == ()
    assert resolve("Welke doelen heeft Hengelo voor jeugd?", history, PLACES).said == ()


def test_a_second_document_named_after_the_first_carries_over_as_a_document() -> None:
    history = [
        Turn("Hoeveel ontheemden passen er in Wassenaar volgens de begroting 2024 en volgens die van 2025?")
    ]
    resolution = resolve("En tot wanneer kan het ANWB-gebouw gebruikt worden?", history, PLACES)
    assert resolution.text.endswith("volgens de begroting 2024 en 2025)?")


_GOALS_ANSWER = (
    "Almelo formuleert de volgende strategische doelen: [1]\n"
    "• 1 Bevorderen zelfoplossend vermogen [2]\n"
    "• 2 Versterken ondersteunende sociale structuren en voorzieningen [3]\n"
    "• 3 Ontwikkelen efficiënte en effectieve maatwerkvoorzieningen [4]\n"
    "Per doel worden de hoofdlijnen van het beleid uitgewerkt. [5]"
)


@pytest.mark.parametrize(
    ("answer", "items"),
    [
        # Our own list answer: bullet lines, each with the list's number and a citation mark.
        (
            _GOALS_ANSWER,
            [
                "Bevorderen zelfoplossend vermogen",
                "Versterken ondersteunende sociale structuren en voorzieningen",
                "Ontwikkelen efficiënte en effectieve maatwerkvoorzieningen",
            ],
        ),
        # Numbered on one line, as a person (or an LLM) writes it.
        (
            "1) Meer preventie; 2) Minder regels; 3) Betere toegang.",
            ["Meer preventie", "Minder regels", "Betere toegang"],
        ),
        # After a colon or semicolon, a number starts an item without a bracket.
        (
            "In 2022: 1 redden meer inwoners zich; 2 ontwikkelen jongeren hun talenten.",
            ["redden meer inwoners zich", "ontwikkelen jongeren hun talenten"],
        ),
        # A figure is no list.
        ("Almelo reserveert € 1 miljoen voor 2 jaar. [1]", []),
    ],
)
def test_the_items_of_an_earlier_answer(answer: str, items: list[str]) -> None:
    assert answer_items(answer) == items


def test_an_ordinal_points_at_an_item_of_the_answer_before() -> None:
    history = [Turn("Welke strategische doelen heeft Almelo geformuleerd?", _GOALS_ANSWER)]
    resolution = resolve("Hoe wordt het tweede doel gemeten?", history, PLACES)
    assert (
        resolution.text
        == 'Hoe wordt "Versterken ondersteunende sociale structuren en voorzieningen" gemeten (Almelo)?'
    )
    assert resolution.filters.municipalities == ("Almelo",)
    # The earlier topic (the goals) does not come along: the question is about one of them.
    assert "strategische" not in resolution.text
    assert "maatwerkvoorzieningen" in resolve("En het laatste doel?", history, PLACES).text
    # A word after the ordinal that is not what the goals were stays: "gemeten" is the question.
    assert resolve("hoe wordt de derde gemeten", history, PLACES).text == (
        'hoe wordt "Ontwikkelen efficiënte en effectieve maatwerkvoorzieningen" gemeten (Almelo)?'
    )


def test_an_ordinal_that_counts_no_item_is_no_pointer() -> None:
    history = [Turn("Welke strategische doelen heeft Almelo geformuleerd?", _GOALS_ANSWER)]
    assert "Bevorderen" not in resolve("Wat gebeurt er in het eerste kwartaal?", history, PLACES).text
    assert "Versterken" not in resolve("Wat doet Almelo voor de tweede lijn?", history, PLACES).text
    # Without a list in the answer before, "het derde doel" is read as typed.
    plain = [Turn("Hoeveel geld reserveert Almelo voor preventie?", "Almelo reserveert € 1 miljoen. [1]")]
    assert resolve("En het derde doel?", plain, PLACES).text.startswith("En het derde doel")


def test_a_pointer_to_the_questions_own_first_sentence_carries_only_the_place() -> None:
    history = [Turn("Wat zijn de programmalijnen in het Leusdense beleidskader?", "Vier: ...")]
    question = "Er komt ook lokale dagbesteding toch? Hoeveel geld is daarvoor gereserveerd?"
    resolution = resolve(question, history, PLACES)
    assert resolution.text == question and resolution.display == f"{question.rstrip('?')} (Leusden)?"
    assert resolution.filters.municipalities == ("Leusden",) and resolution.inherited == ("gemeente",)
    # One sentence that points back still asks about the topic before.
    assert "programmalijnen" in resolve("Hoeveel geld is daarvoor gereserveerd?", history, PLACES).text


def test_the_document_a_question_looked_in_is_not_the_topic_a_follow_up_inherits() -> None:
    asked = "Hoeveel Hengeloërs zorgen volgens de nulmeting in het beleidsprogramma voor een naaste?"
    history = [Turn(asked)]
    resolution = resolve("Hoeveel van hen doen dat intensief?", history, PLACES)
    assert "zorgen" in resolution.text and "naaste" in resolution.text
    assert "beleidsprogramma" not in resolution.text
    # Unless the document is all the question named.
    named = resolve("En wanneer is dat vastgesteld?", [Turn("Wat staat er in het beleidsprogramma?")], PLACES)
    assert "beleidsprogramma" in named.text


def test_an_age_or_a_length_of_time_is_no_topic_to_carry() -> None:
    history = [Turn("Welk percentage van de Wassenaarse jongeren tot 18 jaar heeft jeugdhulp?")]
    resolution = resolve("Waarom stijgt dat?", history, PLACES)
    assert "jongeren" in resolution.text and "jeugdhulp" in resolution.text
    assert "jaar" not in resolution.text.split("(")[-1]
    # "Waarom?" asks no figure: the noun that asked for one stays behind, as "geld" would.
    assert "percentage" not in resolution.text


def test_a_document_named_as_that_of_a_year_keeps_its_words() -> None:
    history = [Turn("Welk percentage van de Wassenaarse jongeren heeft jeugdhulp volgens de begroting 2025?")]
    question = "En hoe kijkt de gemeente in de begroting 2024 en in die van 2025 aan tegen die jeugdhulp?"
    resolution = resolve(question, history, PLACES)
    assert "in die van 2025" in resolution.text and "tegen jeugdhulp" in resolution.text


def test_the_word_after_hoe_asks_and_is_no_topic() -> None:
    history = [Turn("Hoe groot is het krediet voor de restauratie van raadhuis De Paauw in Wassenaar?")]
    resolution = resolve("Hoeveel daarvan is al besteed?", history, PLACES)
    assert "krediet" in resolution.display and "restauratie" in resolution.display
    assert "groot" not in resolution.display
