"""The generative mode against a real model server: llama.cpp with Gemma 3 270M on loopback.

A model this small writes nonsense; that is the point. Whatever it says, the answer arrives within
the budget, every citation shown verifies, and a server that fails or hangs ends in the labelled
extractive answer. Where a test needs the model to say something exact (a verbatim quote, the
sentinel, endless text), a GBNF grammar (llama.cpp's `grammar` request field) makes it."""

from __future__ import annotations

import time
from typing import Any

import pytest

from assistant.answering.generative import GenerativeAnswerer
from assistant.core import Assistant
from tests import llm_server
from tests.api_support import ask_streaming
from tests.integration.llm.conftest import BUDGET_S, generative
from tests.processes import free_port

QUESTIONS = [
    "Wat is het budget voor schuldhulpverlening in 2024?",
    "Welke wachttijd wil de gemeente voor schuldhulpverlening?",
    "Hoeveel inwoners begeleidt de gemeente in 2025 naar betaald werk?",
    "Wat waren de uitgaven voor jeugdhulp in 2024?",
    "Hoeveel kost de nieuwe ijsbaan?",
]
BUDGET_Q = QUESTIONS[0]
QUOTE = "Het budget voor schuldhulpverlening bedraagt in 2024 € 1.250.000."
AMOUNT = "1.250.000"
WAIT = "De gemeente wil de wachttijd voor schuldhulpverlening terugbrengen tot vier weken."
FALLBACK_SLACK_S = 3.0  # the extractive answer after a spent budget (one more plan)


def _answerer(assistant: Assistant) -> GenerativeAnswerer:
    assert isinstance(assistant.answerer, GenerativeAnswerer)
    return assistant.answerer


def _force(assistant: Assistant, text: str) -> None:
    """Make the model write exactly `text` (a GBNF grammar of one literal)."""
    chat: Any = _answerer(assistant).llm.chat_model  # type: ignore[attr-defined]
    literal = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    chat.extra_body = {**chat.extra_body, "grammar": f'root ::= "{literal}"'}


def _source(assistant: Assistant, question: str, quote: str) -> int:
    answerer = _answerer(assistant)
    plan = answerer.fallback.planner.plan(assistant.retriever.search(question))
    return next(
        n for n, unit in enumerate(answerer.sources(plan), 1) if quote in " ".join(unit.quote.split())
    )


def _check_citations(assistant: Assistant, answer: Any) -> None:
    for citation in answer.citations:
        page = assistant.catalog.page(citation.doc, citation.page).text
        # A table row is quoted as its cells joined by " | "; the page has them on separate lines.
        assert " ".join(page[citation.start : citation.end].split()) == " ".join(citation.quote.split())


def test_answers_arrive_within_the_budget_and_every_shown_citation_verifies(
    server: llm_server.LlamaServer, base: Assistant
) -> None:
    assistant = generative(base, server.base_url)
    figures = []
    for question in QUESTIONS:
        started = time.monotonic()
        answer, report = _answerer(assistant).answer_with_report(question)
        took = time.monotonic() - started
        assert took <= BUDGET_S + FALLBACK_SLACK_S, (question, took, report.error)
        assert answer.mode in {"generative", "extractive-fallback", "extractive"}
        _check_citations(assistant, answer)
        for claim in report.dropped:
            assert claim.text not in answer.text or answer.mode == "extractive-fallback"
        figures.append((answer.mode, round(took, 1), len(report.raw), len(report.dropped)))
    print("gemma-3-270m:", figures, f"server start {server.started_s:.1f} s")


def test_a_verbatim_quote_is_kept_and_an_invented_one_dropped(
    server: llm_server.LlamaServer, base: Assistant
) -> None:
    assistant = generative(base, server.base_url)
    n = _source(assistant, BUDGET_Q, QUOTE)
    _force(
        assistant,
        f'Er is € 1.250.000 voor schuldhulpverlening. [S{n}: "{QUOTE}"] '
        f'Testdorp bouwt een nieuw zwembad. [S{n}: "de gemeente bouwt in 2024 een nieuw zwembad"]',
    )
    answer, report = _answerer(assistant).answer_with_report(BUDGET_Q)
    assert answer.mode == "generative" and not answer.refused
    assert answer.text == "Er is € 1.250.000 voor schuldhulpverlening. [1]"
    assert [c.page for c in answer.citations] == [1]
    _check_citations(assistant, answer)
    assert [c.text for c in report.dropped] == ["Testdorp bouwt een nieuw zwembad."]


def test_only_invented_claims_give_the_labelled_extractive_answer(
    server: llm_server.LlamaServer, base: Assistant
) -> None:
    assistant = generative(base, server.base_url)
    _force(assistant, 'Testdorp bouwt een zwembad. [S1: "de gemeente bouwt in 2024 een nieuw zwembad"]')
    answer, report = _answerer(assistant).answer_with_report(BUDGET_Q)
    assert answer.mode == "extractive-fallback" and report.fell_back and not report.error
    assert "zwembad" not in answer.text and AMOUNT in answer.text
    _check_citations(assistant, answer)


def test_the_sentinel_gives_an_honest_refusal(server: llm_server.LlamaServer, base: Assistant) -> None:
    assistant = generative(base, server.base_url)
    _force(assistant, "GEEN_ANTWOORD")
    answer, report = _answerer(assistant).answer_with_report(BUDGET_Q)
    assert report.sentinel and answer.refused and answer.mode == "generative"
    assert answer.citations == []


def test_a_spent_budget_ends_in_the_labelled_extractive_answer(
    server: llm_server.LlamaServer, base: Assistant
) -> None:
    assistant = generative(base, server.base_url, budget_s=1.5, max_tokens=900)
    chat: Any = _answerer(assistant).llm.chat_model  # type: ignore[attr-defined]
    chat.extra_body = {**chat.extra_body, "grammar": 'root ::= "bla " root'}  # never ends
    started = time.monotonic()
    answer, report = _answerer(assistant).answer_with_report(BUDGET_Q)
    took = time.monotonic() - started
    assert report.timed_out and answer.mode == "extractive-fallback", report
    assert took <= 1.5 + FALLBACK_SLACK_S
    assert AMOUNT in answer.text


def test_a_server_that_accepts_and_then_hangs_costs_the_budget(base: Assistant) -> None:
    with llm_server.hanging_server() as url:
        assistant = generative(base, url, budget_s=2.0)
        started = time.monotonic()
        answer, report = _answerer(assistant).answer_with_report(BUDGET_Q)
        took = time.monotonic() - started
    assert report.timed_out and answer.mode == "extractive-fallback"
    assert 1.5 <= took <= 2.0 + FALLBACK_SLACK_S
    assert AMOUNT in answer.text and answer.citations


def test_a_server_that_is_down_gives_the_labelled_extractive_answer_and_a_dutch_reason(
    base: Assistant, caplog: pytest.LogCaptureFixture
) -> None:
    assistant = generative(base, f"http://127.0.0.1:{free_port()}/v1")
    started = time.monotonic()
    answer, report = _answerer(assistant).answer_with_report(BUDGET_Q)
    assert time.monotonic() - started < 5  # refused at once, no retry
    assert answer.mode == "extractive-fallback" and AMOUNT in answer.text
    assert "Controleer of de server draait" in report.error and "BELEID_LLM_BASE_URL" in report.error
    assert "Controleer of de server draait" in caplog.text


def test_a_generative_answer_streams_its_verified_claims_then_the_citations(
    server: llm_server.LlamaServer, base: Assistant
) -> None:
    assistant = generative(base, server.base_url)
    n = _source(assistant, BUDGET_Q, QUOTE)
    w = _source(assistant, BUDGET_Q, WAIT)
    _force(
        assistant,
        f'Er is € 1.250.000 voor schuldhulpverlening. [S{n}: "{QUOTE}"] '
        f'De wachttijd gaat naar vier weken. [S{w}: "{WAIT}"]',
    )
    events = ask_streaming(assistant, BUDGET_Q)
    names = [name for name, _ in events]
    done = events[-1][1]
    assert names[-3:] == ["retrieval", "citations", "done"] and done["mode"] == "generative"
    assert set(names[:-3]) == {"answer"} and len(names) > 4  # the text came before the rest
    assert "".join(d["delta"] for name, d in events if name == "answer") == done["answer"]
    assert done["answer"] == (
        "Er is € 1.250.000 voor schuldhulpverlening. [1] De wachttijd gaat naar vier weken. [2]"
    )
    assert len(done["citations"]) == 2


def test_whatever_the_model_writes_the_streamed_text_is_the_answer(
    server: llm_server.LlamaServer, base: Assistant
) -> None:
    events = ask_streaming(generative(base, server.base_url), QUESTIONS[1])
    done = events[-1][1]
    assert events[-1][0] == "done" and done["mode"] in {"generative", "extractive-fallback"}
    assert "".join(d["delta"] for name, d in events if name == "answer") == done["answer"]
