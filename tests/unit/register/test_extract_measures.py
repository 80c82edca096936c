"""Measures and commitments: cue words, activity lists, deadlines and who is named."""

from __future__ import annotations

from assistant.register import cues
from assistant.register.extract import extract_records
from tests.unit.register.conftest import document


def _measures(texts, sections=None):
    return [r for r in extract_records(*document(texts, sections)) if r.type == "measure"]


def test_commitments_by_cue_words() -> None:
    text = (
        "We gaan nog voor de zomer (2020) aan de slag met de preventieagenda. "
        "In 2021 starten we met een pilot in twee wijken. "
        "De gemeente zorgt ervoor dat iedere inwoner één aanspreekpunt heeft. "
        "Samen met Menzis zetten we in op een gezonde leefstijl. "
        "Lokaal zal met bestaande partners een sluitend vervoersnetwerk worden ontwikkeld."
    )
    measures = _measures([text])
    assert len(measures) == 5
    assert measures[0].deadline == "voor de zomer (2020)"
    assert measures[1].deadline == "In 2021"
    assert "Menzis" in measures[3].actor


def test_assumptions_observations_and_talk_about_the_document_are_not_commitments() -> None:
    text = (
        "We gaan er van uit dat mensen meer gebruik maken van hun netwerk. "
        "In hoofdstuk 5 geven we per programmalijn onze doelstellingen weer. "
        "Het Rijk zal de wet per 2022 wijzigen, maar of dat gebeurt is onduidelijk. "
        "Men vindt het belangrijk dat er voldoende wordt geregeld."
    )
    assert _measures([text]) == []


def test_an_activities_list_under_its_heading_is_measures_even_one_word_items() -> None:
    text = (
        "Subdoel: Maatwerkvoorzieningen zijn toereikend\nEen toelichting op dit subdoel volgt hier.\n"
        "Activiteiten\n"
        "- Beschikbaar stellen en toewijzen van maatwerkvoorzieningen\n- Welzijnswerk\n"
        "- VOORSTEL: Versterken voorliggend veld\n- Mits alle gemeenten meedoen"
    )
    texts = [m.text for m in _measures([text], ["Doelenboom Zorg > Activiteiten"])]
    assert texts == [
        "Beschikbaar stellen en toewijzen van maatwerkvoorzieningen",
        "Welzijnswerk",
        "Versterken voorliggend veld",
    ]


def test_beleidslijnen_are_measures_linked_to_their_strategic_goal() -> None:
    text = (
        "Per doel worden hieronder de belangrijkste hoofdlijnen van het beleid geformuleerd.\n"
        "1 Bevorderen zelfoplossend vermogen\nIn het algemeen:\n"
        "- 1.1 Stimuleren en creëren randvoorwaarden om eigen kracht aan te wenden.\n"
        "- 1.2 Normaliseren waaronder accepteren en leren omgaan met beperkingen."
    )
    records = extract_records(*document([text]))
    goal = next(r for r in records if r.type == "goal")
    lines = [r for r in records if r.type == "measure"]
    assert [m.level for m in lines] == ["beleidslijn", "beleidslijn"]
    assert all(goal.id in m.links for m in lines)


def test_notes_usage_figures_and_descriptions_are_not_commitments() -> None:
    text = (
        "Er wordt op jaarbasis door ca. 200 à 300 mensen gebruik gemaakt van de inloop. "
        "Het gaat hier om een kwetsbare doelgroep, bij de ontwikkelingen wordt hiermee rekening gehouden. "
        "Daarnaast wordt er ingezet op een betere aansluiting tussen onderwijs en zorg.\n"
        "*) Hier wordt uitgegaan van de aantallen die in 2019 zijn ingezet.\n"
        "Bron: hier wordt het aantal bezoekers geregistreerd door de bibliotheek."
    )
    assert [m.text for m in _measures([text])] == [
        "Daarnaast wordt er ingezet op een betere aansluiting tussen onderwijs en zorg."
    ]


def test_a_commitment_with_figures_stays_when_someone_commits() -> None:
    text = (
        "In 2021 begeleiden we 20 inwoners naar werk. "
        "Voorgesteld wordt om voor 2020 een bedrag van € 80.000 toe te voegen aan minimabeleid."
    )
    assert len(_measures([text])) == 2


def test_a_measures_section_makes_its_silent_list_measures() -> None:
    text = (
        "Wat gaan we daarvoor doen?\nHieronder staat ons plan voor het komende jaar.\n"
        "- Een lerend netwerk van professionals opzetten\n- Preventie in de wijken versterken"
    )
    measures = _measures([text], ["2.3 Wat gaan we daarvoor doen?"])
    assert [m.text for m in measures] == [
        "Een lerend netwerk van professionals opzetten",
        "Preventie in de wijken versterken",
    ]


def test_present_tense_work_passive_proposals_and_continuations_are_commitments() -> None:
    text = (
        "Samen met de scholen kijken we welke voorzieningen in de wijk nodig blijven. "
        "Wij vragen de aanbieders een jaarlijkse rapportage op te stellen. "
        "In het plan wordt voorgesteld om de pilot in de tweede wijk te herhalen. "
        "Vanwege de omvang van het contract zal een openbare aanbesteding moeten plaatsvinden. "
        "Er zal meer worden ingezet op preventie in het voortgezet onderwijs. "
        "De buurtcoach blijft vanwege de goede resultaten ook volgend jaar bestaan. "
        "Onze inspanningen zijn gericht op het begeleiden van jongeren naar werk. "
        "We zijn op zoek naar nieuwe locaties voor dagbesteding."
    )
    assert len(_measures([text])) == 8


def test_consequences_principles_procedures_and_delays_are_not_commitments() -> None:
    text = (
        "Hierdoor stimuleren we de samenwerking tussen de partners. "
        "Daarmee dragen we bij aan een inclusieve samenleving. "
        "Bij alle opgaven stellen we de inwoner centraal. "
        "Wanneer een tweede gesprek nodig is, kijken we wie het aanspreekpunt is. "
        "Hierdoor zullen we de pilot later afronden dan gepland. "
        "Daarbij realiseren wij ons dat dit tijd kost. "
        "Dit wordt veroorzaakt doordat gemeenten meer uitgeven aan jeugdhulp."
    )
    assert _measures([text]) == []


def test_an_enumeration_or_a_note_under_activities_is_no_activity() -> None:
    text = (
        "Activiteiten\n- Nazorg van ex-gedetineerden\n"
        "Voor 2020 continueren wij de samenwerking binnen het sociaal domein.\n"
        "Er ligt een verantwoordelijkheid op drie leefgebieden, te weten:\n"
        "1. Identiteitsbewijs\n2. Inkomen\n3. Onderdak\n"
        "* Exclusief de kosten van uitvoering.\n"
        "- Het jaar 2019 laat een sterke groei zien door een andere manier van tellen."
    )
    texts = [m.text for m in _measures([text], ["Doelenboom > Activiteiten"])]
    assert texts == [
        "Nazorg van ex-gedetineerden",
        "Voor 2020 continueren wij de samenwerking binnen het sociaal domein.",
    ]


def test_an_activity_repeated_under_each_subgoal_stands_at_every_occurrence() -> None:
    # The same activities listed under every subdoel of a page: each occurrence is a record place
    # (GUIDELINE.md), also a two-word item, and on the next page too; running text that merely
    # mentions the words is no occurrence.
    page = (
        "Subdoel: Mantelzorgers kunnen blijven mantelzorgen\nActiviteiten\n"
        "- Aanpak scheidingsproblematiek\n- Tegengaan eenzaamheid\n"
        "Subdoel: Inwoners langer zelfstandig laten wonen\nActiviteiten\n"
        "- Aanpak scheidingsproblematiek\n- Tegengaan eenzaamheid\n"
        "Subdoel: Een zinvolle dag invulling\nActiviteiten\n- Tegengaan eenzaamheid\n"
    )
    following = (
        "We werken aan het tegengaan eenzaamheid in de kernen.\nActiviteiten\n- Tegengaan eenzaamheid\n"
    )
    measures = _measures([page, following])
    alone = next(m for m in measures if m.text == "Tegengaan eenzaamheid")
    assert [p.page for p in alone.places] == [1, 1, 1, 2]
    starts = [p.start for p in alone.places]
    assert len(set(starts)) == 3 + 1 and all(page[s : s + 21] == "Tegengaan eenzaamheid" for s in starts[1:3])
    divorce = next(m for m in measures if m.text == "Aanpak scheidingsproblematiek")
    assert [p.page for p in divorce.places] == [1, 1]
    # One record per activity, not one per occurrence.
    assert sum(m.text == "Tegengaan eenzaamheid" for m in measures) == 1


def test_present_tense_work_in_a_main_clause_is_a_commitment_whatever_its_verb() -> None:
    # Verbs no list names, in a main clause: opening the sentence, or before "we".
    for text in (
        "We behouden een sterk netwerk van buurthuizen in alle kernen.",
        "Daartoe sturen we op samenwerking tussen de huisartsen en het wijkteam.",
        "De inkoop van hulpmiddelen benaderen we regionaal.",
        "Daarnaast zorgen we ervoor dat de wachttijd voor schuldhulp korter wordt.",
        "In 2026 betrekt de gemeente ouderen bij het nieuwe welzijnsbeleid.",
        # What we must do is ours to do.
        "Daarom moeten we blijven inzetten op vroegsignalering van schulden.",
        # A wish and a promise in one sentence: the promise decides.
        "Met deze nota willen we een stap zetten en zullen we de toegang vereenvoudigen.",
    ):
        assert cues.classify(text) == "measure", text
    for text in (
        "de buurthuizen die we beheren in de kernen.",  # a relative clause describes
        "In Hengelo scoren wij hoog op de factoren voor zorggebruik.",  # a state
        "We voorzien een lichte stijging van het aantal aanvragen.",  # an expectation
        "We moeten de doelen inhoudelijk en financieel kunnen volgen.",  # a condition to meet
        "En daarmee bouwen we aan het vertrouwen tussen de professionals.",  # a consequence
        "Hiermee voldoen wij aan de eisen van het landelijke programma.",
    ):
        assert cues.classify(text) != "measure", text
    # A wish for an end state is a goal, whatever verb it ends on.
    assert cues.classify("Het liefst willen we alle kinderen een veilig thuis bieden.") == "goal"


def test_the_tail_of_a_sentence_from_the_page_before_is_read_where_it_starts() -> None:
    pages = ["Om de doelen te", "realiseren, moeten we blijven inzetten op de interventies.\nDat is alles."]
    assert not any(m.page == 2 for m in _measures(pages))


def test_duties_for_own_instruments_and_passive_work_with_an_amount_in_a_relative_clause() -> None:
    for text in (
        "Ook moet de subsidieverordening uit 2019 worden geactualiseerd.",
        "In 2026 moet er daarom een nieuw armoedeplan ingaan.",
        "Het is daarom noodzakelijk het mantelzorgbeleid door te ontwikkelen met de adviesraad.",
        # The amount belongs to the relative clause; the main clause commits.
        "Hiervoor wordt ingezet op drie actielijnen (wonen, werk en zorg) die vanaf 2027 bijdragen aan "
        "een besparing van € 150.000.",
    ):
        assert cues.classify(text) == "measure" and not cues.not_a_commitment(text), text
    for text in (
        "Er moet door het Rijk worden besloten over de verdeling.",  # not ours
        "Dit heeft tot gevolg dat de besparing van 137.000 euro niet wordt gehaald.",  # a report
        "Er wordt op jaarbasis door ca. 200 mensen gebruik gemaakt van de regeling.",
    ):
        assert cues.classify(text) != "measure" or cues.not_a_commitment(text), text


def test_what_the_municipality_wants_to_do_is_a_commitment_what_it_wants_to_reach_a_goal() -> None:
    assert cues.classify("De gemeente wil investeren in een sterk verenigingsleven.") == "measure"
    assert cues.classify("Daarom wil de gemeente meer inzetten op sport in de buurt.") == "measure"
    assert cues.classify("Met betere cijfers wil de gemeente grip houden op de uitgaven.") == "goal"
    assert cues.classify("De gemeente wil dat ieder kind kan zwemmen.") == "goal"
    # Wanting to be able to act is a state to reach.
    assert cues.classify("Zo wil de gemeente ouderen later beter kunnen ondersteunen.") == "goal"


def test_a_passive_in_a_relative_clause_or_an_indirect_question_describes() -> None:
    for text in (
        "Voorbeelden van activiteiten die door de gemeente worden betaald zijn de speeltuin en de bieb.",
        "Zij wil graag horen of het voorstel wordt gedragen door de wijkraden.",
        "Buurtzorg is een werkwijze waarbij de hulp rond het gezin wordt georganiseerd.",
        # How costs are covered, what the Rijk pays, and what is needed are no commitments.
        "Vanaf 1 maart 2026 worden de extra kosten gedekt uit de reserve sociaal domein.",
        "Hiervoor wordt door de Rijksoverheid een bijdrage beschikbaar gesteld.",
        "Om het buurtproject op te starten en voort te zetten is extra capaciteit nodig.",
        # An undated passive of an inseparable verb describes how things go.
        "Een vergunning wordt verleend zodra de aanvraag compleet is.",
    ):
        assert cues.classify(text) != "measure", text
    # The main clause's passive still commits, a relative clause after it or not.
    assert cues.classify("Daarnaast wordt er ingezet op de buurtteams die al actief zijn.") == "measure"


def test_dated_plans_in_the_present_tense_are_commitments() -> None:
    for text in (
        "In het voorjaar van 2026 worden alle zienswijzen verwerkt in het plan.",
        "Eind 2026 worden de nieuwe tarieven vastgesteld door de raad.",
        "De presentatie van de nieuwe koers vindt in het najaar van 2026 plaats.",
    ):
        assert cues.classify(text) == "measure", text
    # A result stated in the present tense for the plan's year or later is planned; an earlier one
    # happened.
    assert cues.classify("In 2026 is het jongerenloket in het dorpshuis open.", plan_year=2026) == "measure"
    assert cues.classify("In 2027 is ook de nieuwe sociale kaart beschikbaar.", plan_year=2026) == "measure"
    assert cues.classify("In 2025 is het jongerenloket in het dorpshuis geopend.", plan_year=2026) is None


def test_the_municipality_by_its_name_commits_like_de_gemeente() -> None:
    text = "Testgem werkt al jaren aan schuldpreventie met een vast team van consulenten."
    assert [m.quote for m in _measures([text])] == [text]


def test_money_meant_for_an_action_commits_money_meant_for_an_aim_does_not() -> None:
    assert cues.classify("Dit geld is bedoeld voor het aantrekken van een wijkcoördinator.") == "measure"
    assert cues.classify("Verder is het budget bedoeld om een projectleider aan te stellen.") == "measure"
    assert cues.classify("Dit budget is bedoeld om de samenwerking in de wijken te verbeteren.") is None


def test_work_dated_in_the_plans_years_is_a_commitment_whoever_does_it() -> None:
    for text in (
        "In het najaar van 2026 organiseert het jongerenteam een inspraakavond.",
        "In 2026 sluiten de wijkverpleegkundigen aan bij de overleggen in de wijk.",
    ):
        assert cues.classify(text, plan_year=2026) == "measure", text
    for text in (
        "In 2024 organiseert het jongerenteam een inspraakavond.",  # before the plan: it happened
        "In 2030 stijgt de vraag naar huishoudelijke hulp in alle kernen.",  # a development
        "In 2026 is er een tekort aan woningen voor starters.",
    ):
        assert cues.classify(text, plan_year=2026) != "measure", text


def test_a_result_dated_after_its_verb_in_the_plans_years_is_a_commitment() -> None:
    text = "Om het toezicht beter te regelen is in 2026 een nieuw handhavingsplan opgesteld."
    assert cues.classify(text, plan_year=2026) == "measure"
    assert cues.classify("Het plan is in 2025 vastgesteld door de raad.", plan_year=2026) is None
    assert cues.classify("Wij zijn in 2026 gestart met de pilot.", plan_year=2026) is None


def test_a_list_introduction_that_counts_its_lines_of_work_commits_a_bare_one_announces() -> None:
    assert cues.classify("In de regio zetten we in op drie actielijnen:") == "measure"
    assert cues.classify("We richten ons samen met de scholen op 5 thema's:") == "measure"
    assert cues.classify("Dit gaan we hiervoor doen:") is None
    assert cues.classify("We zetten in op:") is None


def test_participles_of_onder_verbs_commit_in_the_passive() -> None:
    assert cues.classify("Na de evaluatie worden er zo nodig nieuwe stappen ondernomen.") == "measure"
    assert cues.classify("Daarnaast wordt onderzocht hoe de wachtlijst korter wordt.") == "measure"


def test_sub_items_of_an_activity_whose_colon_wrapped_to_the_next_line_are_activities() -> None:
    text = (
        "Dit gaan we hiervoor doen:\n"
        "- We voeren het Plan gezond opgroeien: samen sterk in\n"
        "Testgem! door:\n"
        "- Een netwerk van sportcoaches op te bouwen\n"
        "- Een toolbox voor ouders te ontwikkelen.\n"
        "- We breiden het plan uit naar volwassenen."
    )
    texts = [m.text for m in _measures([text])]
    assert any(t.startswith("Een netwerk van sportcoaches") for t in texts)
    assert any(t.startswith("Een toolbox voor ouders") for t in texts)


def test_what_a_choice_means_for_our_work_commits_in_its_dat_clause() -> None:
    for text in (
        "Dit betekent dat we inzetten op meer samenwerking tussen school en wijkteam.",
        "Dit betekent dat aanvragen voortaan worden beoordeeld op hun bijdrage aan de wijk.",
        "Dit vraagt dat we vooraf met de aanbieders afspraken maken over de informatie.",
    ):
        assert cues.classify(text) == "measure", text
    for text in (
        "Dit betekent dat de kosten van de jeugdhulp stijgen.",
        "Dit betekent dat we meer inwoners met schulden zien.",
        "Dit betekent dat de cijfers niet meer apart worden getoond.",  # a decision not to act
        "Dit betekent dat er moet worden gekeken naar de toegang.",  # what must happen
    ):
        assert cues.classify(text) != "measure", text


def test_an_enumeration_closed_by_etc_ends_its_sentence() -> None:
    text = (
        "De gemeente probeert hierin ondernemers te helpen met advies, scholing, stages etc. "
        "Om de resultaten te meten, zetten we in op een jaarlijkse monitor."
    )
    quotes = [m.quote for m in _measures([text])]
    assert "Om de resultaten te meten, zetten we in op een jaarlijkse monitor." in quotes


def test_being_busy_with_a_task_and_the_task_a_year_sets_are_commitments() -> None:
    assert cues.classify("We zijn nu druk doende het plan om te zetten in een werkwijze.") == "measure"
    assert cues.classify("Zijn we al volop bezig met de nieuwe aanbesteding.") == "measure"
    text = "Voor 2026 ligt er dan de opgave om de huidige regeling zo nodig aan te passen."
    assert cues.classify(text, 2026) == "measure"


def test_stating_valuing_dealing_with_and_expecting_are_no_commitments() -> None:
    for text in (
        "Na de gesprekken met de raad kunnen we stellen dat het beleid goed werkt.",
        "We koesteren de rustige ligging en het groen van onze dorpen.",
        "Daardoor gaan we verschillend om met de vragen van inwoners.",
        "Het buurtcentrum wordt door bewoners zeer gewaardeerd.",
        "In de gemeente wordt verwacht dat de nieuwe regel zal leiden tot minder aanvragen.",
        "Het bedrag wordt hier als verzamelpost meegenomen.",
        "Een grens die wij stellen is het misbruik van voorzieningen.",
    ):
        assert cues.classify(text, 2025) is None, text
    # A proposal is no statement; work beside a verb of valuing still commits.
    assert cues.classify("Wij stellen voor dat de raad de regeling vaststelt.") == "measure"
    assert cues.classify("We stimuleren de sportclubs en koesteren de vrijwilligers.") == "measure"


def test_wanting_to_let_something_happen_and_the_municipality_laying_stress_are_commitments() -> None:
    assert cues.classify("Daarbij willen we ons laten adviseren door de jongerenraad.") == "measure"
    text = "Testgem legt de nadruk op bewegen voor alle inwoners."
    assert cues.classify(text, 2025, "Testgem") == "measure"


def test_work_planned_for_a_year_in_a_relative_or_second_clause_is_a_commitment() -> None:
    assert cues.classify("De acties vragen meer tijd; die staan gepland vanaf 2027.", 2026) == "measure"
    text = "Daarvoor zijn in de werkgroep voorstellen uitgewerkt die in 2026 worden geïmplementeerd."
    assert cues.classify(text, 2026) == "measure"
    assert cues.classify(text, 2027) is None  # a year before the plan's: what was done
    text = "In 2025 is de verordening herzien en worden nieuwe regels opgesteld."
    assert cues.classify(text, 2026) == "measure"
    assert cues.classify("In 2025 is de verordening herzien en vastgesteld.", 2026) is None
    # Work begun is no result promised for its year.
    assert cues.classify("Eind 2026 is gestart met een inventarisatie van de wachtlijsten.", 2026) is None


def test_a_passive_future_with_gaan_a_purpose_clause_and_a_decision_in_a_dat_clause_commit() -> None:
    assert cues.classify("Dit gaat vorm gegeven worden door een nieuw loket.") == "measure"
    text = (
        "Vooralsnog wordt er op ingezet om met extra controles het verwachte tekort van € 300.000 te "
        "kunnen halveren."
    )
    assert cues.classify(text, 2026) == "measure" and not cues.not_a_commitment(text)
    text = "In het coalitieakkoord is opgenomen dat we bij scheidingen richten op het begeleiden van ouders."
    assert cues.classify(text) == "measure"
    assert cues.classify("In het akkoord is opgenomen dat de kosten stijgen.") is None


def test_a_sentence_running_on_to_the_next_page_is_read_whole_and_quoted_on_its_first() -> None:
    first = "Het onderwijs is belangrijk voor Testgem. Met de scholen\n"
    second = "werken we onder meer aan beleid voor passend onderwijs. Dat is een taak voor iedereen."
    (measure,) = _measures([first, second])
    assert measure.page == 1 and measure.quote == "Met de scholen"
    assert measure.text == "Met de scholen werken we onder meer aan beleid voor passend onderwijs."


def test_what_the_means_make_possible_for_a_year_and_a_saving_made_by_our_action_commit() -> None:
    text = "Door uitbreiding van de formatie kan in 2026 een sportvisie worden opgeleverd."
    assert cues.classify(text, 2026) == "measure"
    assert cues.classify(text, 2027) is None
    text = "Deze besparing (€ 125.000 per jaar) wordt gerealiseerd door inhuur te beperken."
    assert cues.classify(text, 2026) == "measure" and not cues.not_a_commitment(text)
    # An amount reported without anyone acting stays a figure.
    assert cues.not_a_commitment("Er wordt jaarlijks door 200 inwoners gebruik gemaakt van de regeling.")


def test_what_goes_on_about_a_national_decision_is_no_commitment_of_ours() -> None:
    decided = "Om de kosten te beperken heeft het kabinet besloten een nieuwe eigen bijdrage in te voeren. "
    ours = "Het college heeft een nieuwe regeling opgesteld. "
    after = "Deze invoering zal plaatsvinden op 1 januari 2027. Dit doen we samen met de buurgemeenten."
    assert [m.text[:12] for m in _measures([decided + after])] == ["Dit doen we "]
    assert [m.text[:12] for m in _measures([ours + after])] == ["Deze invoeri", "Dit doen we "]


def test_what_we_knew_wanted_or_could_in_the_past_is_no_commitment() -> None:
    assert cues.classify("We wisten dat we meer taken kregen voor minder middelen.", 2024) is None
    assert cues.classify("Wat we daarmee konden doen, wisten we toen nog niet.", 2024) is None
    assert cues.classify("We wilden graag uitkomen met het budget van het Rijk.", 2024) is None
    assert cues.classify("We bieden inwoners een vast aanspreekpunt.", 2024) == "measure"


def test_how_a_thing_is_made_up_based_covered_used_or_not_done_is_no_commitment() -> None:
    for text in (
        "Het kader van dit programma wordt gevormd door de nieuwe beleidsnota.",
        "De aanslag wordt voor het belastingjaar 2026 gebaseerd op de nieuwe tarieven.",
        "Alleen de uitkering voor de bijstand wordt hierin niet meegenomen.",
        "Het eenmalige deel van de aanschafkosten van €80.000 zal worden gedekt uit de algemene reserve.",
        "Op dit moment wordt gewerkt met twee systemen die niet op elkaar aansluiten.",
        "Er wordt vanuit wettelijke kaders nieuw beleid opgesteld.",
        "In ons Uitvoeringsprogramma wordt dit nader uitgewerkt.",
        "Daarom worden de eenmalige lasten weggelaten in het volgende overzicht.",
    ):
        assert cues.classify(text, 2026) is None, text
    assert cues.classify("Het beleid wordt in 2026 nader uitgewerkt.", 2026) == "measure"


def test_our_duty_in_a_future_or_demonstrative_passive_a_study_and_an_expected_saving_commit() -> None:
    for text in (
        "Voor de nieuwe school zal een ruimtelijke procedure opgesteld moeten worden.",
        "Dit beleid moet worden geëvalueerd.",
        "Ook wordt onderzocht waar nog meer speelplekken mogelijk zijn voor kinderen.",
        "We verwachten hiermee € 50.000 te kunnen besparen door scherper te kijken naar de inkoop.",
    ):
        assert cues.classify(text, 2026) == "measure", text
    # Doubt stays doubt, and an obligation in a relative clause is context.
    assert cues.classify("Mogelijk wordt de regeling onderzocht.", 2026) is None
    assert cues.classify("Er komt een wet die lokaal moet worden verwerkt.", 2026) is None


def test_the_municipality_keeps_working_its_verb_before_it_and_where_the_focus_lies_commit() -> None:
    for text in (
        "De gemeente blijft zich inzetten om voldoende woonplekken te realiseren.",
        "Daarnaast herijkt en vernieuwt de gemeente de subsidieregeling voor verenigingen.",
        "Daarnaast ligt de focus op een goede begeleiding van nieuwkomers in de wijk.",
    ):
        assert cues.classify(text, 2026) == "measure", text
    assert cues.classify("De gemeente blijft verantwoordelijk voor de toegang.", 2026) is None
    assert cues.classify("Daarnaast krijgt de gemeente meer taken van het Rijk.", 2026) is None


def test_what_stands_central_in_a_clause_about_its_noun_leaves_the_commitment() -> None:
    text = "We zetten in op een wijk waar iedereen welkom is en meedoen centraal staat."
    assert cues.classify(text, 2026) == "measure"
    assert cues.classify("Daarbij stellen we de inwoner centraal.", 2026) is None


def test_work_planned_for_a_quarter_or_season_and_the_projects_planning_commit() -> None:
    planned = [
        "De aanleg staat gepland voor het 2e kwartaal 2027 met uitloop naar het najaar.",
        "De uitvoering staat vooralsnog gepland voor eind 2026.",
        "De planning is dat in het 3e kwartaal 2026 het ontwerp is afgerond.",
        "De huidige planning is dat omstreeks medio 2027 een nieuwe locatie is gevonden.",
    ]
    for text in planned:
        assert cues.classify(text, 2026) == "measure", text
    # A moment before the plan's years, or a plan of the past, promises nothing now.
    assert cues.classify("De renovatie stond gepland voor het najaar van 2022.", 2026) is None
    text = "De planning is dat in het voorjaar van 2024 de vergunning verleend was."
    assert cues.classify(text, 2026) is None


def test_what_we_want_with_the_means_we_deploy_for_it_is_a_measure() -> None:
    # GUIDELINE.md (round 7): "willen" + an aim is a goal; with the means named, the means commit.
    text = "Deze vrijwilligers willen we beter kunnen ondersteunen met de inzet van een steunpunt."
    assert cues.classify(text, 2026) == "measure"
    text = "We willen de eenzaamheid verminderen door middel van huisbezoeken."
    assert cues.classify(text, 2026) == "measure"
    text = "Daarmee wil de gemeente de inwoners beter kunnen ondersteunen en de inzet betaalbaar maken."
    assert cues.classify(text, 2026) == "goal"
    # The means of a result in a relative clause are not ours to deploy here.
    text = "Daarbij willen we meer focus op het resultaat dat met de inzet van hulp moet worden bereikt."
    assert cues.classify(text, 2026) == "goal"


def test_how_upkeep_is_financed_and_booked_is_a_principle_no_measure() -> None:
    text = (
        "Om de vervanging van gemalen gelijkmatig te bekostigen treffen we voorzieningen. "
        "De uitgaven voor het baggeren in een jaar onttrekken we uit de voorziening. "
        "Nieuwe beschoeiingen worden geactiveerd en afgeschreven vanaf het jaar na oplevering. "
        "In 2025 onttrekken we het bedrag voor de kademuur uit de voorziening. "
        "We gaan de beschoeiingen langs de vaart vervangen."
    )
    assert [m.text for m in _measures([text])] == [
        "In 2025 onttrekken we het bedrag voor de kademuur uit de voorziening.",  # dated: planned work
        "We gaan de beschoeiingen langs de vaart vervangen.",
    ]


def test_what_a_heffing_is_and_who_carries_it_out_is_a_description_no_measure() -> None:
    text = (
        "Havengelden worden geheven voor het gebruik van de ligplaatsen in de haven. "
        "De inning wordt uitgevoerd door de Belastingdienst Kustgemeenten. "
        "Eventuele meeropbrengsten worden glad getrokken via de bestemmingsreserve havens. "
        "De controle van de aanslagen wordt uitgevoerd door de eigen organisatie. "
        "In 2026 worden de havengelden voor het eerst geheven voor de passantenhaven."
    )
    assert [m.text for m in _measures([text])] == [
        "De controle van de aanslagen wordt uitgevoerd door de eigen organisatie.",
        "In 2026 worden de havengelden voor het eerst geheven voor de passantenhaven.",  # dated: planned
    ]


# The explanation column of an areaal table: its last sentence has no full stop and runs into the
# next row, which reads as narrow columns; the row is the table's, the part before it a sentence.
AREAAL_EXPLAINED = """Tabel 2.1 - Overzicht beheerareaal
Beheerplan Areaal-gegevens Kwaliteitsniveau
Toelichting
Dienstauto's
Nvt
12 objecten sober De auto's zijn er
voor de dagelijkse taken.
Om de uitstoot te beperken
zullen de auto's zoveel mogelijk
worden vervangen door elektrische
auto's
Gebouwen
2021-2024
Scholen &
sporthallen
9
Overige
panden
7
Basis Voor de panden is het uitgangspunt
om ze sober in stand te houden."""


def test_a_sentence_running_into_a_table_row_is_read_up_to_the_row() -> None:
    measures = [m.text for m in _measures([AREAAL_EXPLAINED])]
    assert measures == [
        "Om de uitstoot te beperken zullen de auto's zoveel mogelijk worden vervangen door elektrische auto's"
    ]


def test_an_expected_development_and_what_is_not_taken_up_are_no_measures() -> None:
    text = (
        "Voor de komende jaren wordt een dalend overschot op de lopende rekening verwacht. "
        "Er wordt in 2026 dus geen nieuwe lening aangetrokken. "
        "In 2026 wordt de treasurystatuut herzien."
    )
    assert [m.text for m in _measures([text])] == ["In 2026 wordt de treasurystatuut herzien."]


# A risk table printed as lines: its Maatregel column holds whole sentences set a few words a line.
RISK_COLUMN = """Risico Omschrijving Maatregel Bedrag Kans
Leerlingenvervoer
De kosten van het
vervoer stijgen door
nieuwe tarieven.
De gemeente
zet in op
een nieuwe
aanbesteding
met de regio
en scherpere
indicaties.
400 50% 200
"""


def test_a_sentence_set_in_a_narrow_table_column_is_read_but_graphics_text_is_not() -> None:
    assert [m.text for m in _measures([RISK_COLUMN])] == [
        "De gemeente zet in op een nieuwe aanbesteding met de regio en scherpere indicaties."
    ]
    graphics = "W erk\nmaken van\nwerk We\ngaan zoveel\nmogelij k\nmensen\nhelpen\n."
    assert _measures([graphics]) == []


# Round 12: measures in the words of programme budgets (the municipality by name, dated passives).


def test_the_municipality_as_subject_of_a_verb_of_work_commits() -> None:
    for text in (
        "De gemeente geeft uitvoering aan de regeling voor beschut werk.",
        "Hierbij maakt de gemeente gebruik van de kennis van inwoners en ondernemers.",
        "Als gevolg hiervan neemt het college de verklaring op in de jaarrekening.",
        "Voor grotere projecten maakt gemeente Testgem gebruik van een intentieovereenkomst.",
        "Testgem vangt op twee locaties jonge vluchtelingen op.",
        "Vanaf maart 2022 vangt Testgem ontheemden op, die gevlucht zijn voor het geweld.",
        "In 2026 blijft de gemeente de klimaattafel faciliteren met bijeenkomsten.",
        "De gemeente Testgem actualiseert periodiek de maatstaven.",
    ):
        assert cues.classify(text, 2026, "Testgem") == "measure", text
    for text in (
        "De gemeente behartigt het algemeen belang en heeft oog voor het individu.",
        "De gemeente voert regie en is wettelijk verantwoordelijk voor de zorg.",
        "Daarnaast krijgt de gemeente meer taken van het Rijk.",
        "Het Rijk vergoedt de gemeente de kosten van de opvang.",
        "De gemeente blijft eigenaar van het gebouw.",
    ):
        assert cues.classify(text, 2026, "Testgem") is None, text


def test_a_modal_or_a_law_in_a_clause_after_a_passive_promise_leaves_it() -> None:
    for text in (
        "Het rapport wordt in 2026 opgeleverd, waarna er nog vervolgstappen moeten worden gezet.",
        "Er wordt een programma opgesteld waarin wordt bepaald welke maatregelen worden uitgevoerd.",
        "Daarnaast wordt samen met de regio onderzocht welke maatregelen genomen kunnen worden.",
        "Om de ervaren overlast te voorkomen wordt op verschillende manieren opgetreden.",
        "Hiernaast wordt een auditeur ingehuurd en moet er een bijdrage worden betaald.",
    ):
        assert cues.classify(text, 2026) == "measure", text
    # ... while in its own clause it still does, and so does a passive done by someone else.
    for text in (
        "Er komt een wet die lokaal moet worden verwerkt.",
        "Dit onderzoek wordt uitgevoerd door Bureau Noord.",
        "De gegevens over het waterverbruik worden geleverd door Waterbedrijf Zuid.",
        "Met een architect worden door hen de plannen uitgewerkt.",
        "Een deel van de gelden die de centrumgemeente ontvangt wordt overgeheveld.",
    ):
        assert cues.classify(text, 2026) is None, text
    assert cues.classify("De taken worden door Testgem zelfstandig opgepakt.", 2026, "Testgem") == "measure"


def test_something_new_the_municipality_brings_about_commits() -> None:
    for text in (
        "Er komt een verduurzamingsplan voor monumenten in het dorp.",
        "Voor bedrijven en scholen komt er specifiek advies en ondersteuning.",
    ):
        assert cues.classify(text, 2026) == "measure", text
    assert cues.classify("Er komt een nieuw verdeelmodel voor de rijksmiddelen.", 2026) is None


def test_a_moment_named_relative_to_the_plan_dates_a_passive() -> None:
    for text in (
        "Op basis van dit plan worden de wegen de komende jaren heringericht.",
        "De afspraken met de regio worden later dit jaar vastgesteld.",
        "De subsidie wordt in de loop van 2026 verstrekt.",
        "Het plan wordt na verwachting in december 2026 vastgesteld.",
    ):
        assert cues.classify(text, 2026) == "measure", text


def test_work_in_the_present_tense_may_be_dated_in_the_year_the_plan_is_written() -> None:
    assert cues.classify("In de loop van 2025 volgt een plan voor minder restafval.", 2026) == "measure"
    assert cues.classify("In 2025 is het plan geëvalueerd.", 2026) is None
    assert cues.classify("In 2024 organiseert het team een sessie.", 2026) is None


def test_an_expected_moment_for_a_step_of_ours_is_its_planning() -> None:
    for text in (
        "Het evenementenbeleid wordt naar verwachting in 2026 voorgesteld aan de Raad.",
        "Naar verwachting zal de Raad eind 2026 een besluit nemen over de huren.",
    ):
        assert cues.classify(text, 2026) == "measure", text
    # A sentence that only dates the one before is none.
    for text in (
        "Naar verwachting zal dit in 2026 plaatsvinden.",
        "Dat zal in het eerste kwartaal van 2026 gedaan worden.",
    ):
        assert cues.classify(text, 2026) is None, text


def test_a_method_a_document_a_task_or_a_risk_described_is_no_commitment() -> None:
    for text in (
        "Het weerstandsvermogen wordt uitgedrukt in een ratio en afgezet tegen de norm.",
        "In de prognose worden de lange financieringen buiten beschouwing gelaten.",
        "Bij de uitwerking wordt het uitgangspunt gehanteerd dat de organisatie op drie locaties zit.",
        "Testgem gaat zelf over de inhoud.",
        "De tarieven en de geraamde baten worden ook per heffing aangegeven.",
        "In de nota wordt beschreven hoe inwoners betrokken zijn.",
        "We verwijzen naar bijlage II voor een totaal overzicht hiervan.",
        "Ook vertellen we kort hoe we de herijking hebben aangepakt.",
        "Echter, het risico op hogere lasten blijft bestaan door de vergrijzing.",
        "Daarmee zorgen we ervoor dat nieuwe medewerkers goed geïnformeerd zijn.",
        "Het effect hiervan is, dat winkelruimte wordt onttrokken en woonruimte wordt toegevoegd.",
        "Deze taken worden niet meer zelfstandig door de gemeente uitgevoerd.",
        "Jaarlijks worden de gelden over de regio verdeeld.",  # "gelden" is no participle
    ):
        assert cues.classify(text, 2026, "Testgem") is None, text
    # ... while what a plan drawn up shows is part of drawing it up.
    text = "Jaarlijks wordt een programma opgesteld waarin de uitvoering voor dat jaar wordt aangegeven."
    assert cues.classify(text, 2026) == "measure"
    text = "Het college neemt de verklaring op en geeft een toelichting in de paragraaf bedrijfsvoering."
    assert cues.classify(text, 2026) == "measure"


def test_striving_for_a_dated_step_and_a_dated_intention_commit() -> None:
    text = "Na de voorbereidingen streven we naar een opening van de werf eind 2026."
    assert cues.classify(text, 2026) == "measure"
    assert cues.classify("We streven naar gezonde inwoners.", 2026) == "goal"
    assert cues.classify("Beoogd is om voor de zomer van 2026 de regeling te evalueren.", 2026) == "measure"
    assert cues.classify("Beoogd is om de samenwerking in de regio te versterken.", 2026) == "goal"


def test_passives_of_separable_verbs_and_a_last_step_commit() -> None:
    for text in (
        "Standaard worden de nieuwe contracten losgekoppeld van energie en water.",
        "Als laatste van de parken wordt het herstel van het park ter hand genomen.",
    ):
        assert cues.classify(text, 2026) == "measure", text
