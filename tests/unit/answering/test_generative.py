"""The generative answerer: the model writes from the planner's units, the verifier decides what
reaches the user."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.adapters.langchain_llm import LangChainLLM
from assistant.answering.generative import BudgetSpent, GenerativeAnswerer, bounded, parse_claims
from assistant.errors import LLMError
from assistant.prompts import prompt
from assistant.settings import PROJECT_ROOT
from tests.answering_support import TESTDORP, TESTDORP_PAGES, AnswerWorld
from tests.fake_chat import FailingChat, RecordingChat, WordChat

PROMPTS = PROJECT_ROOT / "prompts"
SENTINEL = prompt("cannot_answer_sentinel.txt", PROMPTS)

Q_BUDGET = "Wat is het budget voor schuldhulpverlening in 2024?"
QUOTE_BUDGET = "Het budget voor schuldhulpverlening bedraagt in 2024 € 1.250.000."
QUOTE_WAIT = "De gemeente wil de wachttijd voor schuldhulpverlening terugbrengen tot vier weken."


@pytest.fixture
def built(tmp_path: Path) -> AnswerWorld:
    world = AnswerWorld(tmp_path, llm="openai")
    world.publish(TESTDORP, TESTDORP_PAGES)
    return world


def _answerer(built: AnswerWorld, chat: Any) -> GenerativeAnswerer:
    return GenerativeAnswerer(
        built.settings, built.retriever, built.evidence, LangChainLLM(chat), built.answerer()
    )


def _reply(*responses: str) -> FakeListChatModel:
    return FakeListChatModel(responses=list(responses))


def _number(built: AnswerWorld, question: str, quote: str) -> int:
    """The S-number under which the model is shown the unit holding `quote`."""
    answerer = _answerer(built, _reply(SENTINEL))
    plan = answerer.fallback.planner.plan(built.retriever.search(question))
    units = answerer.sources(plan)
    return next(n for n, u in enumerate(units, 1) if quote in u.quote)


def test_a_cited_answer_keeps_its_verified_citations_and_markers(built: AnswerWorld) -> None:
    s = _number(built, Q_BUDGET, QUOTE_BUDGET)
    w = _number(built, Q_BUDGET, QUOTE_WAIT)
    reply = (
        f'In 2024 is er € 1.250.000 voor schuldhulpverlening. [S{s}: "{QUOTE_BUDGET}"] '
        f'De gemeente wil de wachttijd terugbrengen tot vier weken. [S{w}: "{QUOTE_WAIT}"]'
    )
    answer, report = _answerer(built, _reply(reply)).answer_with_report(Q_BUDGET)
    assert not answer.refused and answer.mode == "generative"
    assert answer.text == (
        "In 2024 is er € 1.250.000 voor schuldhulpverlening. [1] "
        "De gemeente wil de wachttijd terugbrengen tot vier weken. [2]"
    )
    assert [(c.page, c.quote) for c in answer.citations] == [(1, QUOTE_BUDGET), (1, QUOTE_WAIT)]
    assert report.dropped == []


def test_a_claim_with_a_fabricated_quote_is_dropped(built: AnswerWorld) -> None:
    s = _number(built, Q_BUDGET, QUOTE_BUDGET)
    reply = (
        f'Het budget is € 1.250.000. [S{s}: "{QUOTE_BUDGET}"] '
        f'Er komt een nieuw wijkteam in elke kern. [S{s}: "In elke kern komt een nieuw wijkteam."]'
    )
    answer, report = _answerer(built, _reply(reply)).answer_with_report(Q_BUDGET)
    assert answer.text == "Het budget is € 1.250.000. [1]"
    assert [c.text for c in report.dropped] == ["Er komt een nieuw wijkteam in elke kern."]


def test_a_quote_with_a_changed_number_is_fabricated_too(built: AnswerWorld) -> None:
    s = _number(built, Q_BUDGET, QUOTE_BUDGET)
    answer = _answerer(built, _reply(f'Het budget is € 2.500.000. [S{s}: "bedraagt in 2024 € 2.500.000"]'))
    shown = answer.answer(Q_BUDGET)
    # Nothing of the model's held: the extractive answer, labelled as such.
    assert shown.mode == "extractive-fallback" and "2.500.000" not in shown.text
    assert "1.250.000" in shown.text


@pytest.mark.parametrize("reply", [SENTINEL, f"  {SENTINEL}.\n", f'"{SENTINEL}"', f"**{SENTINEL}**"])
def test_the_cannot_answer_sentinel_gives_a_refusal(built: AnswerWorld, reply: str) -> None:
    answer, report = _answerer(built, _reply(reply)).answer_with_report(Q_BUDGET)
    assert answer.refused and report.sentinel and answer.citations == []


def test_a_sentinel_in_passing_drops_that_part_only(built: AnswerWorld) -> None:
    s = _number(built, Q_BUDGET, QUOTE_BUDGET)
    reply = f'Het budget is € 1.250.000. [S{s}: "{QUOTE_BUDGET}"] Over de wachttijd: {SENTINEL} [S{s}]'
    answer, report = _answerer(built, _reply(reply)).answer_with_report(Q_BUDGET)
    assert answer.text == "Het budget is € 1.250.000. [1]"
    assert len(report.dropped) == 1


def test_a_source_without_quote_is_cited_by_the_unit_itself(built: AnswerWorld) -> None:
    question = "Welke wachttijd wil de gemeente voor schuldhulpverlening?"
    w = _number(built, question, QUOTE_WAIT)
    reply = f"De gemeente wil de wachttijd voor schuldhulpverlening naar vier weken terugbrengen. [S{w}]"
    answer = _answerer(built, _reply(reply)).answer(question)
    assert [c.quote for c in answer.citations] == [QUOTE_WAIT]


@pytest.mark.parametrize(
    "reply",
    [
        "De gemeente bouwt een zwembad. [S1]",  # nothing in S1 says so
        'De gemeente bouwt een zwembad. [S1: "de gemeente"]',  # a trivial quote proves nothing
        f'Het budget is € 1.250.000. [S99: "{QUOTE_BUDGET}"]',  # there is no S99
        "Het budget is € 1.250.000.",  # no source at all
    ],
)
def test_claims_without_a_holding_citation_are_dropped(built: AnswerWorld, reply: str) -> None:
    answer, report = _answerer(built, _reply(reply)).answer_with_report(Q_BUDGET)
    assert answer.mode == "extractive-fallback" and report.fell_back
    assert "zwembad" not in answer.text and answer.text.startswith("Het budget voor")
    assert len(report.dropped) == 1


def test_an_llm_error_falls_back_to_the_extractive_answer(built: AnswerWorld) -> None:
    answer, report = _answerer(built, FailingChat(responses=[])).answer_with_report(Q_BUDGET)
    assert report.fell_back and answer.mode == "extractive-fallback"
    assert "1.250.000" in answer.text and not answer.refused


def test_the_prompt_holds_the_selected_units_not_whole_chunks(built: AnswerWorld) -> None:
    chat = RecordingChat(responses=[SENTINEL])
    _answerer(built, chat).answer(Q_BUDGET)
    [(system, user)] = chat.seen
    assert SENTINEL in system.content and '[S2: "' in system.content
    assert Q_BUDGET in user.content
    assert "[S1] Testdorp, Beleidsplan sociaal domein (2024-2027) | blz. 1 | sectie: Schuldhulpverlening" in (
        user.content
    )
    assert QUOTE_BUDGET in user.content
    assert "Participatie" not in user.content.split("Vraag:")[0].split("[S1]")[0]
    assert "{" not in system.content + user.content  # every placeholder was filled


def test_an_unanswerable_question_is_refused_without_asking_the_model(built: AnswerWorld) -> None:
    chat = RecordingChat(responses=["mag niet gevraagd worden"])
    answer = _answerer(built, chat).answer("Hoeveel kost de nieuwe ijsbaan?")
    assert answer.refused
    assert chat.seen == []


def test_parse_claims_reads_quotes_punctuation_and_multiple_sources() -> None:
    claims = parse_claims(
        '- Eerste bewering [S1: "citaat met ] haak"].\n'
        "- Tweede bewering. [S2: „typografisch citaat”] [S3]\n"
        "Derde, zonder citaat [S1, S2]"
    )
    assert [c.text for c in claims] == ["Eerste bewering.", "Tweede bewering.", "Derde, zonder citaat"]
    assert [(r.source, r.quote) for r in claims[0].refs] == [(1, "citaat met ] haak")]
    assert [(r.source, r.quote) for r in claims[1].refs] == [(2, "typografisch citaat"), (3, None)]
    assert [(r.source, r.quote) for r in claims[2].refs] == [(1, None), (2, None)]


# -- bounds, modes and streaming -------------------------------------------------------------


def _budgeted(tmp_path: Path, budget_s: float) -> AnswerWorld:
    world = AnswerWorld(tmp_path, llm="openai", llm_budget_s=budget_s)
    world.publish(TESTDORP, TESTDORP_PAGES)
    return world


def test_claims_stream_one_by_one_once_verified_and_add_up_to_the_answer(built: AnswerWorld) -> None:
    s = _number(built, Q_BUDGET, QUOTE_BUDGET)
    w = _number(built, Q_BUDGET, QUOTE_WAIT)
    reply = (
        f'In 2024 is er € 1.250.000 voor schuldhulpverlening. [S{s}: "{QUOTE_BUDGET}"] '
        f'Er komt een zwembad. [S{s}: "Er komt een zwembad in elke kern."] '
        f'De gemeente wil de wachttijd terugbrengen tot vier weken. [S{w}: "{QUOTE_WAIT}"]'
    )
    shown: list[str] = []
    answer = _answerer(built, WordChat(responses=[reply])).answer(Q_BUDGET, on_text=shown.append)
    assert answer.mode == "generative"
    assert shown == [
        "In 2024 is er € 1.250.000 voor schuldhulpverlening. [1]",
        " De gemeente wil de wachttijd terugbrengen tot vier weken. [2]",
    ]
    assert "".join(shown) == answer.text


def test_a_fallback_streams_the_extractive_text(built: AnswerWorld) -> None:
    shown: list[str] = []
    answer = _answerer(built, FailingChat(responses=[])).answer(Q_BUDGET, on_text=shown.append)
    assert answer.mode == "extractive-fallback" and "".join(shown) == answer.text


def test_a_refusal_before_the_model_is_extractive(built: AnswerWorld) -> None:
    answer = _answerer(built, RecordingChat(responses=["x"])).answer("Hoeveel kost de nieuwe ijsbaan?")
    assert answer.refused and answer.mode == "extractive"


def test_the_sentinel_stops_reading_and_refuses_in_generative_mode(built: AnswerWorld) -> None:
    chat = WordChat(responses=[f"{SENTINEL} " + "bla " * 200], pause=0.01)
    started = time.monotonic()
    answer, report = _answerer(built, chat).answer_with_report(Q_BUDGET)
    assert answer.refused and report.sentinel and answer.mode == "generative"
    assert time.monotonic() - started < 1.5  # did not wait for the 200 words


def test_a_model_that_hangs_costs_the_budget_then_the_labelled_extractive_answer(tmp_path: Path) -> None:
    world = _budgeted(tmp_path, 1.0)
    chat = WordChat(responses=["Het budget is € 1.250.000."], pause=30)
    started = time.monotonic()
    answer, report = _answerer(world, chat).answer_with_report(Q_BUDGET)
    took = time.monotonic() - started
    assert report.timed_out and report.fell_back and answer.mode == "extractive-fallback"
    assert "1.250.000" in answer.text and answer.citations
    assert took < 2.0


def test_when_the_budget_runs_out_midway_the_verified_claims_so_far_stand(tmp_path: Path) -> None:
    world = _budgeted(tmp_path, 2.0)
    s = _number(world, Q_BUDGET, QUOTE_BUDGET)
    reply = f'Het budget is € 1.250.000. [S{s}: "{QUOTE_BUDGET}"] Verder ' + "en nog meer " * 100
    answer, report = _answerer(world, WordChat(responses=[reply], pause=0.05)).answer_with_report(Q_BUDGET)
    assert report.timed_out and answer.mode == "generative"
    assert answer.text == "Het budget is € 1.250.000. [1]"


def test_bounded_passes_pieces_and_errors_through() -> None:
    assert list(bounded(lambda _: iter(["a", "b"]), time.monotonic() + 5)) == ["a", "b"]

    def broken(_: float) -> Iterator[str]:
        yield "a"
        raise LLMError("kapot")

    with pytest.raises(LLMError, match="kapot"):
        list(bounded(broken, time.monotonic() + 5))
    with pytest.raises(BudgetSpent):
        list(bounded(lambda _: iter(["a"]), time.monotonic() - 1))


def test_the_client_gets_the_budget_left_as_its_timeout(built: AnswerWorld) -> None:
    chat = RecordingChat(responses=[SENTINEL])
    llm = LangChainLLM(chat, per_call_timeout=True)
    answerer = GenerativeAnswerer(built.settings, built.retriever, built.evidence, llm, built.answerer())
    answerer.answer(Q_BUDGET)
    [options] = chat.options
    assert 0 < options["timeout"] <= built.settings.llm.budget_s


def test_system_in_user_sends_one_message(tmp_path: Path) -> None:
    world = AnswerWorld(tmp_path, llm="openai", llm_system_in_user=True)
    world.publish(TESTDORP, TESTDORP_PAGES)
    chat = RecordingChat(responses=[SENTINEL])
    _answerer(world, chat).answer(Q_BUDGET)
    [[message]] = chat.seen
    assert SENTINEL in message.content and Q_BUDGET in message.content
