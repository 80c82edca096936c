from assistant.types import Chunk, Span
from ingest.dedupe import dedupe_chunks, jaccard, normalise, shingles

TEXT = (
    "De afgelopen anderhalf jaar heeft de gemeente geïnvesteerd in innovatieve ideeën uit de samenleving. "
    "Dit heeft geresulteerd in een groot aantal initiatieven van inwoners, verenigingen en organisaties."
)


def _chunk(text: str, page: int, kind: str = "text") -> Chunk:
    return Chunk(
        id=f"c{page}",
        doc_id="d",
        text=text,
        page_start=page,
        page_end=page,
        kind=kind,
        spans=(Span(page, 0, len(text)),),
    )


def test_normalise_ignores_case_punctuation_and_layout() -> None:
    assert normalise("- De  Gemeente,\nhelpt | inwoners.") == "de gemeente helpt inwoners"


def test_exact_duplicates_fold_into_the_first() -> None:
    out = dedupe_chunks(
        [_chunk(TEXT, 4), _chunk("Iets anders.", 5), _chunk(TEXT.upper(), 10), _chunk(TEXT, 13)]
    )
    assert [c.id for c in out] == ["c4", "c5"]
    assert out[0].also_on == (10, 13)


def test_near_duplicates_fold_but_different_texts_do_not() -> None:
    near = TEXT.replace("anderhalf", "1,5")
    assert jaccard(shingles(TEXT), shingles(near)) < 0.95
    long = TEXT + " " + " ".join(f"Zin {i} van de toelichting op het fonds." for i in range(12))
    long_near = long.replace("Zin 3", "zin drie")
    out = dedupe_chunks(
        [_chunk(long, 1), _chunk(long_near, 2), _chunk(TEXT + " Nieuwe afsluitende zin hier.", 3)]
    )
    assert [c.page_start for c in out] == [1, 3]
    assert out[0].also_on == (2,)


def test_tables_and_text_are_not_folded_together() -> None:
    assert len(dedupe_chunks([_chunk(TEXT, 1), _chunk(TEXT, 2, kind="table")])) == 2
