"""What a question asks: intents, parts, subject, and what a figure question counts."""

from __future__ import annotations

import pytest

from assistant.answering.question import Intent, analyze_question, question_parts, repair_cues

PLACES = ["Almelo", "Hengelo", "Leusden", "Twenterand"]


@pytest.mark.parametrize(
    ("question", "intents"),
    [
        ("Hoeveel geld reserveert Twenterand voor laaggeletterdheid?", {Intent.AMOUNT}),
        ("Welk percentage jongeren krijgt jeugdhulp?", {Intent.PERCENT}),
        ("Hoeveel mantelzorgers telt Leusden?", {Intent.NUMBER}),
        ("Welke vijf strategische doelen formuleert Almelo?", {Intent.LIST, Intent.GOAL}),
        ("Wanneer verwacht Almelo de preventieagenda?", {Intent.WHEN}),
        ("Waarom is extra geld voor minimabeleid nodig?", {Intent.WHY, Intent.AMOUNT}),
        ("Hoe wordt eenzaamheid gemeten?", {Intent.INDICATOR}),
        ("Wat heeft de herbeoordeling van scootmobielen opgeleverd?", {Intent.RESULT}),
        ("Welke vier actielijnen kent de opdracht kostenbeheersing jeugdhulp?", {Intent.LIST}),
        ("Welke lasten raamt Wassenaar voor programma 2 in 2029?", {Intent.AMOUNT}),
        ("Hoeveel raamt Wassenaar voor ambulante jeugdhulp?", {Intent.AMOUNT}),
        ("Draagt Almelo bij aan de preventieagenda, en voor hoeveel?", {Intent.AMOUNT}),
        ("En wat leverde dat financieel op?", {Intent.AMOUNT, Intent.RESULT}),
        ("Wat levert de nieuwe aanpak op voor inwoners?", {Intent.RESULT}),
        # Whether one figure exceeds another asks for both figures.
        ("Is de eenzaamheid in 2025 hoger dan in 2024?", {Intent.NUMBER}),
    ],
)
def test_intents(question: str, intents: set[Intent]) -> None:
    assert intents <= analyze_question(question, PLACES).intents


@pytest.mark.parametrize(
    ("question", "funding"),
    [
        ("Waaruit betaalt Almelo de buitenhuispilot voor kinderen van verslaafde ouders?", True),
        ("Wat kost de nieuwe applicatie, en waaruit wordt dat betaald?", True),
        ("Welk budget is er voor de opvang, en wie betaalt het?", True),
        ("Hoe wil Almelo een hoger preventiebudget bekostigen?", True),
        ("Uit welk budget komt het geld voor de taalklas?", True),
        ("Hoe financiert Hengelo de algemene voorzieningen?", True),
        ("Betaalt Wassenaar dat helemaal alleen?", True),
        # Composition and a price are no source of money.
        ("Uit welke overleggen bestaat het zorgnetwerk?", False),
        ("Waaruit bestaat het maatregelenpakket?", False),
        ("Wat betaalt een huishouden aan afvalstoffenheffing?", False),
    ],
)
def test_a_question_for_where_the_money_comes_from(question: str, funding: bool) -> None:
    assert (Intent.FUNDING in analyze_question(question, PLACES).intents) is funding


def test_the_subject_between_the_cue_words_of_a_funding_question_stays() -> None:
    analysis = analyze_question("Hoe wordt de buitenhuispilot van Almelo gefinancierd?", PLACES)
    assert Intent.FUNDING in analysis.intents
    assert "buitenhuispilot" in analysis.subject


def test_which_things_a_municipality_pays_for_is_no_question_for_an_amount() -> None:
    analysis = analyze_question("Welke individuele maatwerkvoorzieningen financiert Hengelo?", PLACES)
    assert Intent.LIST in analysis.intents and Intent.AMOUNT not in analysis.intents
    assert Intent.AMOUNT in analyze_question("Hoe groot is de financieringsportefeuille?", PLACES).intents


def test_a_question_that_asks_two_things_has_two_parts() -> None:
    analysis = analyze_question(
        "Welk subdoel gaat over eenzaamheid, en tegen welk jaar moet het bereikt zijn?", PLACES
    )
    assert len(analysis.parts) == 2
    assert "eenzaamheid" in analysis.parts[0].subject
    assert Intent.WHEN in analysis.parts[1].intents


def test_the_subject_leaves_out_question_words_names_and_phrasing() -> None:
    analysis = analyze_question(
        "Welke pijlers noemt de Almelose midterm review voor jeugdhulp in 2022?", PLACES
    )
    assert "pijlers" in analysis.subject and "jeugdhulp" in analysis.subject
    assert not {"welke", "noemt", "almelose", "2022"} & set(analysis.subject)
    assert analysis.years == (2022,)
    # "betaal je", "daadwerkelijk": how the question is put, not what the answer must repeat.
    paying = analyze_question("Hoeveel hondenbelasting betaal je daadwerkelijk voor de eerste hond?")
    assert paying.subject == ("hondenbelasting", "eerste", "hond")
    assert analyze_question("Wat heeft de herbeoordeling opgeleverd?").subject == ("herbeoordeling",)
    quoted = analyze_question("Welke doelen horen bij de opgave 'Vormgeven integrale toegang en regie'?")
    assert {"vormgeven", "regie"} <= set(quoted.subject) and not any("'" in w for w in quoted.subject)


def test_verbs_are_not_distinctive() -> None:
    analysis = analyze_question("Hoe wil Almelo een budget vrijmaken en preventie verankeren?", PLACES)
    assert "preventie" in analysis.distinctive
    assert not {"vrijmaken", "verankeren"} & set(analysis.distinctive)


@pytest.mark.parametrize(
    ("question", "framing", "subject"),
    [
        (
            "Werken Hengelo en Leusden allebei met het idee dat een gezin met meerdere problemen "
            "één regisseur krijgt?",
            {"allebei", "idee", "meerdere"},
            {"gezin", "problemen", "regisseur"},
        ),
        ("Wat moet er begin 2025 gebeuren met de zwembaden?", {"begin", "gebeuren"}, {"zwembaden"}),
        ("Welke stand van de reserves werd voor eind 2024 verwacht?", {"eind"}, {"stand"}),
    ],
)
def test_words_that_frame_the_question_are_searched_for_but_not_required(
    question: str, framing: set[str], subject: set[str]
) -> None:
    """Quantifiers, "gebeuren" and the words of a time phrase help find a passage (they stay in
    the subject) but a passage without them may answer (they are not distinctive)."""
    analysis = analyze_question(question, PLACES)
    assert framing <= set(analysis.subject)
    assert not framing & set(analysis.distinctive)
    assert subject <= set(analysis.distinctive)


@pytest.mark.parametrize(
    ("question", "verb", "noun"),
    [
        # The word after a question adverb is the finite verb, even when it reads like a noun.
        (
            "Wanneer verwachten Almelo en Twenterand de wijzigingen rond beschermd wonen?",
            "verwachten",
            "wijzigingen",
        ),
        ("Wat willen Leusden en Twenterand bereiken met startkwalificaties?", "willen", "startkwalificaties"),
        ("Sinds wanneer bestaat het loket, en wie wijst de plekken toe?", "wijst", "plekken"),
    ],
)
def test_the_finite_verb_after_a_question_word_is_not_distinctive(
    question: str, verb: str, noun: str
) -> None:
    analysis = analyze_question(question, PLACES)
    assert verb not in analysis.distinctive
    assert noun in analysis.distinctive


@pytest.mark.parametrize(
    ("question", "counted", "asks"),
    [
        ("Hoeveel mantelzorgers telt Wassenaar?", ("mantelzorgers",), True),
        (
            "Hoeveel woonservicegebieden en zorgloketten heeft Twenterand?",
            ("woonservicegebieden", "zorgloketten"),
            True,
        ),
        ("Hoeveel Hengelose inwoners hebben schulden?", (), True),  # generic people: any count may do
        ("Hoeveel toeristenbelasting raamt Wassenaar?", (), True),  # money, not a count
        ("Hoeveel raamt Wassenaar voor ambulante jeugdhulp?", (), True),  # a verb of money, no noun
        ("Hoeveel kilo restafval per inwoner?", (), True),
        # An adjective before the noun counts nothing; the noun after it is counted.
        ("Hoeveel oekraiense ontheemden passen er in de opvanglocaties?", ("ontheemden",), True),
        # A noun that reads as a past tense too ("verzekerden") is a noun when a preposition follows.
        ("Met hoeveel verzekerden in de zorgverzekering rekent Twenterand?", ("verzekerden",), True),
        # A year a follow-up carries after "hoeveel" counts nothing, and a carried figure is no must.
        ("en landelijk (hoeveel 2019/20 arbeidsongeschiktheidsuitkering)?", (), False),
        ("Hoe wil Almelo een hoger preventiebudget bekostigen?", (), False),
        # A yes-no question asks whether the documents know, not for the figure itself.
        ("Weten Almelo en Wassenaar hoeveel laaggeletterden ze hebben?", ("laaggeletterden",), False),
        # Plurals ask for figures as well, and so does what something brings in or pays.
        ("welke aantallen en percentages horen daarbij?", (), True),
        ("Wat draagt Wassenaar financieel bij aan het gezondheidscentrum?", (), True),
        ("En wat levert dat financieel op?", (), True),
        # "meer" and "minder" say how much more, not what is counted.
        ("Hoeveel meer moet Wassenaar aan de omgevingsdienst betalen?", (), True),
        ("Hoeveel minder clienten kregen een indicatie?", ("clienten",), True),
    ],
)
def test_what_a_figure_question_counts(question: str, counted: tuple[str, ...], asks: bool) -> None:
    analysis = analyze_question(question, [*PLACES, "Wassenaar"])
    assert (analysis.counted, analysis.asks_figure) == (counted, asks)


def test_an_english_question_is_recognised() -> None:
    assert analyze_question("How much money does Almelo spend on youth care?", PLACES).english
    assert not analyze_question("Hoeveel geld geeft Almelo uit aan jeugdhulp?", PLACES).english


@pytest.mark.parametrize(
    ("question", "subject", "kind_nouns"),
    [
        # The money noun is what kind of figure is asked, and names it: kept apart from the subject.
        ("Welke subsidie krijgt de stichting voor de taalklas?", ("stichting", "taalklas"), ("subsidie",)),
        ("Hoe hoog is de eigen bijdrage voor de Wmo?", ("wmo",), ("bijdrage",)),
        # A verb of money ("reserveert") and words that only ask for money are no kind nouns.
        ("Hoeveel geld reserveert Twenterand voor laaggeletterdheid?", ("laaggeletterdheid",), ()),
        ("Wat zijn de kosten van de taalklas?", ("taalklas",), ()),
    ],
)
def test_the_money_noun_of_an_amount_question(
    question: str, subject: tuple[str, ...], kind_nouns: tuple[str, ...]
) -> None:
    analysis = analyze_question(question, ["Twenterand"])
    assert analysis.subject == subject
    assert analysis.kind_nouns == kind_nouns


def test_the_column_asked_is_no_subject_word() -> None:
    # Every indicator table's header says "Peilwaarde": which figure to give, not what it is of.
    question = "Hoe is de peilwaarde voor eenzaamheid in Wassenaar veranderd?"
    analysis = analyze_question(question, ["Wassenaar"])
    assert analysis.distinctive == ("eenzaamheid",)
    assert analysis.kind_nouns == ("peilwaarde",)
    assert Intent.INDICATOR in analysis.intents
    # Asked on its own (a follow-up: "En de streefwaarde?"), it is all the subject there is.
    assert analyze_question("Wat is de streefwaarde?").subject == ("streefwaarde",)
    # The words a column goes by ask for it too.
    other = analyze_question("Welk streefcijfer geldt in 2026 voor jongeren met jeugdhulp?")
    assert "streefcijfer" in other.kind_nouns and "streefcijfer" not in other.subject


@pytest.mark.parametrize(
    ("question", "noun"),
    [
        ("Welke vier actielijnen kent de bestuurlijke opdracht?", "actielijnen"),
        ("Noem de drie pijlers van het beleid.", "pijlers"),
        ("Wat zijn de strategische doelen van Almelo?", "doelen"),
        ("Welke partners werken mee?", "partners"),
        ("Met welke thema's moet de omgevingsvisie verbonden worden?", "thema's"),
        ("Hoeveel geld is er voor de Wmo?", None),
    ],
)
def test_the_noun_a_list_question_asks_for(question: str, noun: str | None) -> None:
    assert analyze_question(question, ["Almelo"]).list_noun == noun


def test_the_document_a_question_names_is_not_its_subject() -> None:
    analysis = analyze_question(
        "Hoe ontwikkelt de demografische druk zich volgens de begroting 2024 en de begroting 2025?"
    )
    assert "begroting" not in analysis.subject
    assert {"demografische", "druk"} <= set(analysis.subject)
    assert question_parts("Welk doel, en tegen welk jaar?") == ["Welk doel", "tegen welk jaar"]


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        # A past form the lookup table lacks is a verb, not a subject the answer must repeat.
        ("Hoeveel woningen telde Wassenaar volgens de begroting 2024?", ("woningen",)),
        ("Wat betaalde Almelo voor de taalklas?", ("taalklas",)),
        # Nouns in "-te"/"-de" stay, and a plural in "-eren" is no infinitive.
        ("Hoeveel ruimte is er voor nieuwkomerskinderen?", ("ruimte", "nieuwkomerskinderen")),
        ("Wat is de waarde van de woningen?", ("waarde", "woningen")),
    ],
)
def test_past_forms_are_verbs_and_nouns_in_te_or_eren_stay(question: str, subject: tuple[str, ...]) -> None:
    assert analyze_question(question, ["Wassenaar", "Almelo"]).distinctive == subject


@pytest.mark.parametrize(
    ("question", "where", "subject"),
    [
        ("Waar was de taalklas gehuisvest?", True, ("taalklas", "gehuisvest")),
        ("Waar kunnen inwoners terecht met vragen over schulden?", True, ("inwoners", "vragen", "schulden")),
        ("Op welke locatie zit het Sociaal Team?", True, ("zit", "sociaal", "team")),
        ("Waarom stijgen de kosten?", False, ("stijgen",)),
        ("Waarmee wordt dat gemeten?", False, ("gemeten",)),
    ],
)
def test_a_question_for_a_place(question: str, where: bool, subject: tuple[str, ...]) -> None:
    analysis = analyze_question(question)
    assert (Intent.WHERE in analysis.intents) is where
    assert analysis.subject == subject


def test_examples_are_phrasing_not_subject() -> None:
    analysis = analyze_question("Welke voorbeelden van woonvormen noemt Almelo?", ["Almelo"])
    assert analysis.subject == ("woonvormen",)


def test_a_split_verb_stays_distinctive() -> None:
    # "stroomden ... uit" is the topic (uitstroom), not phrasing.
    analysis = analyze_question("Hoeveel mensen stroomden in 2018 uit naar werk?")
    assert "stroomden" in analysis.distinctive


def test_a_finite_verb_after_hoeveel_counts_nothing_and_per_jaar_is_no_subject() -> None:
    how_much = analyze_question("Hoeveel legt Wassenaar in voor het Nationaal Park?", ["Wassenaar"])
    assert how_much.counted == () and how_much.how_much
    assert not analyze_question("Hoeveel mantelzorgers zijn er?").how_much
    assert analyze_question("Hoeveel onderzoeken voerden zij uit?").counted == ("onderzoeken",)
    assert analyze_question("Wat kost het beheersysteem per jaar?").subject == ("beheersysteem",)
    # "jaarlijks" is a rate too: "Hoeveel geld gaat daar jaarlijks in om?" has no subject of its own.
    assert analyze_question("Wat kost het beheersysteem jaarlijks?").subject == ("beheersysteem",)
    assert not analyze_question("Met hoeveel verzekerden in de zorgverzekering rekent men?").how_much


def test_a_verb_particle_is_no_subject() -> None:
    assert "mee" not in analyze_question("Welke partners werken mee aan de aanpak van eenzaamheid?").subject
    assert "samen" in analyze_question("Hoe werken de gemeenten samen?").subject


def test_a_verb_that_is_the_whole_subject_is_its_topic() -> None:
    # Without "roken" any percentage of Almelo would answer it.
    assert analyze_question("Hoeveel procent van de Almeloërs rookt?", PLACES).distinctive == ("roken",)
    # Beside a noun the verb stays aside: documents phrase verbs their own way.
    assert "betaalt" not in analyze_question("Hoeveel betaalt Almelo aan de GGD?", PLACES).distinctive


def test_a_tariff_is_asked_as_an_amount() -> None:
    analysis = analyze_question("Wat is het tarief voor huishoudelijke hulp in Leusden?")
    assert Intent.AMOUNT in analysis.intents and analysis.asks_figure


def test_the_verb_after_welke_and_its_noun_is_not_distinctive() -> None:
    assert analyze_question("Welke maatregelen horen daarbij?").distinctive == ("maatregelen",)
    analysis = analyze_question("Hoeveel leerlingen maken gebruik van leerlingenvervoer?")
    assert "maken" not in analysis.distinctive and "leerlingenvervoer" in analysis.distinctive


def test_a_part_that_names_no_subject_asks_about_the_part_before_it() -> None:
    analysis = analyze_question("Welk budget is nodig voor de pilot scheidingsloket en hoe lang loopt die?")
    first, second = analysis.parts
    assert Intent.WHEN in second.intents and second.subject == first.subject
    assert "scheidingsloket" in second.subject


@pytest.mark.parametrize(
    ("question", "intents"),
    [
        ("hoeveeel geld gaat er naar laaggeletterdheid", {Intent.AMOUNT}),
        ("wanner moet de woonzorgvisie klaar zijn", {Intent.WHEN}),
        ("welke maatregellen neemt hengelo", {Intent.LIST, Intent.MEASURE}),
        ("welk percentgae van de inwoners is eenzaam", {Intent.PERCENT}),
        ("wat is de bijdrge aan de veiligheidsregio", {Intent.AMOUNT}),
    ],
)
def test_a_typo_in_a_cue_word_still_says_what_is_asked(question: str, intents: set[Intent]) -> None:
    analysis = analyze_question(question)
    assert analysis.intents == intents
    assert not {"hoeveeel", "wanner", "maatregellen", "percentgae", "bijdrge"} & set(analysis.subject)


def test_only_words_one_edit_from_a_cue_word_are_repaired() -> None:
    assert repair_cues("Wie wandelen er mee met de gemeenten?") == "Wie wandelen er mee met de gemeenten?"
    assert repair_cues("Waarop richt het plan zich?") == "Waarop richt het plan zich?"  # not "waarom"
    # Too short to tell from another word: "delen" stays, "doellen" is "doelen".
    assert repair_cues("Welke doellen delen ze?") == "Welke doelen delen ze?"
    # A slip in a word that only phrases the question is no subject word the documents lack.
    assert repair_cues("en hoeveel moet dat opleveen") == "en hoeveel moet dat opleveren"
    slipped = analyze_question("welk streefcijfer haneert Wassenaar?", ["Wassenaar"])
    assert slipped.distinctive == ("streefcijfer",)


@pytest.mark.parametrize(
    "question",
    [
        "Met welke partners werken Twenterand en Hengelo samen?",  # not "werden"
        "Hoeveel inwoners maken gebruik van een Wmo-voorziening?",  # not "gebruikt"
        "Hoeveel daarvan leveren jeugdhulp?",  # not "leverden"
    ],
)
def test_a_word_of_its_own_is_no_slip_for_a_phrasing_word(question: str) -> None:
    assert repair_cues(question) == question


def test_a_compound_money_noun_asks_for_an_amount_of_its_kind() -> None:
    analysis = analyze_question("Met welk investeringsbedrag rekent de gemeente voor de nieuwbouw?")
    assert analysis.intents == {Intent.AMOUNT} and "investering" in analysis.kind_nouns
    # The compound stays the subject; what it is for is the kind.
    budget = analyze_question("Wat is het exploitatiebudget voor speelvoorzieningen?")
    assert "exploitatiebudget" in budget.subject and "exploitatie" in budget.kind_nouns


def test_how_much_of_a_money_noun_asks_for_an_amount_in_every_part() -> None:
    analysis = analyze_question(
        "Hoeveel exploitatiebudget is er voor speelvoorzieningen volgens de begroting 2024, en hoeveel "
        "volgens de begroting 2025?"
    )
    first, second = analysis.parts
    assert first.intents == {Intent.AMOUNT} and "exploitatiebudget" in first.subject
    # The second "hoeveel" names nothing of its own: the same sum of money.
    assert second.intents == {Intent.AMOUNT} and second.subject == first.subject
    # A count stays a count, also in a second part that names its own noun, and so does what is
    # money but also counted ("hoeveel uitkeringen").
    assert analyze_question("Hoeveel speeltoestellen zijn er?").intents == {Intent.NUMBER}
    assert analyze_question("Hoeveel bijstandsuitkeringen zijn er?").intents == {Intent.NUMBER}
    counted = analyze_question(
        "Hoeveel projectkosten raamt de gemeente, en hoeveel vestigingen heeft de bibliotheek?"
    )
    assert counted.parts[0].intents == {Intent.AMOUNT} and counted.parts[1].intents == {Intent.NUMBER}


def test_a_figure_a_follow_up_inherited_is_no_must() -> None:
    # As `resolve` writes "en landelijk?" after "Hoeveel Almeloërs ...?": it asks for a count, but
    # only a figure the user typed makes the answer refuse without one.
    inherited = analyze_question("en landelijk (hoeveel arbeidsongeschiktheidsuitkering Almelo)?")
    assert inherited.intents == {Intent.NUMBER} and not inherited.asks_figure
    assert analyze_question("En hoeveel geld is daarvoor (Lokale Kamer)?").asks_figure


def test_the_words_that_name_the_document_are_no_subject() -> None:
    question = "Wat wil Almelo volgens het strategisch beleidsplan sociaal domein doen aan schulden?"
    source = ("strategisch", "beleidsplan", "sociaal", "domein")
    assert analyze_question(question, ["Almelo"], source).subject == ("schulden",)
    assert "beleidsplan" in analyze_question(question, ["Almelo"]).subject
    # Unless the document is all the question is about.
    assert analyze_question("Wat staat er in het strategisch beleidsplan?", (), source[:2]).subject
    # A title word the question uses once more, besides the title, is also what it asks about.
    again = "Op welk eerder beleidskader volgt het Leusdense beleidskader sociaal domein?"
    subject = analyze_question(again, ["Leusden"], ("beleidskader", "sociaal", "domein")).subject
    assert "beleidskader" in subject and "sociaal" not in subject


def test_ways_of_asking_to_compare_or_for_goals() -> None:
    assert Intent.COMPARE in analyze_question("investering tractie begroting 2024 vs 2025?").intents
    assert Intent.COMPARE in analyze_question("zeggen 2024 en 2025 hetzelfde over het plan?").intents
    assert Intent.GOAL in analyze_question("Wat willen Almelo en Hengelo met cliëntondersteuning?").intents
    # Saying words and fillers are no subject.
    filler = analyze_question("wanneer is dat plan nou vastgesteld, zeggen ze")
    assert filler.subject == ("plan", "vastgesteld")


def test_the_base_of_an_asked_rate_is_not_what_it_counts() -> None:
    analysis = analyze_question("Hoeveel banen per 1.000 inwoners van 15-64 jaar heeft Wassenaar?")
    assert analysis.counted == ("banen",)
    assert analysis.rate_base == ("inwoners",)
    assert analyze_question("Hoeveel mantelzorgers telt Wassenaar?").rate_base == ()


@pytest.mark.parametrize(
    ("question", "verb"),
    [
        ("Langs welke vier sporen werkt Leusden?", "werkt"),
        ("Met welke 3 partners overlegt Almelo?", "overlegt"),
        ("Aan wie betaalt Twenterand de bijdrage?", "betaalt"),
    ],
)
def test_a_question_word_after_its_preposition_still_finds_the_verb(question: str, verb: str) -> None:
    assert verb not in analyze_question(question).distinctive


def test_shortened_function_words_are_no_subject() -> None:
    analysis = analyze_question("welke 5 prioriteiten heeft hengelo vr het sociaal domein")
    assert "vr" not in analysis.subject and "prioriteiten" in analysis.subject


def test_more_or_less_is_no_subject_word() -> None:
    analysis = analyze_question("Hoeveel meer moet Wassenaar aan de omgevingsdienst betalen?", ["Wassenaar"])
    assert analysis.distinctive == ("omgevingsdienst",)
    assert analyze_question("Wil Almelo minder aanbieders?", PLACES).distinctive == ("aanbieders",)


def test_a_verb_after_hoeveel_asks_how_much_unless_er_follows() -> None:
    assert analyze_question("Hoeveel meer gaven gemeenten uit aan jeugdzorg?", PLACES).how_much
    assert analyze_question("Hoeveel gingen gemeenten uit aan jeugdhulp?", PLACES).how_much  # "gaan"
    counting = analyze_question("Hoeveel stonden er op de wachtlijst?", PLACES)
    assert not counting.how_much and counting.counted == () and counting.distinctive == ("wachtlijst",)
