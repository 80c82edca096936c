"""`/api/ask` streams a generative answer claim by claim, each once verified (a fake chat model
that writes word by word; `tests/integration/llm` does the same against a real server)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from assistant.adapters.langchain_llm import LangChainLLM
from assistant.answering.generative import GenerativeAnswerer
from assistant.core import Assistant
from tests.answering_support import TESTDORP, TESTDORP_PAGES, AnswerWorld
from tests.api_support import ask_streaming
from tests.fake_chat import FailingChat, WordChat

QUESTION = "Wat is het budget voor schuldhulpverlening in 2024?"
QUOTE = "Het budget voor schuldhulpverlening bedraagt in 2024 € 1.250.000."


def _assistant(tmp_path: Path, chat: Any) -> Assistant:
    world = AnswerWorld(tmp_path, llm="openai")
    world.publish(TESTDORP, TESTDORP_PAGES)
    answerer = GenerativeAnswerer(
        world.settings, world.retriever, world.evidence, LangChainLLM(chat), world.answerer()
    )
    return Assistant(world.settings, world.catalog, world.store, world.embedder, world.retriever, answerer)


def test_verified_claims_stream_before_retrieval_and_invented_ones_never_show(tmp_path: Path) -> None:
    assistant = _assistant(tmp_path, WordChat(responses=["x"]))
    answerer = assistant.answerer
    assert isinstance(answerer, GenerativeAnswerer)
    plan = answerer.fallback.planner.plan(assistant.retriever.search(QUESTION))
    n = next(i for i, u in enumerate(answerer.sources(plan), 1) if QUOTE in u.quote)
    reply = (
        f'Er is € 1.250.000 voor schuldhulpverlening. [S{n}: "{QUOTE}"] '
        f'Er komt een zwembad. [S{n}: "Er komt een zwembad in elke kern."]'
    )
    answerer.llm = LangChainLLM(WordChat(responses=[reply]))
    events = ask_streaming(assistant, QUESTION)
    names = [name for name, _ in events]
    assert names[-3:] == ["retrieval", "citations", "done"] and set(names[:-3]) == {"answer"}
    streamed = "".join(d["delta"] for name, d in events if name == "answer")
    done = events[-1][1]
    assert streamed == done["answer"] == "Er is € 1.250.000 voor schuldhulpverlening. [1]"
    assert done["mode"] == "generative" and "zwembad" not in json.dumps(events)


def test_a_failing_model_streams_the_labelled_extractive_answer(tmp_path: Path) -> None:
    events = ask_streaming(_assistant(tmp_path, FailingChat(responses=[])), QUESTION)
    done = events[-1][1]
    assert done["mode"] == "extractive-fallback" and "1.250.000" in done["answer"]
    assert "".join(d["delta"] for name, d in events if name == "answer") == done["answer"]
