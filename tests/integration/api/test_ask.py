from __future__ import annotations

from fastapi.testclient import TestClient

from assistant.core import Assistant
from assistant.types import Filters
from tests.api_support import ANSWER_TEXT, DOC, FAIL_WORD, REFUSE_WORD, sse_events


def last_filters(assistant: Assistant) -> Filters | None:
    return assistant.answerer.calls[-1][1]  # type: ignore[attr-defined]


def test_ask_returns_the_answer_contract_plus_filters_and_sources(client: TestClient) -> None:
    response = client.post("/api/ask", json={"question": "Hoeveel budget is er voor jeugdhulp in Testdorp?"})
    assert response.status_code == 200
    body = response.json()
    assert body["answer"] == ANSWER_TEXT
    assert body["refused"] is False
    assert [(c["doc"], c["page"]) for c in body["citations"]] == [(DOC, 2), (DOC, 1)]
    assert "2,4 miljoen euro" in body["citations"][0]["quote"]
    assert body["retrieved"] and {"doc", "page_start", "page_end", "section", "text", "score"} <= set(
        body["retrieved"][0]
    )
    # The municipality the question names is the filter applied (and shown).
    assert body["filters"] == {"municipality": "Testdorp", "year": None, "from_history": False}
    assert body["resolved_question"] == "Hoeveel budget is er voor jeugdhulp in Testdorp?"
    assert body["inherited"] == [] and body["mode"] == "extractive"
    assert body["sources"][DOC]["municipality"] == "Testdorp"
    assert body["latency_ms"] >= 0


def test_ask_passes_filters_to_the_assistant(client: TestClient, assistant: Assistant) -> None:
    body = client.post(
        "/api/ask", json={"question": "Jeugdhulp?", "municipality": "Testdorp", "year": 2022}
    ).json()
    assert body["filters"] == {"municipality": "Testdorp", "year": 2022, "from_history": False}
    assert last_filters(assistant) == Filters(municipalities=("Testdorp",), years=(2022,))


def test_blank_select_values_mean_no_filter(client: TestClient, assistant: Assistant) -> None:
    response = client.post("/api/ask", json={"question": "Jeugdhulp?", "municipality": "", "year": ""})
    assert response.status_code == 200
    assert last_filters(assistant) == Filters()


def test_refusal_is_marked_refused(client: TestClient) -> None:
    body = client.post("/api/ask", json={"question": f"Wat is het budget voor {REFUSE_WORD}?"}).json()
    assert body["refused"] is True
    assert body["citations"] == []
    assert "niet in de documenten" in body["answer"]


def test_follow_up_takes_the_previous_topic_and_municipality(
    client: TestClient, assistant: Assistant
) -> None:
    history = [{"question": "Wat doet Testdorp aan jeugdhulp?", "answer": ANSWER_TEXT}]
    body = client.post("/api/ask", json={"question": "En hoeveel kost dat?", "history": history}).json()
    assert body["filters"] == {"municipality": "Testdorp", "year": None, "from_history": True}
    assert set(body["inherited"]) == {"gemeente", "onderwerp"}
    assert body["resolved_question"].startswith("En hoeveel kost dat? (over: jeugdhulp")
    assert last_filters(assistant) == Filters(municipalities=("Testdorp",))


def test_a_slip_is_read_as_the_corpus_spells_it_and_shown_so(
    client: TestClient, assistant: Assistant
) -> None:
    body = client.post(
        "/api/ask", json={"question": "Hoeveel budget is er voor jeugdhlup in Tetsdorp?"}
    ).json()
    assert body["question"] == "Hoeveel budget is er voor jeugdhlup in Tetsdorp?"
    assert body["resolved_question"] == "Hoeveel budget is er voor jeugdhulp in testdorp?"
    # A slip in the earlier question's topic word is not carried into the follow-up.
    history = [{"question": "Wat doet Testdorp aan jeugdhlup?", "answer": ANSWER_TEXT}]
    body = client.post("/api/ask", json={"question": "En hoeveel kost dat?", "history": history}).json()
    assert body["resolved_question"].startswith("En hoeveel kost dat? (over: jeugdhulp")


def test_follow_up_naming_another_municipality_asks_the_same_of_it(
    client: TestClient, assistant: Assistant
) -> None:
    history = [{"question": "Wat is het budget voor jeugdhulp in Testdorp?"}]
    body = client.post("/api/ask", json={"question": "En in Anderstad?", "history": history}).json()
    assert body["filters"]["municipality"] == "Anderstad" and not body["filters"]["from_history"]
    assert body["resolved_question"] == "Wat is het budget voor jeugdhulp in Anderstad?"
    assert last_filters(assistant) == Filters(municipalities=("Anderstad",))


def test_streaming_sends_retrieval_answer_citations_done_in_order(client: TestClient) -> None:
    with client.stream(
        "POST",
        "/api/ask",
        json={"question": "Budget jeugdhulp Testdorp?"},
        headers={"Accept": "text/event-stream"},
    ) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        body = "".join(response.iter_text())
    events = sse_events(body)
    names = [name for name, _ in events]
    assert names[0] == "retrieval"
    assert names[-2:] == ["citations", "done"]
    assert set(names[1:-2]) == {"answer"} and len(names[1:-2]) > 1
    assert "".join(data["delta"] for name, data in events if name == "answer") == ANSWER_TEXT
    assert events[0][1]["retrieved"]
    assert [c["page"] for c in events[-2][1]["citations"]] == [2, 1]
    assert events[-1][1]["answer"] == ANSWER_TEXT and "filters" in events[-1][1]


def test_streaming_reports_a_failure_as_an_error_event(client: TestClient) -> None:
    response = client.post(
        "/api/ask", json={"question": f"{FAIL_WORD}?"}, headers={"Accept": "text/event-stream"}
    )
    events = sse_events(response.text)
    assert [name for name, _ in events] == ["error"]
    assert "index is leeg" in events[0][1]["detail"]


def test_assistant_errors_are_dutch_and_not_500(client: TestClient) -> None:
    response = client.post("/api/ask", json={"question": f"{FAIL_WORD}?"})
    assert response.status_code == 503
    assert "index is leeg" in response.json()["detail"]


def test_empty_question_is_422_in_dutch(client: TestClient) -> None:
    for payload in ({"question": ""}, {"question": "   "}, {}):
        response = client.post("/api/ask", json=payload)
        assert response.status_code == 422
        assert response.json() == {"detail": "Stel een vraag: het veld 'question' is leeg."}


def test_other_bad_input_is_422_with_the_field_named(client: TestClient) -> None:
    too_long = client.post("/api/ask", json={"question": "x" * 2001})
    assert too_long.status_code == 422 and "te lang" in too_long.json()["detail"]
    bad_year = client.post("/api/ask", json={"question": "Jeugdhulp?", "year": "vorig jaar"})
    assert bad_year.status_code == 422 and "'year'" in bad_year.json()["detail"]
    old_year = client.post("/api/ask", json={"question": "Jeugdhulp?", "year": 1200})
    assert old_year.status_code == 422 and "minimaal 1900" in old_year.json()["detail"]
    not_json = client.post("/api/ask", content=b"{vraag", headers={"Content-Type": "application/json"})
    assert not_json.status_code == 422 and "geen geldige JSON" in not_json.json()["detail"]
