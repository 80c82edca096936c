"""Goals: goal lists, labelled goals, cue sentences, levels, repeats and links."""

from __future__ import annotations

from assistant.register import cues
from assistant.register.extract import extract_records
from tests.unit.register.conftest import document

STRATEGIC = """3.3 Strategische doelen
Op basis van onze ambitie en visie formuleren we de volgende strategische doelen:
1 Bevorderen zelfoplossend vermogen
Versterken zelfredzaamheid van inwoners door onder andere aanpak laaggeletterdheid.
2 Versterken ondersteunende sociale structuren en
voorzieningen
Adequaat ondersteunen van mantelzorgers en vrijwilligers en creëren van algemene voorzieningen."""

TREE = """Beoogd maatschappelijk effect
Inwoners zijn zo lang en zoveel mogelijk zelfredzaam
Doel: Inwoners wonen langer zelfstandig thuis
Wij ondersteunen mantelzorgers en vrijwilligers om in dit doel te voorzien.
Subdoel: Er is meer aanspraak gedaan op informele zorg (mantelzorg en
vrijwilligers)
Activiteiten
- Vergroten bekendheid ondersteuningsaanbod voor mantelzorgers
- Organiseren mantelzorgwaardering"""

TARGETS = """Door college en raad zijn een aantal maatschappelijke doelen geformuleerd.
- 1. Meer inwoners doen mee in de samenleving en voelen zich verbonden met hun omgeving
- 1.1. In 2024 zetten meer inwoners zich in voor de (lokale) samenleving
- 1.2. In 2024 zijn minder inwoners eenzaam"""


def _goals(texts, sections=None):
    return [r for r in extract_records(*document(texts, sections)) if r.type == "goal"]


def test_a_list_introduced_as_strategic_goals_gives_strategic_goals() -> None:
    goals = _goals([STRATEGIC], ["3.3 Strategische doelen"])
    assert [(g.number, g.text, g.level) for g in goals] == [
        ("1", "Bevorderen zelfoplossend vermogen", "strategic"),
        ("2", "Versterken ondersteunende sociale structuren en voorzieningen", "strategic"),
    ]
    # The description under a goal is not a goal of its own.
    assert not any("laaggeletterdheid" in g.text for g in goals)


def test_labelled_goals_keep_the_levels_of_the_goal_tree() -> None:
    goals = {g.text: g.level for g in _goals([TREE])}
    assert goals == {
        "Inwoners zijn zo lang en zoveel mogelijk zelfredzaam": "strategic",
        "Inwoners wonen langer zelfstandig thuis": "strategic",
        "Er is meer aanspraak gedaan op informele zorg (mantelzorg en vrijwilligers)": "operational",
    }


def test_numbered_targets_nest_and_link_to_their_parent() -> None:
    records = extract_records(*document([TARGETS]))
    goals = {g.number: g for g in records if g.type == "goal"}
    assert set(goals) == {"1", "1.1", "1.2"}
    assert goals["1"].level == "strategic" and goals["1.2"].level == "operational"
    assert goals["1"].id in goals["1.1"].links and goals["1.1"].id in goals["1"].links


def test_cue_sentences_state_goals_and_wanted_actions_are_measures() -> None:
    text = (
        "Onze ambitie is om kwetsbare inwoners duurzaam goede zorg te bieden. "
        "We willen dat iedere jongere van 17 jaar een startkwalificatie behaalt. "
        "Ook willen we de sociale infrastructuur versterken door meer balans te brengen in de stad. "
        "We willen in 2021 een digitale verwijsindex ontwikkelen."
    )
    records = extract_records(*document([text]))
    kinds = {
        r.text.split()[0] + " " + r.text.split()[2]: r.type for r in records if r.type in ("goal", "measure")
    }
    assert kinds == {"Onze is": "goal", "We dat": "goal", "Ook we": "goal", "We in": "measure"}


def test_questions_conditions_and_past_goals_are_not_goals() -> None:
    text = (
        "Wat willen we? "
        "Willen we dit in de toekomst blijven realiseren, dan moeten we inzet plegen. "
        "Onze doelstelling was het realiseren van een sluitende begroting."
    )
    assert _goals([text]) == []


def test_a_goal_restated_later_in_the_document_is_one_record() -> None:
    later = "Bijlage\nDe doelen op een rij:\n1 Bevorderen zelfoplossend vermogen\nToelichting volgt."
    goals = _goals([STRATEGIC, "Tussentekst over iets anders dat niets belooft.", later])
    assert [g.page for g in goals if g.text == "Bevorderen zelfoplossend vermogen"] == [1]


def test_a_goal_restated_on_a_later_page_stands_there_too() -> None:
    first = "Doelen\n- 1. Meer inwoners doen mee in de samenleving\n- 2. Minder inwoners zijn eenzaam"
    summary = "Samenvatting\nWe herhalen de doelen.\nMeer inwoners doen mee in de samenleving\nSlot."
    mention = "Slot\nOm ervoor te zorgen dat meer inwoners doen mee in de samenleving investeren we."
    (goal,) = [g for g in _goals([first, summary, mention]) if "mee" in g.text]
    assert goal.page == 1
    # Verified on page 2 where it stands as a line of its own; not on page 3, where it runs on in a sentence.
    assert [(p.page, p.quote) for p in goal.also_at] == [(2, "Meer inwoners doen mee in de samenleving")]


def test_numbered_aim_headings_and_result_state_lines_are_goals() -> None:
    text = (
        "2 Versterken van de eigen kracht van inwoners\nInwoners doen zoveel mogelijk zelf.\n"
        "3 Ontwikkelen efficiënte en effectieve maatwerkvoorzieningen\nDe toegang wordt eenvoudiger.\n"
        "4 Ontwikkelingen in de regio\nDe regio groeit."
    )
    assert [(g.number, g.text) for g in _goals([text])] == [
        ("2", "Versterken van de eigen kracht van inwoners"),
        ("3", "Ontwikkelen efficiënte en effectieve maatwerkvoorzieningen"),
    ]
    bbv = (
        "Wat willen we bereiken?\nLaaggeletterdheid is afgenomen\n"
        "Het aantal inwoners dat meedoet is toegenomen\n"
    )
    report = "Resultaten\nHet aantal meldingen is gedaald van 360 naar 250.\n"
    goals = _goals([bbv, report], ["1.1 Wat willen we bereiken?", "1.2 Resultaten"])
    assert [g.text for g in goals] == [
        "Laaggeletterdheid is afgenomen",
        "Het aantal inwoners dat meedoet is toegenomen",
    ]
    # One aim heading alone may be a chapter title.
    assert _goals(["3 Versterken van de regio\nDe regio groeit."]) == []


def test_labelled_aims_and_premises_in_running_text_are_goals() -> None:
    text = (
        "We zetten een wijkcoach in bij de huisarts. "
        "Doel hierbij is om hulpvragen eerder op te pakken. "
        "Uitgangspunt is dat wij voor iedere inwoner een passende plek willen bieden. "
        "Daarmee beogen we de vele initiatieven te bundelen, in lijn met de gestelde doelen. "
        "Hiervoor zien we de volgende doelstelling als leidend: het creëren van een goede dienstverlening."
    )
    goals = [g.text for g in _goals([text])]
    assert len(goals) == 4
    assert goals[0].startswith("Doel hierbij")


def test_a_list_of_programmalijnen_is_no_list_of_goals() -> None:
    text = (
        "Die programmalijnen worden als volgt weergegeven:\n"
        "- Stimuleren van maximaal gebruik van eigen kracht;\n"
        "- Versterken van preventie en vroegsignalering.\n"
        "Programmalijn 1: Stimuleren van maximaal gebruik van eigen kracht"
    )
    assert _goals([text]) == []


def test_a_programmes_vision_is_no_goal_its_doelstellingen_are() -> None:
    pages = [
        "Visie\nDe gemeente streeft naar een bloeiend verenigingsleven in alle kernen.\n",
        "Doelstellingen\nDe gemeente streeft naar een bloeiend verenigingsleven in alle kernen.\n",
    ]
    goals = [r for r in extract_records(*document(pages, ["P2 Sport > Visie", "P2 Sport > Doelstellingen"]))
             if r.type == "goal"]  # fmt: skip
    assert [g.page for g in goals] == [2]


def test_the_goal_a_sentence_ranks_first_is_a_goal() -> None:
    text = (
        "Het uiteindelijke streven is dat alle jongeren een startkwalificatie halen. "
        "Ons belangrijkste doel is dat ieder kind veilig opgroeit."
    )
    goals = [r for r in extract_records(*document([text])) if r.type == "goal"]
    assert len(goals) == 2


def test_a_heading_line_glued_before_a_sentence_is_no_part_of_it() -> None:
    text = (
        "Jeugd en gezondheid | 2022\n"
        "Inhoudelijk perspectief\n"
        "We streven naar gezonde inwoners, nu en in de toekomst. Gezondheid is in eerste instantie een\n"
        "verantwoordelijkheid van inwoners zelf en de gemeente is verantwoordelijk voor de bescherming\n"
        "van de gezondheid van alle inwoners. Ook zetten we in op preventie, zodat klachten en zorg zo\n"
        "veel mogelijk worden voorkomen en inwoners langer gezond blijven in hun eigen omgeving.\n"
        "Preventie en collectieve voorzieningen\n"
        "Testgem ondersteunt inwoners in het algemeen, en oudere inwoners in het bijzonder, met een breed\n"
        "pakket aan activiteiten dat voorkomt dat er problemen ontstaan. In het kader van de\n"
        "Wmo bieden we ondersteuning aan wie dat nodig heeft."
    )
    records = extract_records(*document([text]))
    goals = [r.text for r in records if r.type == "goal"]
    assert goals == ["We streven naar gezonde inwoners, nu en in de toekomst."]
    measures = [r.text for r in records if r.type == "measure"]
    assert measures[0].startswith("Ook zetten we in op preventie")
    assert measures[1].startswith("Testgem ondersteunt inwoners")
    # A line that runs on ("In het kader van de" / "Wmo ...") is no heading.
    assert measures[2].startswith("In het kader van de Wmo bieden we")


def test_doel_is_opening_a_sentence_and_what_is_tried_with_the_means_are_goals() -> None:
    assert cues.classify("Doel is om toe te werken naar lagere wachttijden.", 2026) == "goal"
    assert cues.classify("Doel is tevens inzicht in de oorzaken van de stijgende kosten.", 2026) == "goal"
    text = "Met deze middelen wordt getracht de eenzaamheid onder ouderen terug te dringen."
    assert cues.classify(text, 2026) == "goal"


def test_more_wordings_of_a_stated_goal() -> None:
    goals = [
        "Beoogd wordt hiermee dat aanvragen sneller kunnen worden afgehandeld.",
        "Hiermee wordt beoogd de wachtlijst voor de schuldhulp te verkorten.",
        "We hebben de ambitie om alle scholen in 2030 energieneutraal te maken.",
        "De intentie is om de helft van de nieuwe woningen betaalbaar te laten zijn.",
        "Na de evaluatie is het doel te komen tot een eenvoudiger subsidiestelsel.",
        "De belangrijkste doelstelling van het programma een levendig en bereikbaar centrum.",
        "Concrete doelstellingen zijn minder leegstand, meer groen en veilige fietsroutes.",
    ]
    for text in goals:
        assert cues.classify(text, 2026) == "goal", text
    # The goal nouns in a sentence about them, and an aim in a relative clause, state no goal.
    assert cues.classify("De doelstellingen van het programma worden jaarlijks gemonitord.", 2026) is None
    text = "Als maatstaf geldt het verbruik, waarmee wordt beoogd recht te doen aan het principe."
    assert cues.classify(text, 2026) is None
    # An ambition we say we have filled in is no goal stated here.
    text = "Onze ambitie om de wachttijden te verkorten hebben wij ingevuld met een actieplan."
    assert cues.classify(text, 2026) is None


def test_the_aim_of_our_own_policy_or_instrument_is_a_goal() -> None:
    # GUIDELINE.md (fresh6): the aim of the municipality's own policy, instrument or partnership.
    goals = [
        "De aanpak van het jongerenteam is erop gericht om jongeren eerder te bereiken.",
        "Het nieuwe beleid zal er vooral op gericht zijn de regels eenvoudiger te maken.",
        "Deze voorlichtingsactie is bedoeld om ouders beter te informeren over het aanbod.",
        "Het is de bedoeling dat de buurthuizen samen één programma aanbieden.",
        "Bij de inzameling wordt er steeds gestreefd naar zo weinig mogelijk restafval.",
        "Doel in 2026 is de pilot af te ronden en een keuze te maken over het vervolg.",
    ]
    for text in goals:
        assert cues.classify(text, 2026) == "goal", text
    # The aim of the Rijk's policy is context; an aim dated in the plan year is a step planned.
    assert cues.classify("Het rijksbeleid is erop gericht om de zorgkosten te beperken.", 2026) is None
    text = "Bedoeling is dat begin 2026 door de raad het financieel kader wordt vastgesteld."
    assert cues.classify(text, 2026) == "measure"


def test_a_wish_for_the_plan_year_is_the_work_planned_for_it() -> None:
    assert (
        cues.classify("In 2026 wil de gemeente één digitaal loket voor verenigingen uitbouwen.", 2026)
        == "measure"
    )
    assert (
        cues.classify("In 2026 willen we de vindbaarheid van informatie verder verbeteren.", 2026)
        == "measure"
    )
    # Undated, or for a year far ahead, or the end state wanted ("willen dat"), it stays a goal.
    assert cues.classify("We willen de vindbaarheid van informatie verder verbeteren.", 2026) == "goal"
    assert cues.classify("In 2030 willen we de uitstoot van de eigen gebouwen halveren.", 2026) == "goal"
    assert cues.classify("In 2026 willen we dat alle scholen een gezonde kantine hebben.", 2026) == "goal"


THEMES = """Binnen het beleidsterrein Onderwijs hebben we ambities op de volgende beleidsthema's:

- Onderwijsachterstanden verkleinen
Het nieuwe beleidsplan voor voorschoolse educatie is in 2025 vastgesteld.

- Laaggeletterdheid terugdringen
Hiervoor werkt Testgem samen met andere gemeenten in de regio."""


def test_the_themes_ambitions_are_set_on_are_no_goals() -> None:
    assert not [g.text for g in _goals([THEMES])]
    # A list of the ambitions themselves is a list of goals.
    goals = _goals([THEMES.replace("ambities op de volgende beleidsthema's", "de volgende ambities")])
    assert [g.text for g in goals] == ["Onderwijsachterstanden verkleinen", "Laaggeletterdheid terugdringen"]


# A bullet of a Symbol font reaches the register as the private-use character pypdf gives for it;
# the list of doelstellingen runs on to the next page.
SYMBOL_BULLETS = """Informatieveiligheid
De belangrijkste doelstellingen die tot en met 2027 staan gepland, betreffen:
\uf0b7 Het beveiligingsbeleid voor 2026-2030 vaststellen.
\uf0b7 Verhogen bewustwording van medewerkers zodat zij risico's kunnen herkennen."""
SYMBOL_BULLETS_NEXT_PAGE = """\uf0b7 Structureel voldoen aan de regels voor privacy. De regels gelden
voor de hele organisatie.

Interne beheersing
Afgelopen jaren heeft de gemeente het risicobeleid opgesteld."""


def test_items_with_a_symbol_font_bullet_are_list_items_also_where_the_list_runs_on() -> None:
    goals = _goals([SYMBOL_BULLETS, SYMBOL_BULLETS_NEXT_PAGE])
    assert [(g.page, g.text) for g in goals] == [
        (1, "Het beveiligingsbeleid voor 2026-2030 vaststellen."),
        (1, "Verhogen bewustwording van medewerkers zodat zij risico's kunnen herkennen."),
        (2, "Structureel voldoen aan de regels voor privacy."),
    ]


# An enumeration of doelstellingen in lower case, numbered, after "te weten:".
LOWER_CASE_ITEMS = """Toelichting op het besluit:
Dit besluit zorgt ervoor dat drie belangrijke doelstellingen van de parkeerheffing, te weten:
1. snellere afhandeling van vergunningen;
2. eerlijke verdeling van de parkeerplaatsen tussen bewoners en bezoekers;
3. minder zoekverkeer in de kern
beter worden bereikt dan in het oorspronkelijke voorstel."""


def test_a_numbered_enumeration_in_lower_case_under_goals_gives_goals() -> None:
    goals = _goals([LOWER_CASE_ITEMS])
    assert [g.text for g in goals] == [
        "snellere afhandeling van vergunningen",
        "eerlijke verdeling van de parkeerplaatsen tussen bewoners en bezoekers",
        "minder zoekverkeer in de kern beter worden bereikt dan in het oorspronkelijke voorstel.",
    ]


def test_the_aim_of_a_law_is_no_goal_of_ours() -> None:
    assert cues.classify("Het doel van de wet is gemeenten transparanter te maken.", 2026) is None
    assert cues.classify("De doelstelling van deze wet is de zorg dichter bij huis te brengen.", 2026) is None
    # The aim of our own project stays a goal.
    assert cues.classify("Het doel van het project is de wijk transparanter te maken.", 2026) == "goal"
