"""Year over year and taakvelden over HTTP, and the question that asks for it in the chat, over a
register with two real tiny budget PDFs of Anderstad (2024, 2025)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from assistant.core import Assistant
from assistant.evidence import CatalogEvidence
from assistant.register.answer import RegisterAnswerer
from assistant.register.store import RegisterStore
from assistant.settings import Settings
from tests.api_support import add_budgets, add_register, fake_ingest


@pytest.fixture
def client(settings: Settings, assistant: Assistant, tmp_path: Path) -> Iterator[TestClient]:
    add_register(assistant, tmp_path / "corpus")
    add_budgets(assistant, tmp_path / "corpus")
    app = create_app(settings, assistant_factory=lambda s: assistant, ingest_factory=fake_ingest)
    with TestClient(app) as test_client:
        yield test_client


def test_changes_between_two_budgets_with_both_sources(client: TestClient) -> None:
    response = client.get("/api/changes", params={"municipality": "anderstad", "from": 2024, "to": 2025})
    assert response.status_code == 200
    body = response.json()
    assert (body["from"], body["to"], body["municipality"]) == (2024, 2025, "Anderstad")
    assert [(i["status"], i["label"]) for i in body["items"]] == [
        ("changed", "Jeugdhulp"), ("added", "Schoolmaatschappelijk werk"), ("removed", "Leerlingenvervoer"),
    ]  # fmt: skip
    changed = body["items"][0]
    assert changed["before"]["amounts"] == {"lasten": 1_200_000.0}
    assert changed["after"]["amounts"] == {"lasten": 1_350_000.0}
    for side in (changed["before"], changed["after"]):
        page = client.get(
            f"/api/documents/{side['doc']}/pages/{side['page']}", params={"quote": side["quote"]}
        )
        assert page.json()["match"] is not None, side


def test_changes_for_a_missing_year_or_a_bad_taakveld_say_what_to_do(client: TestClient) -> None:
    missing = client.get("/api/changes", params={"municipality": "Anderstad", "from": 2020, "to": 2025})
    assert missing.status_code == 404
    assert "Geen begroting 2020 van Anderstad" in missing.json()["detail"]
    assert "wel: 2024, 2025" in missing.json()["detail"]
    bad = client.get(
        "/api/changes", params={"municipality": "Anderstad", "from": 2024, "to": 2025, "taakveld": "x"}
    )
    assert bad.status_code == 422
    assert client.get("/api/changes", params={"municipality": "Anderstad", "from": 2024}).status_code == 422


def test_taakveld_compare_says_why_a_column_is_empty(client: TestClient) -> None:
    body = client.get("/api/taakveld", params={"code": "6.72", "municipalities": "Anderstad,Testdorp"}).json()
    assert body["taakveld"] == {"code": "6.72", "name": "Maatwerkdienstverlening 18-"}
    assert body["cells"]["Testdorp"]["empty"] == "Geen begrotingsregels op taakveld 6.72 bij Testdorp."
    assert client.get("/api/taakveld", params={"code": "jeugd"}).status_code == 422


def test_a_what_changed_question_is_answered_from_both_budgets(
    client: TestClient, settings: Settings, assistant: Assistant
) -> None:
    store = RegisterStore(settings.register_path)
    answerer = RegisterAnswerer(
        store, assistant.answerer, CatalogEvidence(assistant.catalog), assistant.retriever
    )
    answer = answerer.answer("Wat is er veranderd tussen de begroting 2024 en 2025 van Anderstad?")
    assert not answer.refused and answer.mode == "register"
    assert answer.text.startswith("Tussen de begroting 2024 en 2025 van Anderstad: 1 gewijzigd, 1 nieuw")
    assert "Jeugdhulp (P2 Jeugd): lasten € 1.200.000 → lasten € 1.350.000 [1][2]" in answer.text
    docs = [(c.doc, c.page) for c in answer.citations[:2]]
    assert docs == [("anderstad-programmabegroting-2024", 1), ("anderstad-programmabegroting-2025", 1)]
    assert answer.table[0]["2024"] == "lasten € 1.200.000"
    # Without two years it is no changes question.
    assert answerer.changes_asked("Wat is er veranderd in 2025 bij Anderstad?") is None
    # How an indicator or a goal changed is no question about budget lines.
    asked = "Hoe is de peilwaarde voor eenzaamheid veranderd tussen de begroting 2024 en 2025 van Anderstad?"
    assert answerer.changes_asked(asked) is None
    assert answerer.changes_asked("Welke doelen zijn veranderd tussen de begroting 2024 en 2025?") is None
    asked = "Hoe is de WOZ-waarde veranderd tussen de beleidsindicatoren van de begroting 2024 en 2025?"
    assert answerer.changes_asked(asked) is None
    # One thing of its own is asked about, not every budget line; a way of asking is no such thing.
    asked = "Met welke grondprijzenbrief werkt Anderstad? Is dat veranderd tussen de begroting 2024 en 2025?"
    assert answerer.changes_asked(asked) is None
    asked = "Welke posten zijn gewijzigd in de begroting 2025 van Anderstad ten opzichte van 2024?"
    assert answerer.changes_asked(asked) is not None
