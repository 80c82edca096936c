"""Answerability: a row counts the asked noun only where it says what it counts; a figure stands
with the subject."""

from __future__ import annotations

from collections.abc import Iterable

from assistant.answering.answerability import Verdict, counts_noun, judge
from assistant.answering.question import Intent, analyze_question
from assistant.answering.select import Block, Selection
from assistant.answering.units import EvidenceUnit
from assistant.protocols import TermStats
from assistant.settings import Settings
from assistant.types import Chunk, UnitKind
from tests.fakes import TableVocabulary


def _row(text: str, terms: Iterable[str] = ()) -> Block:
    chunk = Chunk(id="t", doc_id="d", text=text, page_start=1, page_end=1, kind="table")
    unit = EvidenceUnit(text, UnitKind.ROW, chunk, 0, (0, 0))
    return Block([unit], "row", frozenset(terms), frozenset({Intent.NUMBER}), 1.0)


def test_a_row_counts_the_noun_it_names_unless_it_counts_something_else() -> None:
    assert counts_noun("mantelzorgers", _row("Aantal ondersteunde mantelzorgers | 300 | 320"), {})
    assert counts_noun("mantelzorgers", _row("Mantelzorgers totaal | 300 | 320"), {})
    # A goal line glued to the row above its label: the row counts peuters, not laaggeletterden.
    glued = _row("Laaggeletterdheid is afgenomen Aantal peuters dat wordt bereikt | n.n.b. | 170")
    assert not counts_noun("laaggeletterden", glued, {})


def _text(terms: set[str], *intents: Intent) -> Block:
    chunk = Chunk(id="t", doc_id="d", text=" ".join(terms), page_start=1, page_end=1, kind="text")
    unit = EvidenceUnit(" ".join(sorted(terms)), UnitKind.SENTENCE, chunk, 0, (0, 0))
    return Block([unit], "text", frozenset(terms), frozenset({Intent.DESCRIBE, *intents}), 1.0)


def _judge(question: str, idf: dict[str, float], *blocks: Block) -> Verdict:
    """`judge` with the subject's words weighted by their idf, every other word common."""
    stats = TermStats({}, frozenset(), 1.0, TableVocabulary(idf))
    return judge(analyze_question(question), Selection(list(blocks)), idf, stats, Settings())


def test_a_figure_must_stand_with_the_weightiest_subject_word_the_evidence_holds() -> None:
    question = "Hoeveel geld gaat er jaarlijks naar de aanpak van suicidepreventie?"
    idf = {"suicidepreventie": 4.0, "jaarlijks": 2.0, "aanpak": 2.0}
    about = _text({"suicidepreventie", "aanpak", "middelen"})  # the subject, no amount
    other = _text({"jaarlijks", "aanpak", "actiepunten"}, Intent.AMOUNT)  # an amount, not for it
    verdict = _judge(question, idf, about, other)
    assert not verdict.answerable and verdict.reason == "figure"
    # With the amount in the sentence about suïcidepreventie, it is an answer.
    both = _text({"suicidepreventie", "jaarlijks", "aanpak"}, Intent.AMOUNT)
    assert _judge(question, idf, about, both).answerable


def test_a_money_question_is_not_answered_by_a_percentage_in_a_sentence() -> None:
    question = "Hoeveel euro is de bijstandsnorm voor een alleenstaande?"
    idf = {"bijstandsnorm": 4.0, "alleenstaande": 3.0}
    share = _text({"bijstandsnorm", "alleenstaande", "kwijtscheldingsnorm"}, Intent.PERCENT, Intent.NUMBER)
    verdict = _judge(question, idf, share)
    assert not verdict.answerable and verdict.reason == "figure"
    # A bare number in a table row may be money (the table states its unit).
    assert _judge(question, idf, _row("Bijstandsnorm alleenstaande | 1.300", idf)).answerable


def test_how_large_a_thing_is_may_be_answered_by_an_amount_but_a_count_is_not() -> None:
    idf = {"integratie": 4.0, "uitkering": 3.0}
    amount = _text({"integratie", "uitkering"}, Intent.AMOUNT)  # "€ 8,6 mln"
    assert _judge("Hoe groot was de integratie-uitkering?", idf, amount).answerable
    # A question that counts something ("hoeveel mantelzorgers") wants that count, not euros.
    money = _text({"mantelzorgers"}, Intent.AMOUNT)
    verdict = _judge("Hoeveel mantelzorgers zijn er?", {"mantelzorgers": 4.0}, money)
    assert not verdict.answerable and verdict.reason == "figure"


def test_a_label_line_followed_by_its_count_line_counts_the_noun() -> None:
    # An indicator table read as text: the label, then "Aantal per ..." with the figures.
    chunk = Chunk(id="t", doc_id="d", text="", page_start=1, page_end=1, kind="text")
    label = EvidenceUnit("Vestigingen (van bedrijven)", UnitKind.SENTENCE, chunk, 0, (0, 0))
    count = EvidenceUnit(
        "Aantal per 1.000 inwoners LISA 251,6 (2024) 217,5 (2024)", UnitKind.SENTENCE, chunk, 0, (0, 0)
    )
    block = Block([label, count], "text", frozenset(), frozenset({Intent.NUMBER}), 1.0)
    assert counts_noun("vestigingen", block, {})
    # A count line under another label does not count it.
    other = EvidenceUnit("Functiemenging", UnitKind.SENTENCE, chunk, 0, (0, 0))
    assert not counts_noun("vestigingen", Block([other, count], "text", frozenset(), frozenset(), 1.0), {})
    # "Aantal per ..." is a row's unit, not what it counts.
    assert counts_noun("vestigingen", _row("Vestigingen | Aantal per 1.000 inwoners | 251,6"), {})


def test_how_much_of_nothing_named_is_answered_by_an_amount() -> None:
    question = "Hoeveel legt de gemeente in voor het nationaal park?"
    idf = {"nationaal": 3.0, "park": 3.0}
    euros = _text({"nationaal", "park", "bedrag"}, Intent.AMOUNT)
    assert _judge(question, idf, euros).answerable
    # A count or a share of something else does not say how much.
    counted = _text({"nationaal", "park", "gemeenten"}, Intent.NUMBER, Intent.PERCENT)
    assert not _judge(question, idf, counted).answerable


def test_a_question_for_a_budget_is_not_answered_by_a_count_or_an_age() -> None:
    idf = {"eenzaamheid": 4.0}
    # An amount for something else beside an age ("ouderen van 75+ jaar") about the subject.
    amount = _text({"pilot", "scheidingsloket"}, Intent.AMOUNT)
    age = _text({"eenzaamheid", "ouderen"}, Intent.NUMBER)
    for question in (
        "Wat is het budget voor eenzaamheid?",
        "Wat kost de aanpak van eenzaamheid?",
        "Hoe hoog zijn de kosten van eenzaamheid?",
        "Welk budget is er voor eenzaamheid?",
    ):
        verdict = _judge(question, idf, amount, age)
        assert not verdict.answerable and verdict.reason == "figure", question
    euros = _text({"eenzaamheid", "ouderen"}, Intent.AMOUNT)
    assert _judge("Wat is het budget voor eenzaamheid?", idf, euros).answerable


def test_a_compound_is_counted_by_its_head() -> None:
    # "pgb-houders" counts holders: a row about pgb tariffs does not count them.
    assert not counts_noun("pgb-houders", _row("Aanpassing PGB tarieven | 100 | 200 | 200"), {})
    assert counts_noun("pgb-houders", _row("Aantal pgb-houders | 410 | 432"), {})


def test_a_row_that_counts_is_no_money() -> None:
    question = "Wat kost de mantelzorgondersteuning?"
    idf = {"mantelzorgondersteuning": 4.0}
    verdict = _judge(question, idf, _row("Aantal mantelzorgers met mantelzorgondersteuning | 675 | 660", idf))
    assert not verdict.answerable and verdict.reason == "figure"
    # A row of bare figures under a money table's unit may be euros.
    assert _judge(question, idf, _row("Mantelzorgondersteuning | 675 | 660", idf)).answerable


def test_a_money_question_may_be_answered_by_a_row_printed_as_text() -> None:
    idf = {"speelvoorzieningen": 4.0}
    chunk = Chunk(id="t", doc_id="d", text="", page_start=1, page_end=1, kind="text")
    text = "Speelvoorzieningen 176 176 176 176 Veiligheidscontroles, reparaties en onderhoud"
    unit = EvidenceUnit(text, UnitKind.SENTENCE, chunk, 0, (0, 0))
    printed = Block([unit], "text", frozenset(idf), frozenset({Intent.NUMBER}), 1.0)
    assert _judge("Wat is het budget voor speelvoorzieningen?", idf, printed).answerable


def test_figures_given_year_by_year_do_not_give_another_year_of_the_period() -> None:
    text = "Tweede jongereninloop | 2020 | € 25.000 | 2021 | € 25.000"
    chunk = Chunk(
        id="t", doc_id="d", text=text, page_start=1, page_end=1, kind="table", meta={"period": "2020-2023"}
    )
    unit = EvidenceUnit(text, UnitKind.ROW, chunk, 0, (0, 0))
    row = Block([unit], "row", frozenset({"tweede", "jongereninloop"}), frozenset({Intent.AMOUNT}), 1.0)
    idf = {"jongereninloop": 4.0}
    later = _judge("Wat kost de tweede jongereninloop in 2022?", idf, row)
    assert not later.answerable and later.reason == "year" and later.years == ("2022",)
    assert _judge("Wat kost de tweede jongereninloop in 2021?", idf, row).answerable


def test_a_question_for_an_outcome_needs_a_passage_that_tells_one() -> None:
    question = "Wat kwam er uit de evaluatie van het buitenhuisproject?"
    idf = {"evaluatie": 3.0, "buitenhuisproject": 5.0}
    announced = _text({"evaluatie", "buitenhuisproject"}, Intent.WHEN)  # "In 2021 vindt de evaluatie plaats"
    verdict = _judge(question, idf, announced)
    assert not verdict.answerable and verdict.reason == "result"
    told = _text({"evaluatie", "buitenhuisproject"}, Intent.RESULT)  # "De evaluatie heeft geleid tot ..."
    assert _judge(question, idf, told).answerable
    # A question that asks for a figure as well is judged on the figure, not on how it is told.
    assert _judge("Hoeveel leverde het buitenhuisproject op?", idf, told).reason != "result"


def test_evidence_in_other_words_answers_the_subject_and_a_figure_only_where_it_gives_one() -> None:
    idf = {"grijparm": 5.0, "zijkant": 4.0, "restafval": 3.0}
    stats = TermStats({}, frozenset(), 1.0, TableVocabulary(idf))
    described = _text({"restafval", "zijbelading", "inzameling"})
    costed = _text({"restafval", "zijbelading", "inzameling", "kosten"}, Intent.AMOUNT)

    def verdict(question: str, *reworded: Block) -> Verdict:
        selection = Selection([*reworded] or [described])
        return judge(analyze_question(question), selection, idf, stats, Settings(), reworded)

    asked = "Wordt het restafval al met een grijparm aan de zijkant opgehaald?"
    assert verdict(asked).reason == "subject"
    assert verdict(asked, described).answerable
    # Said in other words is not said with a number...
    counted = "Hoeveel kost het ophalen van restafval met een grijparm aan de zijkant?"
    assert verdict(counted, described).reason == "figure"
    # ...but a figure in a block that says it in other words is about the subject, though the
    # subject's words are not there to stand with it.
    assert verdict(counted).reason == "subject"
    assert verdict(counted, costed).answerable


def _sentence(text: str, terms: set[str], *intents: Intent) -> Block:
    chunk = Chunk(id="t", doc_id="d", text=text, page_start=1, page_end=1, kind="text")
    unit = EvidenceUnit(text, UnitKind.SENTENCE, chunk, 0, (0, 0))
    return Block([unit], "text", frozenset(terms), frozenset({Intent.DESCRIBE, *intents}), 1.0)


def test_a_question_that_asks_only_when_needs_a_passage_that_says_when() -> None:
    question = "Wanneer stelt Almelo het Actieplan beleid sociaal domein vast?"
    idf = {"actieplan": 4.0, "beleid": 1.0, "sociaal": 1.0, "domein": 1.0}
    terms = {"actieplan", "beleid", "sociaal", "domein"}
    held = _sentence("De hoofdlijnen worden in het Actieplan beleid sociaal domein nader uitgewerkt.", terms)
    verdict = _judge(question, idf, held)
    assert not verdict.answerable and verdict.reason == "when"
    # A quarter or "na de zomer" says when as well as a year does.
    for said in ("in het tweede kwartaal", "na de zomer", "in 2023"):
        dated = _sentence(f"Het Actieplan beleid sociaal domein wordt {said} vastgesteld.", terms)
        assert _judge(question, idf, dated).answerable, said
    # A question that asks what as well is judged on more than the date.
    assert _judge("Wat staat er in het Actieplan beleid sociaal domein?", idf, held).answerable


def test_a_question_for_how_long_needs_a_length_of_time_or_an_end() -> None:
    question = "Hoe lang moeten jeugdigen in Twenterand gemiddeld wachten op jeugdhulp?"
    idf = {"jeugdigen": 4.0, "jeugdhulp": 3.0, "wachten": 4.0, "gemiddeld": 3.0}
    terms = {"jeugdigen", "jeugdhulp", "wachten", "gemiddeld"}
    # A table of clients per year gives years, not how long anyone waits.
    counted = _sentence("Aantal jeugdigen met jeugdhulp dat wacht: 2018 | 2019", terms, Intent.WHEN)
    verdict = _judge(question, idf, counted)
    assert not verdict.answerable and verdict.reason == "when"
    for said in ("gemiddeld zes weken", "tot en met 2026", "8 weken", "sinds 2019 al"):
        told = _sentence(f"Jeugdigen wachten op jeugdhulp {said}.", terms)
        assert _judge(question, idf, told).answerable, said


def test_a_year_of_a_part_that_asks_no_figure_is_no_year_of_the_figure() -> None:
    idf = {"verdeelmodel": 4.0, "tekort": 3.0}
    terms = {"verdeelmodel", "tekort", "rijk"}
    held = _sentence(
        "Zolang het verdeelmodel er niet is, vragen we het Rijk om € 2 miljoen voor het tekort.", terms
    )
    held = Block(held.units, "text", held.terms, frozenset({*held.intents, Intent.AMOUNT}), 1.0)
    asked = "Wat wil Twenterand financieel van het Rijk, en hoe ontwikkelde het tekort zich in 2018?"
    assert _judge(asked, idf, held).answerable
    # The year of the figure itself is still needed.
    assert (
        _judge("Hoeveel geld vraagt Twenterand het Rijk voor het tekort in 2018?", idf, held).reason == "year"
    )


def test_what_a_list_question_asks_to_list_need_not_be_named_by_its_items() -> None:
    question = "Met welke thema's moet de omgevingsvisie verbonden worden?"
    idf = {"thema's": 5.0, "omgevingsvisie": 3.0}
    items = _text({"omgevingsvisie", "wonen", "gezondheid"}, Intent.LIST)
    assert _judge(question, idf, items).answerable
    # The subject itself still has to be there.
    other = _text({"wonen", "gezondheid"}, Intent.LIST)
    verdict = _judge(question, idf, other)
    assert not verdict.answerable and verdict.missing == ("omgevingsvisie",)


def test_a_place_on_a_ranking_is_no_place_to_go() -> None:
    table = _text({"coelo-ranglijst", "woonlasten", "343"}, Intent.NUMBER)
    ranked = "Op welke plek van de COELO-ranglijst voor woonlasten staat Wassenaar?"
    assert _judge(ranked, {"coelo-ranglijst": 4.0, "woonlasten": 2.0}, table).answerable
    # A place to go is still asked for by the same words.
    dated = _text({"zwembad", "2026"}, Intent.WHEN)
    verdict = _judge("Op welke plek komt het nieuwe zwembad?", {"zwembad": 4.0}, dated)
    assert not verdict.answerable and verdict.reason == "where"
