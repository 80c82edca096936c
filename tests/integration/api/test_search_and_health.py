from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from assistant.core import Assistant
from tests.api_support import DOC, OTHER_DOC


def test_search_returns_ranked_hits_with_metadata(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "budget jeugdhulp", "k": 3}).json()
    assert body["query"] == "budget jeugdhulp"
    assert 1 <= len(body["hits"]) <= 3
    hit = body["hits"][0]
    assert {"doc", "title", "municipality", "year", "page_start", "pages", "text", "score"} <= set(hit)
    scores = [h["score"] for h in body["hits"]]
    assert scores == sorted(scores, reverse=True)


def test_search_filters_by_municipality_and_year(client: TestClient) -> None:
    only_anderstad = client.get("/api/search", params={"q": "lasten", "municipality": "Anderstad"}).json()
    assert {h["doc"] for h in only_anderstad["hits"]} == {OTHER_DOC}
    assert only_anderstad["filters"]["municipality"] == "Anderstad"
    only_2022 = client.get("/api/search", params={"q": "lasten", "year": 2022}).json()
    assert {h["doc"] for h in only_2022["hits"]} == {DOC}


def test_search_bad_input_is_422_in_dutch(client: TestClient) -> None:
    for params in ({}, {"q": "  "}):
        response = client.get("/api/search", params=params)
        assert response.status_code == 422
        assert response.json()["detail"] == "Geef een zoekterm: de parameter 'q' is leeg."
    too_many = client.get("/api/search", params={"q": "x", "k": 500})
    assert too_many.status_code == 422 and "'k'" in too_many.json()["detail"]


def test_healthz_reports_index_model_and_counts(client: TestClient) -> None:
    body = client.get("/healthz").json()
    assert body == {
        "status": "ok",
        "reason": None,
        "index_loaded": True,
        "model": "hash-64",
        "llm": "none",
        "documents": 2,
        "chunks": 3,
        "uploads_enabled": True,
    }


def test_healthz_is_degraded_with_a_reason_when_the_store_fails(
    client: TestClient, assistant: Assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> list[object]:
        raise RuntimeError("Error finding id 7")

    monkeypatch.setattr(assistant.store, "query", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "degraded" and body["index_loaded"] is False
    assert "zoekindex antwoordt niet" in body["reason"] and "Error finding id 7" in body["reason"]


def test_healthz_is_degraded_when_the_store_lost_the_live_chunks(
    client: TestClient, assistant: Assistant
) -> None:
    for record in assistant.documents():
        assistant.store.delete_version(record.version)
    body = client.get("/healthz").json()
    assert body["status"] == "degraded" and "ingest --rebuild" in body["reason"]


def test_ui_page_inlines_dutch_text_and_sets_csp(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="nl">' in response.text
    assert "__UI_TEXT__" not in response.text and "Geïndexeerde documenten" in response.text
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert client.get("/api/ui-text").json()["nav_compare"] == "Vergelijken"


def test_static_files_and_vendored_pdfjs_are_served(client: TestClient) -> None:
    script = client.get("/static/app.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    pdfjs = client.get("/static/vendor/pdfjs/pdf.min.mjs")
    assert pdfjs.status_code == 200 and "javascript" in pdfjs.headers["content-type"]


def test_openapi_docs_are_available(client: TestClient) -> None:
    docs = client.get("/docs")
    assert docs.status_code == 200 and "script-src 'self';" in docs.headers["content-security-policy"]
    assert "cdn" not in docs.text.lower() and "http" not in docs.text
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/ask", "/api/search", "/api/documents", "/api/jobs/{job_id}", "/healthz"} <= set(paths)


def test_unknown_route_is_404_in_dutch(client: TestClient) -> None:
    response = client.get("/api/bestaat-niet")
    assert response.status_code == 404
    assert response.json()["detail"].startswith("Niet gevonden")
    wrong_method = client.get("/api/ask")
    assert wrong_method.status_code == 405 and "niet toegestaan" in wrong_method.json()["detail"]
