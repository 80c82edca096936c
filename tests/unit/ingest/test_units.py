"""Evidence units marked at ingest, through the production chunker."""

from __future__ import annotations

from assistant.types import Chunk, Page, UnitKind
from ingest.chunking import chunk_document


def units(*pages: str) -> list[tuple[str, str, int]]:
    """(kind, text, group) of every unit of every chunk, in order, without the overlap repeats."""
    chunks: list[Chunk] = chunk_document("d", [Page(n, t) for n, t in enumerate(pages, 1)], target_words=400)
    out: list[tuple[str, str, int]] = []
    for chunk in chunks:
        for mark in chunk.units:
            entry = (mark.kind.value, " ".join(chunk.text[mark.start : mark.end].split()), mark.group)
            if entry not in out:
                out.append(entry)
    return out


def kinds(*pages: str) -> dict[str, str]:
    return {text: kind for kind, text, _ in units(*pages)}


def test_a_list_keeps_its_lead_in_and_a_following_paragraph_is_not_part_of_it() -> None:
    marked = units(
        "De gemeente heeft drie speerpunten voor de komende jaren:\n"
        "- Meer inwoners aan het werk;\n- Minder schulden;\n- Betere zorg dichtbij.\n"
        "Daarnaast investeren we in de wijkteams van de gemeente.\n"
    )
    assert marked[0] == ("lead", "De gemeente heeft drie speerpunten voor de komende jaren:", 0)
    assert [(k, g) for k, _, g in marked[1:4]] == [("item", 0), ("item", 0), ("item", 0)]
    assert marked[4] == ("sentence", "Daarnaast investeren we in de wijkteams van de gemeente.", -1)


def test_title_items_keep_the_paragraphs_under_them() -> None:
    marked = units(
        "3.3 Strategische doelen\n"
        "We formuleren de volgende strategische doelen:\n"
        "1 Bevorderen zelfoplossend vermogen\n"
        "Versterken zelfredzaamheid van inwoners door aanpak van schulden.\n"
        "2 Versterken ondersteunende sociale structuren en\nvoorzieningen\n"
        "Adequaat ondersteunen van mantelzorgers en vrijwilligers in de wijk.\n"
    )
    assert [(k, t) for k, t, _ in marked if k == "item"] == [
        ("item", "1 Bevorderen zelfoplossend vermogen"),
        ("item", "2 Versterken ondersteunende sociale structuren en voorzieningen"),
    ]
    assert {g for k, _, g in marked if k != "heading"} == {0}  # lead-in, items and their paragraphs


def test_a_title_item_that_wraps_keeps_its_paragraph_apart_and_the_list_goes_on() -> None:
    """A goal's title fills a line and a half; its last line stops short where the paragraph
    under it begins. The paragraph is not glued into the title, and the next goal's paragraph
    still belongs to the list."""
    marked = units(
        "Binnen deze programmalijn richten we ons op de volgende doelstellingen:\n"
        "- 1.\nIedere inwoner met (hulp)vragen vindt in Leusden op eigen kracht en op eenvoudige wijze\n"
        "informatie en advies en zo nodig ondersteuning\n"
        "Inwoners zijn bekend met Larikslaan2 en weten dat zij daar – direct – terecht kunnen met hun\n"
        "informatie- en adviesvragen op het gebied van welzijn, zorg, vervoer, inkomen en werk. "
        "We zetten in\n"
        "op integraliteit tussen de domeinen, goede communicatie en geen wachttijden.\n"
        "- 2.\nInwoners zijn zelfredzaam en in staat zelfstandig (thuis) te blijven wonen en leven\n"
        "We gaan uit van de eigen kracht van inwoners en ondersteunen bij het zelfredzaam blijven.\n"
        "- 3.\nKinderen en jongeren doorlopen een doorgaande ontwikkellijn\n"
        "Kinderopvang wordt toegankelijk voor alle peuters.\n"
    )
    items = [t for k, t, _ in marked if k == "item"]
    assert items == [
        "- 1. Iedere inwoner met (hulp)vragen vindt in Leusden op eigen kracht en op eenvoudige wijze "
        "informatie en advies en zo nodig ondersteuning",
        "- 2. Inwoners zijn zelfredzaam en in staat zelfstandig (thuis) te blijven wonen en leven",
        "- 3. Kinderen en jongeren doorlopen een doorgaande ontwikkellijn",
    ]
    assert {g for _, _, g in marked} == {0}  # lead-in, goals and the paragraphs under them


def test_a_long_item_whose_sentence_wraps_onto_a_capital_goes_on() -> None:
    """A full line that breaks before a name is a sentence that goes on, not a title."""
    marked = units(
        "De gemeente werkt in de regio samen met andere partijen:\n"
        "- In de regio Twente werken we voor de inkoop van specialistische jeugdhulp samen met\n"
        "Almelo, Hengelo, Enschede en de andere Twentse gemeenten in het samenwerkingsverband\n"
        "- Voor beschermd wonen is Almelo de centrumgemeente.\n"
    )
    items = [t for k, t, _ in marked if k == "item"]
    assert items[0].endswith(
        "samen met Almelo, Hengelo, Enschede en de andere Twentse gemeenten in het samenwerkingsverband"
    )


def test_a_quoted_paragraph_under_a_title_item_is_not_part_of_the_title() -> None:
    marked = units(
        "Uit de evaluatie komen de volgende bevindingen naar voren:\n"
        "- Inwoners vinden de weg naar ondersteuning niet altijd.\n"
        "- Preventie en vroegsignalering moeten nog meer aandacht\nkrijgen\n"
        "“Gezinnen in schulden, jongeren tussen wal en schip: gemeenten staan voor veel opgaven.\n"
    )
    items = [t for k, t, _ in marked if k == "item"]
    assert items[1] == "- Preventie en vroegsignalering moeten nog meer aandacht krijgen"
    quote = "“Gezinnen in schulden, jongeren tussen wal en schip: gemeenten staan voor veel opgaven."
    assert ("sentence", quote) in [(k, t) for k, t, _ in marked]


def test_the_wrapped_end_of_an_item_paragraph_is_no_title_of_the_next_item() -> None:
    """A goal's paragraph wraps on "en"; its last two words stand on a line of their own right
    above the next numbered goal, as a title above a list would."""
    marked = units(
        "Doelen\n"
        "- 2.\nInwoners wonen en leven in een veilige (huiselijke) omgeving\n"
        "We willen het bewustzijn vergroten, de samenwerking versterken en het gebruik van meldcode en\n"
        "Verwijsindex stimuleren.4\n"
        "- 3.\nInwoners van Leusden streven een gezonde leefstijl na\n"
    )
    assert "heading" not in [k for k, t, _ in marked if "Verwijsindex" in t]
    assert any(t.endswith("het gebruik van meldcode en Verwijsindex stimuleren.4") for _, t, _ in marked)


def test_a_new_kind_of_list_with_its_own_lead_in_is_another_list() -> None:
    marked = units(
        "1.1 Georganiseerde activiteiten voor ouderen\n1.2 Opgesteld advies over respijtzorg\n"
        "Versterking van de participatie is een opgave voor de komende jaren in het dorp.\n"
        "Het beleid richt zich op 3 pijlers:\n- Beperking van de instroom;\n- Doorstroom naar werk.\n"
    )
    lead = next(g for k, _, g in marked if k == "lead")
    assert [t for k, t, g in marked if g == lead] == [
        "Het beleid richt zich op 3 pijlers:",
        "- Beperking van de instroom;",
        "- Doorstroom naar werk.",
    ]
    assert lead != marked[0][2]


def test_goal_labels_form_a_list_and_label_lines_are_their_own_units() -> None:
    marked = units(
        "Doel: Onderwijsachterstanden zijn teruggedrongen\n"
        "Het doel is achterstanden vroeg te signaleren bij jonge kinderen in de kern.\n"
        "Doel: Laaggeletterdheid is afgenomen\n"
        "Laaggeletterden kunnen minder goed meedoen in de samenleving van vandaag.\n"
    )
    goals = [(t, g) for k, t, g in marked if k == "item"]
    assert [t for t, _ in goals] == [
        "Doel: Onderwijsachterstanden zijn teruggedrongen",
        "Doel: Laaggeletterdheid is afgenomen",
    ]
    assert goals[0][1] == goals[1][1] >= 0


def test_footnotes_captions_and_page_marks_are_marked_never_sentences() -> None:
    marked = kinds(
        "Het aantal ouderen neemt fors toe in de komende twintig jaar.¹\n"
        "Tabel: Cijfers bevolking en huishoudens\n"
        "Bron: CBS Statline, kerncijfers wijken en buurten\n"
        "¹ Uit beleidsplan Kom erbij en doe mee: Samen tegen eenzaamheid, gebaseerd op Factsheet\n"
        "Alzheimer Nederland, cijfers 2018 - 2050\n"
        "Pagina 3 van 12\n"
        "Dit betekent een toename van ruim 36% ten opzichte van nu.\n"
    )
    assert marked["Tabel: Cijfers bevolking en huishoudens"] == "caption"
    assert marked["Bron: CBS Statline, kerncijfers wijken en buurten"] == "caption"
    footnote = next(t for t in marked if t.startswith("¹"))
    assert marked[footnote] == "footnote" and footnote.endswith("cijfers 2018 - 2050")  # the wrapped line too
    assert marked["Pagina 3 van 12"] == "header"
    assert marked["Dit betekent een toename van ruim 36% ten opzichte van nu."] == "sentence"


def test_a_table_of_contents_is_marked_and_a_title_block_is_a_heading() -> None:
    marked = kinds(
        "Strategisch beleidsplan 2022\nGEMEENTE ALMELO\nInhoudsopgave\nInleiding ........ 2\n"
        "1 Vertrekpunt ........ 3\n2 Tussenstop ........ 6\n"
        "Zeven jaar na de decentralisaties vernieuwen wij het beleidsplan voor het sociaal domein.\n"
    )
    assert marked["Strategisch beleidsplan 2022 GEMEENTE ALMELO"] == "heading"
    assert marked["Inhoudsopgave"] == "toc" and marked["1 Vertrekpunt ........ 3"] == "toc"
    assert kinds("x")  # a page with a stub still yields units
    assert "sentence" in marked.values()


def test_a_flattened_indicator_table_is_cut_into_whole_records() -> None:
    page = (
        "In 2024 zijn minder\ninwoners aangewezen op\nmaatwerkvoorzieningen\n"
        "Percentage jeugdigen\n(tot 18 jaar) dat\njeugdhulp krijgt (%)\nEffect\nTwentse\nMonitor\n"
        "Jaarlijks\n2019\n12,6%\n"
        "Percentage inwoners\n(18-65 jaar) dat een\nmaatwerkvoorziening krijgt (%)\nEffect\n"
        "Jaarlijks\n2019\n7,1%\n"
    )
    # Whether read as a loose table (rows) or as text (records), a value stays with its indicator.
    records = [" ".join(t.replace("|", " ").split()) for k, t, _ in units(page) if k in ("row", "sentence")]
    first = "Percentage jeugdigen (tot 18 jaar) dat jeugdhulp krijgt (%) Effect Twentse Monitor Jaarlijks"
    assert f"{first} 2019 12,6%" in records
    assert (
        "Percentage inwoners (18-65 jaar) dat een maatwerkvoorziening krijgt (%) Effect Jaarlijks 2019 7,1%"
        in records
    )


def test_table_rows_are_units_under_a_heading() -> None:
    text = "Omschrijving (x € 1.000) |\n2019 |\n2022 |\nDoorbraakmethode |\n750 |\n4.500 |\n"
    chunks = chunk_document("d", [Page(1, text + "Dagstructurering |\n300 |\n440 |\n")])
    table = next(c for c in chunks if c.kind == "table")
    assert [m.kind for m in table.units] == [UnitKind.HEADING, UnitKind.ROW, UnitKind.ROW]
    assert table.text[table.units[1].start : table.units[1].end] == "Doorbraakmethode | 750 | 4.500"


def test_a_heading_that_names_an_amount_is_quotable_text() -> None:
    page = (
        "Nieuw beleid\nDe raad stemt in met de volgende voorstellen voor 2024.\n\n"
        "Formatie-uitbreiding griffie (hogere lasten € 20.000)\n"
        "De uitbreiding van de ondersteuning is nodig vanwege meer administratieve taken.\n\n"
        "Participatiekompas\n"
        "Participatie betekent dat de gemeente samen met de bewoners optrekt.\n"
    )
    marked = units(page)
    costed = [(k, t) for k, t, _ in marked if "€ 20.000" in t]
    assert costed and all(k == "sentence" for k, _ in costed)
    assert ("heading", "Participatiekompas") in [(k, t) for k, t, _ in marked]


def test_body_text_after_a_footnote_printed_mid_page_is_no_footnote() -> None:
    marked = kinds(
        "Dat zien we in de cijfers van de Twentse monitor over de afgelopen jaren.\n"
        "⁴ Hierop hebben we geen invloed, want wordt door de rechter opgelegd\n"
        "Uit landelijke cijfers en uit eigen onderzoek onder de doelgroep weten we dat van\n"
        "huishoudens die beroep doen op een voorziening, 40% een beroep doet op meer dan één.\n"
        "⁵ Bron: Mobiliteit in het sociaal domein, VNG, september 2020; de\n"
        "Visitatiecommissie heeft tot nu toe drie rapporten uitgebracht.\n"
    )
    body = (
        "Uit landelijke cijfers en uit eigen onderzoek onder de doelgroep weten we dat van huishoudens "
        "die beroep doen op een voorziening, 40% een beroep doet op meer dan één."
    )
    assert marked[body] == "sentence"
    # A line that goes on from a line that cannot end there still belongs to the note.
    note = next(t for t in marked if t.startswith("⁵"))
    assert marked[note] == "footnote" and note.endswith("drie rapporten uitgebracht.")


def test_a_table_with_words_after_its_figures_gives_a_row_unit_per_row() -> None:
    marked = kinds(
        "Hieronder zijn de begrote exploitatiebudgetten per kapitaalgoed in beeld gebracht.\n"
        "Kapitaalgoed 2025 2026 2027 2028 Specificatie werkzaamheden\n"
        "Wegen 1.818 2.000 2.083 2.081 Herstelwerkzaamheden asfalt,\n"
        "bestrating, markeringen en inspecties\n"
        "Civieltechnische\n"
        "kunstwerken\n"
        "211 346 351 366 Reinigingen, schilderen,\n"
        "herstelwerkzaamheden en inspecties\n"
        "Speelvoorzieningen 176 176 176 176 Veiligheidscontroles, reparaties en\n"
        "onderhoud\n"
        "Verkeersregelings-\n"
        "Installaties\n"
        "950 0 0 0 Doseerlichten\n"
        "(inclusief dotatie voorziening en kapitaallasten, exclusief interne uren)\n"
        "De begrote stijging van de uitgaven is het gevolg van stijgende kapitaallasten.\n"
    )
    rows = [
        "Wegen | 1.818 | 2.000 | 2.083 | 2.081 | Herstelwerkzaamheden asfalt, bestrating, markeringen en "
        "inspecties",
        # a label printed above its figures starts its row
        "Civieltechnische kunstwerken | 211 | 346 | 351 | 366 | Reinigingen, schilderen, "
        "herstelwerkzaamheden en inspecties",
        "Speelvoorzieningen | 176 | 176 | 176 | 176 | Veiligheidscontroles, reparaties en onderhoud",
        # a label over two lines
        "Verkeersregelings- Installaties | 950 | 0 | 0 | 0 | Doseerlichten",
    ]
    for row in rows:
        assert marked[row] == "row", row
    # What follows the table is no part of its last row, and the note in brackets under the table
    # is the table's, not the start of the sentence after it.
    assert (
        marked["De begrote stijging van de uitgaven is het gevolg van stijgende kapitaallasten."]
        == "sentence"
    )
    assert not any("inclusief dotatie" in text for text in marked)


def test_figures_printed_as_text_without_their_header_give_a_unit_per_row() -> None:
    # The part of such a table on the next page has no header to read it by: its rows stay text,
    # one unit each.
    marked = kinds(
        "Hieronder staan de overige kapitaalgoederen.\n"
        "Wegen 1.818 2.000 2.083 2.081 Herstelwerkzaamheden asfalt,\n"
        "bestrating, markeringen en inspecties\n"
        "Speelvoorzieningen 176 176 176 176 Veiligheidscontroles, reparaties en\n"
        "onderhoud\n"
        "De begrote stijging van de uitgaven is het gevolg van stijgende kapitaallasten.\n"
    )
    row = "Speelvoorzieningen 176 176 176 176 Veiligheidscontroles, reparaties en onderhoud"
    assert marked[row] == "sentence"
