from assistant.types import Page, UnitKind
from ingest.chunking import chunk_document, span_text, verify_chunk

SENTENCE = (
    "De gemeente ondersteunt inwoners die hulp nodig hebben bij het vinden van werk en inkomen."  # 15 words
)


def _para(n: int, tag: str) -> str:
    return " ".join(f"{SENTENCE[:-1]} {tag}{i}." for i in range(n))


def test_chunks_are_whole_sentences_and_verifiable() -> None:
    pages = [Page(1, "1 Inleiding\n" + _para(20, "a"))]
    chunks = chunk_document("doc", pages, target_words=60, max_words=90)
    assert len(chunks) > 2
    for chunk in chunks:
        assert verify_chunk(chunk, pages)
        assert chunk.text.rstrip().endswith(".")
        assert len(chunk.text.split()) <= 90
        assert chunk.section == "1 Inleiding"
    assert chunks[0].text.startswith("1 Inleiding")  # the heading helps retrieval
    covered = " ".join(c.text for c in chunks)
    assert all(f"a{i}." in covered for i in range(20))


def test_overlap_repeats_one_short_sentence() -> None:
    pages = [Page(1, _para(12, "b"))]
    first, second, *_ = chunk_document("doc", pages, target_words=60, max_words=90, overlap_sentences=1)
    last_of_first = first.text.split(". ")[-1]
    assert second.text.startswith(last_of_first.rstrip("."))


def test_never_across_a_heading_but_across_a_page_break() -> None:
    pages = [
        Page(1, "1 Inleiding\n" + _para(3, "c") + "\nDe zin loopt door op"),
        Page(2, "de volgende pagina en eindigt hier.\n2 Doelen\n" + _para(3, "d")),
    ]
    chunks = chunk_document("doc", pages, target_words=200, max_words=300)
    assert [c.section for c in chunks] == ["1 Inleiding", "2 Doelen"]
    first = chunks[0]
    assert (first.page_start, first.page_end) == (1, 2)
    assert [s.page for s in first.spans] == [1, 2]
    assert "De zin loopt door op\nde volgende pagina" in first.text
    assert all(verify_chunk(c, pages) for c in chunks)
    assert span_text(first, pages).endswith("eindigt hier.")


def test_bare_heading_joins_the_next_section() -> None:
    pages = [Page(1, "3 Programmalijnen\n3.1 Werk en inkomen\n" + _para(3, "e"))]
    (chunk,) = chunk_document("doc", pages)
    assert chunk.section == "3 Programmalijnen > 3.1 Werk en inkomen"
    assert chunk.text.startswith("3 Programmalijnen\n3.1 Werk en inkomen")


def test_small_tail_is_merged() -> None:
    pages = [Page(1, _para(8, "f") + " Kort slot.")]
    chunks = chunk_document("doc", pages, target_words=60, max_words=120)
    assert chunks[-1].text.endswith("Kort slot.")
    assert len(chunks[-1].text.split()) > 10


def test_ids_are_stable_and_unique() -> None:
    pages = [Page(1, "1 Inleiding\n" + _para(20, "g"))]
    one = [c.id for c in chunk_document("doc", pages, target_words=60)]
    two = [c.id for c in chunk_document("doc", pages, target_words=60)]
    assert one == two and len(set(one)) == len(one) and all(len(i) == 16 for i in one)


def test_table_rows_are_never_split_and_header_repeats() -> None:
    rows = []
    for i in range(30):
        rows += [f"Post nummer {i} |", f"{i}.000 |", f"{i + 1}.000 |"]
    text = "\n".join(
        ["Tabel financiën", "(bedragen x € 1.000) |", "2019 |", "2020 |", *rows, "Einde van de tabel."]
    )
    pages = [Page(1, text)]
    tables = [c for c in chunk_document("doc", pages, table_rows_per_chunk=12) if c.kind == "table"]
    assert len(tables) == 3
    for chunk in tables:
        assert chunk.text.startswith("(bedragen x € 1.000) | 2019 | 2020\n")
        assert chunk.unit == "(bedragen x € 1.000)"
        assert verify_chunk(chunk, pages)
    assert "Post nummer 12 | 12.000 | 13.000" in tables[1].text
    assert tables[1].amounts_eur[:2] == (12_000_000.0, 13_000_000.0)
    all_rows = [line for c in tables for line in c.text.split("\n")[1:]]
    assert len(all_rows) == 30


def test_repeated_paragraph_is_indexed_once() -> None:
    repeated = (
        "- VOORSTEL: Uitvoeren innovatiefonds\nDe gemeente investeert al jaren in innovatieve ideeën uit de "
        "samenleving. Dit heeft geleid tot veel initiatieven van inwoners en organisaties. Wij stellen voor "
        "het fonds met een jaar te verlengen."
    )
    pages = [
        Page(1, "1 Werk\n" + _para(2, "h") + "\n" + repeated),
        Page(2, "2 Zorg\n" + _para(3, "i") + "\n" + repeated + "\n" + _para(1, "j")),
    ]
    chunks = chunk_document("doc", pages, target_words=60, max_words=90)
    holders = [c for c in chunks if "innovatieve ideeën" in c.text]
    assert len(holders) == 1
    assert holders[0].page_start == 1 and holders[0].also_on == (2,)
    assert holders[0].pages == (1, 2)
    assert "i2." in " ".join(c.text for c in chunks) and "j0." in " ".join(c.text for c in chunks)


def test_short_section_stays_in_its_own_section_before_a_sibling() -> None:
    pages = [Page(1, "1 Inleiding\nKorte inleiding hier.\n2 Doelen\n" + _para(3, "k"))]
    sections = [c.section for c in chunk_document("doc", pages)]
    assert sections == ["1 Inleiding", "2 Doelen"]


def test_contents_printed_one_cell_a_line_is_no_table() -> None:
    contents = ["Inhoudsopgave"]
    for n, (title, page) in enumerate([("Inleiding", 3), ("Opgaven sociaal domein", 23)], start=1):
        contents += [f"{n}.", title, str(page)]
        wrapped_titles = ["Vormgeven integrale toegang en", "Inzetten op preventie en"]
        for sub, wrapped in enumerate(wrapped_titles, start=1):
            contents += [f"{n}.{sub}.", wrapped, "regie.....", str(page + sub)]
    pages = [Page(1, "\n".join(contents)), Page(2, "1. Inleiding\n" + _para(3, "a"))]
    chunks = chunk_document("doc", pages)
    assert not [c for c in chunks if c.kind == "table"]
    contents_units = [u for c in chunks for u in c.units if "Opgaven" in c.text[u.start : u.end]]
    assert contents_units and all(u.kind == UnitKind.TOC for u in contents_units)


def test_a_numbered_list_with_its_numbers_on_lines_of_their_own_stays_one_list() -> None:
    items = [
        "Iedere inwoner vindt op eenvoudige wijze informatie en advies",
        "Inwoners zijn zelfredzaam en blijven zelfstandig thuis wonen en leven",
        "Kinderen en jongeren doorlopen een doorgaande ontwikkellijn",  # short: reads as a title
        "Mensen met een beperking kunnen gelijkwaardig meedoen",
    ]
    body = "\n".join(f"- {i}.\n{item}\n{SENTENCE}" for i, item in enumerate(items, 1))
    pages = [Page(1, "5.2 Programmalijn 1\nWe richten ons op de volgende doelstellingen:\n" + body)]
    chunks = chunk_document("doc", pages, target_words=400, max_words=600)
    assert {c.section for c in chunks} == {"5.2 Programmalijn 1"}
    (chunk,) = chunks
    marks = [chunk.text[m.start : m.end] for m in chunk.units if m.kind == UnitKind.ITEM]
    assert [m.split("\n")[1] for m in marks] == items
    assert len({m.group for m in chunk.units if m.kind == UnitKind.ITEM}) == 1
