"""Selection: which blocks answer, and in a comparison which block speaks for each side."""

from __future__ import annotations

from assistant.answering.question import Intent, analyze_question
from assistant.answering.select import Block, Selector
from assistant.answering.units import EvidenceUnit, opens_entry
from assistant.protocols import TermStats
from assistant.settings import Settings
from assistant.types import Chunk, UnitKind
from tests.fakes import TableVocabulary


def _block(doc_id: str, text: str, score: float, *intents: Intent, municipality: str = "") -> Block:
    meta = {"municipality": municipality} if municipality else {}
    chunk = Chunk(id=doc_id, doc_id=doc_id, text=text, page_start=1, page_end=1, kind="text", meta=meta)
    unit = EvidenceUnit(text, UnitKind.SENTENCE, chunk, 0, (0, 0))
    return Block([unit], "text", frozenset(text.lower().split()), frozenset(intents), score)


def test_each_side_of_a_comparison_is_a_block_about_the_subject() -> None:
    question = "Hoe is de peilwaarde voor eenzaamheid veranderd tussen de begroting 2024 en die van 2025?"
    analysis = analyze_question(question)
    vocabulary = TableVocabulary({"eenzaamheid": 4.0, "peilwaarde": 2.0})
    selector = Selector(Settings(), analysis, TermStats({}, frozenset(), 1.0, vocabulary), lambda units: [])
    # A row that shares only the column asked with the question ranks first in its budget.
    header = _block("b-2024", "aantal woningen peilwaarde 12.371", 0.9, Intent.INDICATOR, Intent.NUMBER)
    old = _block("b-2024", "eenzaamheid 49%", 0.5, Intent.PERCENT)
    new = _block("b-2025", "eenzaamheid peilwaarde 51,1%", 0.8, Intent.PERCENT, Intent.INDICATOR)
    chosen = selector.choose([header, new, old], groups=["b-2024", "b-2025"]).blocks
    assert old in chosen and new in chosen and header not in chosen


def test_a_side_of_a_comparison_is_complete_on_its_own() -> None:
    question = "Hoe bieden Almelo en Hengelo respijtzorg aan mantelzorgers?"
    vocabulary = TableVocabulary({"respijtzorg": 4.0, "mantelzorgers": 3.0})
    stats = TermStats({}, frozenset(), 1.0, vocabulary)
    selector = Selector(Settings(), analyze_question(question), stats, lambda units: [])

    almelo = _block("almelo", "almelo biedt respijtzorg aan mantelzorgers", 0.9, municipality="Almelo")
    hengelo = _block("hengelo", "hengelo steunt mantelzorgers", 0.8, municipality="Hengelo")
    respite = _block("hengelo", "hengelo regelt respijtzorg", 0.5, municipality="Hengelo")
    chosen = selector.choose([almelo, hengelo, respite], groups=["Almelo", "Hengelo"]).blocks
    # Almelo's block names respijtzorg; that says nothing of how Hengelo offers it.
    assert respite in chosen


def test_a_list_ranks_at_least_as_well_as_its_best_item() -> None:
    lines = [
        (UnitKind.LEAD, "De onderzoeken van de toezichthouders hebben geleid tot de navolgende adviezen:"),
        (UnitKind.ITEM, "- Terugvordering: ruim 3 miljoen euro"),
        (UnitKind.ITEM, "- Besparing door 4 beëindigingen: ruim 200.000 euro"),
        (UnitKind.SENTENCE, "Een voorbeeld is het project met gecertificeerde instellingen."),
    ]
    text = " ".join(t for _, t in lines)
    chunk = Chunk(id="c", doc_id="d", text=text, page_start=1, page_end=1, kind="text")
    units = [
        EvidenceUnit(text, kind, chunk, 0, (0, i), group=0 if kind != UnitKind.SENTENCE else -1)
        for i, (kind, text) in enumerate(lines)
    ]
    analysis = analyze_question("Wat hebben de onderzoeken van de toezichthouders opgeleverd?")
    vocabulary = TableVocabulary({"onderzoeken": 2.0, "toezichthouders": 3.0})
    stats = TermStats({}, frozenset(), 1.0, vocabulary)
    selector = Selector(Settings(), analysis, stats, lambda units: [None] * len(units))
    scored = selector.score(units)
    # The item scores best (it gives an amount and its lead-in counts as its context); read alone,
    # with the sentence after it, it would lose the other item and what both are advice of.
    by_text = {s.unit.text: s for s in scored}
    by_text[lines[2][1]].score = max(s.score for s in scored) + 0.5
    blocks = selector.blocks(sorted(scored, key=lambda s: -s.score), units)
    assert blocks[0].kind == "list"
    assert [u.text for u in blocks[0].units] == [text for kind, text in lines if kind != UnitKind.SENTENCE]


def test_a_text_block_does_not_run_into_the_title_of_the_next_entry() -> None:
    raw = [
        "Bestandsformaten raken snel verouderd.",
        "Daarom is een e-depot voor permanent te bewaren digitale bestanden verplicht.",
        "Uitkering gemeentefonds\n(hogere baten 2025 € 2.070.000)\nGemeenten ontvangen geld van het Rijk.",
    ]
    lines = [" ".join(r.split()) for r in raw]
    chunk = Chunk(id="c", doc_id="d", text="\n".join(raw), page_start=1, page_end=1, kind="text")
    units = [
        EvidenceUnit(line, UnitKind.SENTENCE, chunk, 0, (0, i), opens_entry=opens_entry(r))
        for i, (r, line) in enumerate(zip(raw, lines, strict=True))
    ]
    analysis = analyze_question("Wat kost het e-depot?")
    stats = TermStats({}, frozenset(), 1.0, TableVocabulary({"e-depot": 3.0}))
    selector = Selector(Settings(), analysis, stats, lambda units: [None] * len(units))
    scored = selector.score(units)
    blocks = selector.blocks(scored, units)
    anchored = [b for b in blocks if lines[1] in [u.text for u in b.units]]
    # The amount under the next title is of something else: no window reaches it for its figure.
    assert anchored and all(lines[2] not in [u.text for u in b.units] for b in anchored)


def test_a_labelled_subgoal_brings_the_list_it_heads_to_a_list_question() -> None:
    lines = [
        (UnitKind.ITEM, "Subdoel: Inwoners langer zelfstandig laten wonen", 0),
        (UnitKind.ITEM, "- Tegengaan eenzaamheid", 1),
        (UnitKind.ITEM, "Subdoel: Faciliteren van de transformatie", 2),
        (UnitKind.ITEM, "- Inwonersinitiatieven en inwonersparticipatie", 3),
        (UnitKind.ITEM, "- Organiseren bijeenkomsten (WeConnect en Collegereeksen)", 3),
    ]
    chunk = Chunk(id="c", doc_id="d", text="\n".join(t for _, t, _ in lines), page_start=1, page_end=1)
    units = [EvidenceUnit(t, kind, chunk, 0, (0, i), group=g) for i, (kind, t, g) in enumerate(lines)]
    vocabulary = TableVocabulary(
        {"subdoel": 1.0, "faciliteren": 3.0, "transformatie": 3.0, "activiteiten": 1.0}
    )
    stats = TermStats({}, frozenset(), 1.0, vocabulary)

    def first_block(question: str) -> list[str]:
        selector = Selector(Settings(), analyze_question(question), stats, lambda units: [None] * len(units))
        return [u.text for u in selector.blocks(selector.score(units), units)[0].units]

    # The activities under the subgoal, not the label alone; the next label's list is not it.
    asked = "Welke activiteiten noemt Twenterand onder het subdoel 'Faciliteren van de transformatie'?"
    assert first_block(asked) == [t for _, t, _ in lines[2:]]
    # Asked what the subgoal is, the label is the answer.
    assert first_block("Wat is het subdoel over de transformatie?") == [lines[2][1]]


def _passage(lines: list[str]) -> list[EvidenceUnit]:
    chunk = Chunk(id="c", doc_id="d", text=" ".join(lines), page_start=1, page_end=1, kind="text")
    return [EvidenceUnit(line, UnitKind.SENTENCE, chunk, 0, (0, i)) for i, line in enumerate(lines)]


def _blocks(question: str, units: list[EvidenceUnit], idf: dict[str, float]) -> tuple[Selector, list[Block]]:
    """A selector for `question` over a vocabulary of `idf`, and the blocks it makes of `units`."""
    stats = TermStats({}, frozenset(), 1.0, TableVocabulary(idf))
    selector = Selector(Settings(), analyze_question(question), stats, lambda units: [None] * len(units))
    return selector, selector.blocks(selector.score(units), units)


def _chosen(question: str, units: list[EvidenceUnit], idf: dict[str, float]) -> list[str]:
    selector, blocks = _blocks(question, units, idf)
    return [u.text for u in selector.choose(blocks).units]


def test_what_a_passage_says_further_on_about_what_was_asked_is_taken() -> None:
    units = _passage(
        [
            "Sinds 2019 doet Almelo mee aan een landelijke buitenhuis pilot voor kinderen van ouders met "
            "verslavingsproblemen.",
            "Hierdoor ontstaat rust in het gezin en wordt uithuisplaatsing voorkomen.",
            "De kinderen worden opgevangen op een veilige plek met leeftijdsgenoten.",
            "Veel ouders brengen in die periode hun leven weer op orde.",
            "De financiering van de pilot komt grotendeels uit beschikbare budgetten voor VVE.",
        ]
    )
    idf = {"buitenhuis": 4.0, "verslavingsproblemen": 4.0, "pilot": 1.0, "kinderen": 1.0, "ouders": 1.0}
    question = "Waaruit betaalt Almelo de buitenhuis pilot voor kinderen van ouders met verslavingsproblemen?"
    # Naming the pilot only as "de pilot", the sentence shares little with the question; it is the
    # one that says what the pilot is paid from.
    assert units[4].text in _chosen(question, units, idf)


def test_a_sentence_further_on_without_the_subject_does_not_give_what_was_asked() -> None:
    units = _passage(
        [
            "De algemene voorziening dagactiviteiten is bedoeld voor ouderen met weinig sociaal contact "
            "en hun mantelzorgers.",
            "Het voorkomen van eenzaamheid en het ontlasten van mantelzorgers zijn belangrijke doelen.",
            "Het stimuleren van vaardigheden die nog intact zijn hoort er ook bij.",
            "Dat zijn in het kader van dagactiviteiten belangrijke doelstellingen.",
            "We sluiten aan bij de wensen die er zijn en er is een geschikte locatie ingericht.",
        ]
    )
    idf = dict.fromkeys(["dagactiviteiten", "ouderen", "sociaal", "contact"], 2.0)
    question = (
        "In welk gebouw zit de algemene voorziening dagactiviteiten voor ouderen met weinig sociaal contact?"
    )
    # "een geschikte locatie" names no place of the voorziening; the window that brings it along
    # is taken for it only when the sentence says whose place it is.
    assert units[4].text not in _chosen(question, units, idf)


def test_each_side_of_a_comparison_brings_its_own_best_units() -> None:
    def unit(municipality: str, index: int, text: str) -> EvidenceUnit:
        chunk = Chunk(
            id=f"{municipality}-{index}", doc_id=municipality.lower(), text=text, page_start=1, page_end=1,
            kind="text", meta={"municipality": municipality},
        )  # fmt: skip
        return EvidenceUnit(text, UnitKind.SENTENCE, chunk, index, (index, 0))

    units = [
        unit("Almelo", 0, "Almelo zet wijkcoaches in voor mantelzorgers en hun ondersteuning."),
        unit("Almelo", 1, "De mantelzorgers in Almelo krijgen een waardering en ondersteuning."),
        unit("Almelo", 2, "Ondersteuning van mantelzorgers gebeurt via het steunpunt."),
        unit("Hengelo", 3, "Hengelo biedt respijtzorg aan wie voor een naaste zorgt."),
    ]
    stats = TermStats({}, frozenset(), 1.0, TableVocabulary({"mantelzorgers": 3.0, "ondersteuning": 2.0}))
    base = Settings()
    settings = base.model_copy(
        update={"answer": base.answer.model_copy(update={"top_units": 2, "per_part_units": 0})}
    )
    question = "Hoe ondersteunen Almelo en Hengelo mantelzorgers?"
    selector = Selector(settings, analyze_question(question), stats, lambda units: [None] * len(units))
    scored = selector.score(units)

    def sides_shown(sides: list[str]) -> set[str]:
        return {b.units[0].municipality for b in selector.blocks(scored, units, sides)}

    # Hengelo's passage shares no word with the question; it still speaks for its side.
    assert sides_shown([]) == {"Almelo"}
    assert sides_shown(["Almelo", "Hengelo"]) == {"Almelo", "Hengelo"}


def test_a_series_a_sentence_opens_reads_to_its_end() -> None:
    units = _passage(
        [
            "Voor de lokale kamer wordt jaarlijks € 110.000 geraamd.",
            "Dit geld is ten eerste bedoeld voor een regiefunctionaris van de lokale kamer.",
            "Hiervoor is een jaarlijks bedrag van € 80.000 beschikbaar gesteld.",
            "Ten tweede is dit geld bedoeld om een uitvoeringscoordinator aan te stellen.",
            "Hiervoor is een jaarlijks bedrag van € 30.000 beschikbaar gesteld.",
            "Voor bewustwording van ondermijning wordt structureel € 10.000 begroot.",
        ]
    )
    _, blocks = _blocks(
        "Waar gaat het geld voor de lokale kamer naartoe?", units, {"kamer": 3.0, "lokale": 2.0}
    )
    opening = next(b for b in blocks if units[1] in b.units)
    # Both halves of "ten eerste ... ten tweede" with what each costs; not the next entry.
    assert units[3] in opening.units and units[4] in opening.units
    assert units[5] not in opening.units


def test_a_series_read_in_one_sentence_does_not_run_on() -> None:
    units = _passage(
        [
            "De lokale kamer richt zich enerzijds op preventie en anderzijds op zorg.",
            "Er is in de wijken veel te doen.",
            "Wij werken met veel partners samen in de regio.",
            "Anderzijds stijgen de kosten van de jeugdzorg fors.",
        ]
    )
    _, blocks = _blocks("Waar richt de lokale kamer zich op?", units, {"kamer": 3.0, "lokale": 2.0})
    assert all(units[3] not in b.units for b in blocks if units[0] in b.units)


def test_a_two_part_question_shows_no_sentence_twice() -> None:
    question = "Sinds wanneer kunnen inwoners zich lokaal aanmelden voor beschermd wonen, en wie wijst toe?"
    stats = TermStats(
        {}, frozenset(), 1.0, TableVocabulary({"beschermd": 3.0, "aanmelden": 3.0, "wijst": 3.0})
    )
    selector = Selector(Settings(), analyze_question(question), stats, lambda units: [None] * len(units))
    sentences = [
        _block("d", "inwoners melden zich aan voor beschermd wonen bij het loket", 0.9).units[0],
        _block("d", "er wordt lokaal getoetst wie beschermd wonen krijgt", 0.9).units[0],
        _block("d", "de centrumgemeente wijst beschermd wonen toe", 0.9, Intent.WHO).units[0],
    ]

    def window(*indexes: int, score: float) -> Block:
        units = [sentences[i] for i in indexes]
        terms = frozenset(w for u in units for w in u.text.split())
        return Block(units, "text", terms, frozenset({Intent.WHO} if 2 in indexes else ()), score)

    best, overlapping = window(0, 1, score=1.0), window(1, 2, score=0.95)
    since = _block("d", "per 1 januari 2025 kunnen inwoners zich lokaal aanmelden voor beschermd wonen", 0.5,
                   Intent.WHEN)  # fmt: skip
    units = [*sentences, *since.units]
    selector.blocks(selector.score(units), units)  # what the selector reads of each sentence
    shown = [u.text for u in selector.choose([best, overlapping, since]).units]
    # The windows overlap; what one shows, the other does not show again.
    assert len(shown) == len(set(shown))
    # The best window says who may apply; who assigns and since when come from the others.
    assert sentences[2].text in shown and since.units[0].text in shown
