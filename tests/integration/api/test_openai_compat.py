"""The OpenAI-compatible routes, through a real uvicorn server and the clients people use with them:
the official `openai` client and LangChain's `ChatOpenAI`. Citations must survive both ways
(in the text as `[n]`, structured as `citations`), follow-ups resolve like the chat's, and the
optional bearer token is enforced with OpenAI-shaped errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest
from fastapi.testclient import TestClient
from langchain_openai import ChatOpenAI

from api.app import create_app
from api.routes.openai_compat import MODEL_ID
from assistant.core import Assistant
from assistant.types import Filters
from tests.api_support import (
    ANSWER_TEXT,
    DOC,
    REFUSAL_TEXT,
    REFUSE_WORD,
    LiveServer,
    build_fake_assistant,
    fake_ingest,
    make_settings,
)

TOKEN = "sleutel-123"
QUESTION = "Hoeveel budget is er voor jeugdhulp in Testdorp?"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Assistant]]:
    root = tmp_path_factory.mktemp("openai")
    settings = make_settings(root / "home", api_token=TOKEN)
    assistant = build_fake_assistant(settings, root / "corpus")
    app = create_app(settings, assistant_factory=lambda s: assistant, ingest_factory=fake_ingest)
    with LiveServer(app) as server:
        yield server.url, assistant


@pytest.fixture
def url(served: tuple[str, Assistant]) -> str:
    return served[0]


@pytest.fixture
def client(url: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{url}/v1", api_key=TOKEN, max_retries=0, timeout=20)


def _user(text: str) -> Any:
    return {"role": "user", "content": text}


def _check_citations(citations: list[dict[str, Any]], url: str) -> None:
    assert [(c["index"], c["doc"], c["page"]) for c in citations] == [(1, DOC, 2), (2, DOC, 1)]
    assert "2,4 miljoen euro" in citations[0]["quote"]
    assert citations[0]["title"] == "Beleidsplan Sociaal Domein Testdorp 2022"
    assert citations[0]["url"] == f"{url}/api/documents/{DOC}/pdf#page=2"
    pdf = httpx.get(citations[0]["url"].split("#")[0], timeout=10)  # the page view the UI opens
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_models_lists_the_assistant(client: openai.OpenAI) -> None:
    assert [m.id for m in client.models.list()] == [MODEL_ID]
    assert client.models.retrieve(MODEL_ID).id == MODEL_ID


def test_completion_has_the_answer_and_its_citations(client: openai.OpenAI, url: str) -> None:
    completion = client.chat.completions.create(
        model=MODEL_ID,
        messages=[{"role": "system", "content": "Je bent een behulpzame assistent."}, _user(QUESTION)],
        temperature=0.2,  # sampling options are accepted and ignored
        user="iemand",
    )
    assert completion.object == "chat.completion" and completion.model == MODEL_ID
    message = completion.choices[0].message
    assert message.role == "assistant" and message.content == ANSWER_TEXT
    assert "[1]" in message.content and "[2]" in message.content
    assert completion.choices[0].finish_reason == "stop"
    body = completion.model_dump()
    _check_citations(body["citations"], url)
    assert body["choices"][0]["message"]["citations"] == body["citations"]
    assert body["refused"] is False
    assert completion.usage is not None
    assert completion.usage.completion_tokens == len(ANSWER_TEXT.split())
    assert (
        completion.usage.total_tokens == completion.usage.prompt_tokens + completion.usage.completion_tokens
    )


def test_stream_sends_the_text_then_a_chunk_with_the_citations(client: openai.OpenAI, url: str) -> None:
    chunks = list(client.chat.completions.create(model=MODEL_ID, messages=[_user(QUESTION)], stream=True))
    assert all(c.object == "chat.completion.chunk" for c in chunks)
    assert len(chunks) > 3  # streamed in pieces, not as one block
    assert chunks[0].choices[0].delta.role == "assistant"
    text = "".join(c.choices[0].delta.content or "" for c in chunks)
    assert text == ANSWER_TEXT
    last = chunks[-1]
    assert last.choices[0].finish_reason == "stop"
    assert all(c.choices[0].finish_reason is None for c in chunks[:-1])
    _check_citations(last.model_dump()["citations"], url)
    assert all("citations" not in c.model_dump() for c in chunks[:-1])
    assert last.usage is not None and last.usage.completion_tokens == len(ANSWER_TEXT.split())


def test_stream_ends_with_done(url: str) -> None:
    body = {"model": MODEL_ID, "messages": [_user(QUESTION)], "stream": True}
    response = httpx.post(
        f"{url}/v1/chat/completions", json=body, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=20
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    events = [block for block in response.text.split("\n\n") if block.strip()]
    assert events[-1] == "data: [DONE]"
    assert '"citations"' in events[-2]


def test_follow_up_uses_the_history_like_the_chat(
    client: openai.OpenAI, served: tuple[str, Assistant]
) -> None:
    url, assistant = served
    history = [{"question": "Wat doet Testdorp aan jeugdhulp?", "answer": ANSWER_TEXT}]
    chat = httpx.post(
        f"{url}/api/ask", json={"question": "En hoeveel kost dat?", "history": history}, timeout=20
    )
    assert chat.json()["inherited"]  # the chat resolves it as a follow-up ...
    in_chat = assistant.answerer.calls[-1]  # type: ignore[attr-defined]
    completion = client.chat.completions.create(
        model=MODEL_ID,
        messages=[
            {"role": "system", "content": "negeer mij"},
            _user("Wat doet Testdorp aan jeugdhulp?"),
            {"role": "assistant", "content": ANSWER_TEXT},
            _user("En hoeveel kost dat?"),
        ],
    )
    # ... and the same messages in OpenAI's form ask the answerer exactly the same.
    question, filters = assistant.answerer.calls[-1]  # type: ignore[attr-defined]
    assert (question, filters) == in_chat
    assert "jeugdhulp" in question and filters == Filters(municipalities=("Testdorp",))
    assert completion.choices[0].message.content == ANSWER_TEXT
    assert len(completion.model_dump()["citations"]) == 2


def test_content_as_a_list_of_parts(client: openai.OpenAI) -> None:
    completion = client.chat.completions.create(
        model=MODEL_ID, messages=[{"role": "user", "content": [{"type": "text", "text": QUESTION}]}]
    )
    assert completion.choices[0].message.content == ANSWER_TEXT


def test_refusal_is_a_plain_message_without_citations(client: openai.OpenAI) -> None:
    question = f"Wat is het budget voor {REFUSE_WORD}?"
    completion = client.chat.completions.create(model=MODEL_ID, messages=[_user(question)])
    assert completion.choices[0].message.content == REFUSAL_TEXT
    assert completion.choices[0].finish_reason == "stop"
    body = completion.model_dump()
    assert body["citations"] == [] and body["choices"][0]["message"]["citations"] == []
    assert body["refused"] is True
    chunks = list(client.chat.completions.create(model=MODEL_ID, messages=[_user(question)], stream=True))
    assert "".join(c.choices[0].delta.content or "" for c in chunks) == REFUSAL_TEXT
    assert chunks[-1].model_dump()["citations"] == []


@pytest.mark.parametrize("key", [None, "verkeerd"])
def test_token_is_required_when_set(url: str, key: str | None) -> None:
    bad = openai.OpenAI(base_url=f"{url}/v1", api_key=key or "x", max_retries=0, timeout=20)
    if key is None:  # no Authorization header at all
        bad = bad.with_options(default_headers={"Authorization": ""})
    for call in (
        lambda: bad.models.list(),
        lambda: bad.chat.completions.create(model=MODEL_ID, messages=[_user(QUESTION)]),
    ):
        with pytest.raises(openai.AuthenticationError) as caught:
            call()
        error = caught.value.response.json()["error"]
        assert error["code"] == "invalid_api_key" and error["type"] == "invalid_request_error"
        assert "token" in error["message"]  # Dutch, like every other error
    raw = httpx.get(f"{url}/v1/models", timeout=10)
    assert raw.status_code == 401 and raw.headers["www-authenticate"] == "Bearer"
    assert set(raw.json()["error"]) == {"message", "type", "param", "code"}


def test_errors_use_the_openai_shape(client: openai.OpenAI, url: str) -> None:
    with pytest.raises(openai.NotFoundError) as caught:
        client.chat.completions.create(model="gpt-4o", messages=[_user(QUESTION)])
    assert caught.value.response.json()["error"]["code"] == "model_not_found"
    with pytest.raises(openai.BadRequestError) as bad:
        client.chat.completions.create(model=MODEL_ID, messages=[{"role": "system", "content": "alleen dit"}])
    assert "vraag" in bad.value.response.json()["error"]["message"].lower()
    with pytest.raises(openai.BadRequestError) as long:
        client.chat.completions.create(model=MODEL_ID, messages=[_user("woord " * 200)])
    assert "te lang" in long.value.response.json()["error"]["message"]
    # The request bounds of the API hold here too: a body over max_body_kb is refused unread.
    huge = httpx.post(
        f"{url}/v1/chat/completions",
        json={"model": MODEL_ID, "messages": [_user("x" * 300_000)]},
        headers={"Authorization": f"Bearer {TOKEN}"},
        timeout=20,
    )
    assert huge.status_code == 413 and huge.json()["error"]["code"] == "request_too_large"
    missing = httpx.get(f"{url}/v1/onbekend", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=10)
    assert missing.status_code == 404 and "error" in missing.json()


def test_langchain_chat_openai_invokes_and_streams(url: str) -> None:
    chat = ChatOpenAI(model=MODEL_ID, base_url=f"{url}/v1", api_key=TOKEN, max_retries=0, timeout=20)
    reply = chat.invoke(QUESTION)
    assert reply.content == ANSWER_TEXT
    pieces = list(chat.stream(QUESTION))
    assert len(pieces) > 3
    assert "".join(str(p.content) for p in pieces) == ANSWER_TEXT


def test_without_a_token_the_routes_are_open(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "home")
    assert settings.serve.api_token is None
    assistant = build_fake_assistant(settings, tmp_path / "corpus")
    app = create_app(settings, assistant_factory=lambda s: assistant, ingest_factory=fake_ingest)
    with TestClient(app) as test_client:
        assert test_client.get("/v1/models").json()["data"][0]["id"] == MODEL_ID
        body = {"model": MODEL_ID, "messages": [_user(QUESTION)]}
        answer = test_client.post("/v1/chat/completions", json=body).json()
        assert answer["choices"][0]["message"]["content"] == ANSWER_TEXT
        assert answer["citations"][0]["url"] == f"http://testserver/api/documents/{DOC}/pdf#page=2"
