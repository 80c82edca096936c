"""The `llm` tests' fixtures: one real llama.cpp server for the session, and a small index (one
Testdorp plan of three pages, hashing embedder) whose generative answerer asks it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant.answering import make_answerer
from assistant.answering.unit_vectors import UnitVectors
from assistant.core import Assistant
from assistant.evidence import CatalogEvidence
from tests import llm_server
from tests.answering_support import TESTDORP, TESTDORP_PAGES, AnswerWorld, assistant_over

# Generous for a shared 2-core CI machine; a production model server would set it lower.
BUDGET_S = 20.0


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.llm)


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[llm_server.LlamaServer]:
    """The real server; without llama.cpp or the model the test skips (the hanging and the
    stopped server need neither)."""
    reason = llm_server.missing()
    if reason:
        pytest.skip(reason)
    log = tmp_path_factory.mktemp("llama") / "server.log"
    with llm_server.llama_server(llm_server.model_path(), log) as running:
        yield running


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """The small index (a memory store, the hashing embedder), with the extractive answerer."""
    world = AnswerWorld(tmp_path_factory.mktemp("llm-index"))
    world.publish(TESTDORP, TESTDORP_PAGES)
    return assistant_over(world)


def generative(base: Assistant, base_url: str, model: str = "gemma-3-270m", **llm: Any) -> Assistant:
    """`base` with the generative answerer against `base_url` and the given `llm_*` settings."""
    values: dict[str, Any] = {
        "llm": "openai",
        "llm_base_url": base_url,
        "llm_model": model,
        "llm_budget_s": BUDGET_S,
        "llm_system_in_user": True,  # llama.cpp's gemma format drops a system message
        **{f"llm_{k}": v for k, v in llm.items()},
    }
    settings = base.settings.replaced(**values)
    answerer = make_answerer(
        settings, base.retriever, CatalogEvidence(base.catalog), UnitVectors(base.embedder)
    )
    return Assistant(
        settings=settings,
        catalog=base.catalog,
        store=base.store,
        embedder=base.embedder,
        retriever=base.retriever,
        answerer=answerer,
    )
