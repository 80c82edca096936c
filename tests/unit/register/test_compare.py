"""Compare tables (terminal, CSV, JSON, Markdown) and commitment checklists."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest

from assistant.register import render
from assistant.register.commitments import commitments
from assistant.register.compare import UnknownThemeError, compare
from assistant.register.models import Amount, Provenance, Record
from assistant.register.store import RegisterStore
from tests.unit.register.conftest import meta


def _r(kind: str, text: str, doc: str, municipality: str, year: int, page: int, **kw) -> Record:
    return Record(kind, text, Provenance(doc, page, text, 0, len(text)), municipality, year, **kw)


@pytest.fixture
def store(tmp_path: Path) -> RegisterStore:
    s = RegisterStore(tmp_path / "register.sqlite")
    a = meta("almelo-plan-2020", "Almelo", 2020)
    s.replace_document(
        a,
        [
            _r(
                "goal",
                "Minder inwoners met problematische schulden",
                a.doc_id,
                "Almelo",
                2020,
                3,
                level="strategic",
                themes=("armoede-schulden",),
            ),
            _r(
                "indicator",
                "Aantal inwoners met problematische schulden",
                a.doc_id,
                "Almelo",
                2020,
                4,
                baseline_value="1.200",
                baseline_year=2019,
                source="CBS",
                themes=("armoede-schulden",),
            ),
            _r(
                "budget",
                "Schuldhulpverlening",
                a.doc_id,
                "Almelo",
                2020,
                5,
                amounts=(Amount(250_000, 2021, "2021"), Amount(300_000, 2022, "2022")),
                themes=("armoede-schulden",),
            ),
            _r(
                "measure",
                "We starten in 2021 met de Doorbraakmethode voor gezinnen met schulden",
                a.doc_id,
                "Almelo",
                2020,
                6,
                deadline="in 2021",
                themes=("armoede-schulden",),
            ),
        ],
    )
    later = meta("almelo-beleidsplan-2022", "Almelo", 2022)
    s.replace_document(
        later,
        [
            _r(
                "measure",
                "Inzetten van de Doorbraakmethode om schulden bij gezinnen snel op te lossen",
                later.doc_id,
                "Almelo",
                2022,
                15,
                themes=("armoede-schulden",),
            ),
        ],
    )
    h = meta("hengelo-programma-2021", "Hengelo", 2021)
    s.replace_document(
        h,
        [
            _r(
                "goal",
                "In 2024 zijn minder inwoners eenzaam",
                h.doc_id,
                "Hengelo",
                2021,
                8,
                themes=("preventie-gezondheid",),
            ),
        ],
    )
    return s


def test_compare_has_a_column_per_municipality_and_says_when_there_is_nothing(store: RegisterStore) -> None:
    table = compare(store, "armoede")
    assert table.theme.id == "armoede-schulden"
    assert table.municipalities == ("Almelo", "Hengelo")
    assert [i.text for i in table.cell("budget", "Almelo").items] == ["Schuldhulpverlening"]
    assert table.cell("budget", "Almelo").items[0].detail == "2021: € 250.000; 2022: € 300.000"
    assert table.cell("indicator", "Almelo").items[0].detail == "nulmeting 1.200 (2019); bron: CBS"
    empty = table.cell("goal", "Hengelo")
    assert empty.items == () and "Hengelo" in empty.empty and "geen doelen" in empty.empty
    assert compare(store, "armoede", ["Leusden"]).cell("goal", "Leusden").empty.startswith("Geen documenten")
    with pytest.raises(UnknownThemeError):
        compare(store, "ruimtevaart")


def test_compare_renders_as_terminal_table_csv_json_and_markdown(store: RegisterStore) -> None:
    table = compare(store, "armoede-schulden")
    text = render.compare_to_text(table)
    assert "Armoede en schulden" in text and "almelo-plan-2020 p. 5" in text and "Niets gevonden" in text
    rows = list(csv.reader(io.StringIO(render.compare_to_csv(table))))
    assert rows[0] == ["Thema: Armoede en schulden", "Almelo", "Hengelo"]
    assert [r[0] for r in rows[1:]] == ["Doelen", "Indicatoren", "Budget (euro per jaar)", "Toezeggingen"]
    assert "(almelo-plan-2020 p. 3)" in rows[1][1]
    long = list(csv.reader(io.StringIO(render.compare_to_csv(table, long=True))))
    assert [
        "budget",
        "Almelo",
        "Schuldhulpverlening",
        "2021: € 250.000; 2022: € 300.000",
        "almelo-plan-2020",
        "5",
        "Schuldhulpverlening",
    ] in long
    data = json.loads(render.compare_to_json(table))
    assert data["rows"][2]["cells"]["Almelo"]["items"][0]["page"] == 5
    assert render.compare_to_markdown(table).startswith("| Thema: Armoede en schulden | Almelo | Hengelo |")


def test_commitments_show_what_a_later_document_says_about_them(store: RegisterStore) -> None:
    items = commitments(store, "Almelo")
    first = next(i for i in items if i.record.type == "measure" and i.record.doc_id == "almelo-plan-2020")
    assert [f.doc for f in first.followups] == ["almelo-beleidsplan-2022"]
    assert first.status == "on_schedule"  # named again, no word of delay or completion
    last = next(i for i in items if i.record.doc_id == "almelo-beleidsplan-2022")
    assert last.followups == () and last.status == "no_later"  # nothing later than the latest document
    text = render.commitments_to_text(items, "Almelo")
    assert "[ ] [loopt (op schema)] We starten in 2021" in text
    assert "Later (almelo-beleidsplan-2022, p. 15)" in text
    data = json.loads(render.commitments_to_json(items))
    measure = next(d for d in data if d["commitment"]["type"] == "measure")
    assert measure["later"][0]["page"] == 15 and measure["status_label"] == "loopt (op schema)"
    assert "Toezeggingen van Almelo" in render.commitments_to_markdown(items, "Almelo")
    assert render.commitments_to_text([], "Leusden").startswith("Geen toezeggingen")


def test_register_listings_render(store: RegisterStore) -> None:
    records = store.query(municipality="Almelo", type="budget")
    assert "Schuldhulpverlening" in render.records_to_text(records)
    assert list(csv.reader(io.StringIO(render.records_to_csv(records))))[1][:3] == [
        "Almelo",
        "begrotingsregel",
        "Schuldhulpverlening",
    ]
    assert json.loads(render.records_to_json(records))[0]["amounts"][0]["eur"] == 250_000
    # A record restated elsewhere names those places too.
    restated = replace(
        records[0],
        also_at=(
            Provenance(records[0].doc_id, 12, records[0].quote, 0, 1),
            Provenance("almelo-review-2020", 3, records[0].quote, 0, 1),
        ),
    )
    assert render.source_with_places(restated) == (
        f"{records[0].doc_id} p. {records[0].page} (ook p. 12, almelo-review-2020 p. 3)"
    )
    assert render.source_with_places(records[0]) == f"{records[0].doc_id} p. {records[0].page}"
    assert "| Almelo | begrotingsregel |" in render.records_to_markdown(records)
