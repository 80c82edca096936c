"""What a unit offers: the intents its own words satisfy."""

from __future__ import annotations

from assistant.answering.features import IntentReader, counts, unit_intents
from assistant.answering.question import Intent
from assistant.answering.units import EvidenceUnit
from assistant.types import Chunk, UnitKind


def _sentence(text: str) -> EvidenceUnit:
    chunk = Chunk(id="c", doc_id="d", text=text, page_start=1, page_end=1)
    return EvidenceUnit(text, UnitKind.SENTENCE, chunk, 0, (0, 0))


def test_an_enumeration_in_running_text_is_a_list() -> None:
    enumeration = _sentence(
        "De gemeenten Leiden, Leiderdorp, Oegstgeest, Zoeterwoude en Voorschoten hebben dit plan gemaakt."
    )
    assert Intent.LIST in unit_intents(enumeration)
    # Two clauses, or years, are no enumeration of items.
    assert Intent.LIST not in unit_intents(
        _sentence("Als het nodig is, doen we dat, maar alleen als het kan.")
    )
    assert Intent.LIST not in unit_intents(_sentence("In 2024, 2025 en 2026 blijft het budget gelijk."))


def test_who_checks_or_decides_is_a_party() -> None:
    checked = _sentence("De resultaten van de cases zijn opgestuurd naar de accountant voor validatie.")
    assert Intent.WHO in unit_intents(checked)


def test_a_place_is_where_something_is_or_where_people_go() -> None:
    assert Intent.WHERE in unit_intents(_sentence("De taalklas is gehuisvest in het gebouw van de school."))
    assert Intent.WHERE in unit_intents(_sentence("Inwoners kunnen terecht bij het Sociaal Team."))
    assert Intent.WHERE not in unit_intents(_sentence("Het budget stijgt in 2025 met 3 procent."))


def test_a_source_of_money_is_what_pays_for_something() -> None:
    paid = [
        "De financiering van de pilot komt grotendeels uit beschikbare budgetten voor VVE.",
        "De kosten worden gedekt uit de algemene reserve.",
        "De uitgaven worden via een specifieke uitkering vergoed door het Rijk.",
        "Dit bedrag komt ten laste van de reserve Sociaal Domein.",
        "Conform de DVO worden 48% van de lasten doorbelast aan de gemeente Voorschoten.",
    ]
    assert all(Intent.FUNDING in unit_intents(_sentence(text)) for text in paid)
    priced = _sentence("Een plek in de kinderopvang kost jaarlijks 10.000 euro.")
    assert Intent.FUNDING not in unit_intents(priced)
    # "draagt bij aan" contributes to an aim far more often than it pays.
    assert Intent.FUNDING not in unit_intents(_sentence("Dit project draagt bij aan de zelfredzaamheid."))


def test_a_separable_verb_with_words_between_tells_a_result() -> None:
    told = _sentence("De meicirculaire 2023 levert in 2024 een voordeel op van € 2.200.000.")
    assert Intent.RESULT in unit_intents(told)
    assert Intent.RESULT not in unit_intents(_sentence("De aannemer levert de stukken aan bij de gemeente."))


def test_a_length_of_time_says_how_long() -> None:
    trainees = _sentence("Jonge ambtenaren werken voor zes maanden aan projecten binnen onze organisatie.")
    assert Intent.WHEN in unit_intents(trainees)
    assert Intent.WHEN in unit_intents(_sentence("Een melding wordt binnen 8 weken afgehandeld."))
    assert Intent.WHEN not in unit_intents(_sentence("Zes medewerkers werken aan de projecten."))


def test_the_base_of_a_rate_is_no_figure() -> None:
    assert Intent.NUMBER not in unit_intents(
        _sentence("Personen met een bijstandsuitkering (per 1000 inwoners)")
    )
    assert Intent.NUMBER in unit_intents(
        _sentence("Nieuw gebouwde woningen, aantal per 1.000 woningen: 10,5")
    )


def test_a_number_glued_to_a_word_or_naming_a_part_is_no_figure() -> None:
    assert Intent.NUMBER not in unit_intents(_sentence("Inwoners zijn bekend met Larikslaan2."))
    assert Intent.NUMBER not in unit_intents(
        _sentence("Programmalijn 1: Stimuleren van maximaal gebruik van eigen kracht")
    )
    assert Intent.NUMBER not in unit_intents(_sentence("Zie bijlage 4 en doel 2.3 voor de uitwerking."))
    assert Intent.NUMBER in unit_intents(_sentence("In Leusden wonen 30 inwoners met Covid-19 klachten."))
    assert Intent.NUMBER in unit_intents(_sentence("We ondersteunen 1 op de 3 mantelzorgers."))


def test_a_figure_in_thousands_before_the_noun_it_counts_is_no_money() -> None:
    counted = unit_intents(
        _sentence("Van de gemiddeld 1.100 contacten per maand vindt 80% telefonisch plaats.")
    )
    assert Intent.AMOUNT not in counted and Intent.NUMBER in counted
    # A figure in thousands followed by a preposition, or with a euro sign, is still an amount.
    assert Intent.AMOUNT in unit_intents(_sentence("Er is 25.000 voor het actieplan laaggeletterdheid."))
    assert Intent.AMOUNT in unit_intents(_sentence("We besparen € 25.000 op 1.100 contacten."))


def test_an_age_or_a_length_of_time_is_no_count() -> None:
    assert Intent.NUMBER not in unit_intents(_sentence("Een sluitende aanpak van -9 maanden tot 100 jaar."))
    assert Intent.NUMBER not in unit_intents(
        _sentence("Kinderen van 4 tot 12 jaar krijgen binnen 8 weken hulp.")
    )
    assert Intent.NUMBER in unit_intents(_sentence("Ruim 300 mantelzorgers krijgen 1,7 uur per week hulp."))


def test_the_size_of_a_top_list_is_no_figure() -> None:
    assert Intent.NUMBER not in unit_intents(_sentence("Daarmee is de top 10 risico's weer compleet."))


def test_an_indicator_row_read_as_text_counts_what_it_names() -> None:
    line = _sentence(
        "Banen Aantal per 1.000 inwoners in de leeftijd 15 – 64 jaar LISA 397 (2023) 534,3 (2023)"
    )
    assert counts("banen", line, ())
    assert not counts("banen", _sentence("Banen Aantal per 1.000 inwoners (2023)"), ())
    assert not counts("banen", _sentence("Vestigingen Aantal per 1.000 banen LISA 120 (2023)"), ())


def test_an_intent_reader_reads_as_unit_intents_and_once_per_text() -> None:
    reader = IntentReader(capacity=2)
    texts = ["Het budget bedraagt € 25.000 in 2024.", "Omdat de vraag stijgt, zetten we in op preventie."]
    units = [_sentence(t) for t in texts]
    assert [reader(u) for u in units] == [unit_intents(u) for u in units]
    # The same text again, in another chunk object, is not read again.
    again = _sentence(texts[0])
    assert reader(again) is reader(units[0])
