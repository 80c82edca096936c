"""Bounded requests: every body has a size limit, questions a length cap, and malformed bodies
get one Dutch sentence, never FastAPI's English."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi.testclient import TestClient

from api.schemas import MAX_QUESTION_CHARS
from tests.integration.api.test_uploads import AUTH


def test_an_oversize_json_body_is_413_before_it_is_read(client: TestClient) -> None:
    padding = "x" * (300 * 1024)
    response = client.post("/api/ask", json={"question": "Wat is het budget?", "pad": padding})
    assert response.status_code == 413
    assert "BELEID_MAX_BODY_KB" in response.json()["detail"]


def test_a_chunked_body_without_length_is_counted_and_cut_off(client: TestClient) -> None:
    def stream() -> Iterator[bytes]:
        yield b'{"question": "'
        for _ in range(400):
            yield b"x" * 1024
        yield b'"}'

    response = client.post("/api/ask", content=stream(), headers={"content-type": "application/json"})
    assert response.status_code == 413


def test_a_question_over_the_cap_is_a_dutch_422(client: TestClient) -> None:
    response = client.post("/api/ask", json={"question": "jeugdhulp " * 60})
    assert response.status_code == 422
    assert response.json()["detail"] == f"De vraag is te lang: gebruik hoogstens {MAX_QUESTION_CHARS} tekens."
    assert client.get("/api/search", params={"q": "x" * (MAX_QUESTION_CHARS + 1)}).status_code == 422


def test_a_question_that_is_not_text_says_so(client: TestClient) -> None:
    for question in (5, ["a"], {"q": 1}):
        detail = client.post("/api/ask", json={"question": question}).json()["detail"]
        assert detail.startswith("De vraag moet tekst zijn"), detail


def test_unreadable_bodies_are_answered_in_dutch(client: TestClient) -> None:
    for content_type in ("multipart/form-data", "multipart/form-data; boundary=x"):
        response = client.post(
            "/api/documents", content=b"garbage", headers={**AUTH, "content-type": content_type}
        )
        assert response.status_code == 400
        assert response.json()["detail"].startswith("De aanvraag is niet te lezen"), response.text
    broken = client.post("/api/ask", content=b"{kapot", headers={"content-type": "application/json"})
    assert broken.status_code == 422 and broken.json()["detail"] == "De aanvraag is geen geldige JSON."


def test_normal_questions_still_pass_every_guard(client: TestClient) -> None:
    history = [{"question": "Wat doet Testdorp aan jeugdhulp?", "answer": "a" * 4000}] * 5
    response = client.post("/api/ask", json={"question": "En het budget?", "history": history})
    assert response.status_code == 200, response.text
