"""Tables pypdf reads column by column: the labels first, then each column's values."""

from __future__ import annotations

from assistant.answering.render import render_row
from assistant.types import Chunk, Page
from ingest.chunking import chunk_document, verify_chunk
from ingest.column_tables import find_column_tables

DOGS = """De opbrengsten voor hondenbelasting zijn met het inflatiepercentage van 4,9% verhoogd.

Tabel 7.2 - Tarieven hondenbelasting en toeristenbelasting
2022 2023 2024 2025
Hondenbelasting
eerste hond
tweede hond

Toeristenbelasting
per overnachting (camping)

89,28
134,16

1,35

92,04
138,36

1,65

95,04
142,80

1,70

99,72
149,76

1,78

1.5 Heffingen en rechten""".splitlines()


def _rows(lines: list[str]) -> list[str]:
    return [row.render() for table in find_column_tables(lines, set()) for row in table.rows]


def test_each_column_is_read_down_and_rows_under_a_group_label_keep_it() -> None:
    (table,) = find_column_tables(DOGS, set())
    assert table.header == (
        "Tabel 7.2 - Tarieven hondenbelasting en toeristenbelasting",
        "2022",
        "2023",
        "2024",
        "2025",
    )
    assert [row.render() for row in table.rows] == [
        "Hondenbelasting | eerste hond | 89,28 | 92,04 | 95,04 | 99,72",
        "Hondenbelasting | tweede hond | 134,16 | 138,36 | 142,80 | 149,76",
        "Toeristenbelasting | per overnachting (camping) | 1,35 | 1,65 | 1,70 | 1,78",
    ]
    assert DOGS[table.end] == "1.5 Heffingen en rechten"


def test_label_blocks_that_take_turns_with_their_values_and_a_wrapped_label() -> None:
    lines = """Tabel 7.6 - Tarieven afvalstoffenheffing
tarief 2024 tarief 2025
Eenpersoonshuishouden
vastrecht boven 250 m3, maar niet meer dan
1.000 m3

352,20
n.v.t

398,04
1,85

Meerpersoonshuishouden (laagbouw)
517,32
584,40""".splitlines()
    assert _rows(lines) == [
        "Eenpersoonshuishouden | 352,20 | 398,04",
        "vastrecht boven 250 m3, maar niet meer dan 1.000 m3 | n.v.t | 1,85",
        "Meerpersoonshuishouden (laagbouw) | 517,32 | 584,40",
    ]


def test_a_captioned_table_without_column_names_has_one_value_column() -> None:
    lines = """Tabel 7.7 - Berekening kostendekkingspercentage begraafplaatsrechten
Kosten taakveld(en) incl. omslagrente
Inkomsten taakveld(en), excl. heffingen
122.000
0
Netto kosten taakveld(en) 122.000 en meer tekst die geen label is, want deze regel is te lang.""".splitlines()
    assert _rows(lines) == [
        "Kosten taakveld(en) incl. omslagrente | 122.000",
        "Inkomsten taakveld(en), excl. heffingen | 0",
    ]


def test_counts_that_fit_no_reading_give_no_table() -> None:
    uneven = [*DOGS[:13], "92,04"]  # three values: neither three rows nor five times four columns
    assert find_column_tables(uneven, set()) == []
    unnamed = ["Effect", "Jaarverslag Stadsbank", "Jaarlijks", "2019", "143"]  # no caption, no column names
    assert find_column_tables(unnamed, set()) == []
    assert find_column_tables(DOGS, set(range(len(DOGS)))) == []  # another reading took the lines


def test_a_column_table_chunk_renders_its_rows_and_verifies_cell_by_cell() -> None:
    page = Page(1, "\n".join(DOGS))
    chunks = chunk_document("wassenaar-2025", [page])
    (table,) = [c for c in chunks if c.kind == "table"]
    assert verify_chunk(table, [page])
    row = table.text.splitlines()[2]
    assert (
        render_row(row, table)
        == "Hondenbelasting tweede hond — 2022: 134,16; 2023: 138,36; 2024: 142,80; 2025: 149,76"
    )
    tampered = Chunk(**{**table.__dict__, "text": table.text.replace("149,76", "149,77")})
    assert not verify_chunk(tampered, [page])
