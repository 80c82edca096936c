from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from assistant.core import Assistant
from tests.api_support import DOC, OTHER_DOC


def test_documents_lists_metadata_and_counts(client: TestClient) -> None:
    body = client.get("/api/documents").json()
    assert body["count"] == 2
    docs = {d["doc_id"]: d for d in body["documents"]}
    testdorp = docs[DOC]
    assert testdorp["municipality"] == "Testdorp" and testdorp["year"] == 2022
    assert testdorp["doc_type"] == "beleidsplan" and testdorp["period"] == "2022-2025"
    assert testdorp["pages"] == 2 and testdorp["chunks"] == 2
    assert testdorp["pdf_url"] == f"/api/documents/{DOC}/pdf"
    assert body["chunks"] == sum(d["chunks"] for d in docs.values())


def test_pdf_is_served_inline(client: TestClient) -> None:
    response = client.get(f"/api/documents/{DOC}/pdf")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("inline")
    assert response.content.startswith(b"%PDF-")


def test_unknown_document_is_404_in_dutch(client: TestClient) -> None:
    for path in ("/api/documents/bestaat-niet/pdf", "/api/documents/bestaat-niet/pages/1"):
        response = client.get(path)
        assert response.status_code == 404
        assert "'bestaat-niet' staat niet in de index" in response.json()["detail"]


def test_missing_pdf_file_is_404_not_500(client: TestClient, assistant: Assistant) -> None:
    Path(assistant.catalog.document(OTHER_DOC).path).unlink()
    response = client.get(f"/api/documents/{OTHER_DOC}/pdf")
    assert response.status_code == 404
    assert "niet meer aanwezig" in response.json()["detail"]


def test_page_text_and_quote_offsets(client: TestClient) -> None:
    quote = "reserveert de gemeente   in 2022 een budget van 2,4 miljoen euro"  # spacing differs
    body = client.get(f"/api/documents/{DOC}/pages/2", params={"quote": quote}).json()
    assert body["page"] == 2 and body["pages"] == 2
    start, end = body["match"]["start"], body["match"]["end"]
    assert " ".join(body["text"][start:end].split()) == " ".join(quote.split())


def test_page_without_or_with_unfound_quote(client: TestClient) -> None:
    plain = client.get(f"/api/documents/{DOC}/pages/1").json()
    assert "Testdorp" in plain["text"] and plain["match"] is None and plain["quote"] is None
    missing = client.get(f"/api/documents/{DOC}/pages/1", params={"quote": "staat er niet"}).json()
    assert missing["match"] is None


def test_unknown_page_is_404_and_page_zero_is_422(client: TestClient) -> None:
    response = client.get(f"/api/documents/{DOC}/pages/3")
    assert response.status_code == 404
    assert response.json()["detail"] == f"Pagina 3 van '{DOC}' bestaat niet; het document heeft 2 pagina's."
    zero = client.get(f"/api/documents/{DOC}/pages/0")
    assert zero.status_code == 422 and "'n'" in zero.json()["detail"]
    word = client.get(f"/api/documents/{DOC}/pages/twee")
    assert word.status_code == 422 and "geheel getal" in word.json()["detail"]
